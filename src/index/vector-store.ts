// Chunk vectors in HNSWLib. Building goes through LangChain's HNSWLib store (and its file format);
// reading a saved store uses hnswlib-node directly on the same files, because loading LangChain's
// document classes costs more start-up time than the whole answer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Chunk } from './chunks.ts';

export const STORE_FILES = ['hnswlib.index', 'args.json', 'docstore.json'] as const;

export interface ChunkHit {
  chunk: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

interface KnnIndex {
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
  getCurrentCount(): number;
  setEf(ef: number): void;
}

export class ChunkVectors {
  constructor(
    private readonly index: KnnIndex,
    readonly dimensions: number,
    /** The LangChain store when this process built it; saved stores are read without it. */
    readonly store?: HNSWLib,
  ) {}

  get count(): number {
    return this.index.getCurrentCount();
  }

  search(query: number[], k: number): ChunkHit[] {
    const n = Math.min(k, this.count);
    if (n === 0 || query.length !== this.dimensions) return [];
    this.index.setEf(Math.max(64, n));
    const { neighbors, distances } = this.index.searchKnn(query, n);
    // hnswlib's cosine space reports 1 - cosine similarity
    return neighbors.map((chunk, i) => ({ chunk, similarity: 1 - distances[i]! }));
  }
}

export async function buildChunkVectors(chunks: readonly Chunk[], embeddings: EmbeddingsInterface): Promise<ChunkVectors> {
  const [{ HNSWLib }, { Document }] = await Promise.all([
    import('@langchain/community/vectorstores/hnswlib'),
    import('@langchain/core/documents'),
  ]);
  const documents = chunks.map(
    (chunk) => new Document({ pageContent: chunk.text, metadata: { chunk: chunk.index, sentenceIds: chunk.sentenceIds } }),
  );
  const store = await HNSWLib.fromDocuments(documents, embeddings);
  const dimensions = store.args.numDimensions;
  if (dimensions === undefined) throw new Error('The vector store was built without a dimension.');
  return new ChunkVectors(store.index, dimensions, store);
}

export async function saveChunkVectors(vectors: ChunkVectors, directory: string): Promise<void> {
  if (!vectors.store) throw new Error('Only a store built in this process can be saved.');
  await vectors.store.save(directory);
}

export async function readChunkVectors(directory: string): Promise<ChunkVectors> {
  const args = JSON.parse(await readFile(join(directory, 'args.json'), 'utf8')) as { space?: string; numDimensions?: number };
  if (args.space !== 'cosine' || typeof args.numDimensions !== 'number') throw new Error('args.json is not a cosine HNSWLib store.');
  const { default: hnswlib } = await import('hnswlib-node');
  const index = new hnswlib.HierarchicalNSW('cosine', args.numDimensions);
  await index.readIndex(join(directory, 'hnswlib.index'));
  return new ChunkVectors(index, args.numDimensions);
}
