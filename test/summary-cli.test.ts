// The summary command line: options, JSON, batches with bad lines, and bad input, as people and scripts use it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSummary } from '../src/cli/summary-command.ts';
import { loadArticle } from '../src/text/article.ts';

const SEED = 'articles/xi-putin-visit.ar.txt';
const seed = loadArticle(SEED);
const dir = mkdtempSync(join(tmpdir(), 'cli-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSummary(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function jsonLines(text: string): Record<string, any>[] {
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

describe('summary command', () => {
  it('prints quoted sentences with their ids', async () => {
    const { code, stdout } = await run(['--length', 'short']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const match = /^\[(\d+\.\d+)\] (.+)$/.exec(line)!;
      expect(seed.sentences.find((s) => s.id === match[1])!.text).toBe(match[2]);
    }
  });

  it('prints one JSON object with --json, quotes exact', async () => {
    const { code, stdout } = await run(['--words', '40', '--json']);
    expect(code).toBe(0);
    const [record] = jsonLines(stdout);
    expect(record!.article).toBe('xi-putin-visit.ar');
    expect(record!.citations.length).toBeGreaterThan(0);
    for (const c of record!.citations) expect(seed.text.slice(c.start, c.end)).toBe(c.text);
  });

  it('explains a topic the article does not cover, and still succeeds', async () => {
    const { code, stdout } = await run(['--topic', 'Brazil', '--json']);
    expect(code).toBe(0);
    const [record] = jsonLines(stdout);
    expect(record).toMatchObject({ topicFound: false, citations: [] });
    expect(record!.summary).toContain('Brazil');
  });

  it('finds a topic named in English that the article writes in Arabic', async () => {
    const [record] = jsonLines((await run(['--topic', 'Ukraine', '--json'])).stdout);
    expect(record).toMatchObject({ topicFound: true });
    expect(record!.citations.some((c: { text: string }) => c.text.includes('أوكرانيا'))).toBe(true);
  });

  it('refuses bad options with exit status 2', async () => {
    for (const args of [['--words', 'abc'], ['--words', '-3'], ['--length', 'huge'], ['--length', 'short', '--words', '9'], ['--nope']]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^error: /);
    }
  });

  it('refuses an empty or missing article with exit status 1', async () => {
    for (const path of [file('empty.txt', ''), join(dir, 'missing.txt')]) {
      const { code, stderr } = await run(['--article', path]);
      expect(code).toBe(1);
      expect(stderr).toContain(path);
    }
  });

  it('answers a batch line by line, reporting bad lines and going on', async () => {
    const other = file('other.ar.txt', 'انعقد المؤتمر الدولي للطاقة في القاهرة.\nوناقش المشاركون مستقبل الطاقة المتجددة.\n');
    const batch = file(
      'batch.jsonl',
      [
        JSON.stringify({ id: 'a', length: 'short' }),
        '{not json',
        JSON.stringify({ id: 'b', article: other, words: 1000 }),
        JSON.stringify({ id: 'c', words: 'many' }),
        '',
        JSON.stringify({ id: 7, topic: 'أوكرانيا' }),
        JSON.stringify({ id: 'd', article: join(dir, 'missing.txt') }),
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run(['--batch', batch]);
    expect(code).toBe(0);
    const records = jsonLines(stdout);
    expect(records.map((r) => r.id ?? null)).toEqual(['a', null, 'b', 'c', '7', 'd']);
    expect(records[0]!.citations.length).toBeLessThanOrEqual(3);
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining('not valid JSON') });
    expect(records[2]!.citations.map((c: { id: string }) => c.id)).toEqual(['1.1', '2.1']);
    expect(records[3]).toMatchObject({ line: 4, error: expect.stringContaining('words') });
    expect(records[4]!.topicFound).toBe(true);
    expect(records[5]).toMatchObject({ line: 7, error: expect.stringContaining('does not exist') });
    expect(stderr.match(/^warning: /gm)).toHaveLength(3);
  });

  it('runs as npm run summary does (spawned)', async () => {
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'src/cli/summary.ts', '--topic', 'أوكرانيا', '--json'], { timeout: 20_000 }, (error, stdout) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout }),
      );
    });
    expect(result.code).toBe(0);
    const [record] = jsonLines(result.stdout);
    expect(record!.topicFound).toBe(true);
    for (const c of record!.citations) expect(seed.text.slice(c.start, c.end)).toBe(c.text);
  });
});
