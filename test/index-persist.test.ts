import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { indexName, openArticleIndex } from '../src/index/article-index.ts';
import { LexicalEmbeddings } from '../src/index/lexical-embeddings.ts';
import { retrieveEvidence } from '../src/qa/retrieve.ts';
import { articleFromText } from '../src/text/article.ts';

const TEXT = [
  'أعلنت الحكومة اليوم خطة جديدة لبناء المدارس في القرى. وستبدأ الأعمال في الربيع المقبل.',
  'قال وزير التعليم إن الخطة ستكلف مليار دينار. وأضاف أن المعلمين سيحصلون على تدريب إضافي.',
  'ارتفعت أسعار القمح في الأسواق العالمية بسبب الجفاف.',
].join('\n');

const root = mkdtempSync(join(tmpdir(), 'index-persist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A logger that keeps its lines, so tests can check that a rebuild says why. */
function memoryLog() {
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { msg: string }) });
  return { logger, messages: () => lines.map((l) => l.msg) };
}

describe('openArticleIndex persistence', () => {
  const article = articleFromText(TEXT, 'schools');

  it('builds and saves, then loads the saved index with the same answers', async () => {
    const dir = join(root, 'fresh');
    const built = await openArticleIndex(article, { dir, log: memoryLog().logger });
    expect(built.origin).toBe('built');
    const manifest = JSON.parse(readFileSync(join(dir, indexName(article), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ articleHash: article.hash, chunking: { size: 2, stride: 1 } });
    expect(manifest.stores[0].embedderId).toBe(built.lexical.id);

    const loaded = await openArticleIndex(article, { dir, log: memoryLog().logger });
    expect(loaded.origin).toBe('loaded');
    const question = 'كم ستكلف خطة المدارس؟';
    expect((await retrieveEvidence(loaded, question)).map((e) => e.sentence.id)).toEqual(
      (await retrieveEvidence(built, question)).map((e) => e.sentence.id),
    );
  });

  it('indexes a changed text afresh, in a folder of its own (indexes are named by their text)', async () => {
    const dir = join(root, 'stale');
    await openArticleIndex(article, { dir, log: memoryLog().logger });
    const changed = articleFromText(`${TEXT}\nوافتتحت مكتبة عامة في المدينة.`, 'schools');
    const { logger, messages } = memoryLog();
    const index = await openArticleIndex(changed, { dir, log: logger });
    expect(index.origin).toBe('built');
    expect(messages()).toContain('no saved index: building');
    expect(indexName(changed)).not.toBe(indexName(article));
    expect((await openArticleIndex(article, { dir, log: memoryLog().logger })).origin).toBe('loaded'); // the first text's index kept
    expect((await retrieveEvidence(index, 'مكتبة عامة'))[0]?.sentence.id).toBe('4.1');
  });

  it('rebuilds, without crashing, when the index file is corrupt', async () => {
    const dir = join(root, 'corrupt');
    await openArticleIndex(article, { dir, log: memoryLog().logger });
    writeFileSync(join(dir, indexName(article), 'lexical', 'vectors.f32'), 'not vectors');
    const { logger, messages } = memoryLog();
    const index = await openArticleIndex(article, { dir, log: logger });
    expect(index.origin).toBe('built');
    expect(messages()).toContain('saved index is corrupt: rebuilding');
    expect((await openArticleIndex(article, { dir, log: memoryLog().logger })).origin).toBe('loaded');
  });

  it('loads the saved restatement links, and rebuilds when their file is damaged', async () => {
    const dir = join(root, 'repeats');
    const lead = 'أعلنت الحكومة اليوم خطة جديدة لبناء المدارس في القرى الجنوبية البعيدة.';
    const repeated = articleFromText(`${lead}\nوقال الوزير إن العمل يبدأ قريبا.\n${lead}`, 'repeated');
    const built = await openArticleIndex(repeated, { dir, log: memoryLog().logger });
    expect(Array.from(built.repeatOf)).toEqual([-1, -1, 0]);
    const loaded = await openArticleIndex(repeated, { dir, log: memoryLog().logger });
    expect(loaded.origin).toBe('loaded');
    expect(Array.from(loaded.repeatOf)).toEqual([-1, -1, 0]);
    writeFileSync(join(dir, indexName(repeated), 'repeats.i32'), Buffer.alloc(12));
    const { logger, messages } = memoryLog();
    const rebuilt = await openArticleIndex(repeated, { dir, log: logger });
    expect(rebuilt.origin).toBe('built');
    expect(messages()).toContain('saved index is corrupt: rebuilding');
    expect(Array.from(rebuilt.repeatOf)).toEqual([-1, -1, 0]);
  });

  it('rebuilds when the manifest is not JSON', async () => {
    const dir = join(root, 'bad-manifest');
    await openArticleIndex(article, { dir, log: memoryLog().logger });
    writeFileSync(join(dir, indexName(article), 'manifest.json'), '{ broken');
    const { logger, messages } = memoryLog();
    expect((await openArticleIndex(article, { dir, log: logger })).origin).toBe('built');
    expect(messages()).toContain('index manifest is corrupt: rebuilding');
  });

  it('keeps the index in memory when the directory cannot be written', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'x');
    const { logger, messages } = memoryLog();
    const index = await openArticleIndex(article, { dir: join(blocker, 'sub'), log: logger });
    expect(index.origin).toBe('memory');
    expect(messages().some((m) => m.includes('not writable'))).toBe(true);
    expect((await retrieveEvidence(index, 'أسعار القمح'))[0]?.sentence.id).toBe('3.1');
  });

  it('fuses a neural embedder as a second vector store and rebuilds when it changes', async () => {
    const dir = join(root, 'extra');
    const extra = new LexicalEmbeddings({ dimensions: 64 });
    // a LexicalEmbeddings passed in is the lexical signal itself, so wrap one to stand for a different model
    const other = { embedDocuments: (t: string[]) => extra.embedDocuments(t), embedQuery: (t: string) => extra.embedQuery(t) };
    const index = await openArticleIndex(article, { dir, embeddings: other, embedderId: 'model-a', log: memoryLog().logger });
    expect(index.signals.map((s) => s.name)).toEqual(['lexical', 'neural']);
    expect((await openArticleIndex(article, { dir, embeddings: other, embedderId: 'model-a', log: memoryLog().logger })).origin).toBe('loaded');
    const { logger, messages } = memoryLog();
    expect((await openArticleIndex(article, { dir, embeddings: other, embedderId: 'model-b', log: logger })).origin).toBe('built');
    expect(messages()).toContain('saved index is stale: rebuilding');
  });
});
