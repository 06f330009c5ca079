// Flat vector stores: exact cosine search, saved and loaded as plain bytes, HNSW only for large stores;
// and the vector stash a library's database implements.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openArticleIndex } from '../src/index/article-index.ts';
import { LexicalEmbeddings } from '../src/index/lexical-embeddings.ts';
import { FlatVectors, normalisedRows, readChunkVectors, vectorsFromMatrix } from '../src/index/vector-store.ts';
import type { StashKey, StashedVectors, VectorStash } from '../src/index/vector-stash.ts';
import { retrieveEvidence } from '../src/qa/retrieve.ts';
import { articleFromText } from '../src/text/article.ts';

const root = mkdtempSync(join(tmpdir(), 'index-vectors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

function matrix(rows: number, dimensions: number, seed: number) {
  const next = random(seed);
  return { dimensions, data: Float32Array.from({ length: rows * dimensions }, next) };
}

/** Cosine similarity of every row by the textbook formula, best first. */
function bruteForce(m: { dimensions: number; data: Float32Array }, query: number[]): { chunk: number; similarity: number }[] {
  const rows = m.data.length / m.dimensions;
  const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
  return Array.from({ length: rows }, (_, r) => {
    const row = m.data.subarray(r * m.dimensions, (r + 1) * m.dimensions);
    const dot = row.reduce((s, x, i) => s + x * query[i]!, 0);
    return { chunk: r, similarity: dot / (norm(row) * norm(query)) };
  }).sort((a, b) => b.similarity - a.similarity);
}

describe('flat vector store', () => {
  const m = matrix(300, 48, 7);
  const query = Array.from({ length: 48 }, random(99));

  it('finds the k most similar rows exactly, with their cosine similarity', async () => {
    const store = await vectorsFromMatrix(m);
    expect(store.kind).toBe('flat');
    const expected = bruteForce(m, query);
    for (const k of [1, 10, 64, 300, 1000]) {
      const hits = store.search(query, k);
      expect(hits.map((h) => h.chunk)).toEqual(expected.slice(0, k).map((h) => h.chunk));
      hits.forEach((h, i) => expect(h.similarity).toBeCloseTo(expected[i]!.similarity, 5));
    }
    expect(store.search(query.slice(1), 5)).toEqual([]); // wrong dimension
    expect(store.search(query.map(() => 0), 5)).toEqual([]); // a zero query matches nothing
  });

  it('agrees with an HNSW index of the same rows', async () => {
    const hnsw = await vectorsFromMatrix(m, 0);
    expect(hnsw.kind).toBe('hnsw');
    const flat = (await vectorsFromMatrix(m)).search(query, 20);
    const approx = hnsw.search(query, 20);
    expect(approx.map((h) => h.chunk)).toEqual(flat.map((h) => h.chunk));
    approx.forEach((h, i) => expect(h.similarity).toBeCloseTo(flat[i]!.similarity, 5));
  });

  it('saves plain bytes and loads the same store, flat or HNSW', async () => {
    for (const hnswFrom of [Infinity, 0]) {
      const dir = mkdtempSync(join(root, 'store-'));
      const store = await vectorsFromMatrix(m, hnswFrom);
      await store.save(dir);
      const loaded = await readChunkVectors(dir);
      expect(loaded.kind).toBe(store.kind);
      expect(loaded.count).toBe(300);
      expect(loaded.search(query, 30)).toEqual(store.search(query, 30));
      if (store.kind === 'flat') {
        const bytes = readFileSync(join(dir, 'vectors.f32'));
        expect(bytes.byteLength).toBe(300 * 48 * 4);
        expect(Array.from(new Float32Array(new Uint8Array(bytes).buffer))).toEqual(Array.from(normalisedRows(m.data, 48)));
      }
    }
  });

  it('keeps a zero row from matching anything', () => {
    const store = new FlatVectors(normalisedRows(new Float32Array([0, 0, 3, 4]), 2), 2);
    expect(store.search([3, 4], 2)).toEqual([
      { chunk: 1, similarity: expect.closeTo(1, 6) },
      { chunk: 0, similarity: 0 },
    ]);
  });
});

/** The smallest VectorStash: a map in memory, copying what it is given as a database would. */
class MemoryStash implements VectorStash {
  readonly saved = new Map<string, StashedVectors>();
  loads = 0;
  private name(key: StashKey): string {
    return JSON.stringify([key.articleId, key.articleHash, key.signal, key.embedderId, key.units]);
  }
  async load(key: StashKey): Promise<StashedVectors | undefined> {
    this.loads++;
    const found = this.saved.get(this.name(key));
    return found && { dimensions: found.dimensions, data: found.data.slice() };
  }
  async save(key: StashKey, vectors: StashedVectors): Promise<void> {
    this.saved.set(this.name(key), { dimensions: vectors.dimensions, data: vectors.data.slice() });
  }
}

/** A stand-in for a neural model that counts the passages it is asked to embed. */
function countingEmbedder() {
  const inner = new LexicalEmbeddings({ dimensions: 64 });
  const counter = {
    passages: 0,
    embedDocuments: async (texts: string[]) => {
      counter.passages += texts.length;
      return inner.embedDocuments(texts);
    },
    embedQuery: (text: string) => inner.embedQuery(text),
  };
  return counter;
}

function memoryLog() {
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { msg: string }) });
  return { logger, messages: () => lines.map((l) => l.msg) };
}

describe('vector stash', () => {
  const article = articleFromText(
    [
      'أعلنت الحكومة اليوم خطة جديدة لبناء المدارس في القرى. وستبدأ الأعمال في الربيع المقبل.',
      'قال وزير التعليم إن الخطة ستكلف مليار دينار. وأضاف أن المعلمين سيحصلون على تدريب إضافي.',
      'ارتفعت أسعار القمح في الأسواق العالمية بسبب الجفاف.',
    ].join('\n'),
    'schools',
  );
  const question = 'كم ستكلف خطة المدارس؟';

  it('saves freshly embedded vectors, and a later open takes them without calling the embedder', async () => {
    const stash = new MemoryStash();
    const model = countingEmbedder();
    const first = await openArticleIndex(article, { persist: false, stash, embeddings: model, embedderId: 'model-a', log: memoryLog().logger });
    expect(model.passages).toBeGreaterThan(0);
    expect([...stash.saved.keys()].map((k) => JSON.parse(k)[2])).toEqual(['lexical', 'neural']);

    const embedded = model.passages;
    const again = await openArticleIndex(article, { persist: false, stash, embeddings: model, embedderId: 'model-a', log: memoryLog().logger });
    expect(model.passages).toBe(embedded);
    expect(again.signals.map((s) => s.name)).toEqual(['lexical', 'neural']);
    expect(await retrieveEvidence(again, question)).toEqual(await retrieveEvidence(first, question));

    // an index directory is filled from the stash too, and is then loaded on its own
    const dir = join(root, 'from-stash');
    expect((await openArticleIndex(article, { dir, stash, embeddings: model, embedderId: 'model-a', log: memoryLog().logger })).origin).toBe('built');
    expect(model.passages).toBe(embedded);
    const loaded = await openArticleIndex(article, { dir, embeddings: model, embedderId: 'model-a', log: memoryLog().logger });
    expect(loaded.origin).toBe('loaded');
    expect(await retrieveEvidence(loaded, question)).toEqual(await retrieveEvidence(first, question));
  });

  it('embeds again when the stash has another embedder, the wrong shape, or fails', async () => {
    const stash = new MemoryStash();
    const model = countingEmbedder();
    await openArticleIndex(article, { persist: false, stash, embeddings: model, embedderId: 'model-a', log: memoryLog().logger });
    const embedded = model.passages;
    await openArticleIndex(article, { persist: false, stash, embeddings: model, embedderId: 'model-b', log: memoryLog().logger });
    expect(model.passages).toBe(2 * embedded);

    for (const stored of stash.saved.values()) stored.data = stored.data.subarray(1);
    const { logger, messages } = memoryLog();
    await openArticleIndex(article, { persist: false, stash, embeddings: model, embedderId: 'model-a', log: logger });
    expect(model.passages).toBe(3 * embedded);
    expect(messages()).toContain('stashed vectors do not fit the article: embedding again');

    const broken: VectorStash = {
      load: async () => Promise.reject(new Error('database down')),
      save: async () => Promise.reject(new Error('database down')),
    };
    const failing = memoryLog();
    const index = await openArticleIndex(article, { persist: false, stash: broken, embeddings: model, embedderId: 'model-a', log: failing.logger });
    expect(index.signals).toHaveLength(2);
    expect(failing.messages()).toContain('vector stash failed to load: embedding again');
    expect(failing.messages()).toContain('vector stash failed to save: the vectors stay in the index only');
  });

  it('passes the article, its text hash, the embedder and the number of units in the key', async () => {
    const keys: StashKey[] = [];
    const stash: VectorStash = { load: async (key) => void keys.push(key), save: async () => undefined };
    const index = await openArticleIndex(article, { persist: false, stash, embeddings: countingEmbedder(), embedderId: 'model-a', log: memoryLog().logger });
    expect(keys).toEqual([
      { articleId: 'schools', articleHash: article.hash, signal: 'lexical', embedderId: index.lexical.id, units: index.chunks.length },
      { articleId: 'schools', articleHash: article.hash, signal: 'neural', embedderId: 'model-a', units: index.signals[1]!.units.length },
    ]);
  });
});
