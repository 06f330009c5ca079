// Chunk vectors, searched by cosine similarity. Most articles are small, and for them a flat Float32Array of
// unit-length rows scanned exactly beats any index: no native allocation (hnswlib-node takes 2.6 MiB per index
// whatever its size), saved and loaded as plain bytes, and exact. Only a store of HNSW_MIN_VECTORS or more is put
// in an HNSW index (hnswlib-node), where a search stops growing with the store.
// Embeddings still come through LangChain's Embeddings interface, so any embedder plugs in.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from './chunks.ts';

/**
 * Where HNSW starts to pay, measured with `npm run bench:library -- --crossover` (2 cores, random rows): per search
 * for the best 64-256, a flat scan takes 0.4 ms at 1,000 vectors, 2 ms at 5,000, 4 ms at 10,000 and 7-10 ms at
 * 20,000; HNSW 0.2-0.5 ms throughout. But building HNSW costs 0.15 s at 1,000 vectors and 1.5-2 s at 5,000
 * (flat: under 0.03 s), so it saves time only after a thousand or more questions per article, and adds 2.6 MiB of
 * fixed memory per store. Below 10,000 vectors the scan stays within a few milliseconds per question: flat.
 */
export const HNSW_MIN_VECTORS = 10_000;

export const FLAT_FILES = ['vectors.f32', 'args.json'] as const;
export const HNSW_FILES = ['hnswlib.index', 'args.json'] as const;

export interface ChunkHit {
  chunk: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/** Vectors as an embedder gave them: `count` rows of `dimensions`, row-major. */
export interface VectorMatrix {
  dimensions: number;
  data: Float32Array;
}

export interface ChunkVectors {
  readonly kind: 'flat' | 'hnsw';
  readonly dimensions: number;
  readonly count: number;
  /** The `k` most similar chunks, most similar first; their labels are the chunks' indexes. */
  search(query: readonly number[], k: number): ChunkHit[];
  /** The stored vector of one chunk (unit length for a flat store), or undefined for a label not stored. */
  vectorAt(label: number): Float32Array | undefined;
  /** The files `save` writes (checked against the manifest before loading). */
  readonly files: readonly string[];
  save(directory: string): Promise<void>;
}

/** Unit-length rows scanned exactly: cosine similarity is a dot product. */
export class FlatVectors implements ChunkVectors {
  readonly kind = 'flat';
  readonly files = FLAT_FILES;
  readonly count: number;
  /** `data` must hold unit-length rows (see `normalisedRows`). */
  constructor(
    private readonly data: Float32Array,
    readonly dimensions: number,
  ) {
    this.count = dimensions === 0 ? 0 : data.length / dimensions;
  }

  search(query: readonly number[], k: number): ChunkHit[] {
    const n = Math.min(k, this.count);
    if (n <= 0 || query.length !== this.dimensions) return [];
    const d = this.dimensions;
    const q = unit(query);
    if (!q) return [];
    const scores = new Float64Array(this.count);
    const data = this.data;
    const d4 = d - (d % 4);
    for (let row = 0, offset = 0; row < this.count; row++, offset += d) {
      // four running sums: the loop is bound by multiply-add latency, not by memory
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i < d4; i += 4) {
        s0 += data[offset + i]! * q[i]!;
        s1 += data[offset + i + 1]! * q[i + 1]!;
        s2 += data[offset + i + 2]! * q[i + 2]!;
        s3 += data[offset + i + 3]! * q[i + 3]!;
      }
      for (; i < d; i++) s0 += data[offset + i]! * q[i]!;
      scores[row] = s0 + s1 + s2 + s3;
    }
    return topK(scores, n).map((chunk) => ({ chunk, similarity: scores[chunk]! }));
  }

  vectorAt(label: number): Float32Array | undefined {
    if (!Number.isInteger(label) || label < 0 || label >= this.count) return undefined;
    return this.data.subarray(label * this.dimensions, (label + 1) * this.dimensions);
  }

  async save(directory: string): Promise<void> {
    await writeFile(join(directory, 'vectors.f32'), new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength));
    await writeFile(join(directory, 'args.json'), JSON.stringify({ kind: 'flat', space: 'cosine', numDimensions: this.dimensions, count: this.count }));
  }
}

interface KnnIndex {
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
  getCurrentCount(): number;
  getPoint(label: number): number[];
  setEf(ef: number): void;
  writeIndex(path: string): Promise<boolean>;
}

/** A large store in hnswlib-node's HNSW index. */
export class HnswVectors implements ChunkVectors {
  readonly kind = 'hnsw';
  readonly files = HNSW_FILES;
  constructor(
    private readonly index: KnnIndex,
    readonly dimensions: number,
  ) {}

  get count(): number {
    return this.index.getCurrentCount();
  }

  search(query: readonly number[], k: number): ChunkHit[] {
    const n = Math.min(k, this.count);
    if (n === 0 || query.length !== this.dimensions) return [];
    this.index.setEf(Math.max(64, n));
    const { neighbors, distances } = this.index.searchKnn(query as number[], n);
    // hnswlib's cosine space reports 1 - cosine similarity
    return neighbors.map((chunk, i) => ({ chunk, similarity: 1 - distances[i]! }));
  }

  vectorAt(label: number): Float32Array | undefined {
    if (!Number.isInteger(label) || label < 0 || label >= this.count) return undefined;
    return Float32Array.from(this.index.getPoint(label));
  }

  async save(directory: string): Promise<void> {
    await this.index.writeIndex(join(directory, 'hnswlib.index'));
    await writeFile(join(directory, 'args.json'), JSON.stringify({ kind: 'hnsw', space: 'cosine', numDimensions: this.dimensions, count: this.count }));
  }
}

async function hnsw(dimensions: number) {
  const { default: hnswlib } = await import('hnswlib-node');
  return new hnswlib.HierarchicalNSW('cosine', dimensions);
}

/** Embeds each chunk as a passage, row i for chunk i (the embedder's own vectors, before any normalising). */
export async function embedChunks(chunks: readonly Chunk[], embeddings: EmbeddingsInterface): Promise<VectorMatrix> {
  const vectors = await embeddings.embedDocuments(chunks.map((chunk) => chunk.text));
  const dimensions = vectors[0]?.length;
  if (!dimensions || vectors.length !== chunks.length) throw new Error('The embedder returned no vectors to index.');
  const data = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => {
    if (vector.length !== dimensions) throw new Error(`Vector ${i} has ${vector.length} dimensions, not ${dimensions}.`);
    data.set(vector, i * dimensions);
  });
  return { dimensions, data };
}

/** The searchable store of a matrix: flat below HNSW_MIN_VECTORS rows, HNSW from there. */
export async function vectorsFromMatrix(matrix: VectorMatrix, hnswFrom = HNSW_MIN_VECTORS): Promise<ChunkVectors> {
  const { dimensions, data } = matrix;
  if (dimensions <= 0 || data.length % dimensions !== 0) throw new Error('The vector matrix has the wrong shape.');
  const count = data.length / dimensions;
  if (count < hnswFrom) return new FlatVectors(normalisedRows(data, dimensions), dimensions);
  const index = await hnsw(dimensions);
  index.initIndex(Math.max(1, count));
  for (let row = 0; row < count; row++) index.addPoint(Array.from(data.subarray(row * dimensions, (row + 1) * dimensions)), row);
  return new HnswVectors(index, dimensions);
}

/** Embeds the chunks and stores their vectors; also returns the matrix, for a stash. */
export async function buildChunkVectors(chunks: readonly Chunk[], embeddings: EmbeddingsInterface): Promise<ChunkVectors> {
  return vectorsFromMatrix(await embedChunks(chunks, embeddings));
}

export async function saveChunkVectors(vectors: ChunkVectors, directory: string): Promise<void> {
  await vectors.save(directory);
}

/** The files a saved store of this kind has (read from its args.json). */
export async function storeFiles(directory: string): Promise<readonly string[]> {
  return (await readArgs(directory)).kind === 'hnsw' ? HNSW_FILES : FLAT_FILES;
}

export async function readChunkVectors(directory: string): Promise<ChunkVectors> {
  const args = await readArgs(directory);
  if (args.kind === 'hnsw') {
    const index = await hnsw(args.numDimensions);
    await index.readIndex(join(directory, 'hnswlib.index'));
    return new HnswVectors(index, args.numDimensions);
  }
  const bytes = await readFile(join(directory, 'vectors.f32'));
  if (bytes.byteLength !== args.count * args.numDimensions * 4) throw new Error('vectors.f32 has the wrong size.');
  // a Float32Array needs 4-byte alignment: copy only if the buffer is not aligned
  const data =
    bytes.byteOffset % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
      : new Float32Array(new Uint8Array(bytes).buffer);
  return new FlatVectors(data, args.numDimensions);
}

async function readArgs(directory: string): Promise<{ kind: 'flat' | 'hnsw'; numDimensions: number; count: number }> {
  const args = JSON.parse(await readFile(join(directory, 'args.json'), 'utf8')) as { kind?: string; space?: string; numDimensions?: number; count?: number };
  if (args.space !== 'cosine' || typeof args.numDimensions !== 'number' || typeof args.count !== 'number') throw new Error('args.json is not a cosine store.');
  if (args.kind !== 'flat' && args.kind !== 'hnsw') throw new Error('args.json names no store kind.');
  return { kind: args.kind, numDimensions: args.numDimensions, count: args.count };
}

/** A copy of the rows scaled to unit length (a zero row stays zero and matches nothing). */
export function normalisedRows(data: Float32Array, dimensions: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let offset = 0; offset < data.length; offset += dimensions) {
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += data[offset + i]! * data[offset + i]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) out[offset + i] = data[offset + i]! * scale;
  }
  return out;
}

function unit(query: readonly number[]): Float64Array | undefined {
  let norm = 0;
  for (const x of query) norm += x * x;
  if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return Float64Array.from(query, (x) => x * scale);
}

/** Positions of the k highest scores, highest first (ties: lower position first), with a k-sized heap. */
function topK(scores: Float64Array, k: number): number[] {
  const heap = new Int32Array(k); // a min-heap by score: its root is the weakest kept
  let size = 0;
  const weaker = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  for (let i = 0; i < scores.length; i++) {
    if (size < k) {
      let c = size++;
      heap[c] = i;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!weaker(heap[c]!, heap[parent]!)) break;
        [heap[c], heap[parent]] = [heap[parent]!, heap[c]!];
        c = parent;
      }
    } else if (weaker(heap[0]!, i)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < size && weaker(heap[l]!, heap[m]!)) m = l;
        if (r < size && weaker(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => scores[b]! - scores[a]! || a - b);
}
