// The EASC benchmark's bookkeeping on a dataset small enough to score by hand.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, formatEascTable, loadEasc, runEasc, seededRandom, topicRange, type EascTopic } from '../src/eval/easc.ts';
import { packInOrder } from '../src/summary/budget.ts';

const ARTICLE = 'سافر أحمد إلى القاهرة بالقطار.\nزار المتحف المصري الكبير صباحا.\nعاد أحمد إلى بيته مساء الجمعة.';
const FIRST = 'سافر أحمد إلى القاهرة بالقطار.';
const topics: EascTopic[] = [
  // Both people kept the first sentence: the lead matches them exactly.
  { topic: 'T1', title: 't1', article: ARTICLE, summaries: [FIRST, FIRST] },
  // They kept the other two: the lead shares nothing with either, nor do they with each other.
  { topic: 'T2', title: 't2', article: ARTICLE, summaries: ['زار المتحف المصري الكبير صباحا.', 'عاد أحمد إلى بيته مساء الجمعة.'] },
];

const dir = mkdtempSync(join(tmpdir(), 'eval-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runEasc', () => {
  const report = runEasc(topics);
  const result = (system: string) => report.results.find((r) => r.system === system)!;

  it('scores the lead baseline against each reference, then averages over articles', () => {
    // T1: budget 5, the lead is the first sentence (5 words): F1 1 against both references.
    // T2: budget 5.5, so the second sentence joins (the last may overshoot): 10 words.
    //   against "زار ..." (5 words): ROUGE-1 P 5/10 R 5/5; ROUGE-2 P 4/9 R 4/4
    //   against "عاد أحمد إلى ..." (6 words): ROUGE-1 P 2/10 R 2/6; ROUGE-2 ("أحمد إلى") P 1/9 R 1/5
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    const t2Rouge1 = (f1(5 / 10, 1) + f1(2 / 10, 2 / 6)) / 2;
    const t2Rouge2 = (f1(4 / 9, 1) + f1(1 / 9, 1 / 5)) / 2;
    expect(result('lead').rouge1).toBeCloseTo((1 + t2Rouge1) / 2, 6);
    expect(result('lead').rouge2).toBeCloseTo((1 + t2Rouge2) / 2, 6);
    expect(result('lead').words).toBeCloseTo((5 + 10) / 2);
  });

  it('scores each human summary against the others', () => {
    // T1: identical summaries agree fully; T2: the two share no word.
    expect(result('humans').rouge1).toBeCloseTo(0.5, 6);
    expect(result('humans').rouge2).toBeCloseTo(0.5, 6);
  });

  it('uses the mean human length as the budget and reports every system', () => {
    expect(report.articles).toBe(2);
    expect(report.budget).toBeCloseTo((5 + 5.5) / 2);
    expect(report.results.map((r) => r.system)).toEqual(['summariser', 'lead', 'random', 'humans']);
    expect(formatEascTable(report).split('\n')).toHaveLength(7);
  });

  it('is repeatable: the random baseline is seeded', () => {
    expect(runEasc(topics, 3)).toMatchObject({ results: runEasc(topics, 3).results });
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('skips articles that have no text', () => {
    expect(runEasc([...topics, { topic: 'T3', title: '', article: '  ', summaries: ['x', 'y'] }]).skipped).toBe(1);
  });
});

describe('packInOrder (the budget rule every system shares)', () => {
  const size = (words: number) => ({ words, sentences: 1 });
  it('adds sentences while the summary is under budget, so the last may overshoot', () => {
    expect(packInOrder([4, 4, 4], size, { kind: 'words', words: 5 })).toEqual([4, 4]);
    expect(packInOrder([4, 4, 4], size, { kind: 'words', words: 4 })).toEqual([4]);
  });
  it('takes the first unit alone for a budget of 0', () => {
    expect(packInOrder([7, 2], size, { kind: 'words', words: 0 })).toEqual([7]);
  });
  it('counts sentences for sentence budgets', () => {
    expect(packInOrder([9, 9, 9, 9], size, { kind: 'sentences', sentences: 3 })).toEqual([9, 9, 9]);
  });
});

describe('topicRange (tune on one part of the data, check on another)', () => {
  const many = Array.from({ length: 6 }, (_, i) => ({ ...topics[0]!, topic: `T${i + 1}` }));
  it('keeps topics FROM to TO, 1-based and inclusive', () => {
    expect(topicRange('2-4', many).map((t) => t.topic)).toEqual(['T2', 'T3', 'T4']);
    expect(topicRange('5-100', many).map((t) => t.topic)).toEqual(['T5', 'T6']);
  });
  it('refuses ranges it cannot read', () => {
    for (const spec of ['0-3', '4-2', '3', 'a-b', '']) expect(() => topicRange(spec, many)).toThrow(DatasetError);
  });
});

describe('loadEasc and the eval command', () => {
  it('refuses a file that is not an EASC dataset', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"rows": []}');
    expect(() => loadEasc(path)).toThrow(DatasetError);
    expect(() => loadEasc(join(dir, 'missing.json'))).toThrow(DatasetError);
  });

  it('prints the table, or JSON, for a dataset file (spawned)', async () => {
    const path = join(dir, 'tiny.json');
    writeFileSync(path, JSON.stringify({ source: 'test', topics }));
    const runEval = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'src/cli/eval-summary.ts', '--parts', 'easc', '--lexical', ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
        );
      });
    const [table, json, missing, part, badPart, badParts] = await Promise.all([
      runEval(['--dataset', path]),
      runEval(['--dataset', path, '--json']),
      runEval(['--dataset', join(dir, 'absent.json')]),
      runEval(['--dataset', path, '--json', '--topics', '2-2']),
      runEval(['--dataset', path, '--topics', 'first']),
      runEval(['--dataset', path, '--parts', 'easc,everything']),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\| lead +\| 0\.\d{3}/);
    expect(JSON.parse(json.stdout).articles).toBe(2);
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain('skipping');
    expect(JSON.parse(part.stdout).articles).toBe(1);
    expect(badPart.code).toBe(2);
    expect(badPart.stderr).toContain('--topics');
    expect(badParts.code).toBe(2);
    expect(badParts.stderr).toContain('--parts');
    // both halves are reported beside the whole
    expect(JSON.parse(json.stdout).halves.map((h: { articles: number }) => h.articles)).toEqual([1, 1]);
  });
});
