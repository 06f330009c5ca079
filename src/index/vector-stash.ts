// Where an article's vectors can be kept besides the index directory: a library's database implements this, so
// that an article embedded once is never embedded again, wherever its index is opened.

export interface StashKey {
  articleId: string;
  /** The article text's hash: vectors of another text are never returned. */
  articleHash: string;
  signal: 'lexical' | 'neural';
  /** The embedder and its settings, as the index manifest names them. */
  embedderId: string;
  /** How many vectors (rows) the index expects. */
  units: number;
}

export interface StashedVectors {
  dimensions: number;
  /** `units` rows of `dimensions` numbers, row-major, as the embedder gave them. */
  data: Float32Array;
}

export interface VectorStash {
  /** Vectors saved for this article text and embedder, row-major, or undefined. */
  load(key: StashKey): Promise<StashedVectors | undefined>;
  save(key: StashKey, vectors: StashedVectors): Promise<void>;
}

/** Stashed vectors fit the key: as many rows as units, whole rows, finite numbers. */
export function fitsKey(key: StashKey, vectors: StashedVectors | undefined): vectors is StashedVectors {
  if (!vectors || !(vectors.dimensions > 0) || vectors.data.length !== key.units * vectors.dimensions) return false;
  for (const x of vectors.data) if (!Number.isFinite(x)) return false;
  return true;
}
