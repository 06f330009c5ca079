// The ask command line as people and scripts use it: spawned as a process, checked on stdout, stderr and exit status.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsk } from '../src/cli/ask-command.ts';
import { indexName } from '../src/index/article-index.ts';
import { parseJsonLines, readBatchFile } from '../src/cli/batch.ts';
import { loadArticle } from '../src/text/article.ts';

const SEED = 'articles/xi-putin-visit.ar.txt';
const seed = loadArticle(SEED);
const dir = mkdtempSync(join(tmpdir(), 'cli-ask-'));
const indexDir = join(dir, 'embeddings');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ask(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/ask.ts', ...args],
      { env: { ...process.env, EMBEDDINGS_DIR: indexDir, ...env }, timeout: 20_000, maxBuffer: 10_000_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface Quote {
  id: string;
  start: number;
  end: number;
  text: string;
}

/** The invariant, checked on what the process printed. */
function expectExactQuotes(articleText: string, citations: Quote[]): void {
  for (const c of citations) expect(articleText.slice(c.start, c.end), c.id).toBe(c.text);
}

/** The same command in this process: for the many input checks, where a process per case would be slow. */
async function askHere(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAsk(['--index-dir', indexDir, ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

const oneLineError = (run: Run) => run.stderr.split('\n').find((line) => line.startsWith('error: ')) ?? '';

const TINY_ARTICLE = 'افتتحت البلدية مكتبة عامة جديدة في وسط المدينة يوم الأحد.\nتضم المكتبة عشرين ألف كتاب وقاعة للأطفال. وتفتح أبوابها من التاسعة صباحا.\n';

describe('ask: answers', () => {
  it('prints one JSON object on stdout with --json, logs only on stderr', async () => {
    const run = await ask(['--json', 'متى سيزور شي جين بينغ روسيا؟']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const answer = JSON.parse(run.stdout);
    expect(Object.keys(answer).sort()).toEqual(['answer', 'answered', 'citations', 'question']);
    expect(answer.question).toBe('متى سيزور شي جين بينغ روسيا؟');
    expect(answer.answered).toBe(true);
    expect(answer.citations.map((c: Quote) => c.id)).toContain('1.1');
    expectExactQuotes(seed.text, answer.citations);
    expect(run.stderr).not.toContain('error');
    // the index was saved where we asked, not in the project
    expect(readdirSync(indexDir)).toContain(indexName(seed));
  });

  it('prints a readable lead and numbered quotes with their ids', async () => {
    const run = await ask(['كم', 'مرة', 'التقى', 'شي', 'وبوتين؟']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]!.length).toBeGreaterThan(0);
    const quotes = lines.filter((line) => /^\d+\. \[\d+\.\d+\] /.test(line));
    expect(quotes.length).toBeGreaterThanOrEqual(1);
    expect(quotes[0]).toBe(`1. [16.2] ${seed.sentences.find((s) => s.id === '16.2')!.text}`);
  });

  it('answers about another article with --article, and says so when it is not in it', async () => {
    const article = file('library.txt', TINY_ARTICLE);
    const found = await askHere(['--json', '--article', article, 'كم كتاب في المكتبة؟']);
    expect(found.code).toBe(0);
    const answer = JSON.parse(found.stdout);
    expect(answer.answered).toBe(true);
    expect(answer.citations[0].id).toBe('2.1');
    expectExactQuotes(TINY_ARTICLE, answer.citations);

    const missing = await askHere(['--article', article, 'Who won the football match?']);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toMatch(/not in the article/i);
    expect(missing.stdout).not.toMatch(/\[\d+\.\d+\]/);
  });

  it('still answers when the saved index is corrupt, rebuilding it with a log line', async () => {
    const brokenStore = join(dir, 'broken-store');
    const brokenManifest = join(dir, 'broken-manifest');
    // built by the command itself, so with whatever embedder it is configured to use
    for (const base of [brokenStore, brokenManifest]) expect((await ask(['--json', '--index-dir', base, 'متى؟'])).code).toBe(0);
    const overwrite = (base: string, pattern: RegExp) => {
      const store = join(base, indexName(seed));
      const names = (readdirSync(store, { recursive: true }) as string[]).filter((name) => pattern.test(name));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) writeFileSync(join(store, name), 'not an index');
    };
    overwrite(brokenStore, /\.(index|f32)$/); // vector store files: flat (vectors.f32) or HNSW
    overwrite(brokenManifest, /manifest\.json$/);

    const runs = await Promise.all(
      [brokenStore, brokenManifest].map((base) => ask(['--json', '--index-dir', base, 'متى سيزور شي روسيا؟'])),
    );
    for (const run of runs) {
      expect(run.code).toBe(0);
      // 1.1 ("next week") and 15.2 (the invitation) both answer it
      expect(['1.1', '15.2']).toContain(JSON.parse(run.stdout).citations[0].id);
      expect(run.stderr).toMatch(/corrupt.*rebuild/i);
    }
  });
});

describe('ask: batch', () => {
  it('answers every good line, reports bad lines, and indexes each article once', async () => {
    // a text of its own (indexes are named by text), so this run is the one that builds its index
    const other = file('batch-library.txt', `${TINY_ARTICLE}\n`);
    const lines = [
      JSON.stringify({ id: 'q1', question: 'متى سيزور شي جين بينغ روسيا؟' }),
      '{ this is not json',
      JSON.stringify({ id: 'q3', question: 'كم كتاب في المكتبة؟', article: other }),
      JSON.stringify({ id: 'q4' }),
      '',
      JSON.stringify({ id: 'q6', question: 'متى تفتح المكتبة؟', article: other }),
      JSON.stringify({ id: 'q7', question: 'من أين؟', article: join(dir, 'no-such-article.txt') }),
      JSON.stringify({ id: 'q8', question: '   ' }),
      JSON.stringify({ id: 'q9', question: 'ب'.repeat(5_000) }),
      JSON.stringify({ id: 10, question: '🙂🙂 qwzx blorft?' }),
      JSON.stringify({ id: 'q11', question: 'ما هو الذي في؟' }),
      '[1, 2]',
    ];
    const run = await ask(['--batch', file('batch.jsonl', `${lines.join('\n')}\n`)]);
    expect(run.code).toBe(0);
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out.map((o) => o.id ?? `line ${o.line}`)).toEqual(['q1', 'line 2', 'q3', 'q4', 'q6', 'q7', 'q8', 'q9', '10', 'q11', 'line 12']);

    const byId = new Map(out.map((o) => [o.id ?? `line ${o.line}`, o]));
    expect(byId.get('q1').answered).toBe(true);
    expectExactQuotes(seed.text, byId.get('q1').citations);
    expect(byId.get('q3').citations[0].id).toBe('2.1');
    expect(byId.get('q6').answered).toBe(true);
    expect(byId.get('q6').citations.map((c: Quote) => c.id).every((id: string) => id.startsWith('2.'))).toBe(true);
    expectExactQuotes(TINY_ARTICLE, [...byId.get('q3').citations, ...byId.get('q6').citations]);

    expect(byId.get('line 2').error).toMatch(/line 2 is not valid JSON/);
    expect(byId.get('q4').error).toMatch(/missing "question"/);
    expect(byId.get('q7').error).toMatch(/does not exist/);
    expect(byId.get('q8').error).toMatch(/question has no words/);
    // one policy everywhere: a very long question is answered from its first 1,000 characters, and says so
    expect(byId.get('q9')).toMatchObject({ shortened: true, question: 'ب'.repeat(1_000) });
    expect(byId.get('line 12').error).toMatch(/not a JSON object/);
    // unusable questions are answered with a clear "cannot answer", not an error
    for (const id of ['10', 'q11']) {
      expect(byId.get(id).answered, id).toBe(false);
      expect(byId.get(id).citations, id).toEqual([]);
      expect(byId.get(id).answer.length, id).toBeGreaterThan(0);
    }

    for (const n of [2, 4, 7, 8, 12]) expect(run.stderr).toContain(`warning: line ${n}`);
    const builds = run.stderr.split('\n').filter((line) => line.includes('batch-library') && /building/.test(line));
    expect(builds).toHaveLength(1);
  });
});

describe('batch files', () => {
  const needsQuestion = (record: Record<string, unknown>) =>
    typeof record.question === 'string' ? { question: record.question } : 'missing "question" (a string)';

  it('parses line by line, keeping line numbers, skipping blank lines and tolerating CRLF', () => {
    const lines = parseJsonLines('{"question":"أ"}\r\n\r\n  \n{"id":7}\n"text"\n{"question":"ب"}', needsQuestion);
    expect(lines).toEqual([
      { line: 1, value: { question: 'أ' } },
      { line: 4, id: '7', error: 'line 4: missing "question" (a string)' },
      { line: 5, error: 'line 5 is not a JSON object' },
      { line: 6, value: { question: 'ب' } },
    ]);
  });

  it('reads a file with a byte-order mark and refuses one that is not UTF-8', () => {
    expect(readBatchFile(file('bom.jsonl', '\ufeff{"question":"أ"}\n'))).toBe('{"question":"أ"}\n');
    expect(() => readBatchFile(file('latin1.jsonl', Buffer.from([0x7b, 0xe9, 0x7d])))).toThrow(/not valid UTF-8/);
  });
});

describe('ask: bad input', () => {
  it('exits 2 with one clear line when there is no question, and 1 when the article is missing', async () => {
    const [none, missing] = await Promise.all([ask([]), ask(['--article', join(dir, 'missing.txt'), 'سؤال'])]);
    expect(none.code).toBe(2);
    expect(oneLineError(none)).toMatch(/No question given/);
    expect(missing.code).toBe(1);
    expect(oneLineError(missing)).toMatch(/does not exist/);
    for (const run of [none, missing]) expect(run.stdout).toBe('');
  });

  it('prints help and exits 0', async () => {
    const run = await askHere(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--batch FILE');
  });

  it('refuses command lines it cannot use with exit status 2 and one clear line', async () => {
    const cases: [string[], RegExp][] = [
      [[], /No question given/],
      [['   '], /question has no words/],
      [['--frobnicate', 'سؤال'], /Unknown option '--frobnicate'/],
      [['--batch', 'x.jsonl', 'سؤال'], /either a question or --batch/],
    ];
    for (const [args, message] of cases) {
      const run = await askHere(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(oneLineError(run)).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('answers a very long question from its first 1,000 characters and says so', async () => {
    const long = `متى سيزور شي روسيا؟ ${'و'.repeat(5_000)}`;
    const text = await askHere([long]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('only its first 1,000 were answered');
    const json = await askHere(['--json', long]);
    expect(JSON.parse(json.stdout)).toMatchObject({ shortened: true, answered: true });
  });

  it('with --json, still prints the answer object (answered: false) for a question it cannot use', async () => {
    const run = await askHere(['--json', '   ']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ question: '   ', answered: false, answer: expect.stringMatching(/question has no words/), citations: [] });
  });

  it('refuses articles and batch files it cannot read with exit status 1 and one clear line', async () => {
    const cases: [string[], RegExp][] = [
      [['--article', join(dir, 'missing.txt'), 'سؤال'], /does not exist/],
      [['--article', dir, 'سؤال'], /not a file/],
      [['--article', file('empty.txt', ''), 'سؤال'], /is empty/],
      [['--article', file('blank.txt', '\n \n'), 'سؤال'], /is empty/],
      [['--article', file('binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])), 'سؤال'], /looks binary/],
      [['--article', file('cp1256.txt', Buffer.from([0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x2e])), 'سؤال'], /not valid UTF-8/],
      [['--batch', join(dir, 'missing.jsonl')], /batch file .* does not exist/],
      [['--batch', file('ok.jsonl', '{"question":"سؤال"}\n'), '--article', join(dir, 'gone.txt')], /does not exist/],
    ];
    for (const [args, message] of cases) {
      const run = await askHere(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(oneLineError(run)).toMatch(message);
      expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    }
  });

  it('answers gibberish and stopword-only questions with a clear message; emoji alone have no words to ask', async () => {
    const emoji = await askHere(['🙂🙃🎉']);
    const gibberish = await askHere(['qwzx blorft zzkq?']);
    const stopwords = await askHere(['--json', 'ما هو الذي في؟']);
    for (const run of [gibberish, stopwords]) expect(run.code).toBe(0);
    // as in Discord, where a mention with no letter or digit gets a ❓: nothing to search for
    expect(emoji.code).toBe(2);
    expect(emoji.stderr).toMatch(/no words/i);
    expect(gibberish.stdout).toMatch(/not in the article/i);
    const answer = JSON.parse(stopwords.stdout);
    expect(answer.answered).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toMatch(/[\u0600-\u06FF]/); // framed in Arabic, like the question
  });
});
