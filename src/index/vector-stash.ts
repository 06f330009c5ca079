// Where an index's vectors can be kept besides its own files: a database shared by several processes,
// each of which builds its in-memory search structure from them instead of calling the embedder again.

export interface StashKey {
  articleId: string;
  articleHash: string;
  signal: 'lexical' | 'neural';
  embedderId: string;
  units: number;
}

export interface VectorStash {
  /** Vectors saved for this article text and embedder, row-major, or undefined. */
  load(key: StashKey): Promise<{ dimensions: number; data: Float32Array } | undefined>;
  save(key: StashKey, vectors: { dimensions: number; data: Float32Array }): Promise<void>;
}
