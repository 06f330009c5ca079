// Opens the search index of one article: BM25 over sentences plus chunk vectors (flat, or HNSW when large),
// loaded from embeddings/<article id>/ when its manifest matches, otherwise rebuilt (and saved when possible).
// Vectors may also come from, and go to, a VectorStash (a library's database): then no embedder is called for
// an article embedded before.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { PROJECT_ROOT } from '../paths.ts';
import { articleLanguage, type Article } from '../text/article.ts';
import type { Language } from '../text/arabic.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import { Bm25 } from './bm25.ts';
import { chunkSentences, DEFAULT_CHUNKS, type Chunk, type ChunkSettings } from './chunks.ts';
import { findRepeats } from './repeats.ts';
import { LexicalEmbeddings } from './lexical-embeddings.ts';
import { hashFiles, INDEX_FORMAT, readManifest, staleReason, writeManifest, type Manifest, type StoreEntry } from './manifest.ts';
import { statesNumber } from '../text/numbers.ts';
import { documentKeys } from '../text/transliteration.ts';
import { charNgrams, contentTokens, skeleton, termStem } from '../text/terms.ts';
import { embedChunks, readChunkVectors, saveChunkVectors, storeFiles, vectorsFromMatrix, type ChunkVectors } from './vector-store.ts';
import { fitsKey, type StashKey, type VectorStash } from './vector-stash.ts';

export const DEFAULT_INDEX_DIR = join(PROJECT_ROOT, 'embeddings');

/**
 * One embedding signal: the lexical one over the chunks always; a neural one, when configured, over every
 * sentence and every chunk (a sentence alone says what it says; with its neighbour, what it refers to).
 */
export interface VectorSignal {
  name: 'lexical' | 'neural';
  embedderId: string;
  embeddings: EmbeddingsInterface;
  /** What each stored vector stands for, by its label in the store. */
  units: Chunk[];
  vectors: ChunkVectors;
}

export interface ArticleIndex {
  article: Article;
  chunks: Chunk[];
  /** Stems of each sentence, in article order. */
  sentenceStems: string[][];
  /** The same as sets (every question asks whether a sentence has a stem). */
  sentenceStemSets: Set<string>[];
  /** Every stem the article uses. */
  articleStems: Set<string>;
  /** For each sentence, the earlier sentence it restates, or -1. */
  repeatOf: Int32Array;
  stemBm25: Bm25;
  /** Character n-grams of the stems: partial credit for words the stemmer leaves apart. */
  gramBm25: Bm25;
  /** Consonant skeletons of the stems: words of one root in different patterns. */
  skeletonBm25: Bm25;
  /** Cross-script sound keys of each sentence's words, for names in English questions. */
  sentenceNames: string[][];
  nameBm25: Bm25;
  /** Whether each sentence states a number, date or quantity. */
  sentenceHasNumber: boolean[];
  /** The article's language, by its letters. */
  language: Language;

  lexical: LexicalEmbeddings;
  signals: VectorSignal[];
  /** Where the vectors came from: a saved index, a fresh build saved to disk, or memory only. */
  origin: 'loaded' | 'built' | 'memory';
}

export interface OpenIndexOptions {
  /** Base directory; the index lives in <dir>/<indexName(article)>/. Defaults to the project's embeddings/. */
  dir?: string;
  /** An extra (e.g. neural) embedder, fused with the lexical and BM25 signals (a LexicalEmbeddings is not an
   *  extra: the index always fits its own lexical embedding on the article). */
  embeddings?: EmbeddingsInterface;
  /** Names the extra embedder in the manifest; defaults to its `id` or class name. */
  embedderId?: string;
  log?: Logger;
  /** false keeps everything in memory (benchmarks, tests). */
  persist?: boolean;
  chunking?: ChunkSettings;
  /** Asked for the vectors before any embedder is called, and given those freshly embedded. */
  stash?: VectorStash;
  /** Vectors from which a store is an HNSW index (default HNSW_MIN_VECTORS; benchmarks set 0 for the old way). */
  hnswFrom?: number;
}

/** What an open would otherwise recompute, saved beside the vectors: the restatement links. */
const REPEATS_FILE = 'repeats.i32';

export async function openArticleIndex(article: Article, options: OpenIndexOptions = {}): Promise<ArticleIndex> {
  const logger = options.log ?? defaultLog;
  const chunking = options.chunking ?? DEFAULT_CHUNKS;
  const chunks = chunkSentences(article.sentences, chunking);
  const sentenceWords = article.sentences.map((s) => contentTokens(s.text));
  // a long article uses each word many times: stem it and key it once
  const stemOf = memoised(termStem);
  const keysOf = memoised(documentKeys);
  const skeletonOf = memoised(skeleton);
  const sentenceStems = sentenceWords.map((words) => words.map(stemOf));
  const sentenceNames = sentenceWords.map((words) => words.flatMap(keysOf));
  const stemBm25 = new Bm25(sentenceStems);
  const gramBm25 = new Bm25(sentenceStems.map((stems) => charNgrams(stems)), { b: 0.5 });
  const lexical = lexicalFrom(stemBm25, gramBm25);
  const wanted = wantedSignals(lexical, chunks, article, options);
  const base = {
    article,
    chunks,
    sentenceStems,
    sentenceStemSets: sentenceStems.map((stems) => new Set(stems)),
    articleStems: new Set(sentenceStems.flat()),
    stemBm25,
    gramBm25,
    skeletonBm25: new Bm25(sentenceStems.map((stems) => stems.map(skeletonOf))),
    sentenceNames,
    nameBm25: new Bm25(sentenceNames),
    sentenceHasNumber: article.sentences.map((s) => statesNumber(s.text)),
    language: articleLanguage(article),
    lexical,
  };
  const build = () => buildSignals(wanted, article, logger, options.stash, options.hnswFrom);

  if (options.persist === false) {
    return { ...base, repeatOf: findRepeats(sentenceStems), signals: await build(), origin: 'memory' };
  }

  const directory = join(options.dir ?? DEFAULT_INDEX_DIR, indexName(article));
  const loaded = await tryLoad(directory, article, chunking, wanted, logger);
  if (loaded) return { ...base, ...loaded, origin: 'loaded' };

  const signals = await build();
  const repeatOf = findRepeats(sentenceStems);
  try {
    await save(directory, article, chunking, signals, repeatOf);
    logger.info({ article: article.id, directory }, 'index built and saved');
    return { ...base, repeatOf, signals, origin: 'built' };
  } catch (error) {
    logger.warn({ article: article.id, directory, err: String(error) }, 'index directory not writable: keeping the index in memory');
    return { ...base, repeatOf, signals, origin: 'memory' };
  }
}

type WantedSignal = Omit<VectorSignal, 'vectors'>;

function wantedSignals(lexical: LexicalEmbeddings, chunks: Chunk[], article: Article, options: OpenIndexOptions): WantedSignal[] {
  const signals: WantedSignal[] = [{ name: 'lexical', embedderId: lexical.id, embeddings: lexical, units: chunks }];
  const extra = options.embeddings;
  if (extra && !(extra instanceof LexicalEmbeddings)) {
    const named = (extra as { id?: unknown }).id;
    const embedderId = options.embedderId ?? (typeof named === 'string' ? named : extra.constructor.name);
    signals.push({ name: 'neural', embedderId, embeddings: extra, units: sentencesAndPairs(article) });
  }
  return signals;
}

/** Every sentence alone, then every pair of neighbours within a paragraph. */
function sentencesAndPairs(article: Article): Chunk[] {
  const singles = chunkSentences(article.sentences, { size: 1, stride: 1 });
  const pairs = chunkSentences(article.sentences, { size: 2, stride: 1 }).filter((c) => c.sentencePositions.length === 2);
  return [...singles, ...pairs].map((chunk, index) => ({ ...chunk, index }));
}

/** A neural embedder that fails while the index is built leaves the lexical signals to answer, with one log line. */
async function buildSignals(wanted: WantedSignal[], article: Article, logger: Logger, stash?: VectorStash, hnswFrom?: number): Promise<VectorSignal[]> {
  const built: VectorSignal[] = [];
  for (const w of wanted) {
    const key: StashKey = { articleId: article.id, articleHash: article.hash, signal: w.name, embedderId: w.embedderId, units: w.units.length };
    const stashed = stash ? await fromStash(stash, key, logger) : undefined;
    if (stashed) {
      built.push({ ...w, vectors: await vectorsFromMatrix(stashed, hnswFrom) });
      continue;
    }
    try {
      const matrix = await embedChunks(w.units, w.embeddings);
      built.push({ ...w, vectors: await vectorsFromMatrix(matrix, hnswFrom) });
      if (stash) await toStash(stash, key, matrix, logger);
    } catch (error) {
      if (w.name === 'lexical') throw error;
      logger.warn({ embedder: w.embedderId, err: String(error) }, 'neural embedder failed while indexing: this index uses the lexical signals alone');
    }
  }
  return built;
}

/** A stash that fails or holds vectors of the wrong shape is passed over (the vectors are embedded again). */
async function fromStash(stash: VectorStash, key: StashKey, logger: Logger) {
  try {
    const vectors = await stash.load(key);
    if (fitsKey(key, vectors)) return vectors;
    if (vectors) logger.warn({ article: key.articleId, signal: key.signal }, 'stashed vectors do not fit the article: embedding again');
  } catch (error) {
    logger.warn({ article: key.articleId, signal: key.signal, err: String(error) }, 'vector stash failed to load: embedding again');
  }
  return undefined;
}

async function toStash(stash: VectorStash, key: StashKey, matrix: { dimensions: number; data: Float32Array }, logger: Logger): Promise<void> {
  try {
    await stash.save(key, matrix);
  } catch (error) {
    logger.warn({ article: key.articleId, signal: key.signal, err: String(error) }, 'vector stash failed to save: the vectors stay in the index only');
  }
}

async function tryLoad(
  directory: string,
  article: Article,
  chunking: ChunkSettings,
  wanted: WantedSignal[],
  logger: Logger,
): Promise<{ signals: VectorSignal[]; repeatOf: Int32Array } | undefined> {
  let manifest: Manifest | undefined;
  try {
    manifest = await readManifest(directory);
  } catch (error) {
    logger.warn({ article: article.id, directory, err: String(error) }, 'index manifest is corrupt: rebuilding');
    return undefined;
  }
  if (!manifest) {
    logger.info({ article: article.id, directory }, 'no saved index: building');
    return undefined;
  }
  const stale = staleReason(manifest, { articleHash: article.hash, chunking, stores: wanted });
  if (stale) {
    logger.info({ article: article.id, directory, reason: stale }, 'saved index is stale: rebuilding');
    return undefined;
  }
  try {
    const signals = await Promise.all(
      wanted.map(async (w) => {
        const entry = manifest.stores.find((s) => s.name === w.name)!;
        const storeDir = join(directory, w.name);
        const names = await storeFiles(storeDir);
        await checkFiles(storeDir, names, entry.files, `${w.name} store`);
        const vectors = await readChunkVectors(storeDir);
        if (vectors.count !== w.units.length || vectors.dimensions !== entry.dimensions) throw new Error(`${w.name} store has the wrong shape`);
        return { ...w, vectors };
      }),
    );
    await checkFiles(directory, [REPEATS_FILE], manifest.files ?? {}, 'repeats');
    const bytes = await readFile(join(directory, REPEATS_FILE));
    if (bytes.byteLength !== article.sentences.length * 4) throw new Error('the repeats file has the wrong size');
    const repeatOf = new Int32Array(new Uint8Array(bytes).buffer);
    return { signals, repeatOf };
  } catch (error) {
    logger.warn({ article: article.id, directory, err: String(error) }, 'saved index is corrupt: rebuilding');
    return undefined;
  }
}

async function checkFiles(directory: string, names: readonly string[], expected: Record<string, string>, what: string): Promise<void> {
  const hashes = await hashFiles(directory, names);
  if (names.some((f) => !expected[f] || hashes[f] !== expected[f])) throw new Error(`${what} files do not match the manifest`);
}

async function save(directory: string, article: Article, chunking: ChunkSettings, signals: VectorSignal[], repeatOf: Int32Array): Promise<void> {
  await rm(join(directory, 'manifest.json'), { force: true });
  const stores: StoreEntry[] = [];
  for (const signal of signals) {
    const storeDir = join(directory, signal.name);
    await mkdir(storeDir, { recursive: true });
    // a store of the other kind may be left from an earlier build: only the files named here are read
    await saveChunkVectors(signal.vectors, storeDir);
    stores.push({
      name: signal.name,
      embedderId: signal.embedderId,
      kind: signal.vectors.kind,
      dimensions: signal.vectors.dimensions,
      chunks: signal.units.length,
      files: await hashFiles(storeDir, signal.vectors.files),
    });
  }
  await writeFile(join(directory, REPEATS_FILE), new Uint8Array(repeatOf.buffer, repeatOf.byteOffset, repeatOf.byteLength));
  await writeManifest(directory, {
    format: INDEX_FORMAT,
    articleId: article.id,
    articleHash: article.hash,
    chunking,
    stores,
    files: await hashFiles(directory, [REPEATS_FILE]),
    builtAt: new Date().toISOString(),
  });
}

/**
 * The lexical embedding fitted on the article: its idf is the document frequency of the same stems and n-grams
 * the BM25s counted. Made here, not inside openArticleIndex, so that its closure keeps only the two BM25s alive
 * (not the per-word caches of the open).
 */
function lexicalFrom(stemBm25: Bm25, gramBm25: Bm25): LexicalEmbeddings {
  return new LexicalEmbeddings({
    fitFrom: {
      texts: stemBm25.size,
      documentFrequency: (f) => (f.startsWith('w:') ? stemBm25.documentFrequency(f.slice(2)) : gramBm25.documentFrequency(f)),
    },
  });
}

function memoised<T>(f: (word: string) => T): (word: string) => T {
  const seen = new Map<string, T>();
  return (word) => {
    let value = seen.get(word);
    if (value === undefined) seen.set(word, (value = f(word)));
    return value;
  };
}

/**
 * An index is named by its article's text, not its id: the same text opened as a file by the terminal and as
 * A1 by the bot (or as an article of two servers) is indexed once per folder.
 */
export function indexName(article: Pick<Article, 'hash'>): string {
  return article.hash.slice(0, 24);
}
