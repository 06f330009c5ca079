// Chunk vectors in an HNSW index (hnswlib-node), built, saved and loaded by this one small adapter.
// Embeddings still come through LangChain's Embeddings interface, so any embedder plugs in; the store
// itself is ours both ways because LangChain's HNSWLib wrapper added a JSON copy of every chunk's text
// (the docstore) and cost more start-up time to load than a whole answer, and because a library of
// articles keeps its vectors elsewhere (a database) and rebuilds HNSW indexes from them.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from './chunks.ts';

export const STORE_FILES = ['hnswlib.index', 'args.json'] as const;

export interface ChunkHit {
  chunk: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

interface KnnIndex {
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
  getCurrentCount(): number;
  setEf(ef: number): void;
  writeIndex(path: string): Promise<boolean>;
}

export class ChunkVectors {
  constructor(
    private readonly index: KnnIndex,
    readonly dimensions: number,
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

  async save(directory: string): Promise<void> {
    await this.index.writeIndex(join(directory, 'hnswlib.index'));
    await writeFile(join(directory, 'args.json'), JSON.stringify({ space: 'cosine', numDimensions: this.dimensions }));
  }
}

async function hnsw(dimensions: number) {
  const { default: hnswlib } = await import('hnswlib-node');
  return new hnswlib.HierarchicalNSW('cosine', dimensions);
}

/** Embeds each chunk as a passage; the chunk's index is its label in the HNSW index. */
export async function buildChunkVectors(chunks: readonly Chunk[], embeddings: EmbeddingsInterface): Promise<ChunkVectors> {
  const vectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.text));
  const dimensions = vectors[0]?.length;
  if (!dimensions) throw new Error('The embedder returned no vectors to index.');
  const index = await hnsw(dimensions);
  index.initIndex(Math.max(1, vectors.length));
  vectors.forEach((vector, i) => {
    if (vector.length !== dimensions) throw new Error(`Vector ${i} has ${vector.length} dimensions, not ${dimensions}.`);
    index.addPoint(vector, chunks[i]!.index);
  });
  return new ChunkVectors(index, dimensions);
}

export async function saveChunkVectors(vectors: ChunkVectors, directory: string): Promise<void> {
  await vectors.save(directory);
}

export async function readChunkVectors(directory: string): Promise<ChunkVectors> {
  const args = JSON.parse(await readFile(join(directory, 'args.json'), 'utf8')) as { space?: string; numDimensions?: number };
  if (args.space !== 'cosine' || typeof args.numDimensions !== 'number') throw new Error('args.json is not a cosine HNSW store.');
  const index = await hnsw(args.numDimensions);
  await index.readIndex(join(directory, 'hnswlib.index'));
  return new ChunkVectors(index, args.numDimensions);
}
