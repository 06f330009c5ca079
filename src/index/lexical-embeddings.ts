// An Arabic-aware lexical embedding: stems and character n-grams, sublinear tf times idf,
// hashed into a fixed number of dimensions and L2-normalised. It needs no model and no network,
// and it is a LangChain Embeddings so that a neural model can take its place.
import { Embeddings } from '@langchain/core/embeddings';
import { charNgrams, FEATURES_VERSION, MAX_QUERY_TOKENS, stemTerms } from '../text/terms.ts';

export interface LexicalEmbeddingsOptions {
  dimensions?: number;
  ngramSizes?: number[];
  /** Weight of the n-gram features relative to whole stems. */
  ngramWeight?: number;
  /** Texts to fit idf on (the article's sentences); without them every feature weighs the same. */
  fitOn?: readonly string[];
  /**
   * The same fit from counts already made: how many texts there were and how many hold each feature (a stem
   * `w:<stem>`, or an n-gram). An article index has these in its BM25 postings, so an open need not read every
   * sentence a second time. Gives exactly the weights `fitOn` would.
   */
  fitFrom?: { texts: number; documentFrequency: (feature: string) => number };
}

interface Features {
  stems: string[];
  grams: string[];
}

export class LexicalEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly ngramSizes: number[];
  readonly ngramWeight: number;
  /** Names the embedder and its settings, for the index manifest. */
  readonly id: string;
  private readonly idf = new Map<string, number>();
  private readonly fitted: boolean;

  constructor(options: LexicalEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? 512;
    this.ngramSizes = options.ngramSizes ?? [3, 4];
    this.ngramWeight = options.ngramWeight ?? 0.35;
    this.fitted = options.fitOn !== undefined || options.fitFrom !== undefined;
    if (options.fitOn) this.fitIdf(options.fitOn);
    else if (options.fitFrom) {
      const { texts, documentFrequency } = options.fitFrom;
      this.texts = texts;
      this.documentFrequency = documentFrequency;
      this.unseenIdf = Math.log((texts + 1) / 0.5);
    }
    this.id = `lexical-v${FEATURES_VERSION}:d${this.dimensions}:ng${this.ngramSizes.join('')}:w${this.ngramWeight}:${this.fitted ? 'idf' : 'flat'}`;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((text) => this.embed(text));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document, MAX_QUERY_TOKENS);
  }

  /** Synchronous core, also used directly where awaiting would only add latency. */
  embed(text: string, maxTokens?: number): number[] {
    const { stems, grams } = this.features(text, maxTokens);
    const vector = new Float64Array(this.dimensions);
    this.addWeighted(vector, stems, 1);
    this.addWeighted(vector, grams, this.ngramWeight);
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm);
    return Array.from(vector, (x) => (norm === 0 ? 0 : x / norm));
  }

  private features(text: string, maxTokens?: number): Features {
    const stems = stemTerms(text, maxTokens === undefined ? {} : { maxTokens });
    return { stems: stems.map((s) => `w:${s}`), grams: charNgrams(stems, this.ngramSizes) };
  }

  private addWeighted(vector: Float64Array, features: readonly string[], weight: number): void {
    const counts = new Map<string, number>();
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const [feature, tf] of counts) {
      const w = weight * (1 + Math.log(tf)) * this.idfOf(feature);
      if (w === 0) continue;
      const hash = fnv1a(feature);
      const slot = hash % this.dimensions;
      // a sign bit from the hash keeps collisions from always adding up
      vector[slot] = vector[slot]! + ((hash >>> 31) & 1 ? -w : w);
    }
  }

  private idfOf(feature: string): number {
    if (!this.fitted) return 1;
    if (this.documentFrequency) {
      const df = this.documentFrequency(feature);
      return df > 0 ? Math.log((this.texts + 1) / (df + 0.5)) : this.unseenIdf;
    }
    // unseen features cannot match anything in the article, but still shape the query's norm
    return this.idf.get(feature) ?? this.unseenIdf;
  }

  private unseenIdf = 1;
  private texts = 0;
  private documentFrequency?: (feature: string) => number;

  private fitIdf(texts: readonly string[]): void {
    const df = new Map<string, number>();
    for (const text of texts) {
      const { stems, grams } = this.features(text);
      for (const f of new Set([...stems, ...grams])) df.set(f, (df.get(f) ?? 0) + 1);
    }
    const n = texts.length;
    for (const [feature, count] of df) this.idf.set(feature, Math.log((n + 1) / (count + 0.5)));
    this.unseenIdf = Math.log((n + 1) / 0.5);
  }
}

/** 32-bit FNV-1a: fast, deterministic across runs and platforms. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
