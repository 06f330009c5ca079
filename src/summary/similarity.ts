// How much two sentences of an article say the same: the lexical TF-IDF cosine and, when the article's index has
// them, the neural sentence vectors. A summary uses it three ways: centrality (how much of the article a sentence
// stands for), the redundancy penalty against chosen sentences, and which statements count as one.
import { cosine, jaccard, type ArticleFeatures } from './features.ts';

/**
 * multilingual-e5-small puts nearly every pair of sentences of one article between 0.8 and 0.92, so its cosine is
 * stretched from this floor (0) to 1. Measured on the eval sets' 50,000 pairs of sentences of one article: pairs
 * sharing under 30% of their words have a median of 0.85 (95th percentile 0.90).
 */
export const NEURAL_FLOOR = 0.85;
/** Share of the neural signal in the mixed similarity when both are there. */
export const NEURAL_SHARE = 0.5;
/**
 * Neural cosine from which two sentences count as one statement. On the same pairs: those sharing 70% of their
 * words or more are at 0.985 or above (all but 5%), those sharing 30-70% have a median of 0.94, the rest pass 0.92
 * one time in a hundred.
 */
export const NEURAL_SAME = 0.95;
/** Stem-set overlap from which two sentences count as near-duplicates. */
export const NEAR_DUPLICATE = 0.6;
/** Share of the smaller sentence's stems found in the other (the index's rule for a restated lead). */
const RESTATES = 0.8;
const RESTATES_MIN_STEMS = 5;

export interface SentenceSimilarity {
  /** Sentences compared. */
  size: number;
  /** Similarity in [0, 1] of sentences i and j (1 for a sentence with itself). */
  between(i: number, j: number): number;
  /** True when the two sentences make one statement: a summary shows one of them at most. */
  sameStatement(i: number, j: number): boolean;
  /** Whether the neural signal is part of it. */
  neural: boolean;
}

/** Unit-length copies of the vectors (cosine is then a dot product); undefined when they do not fit the article. */
export function unitVectors(vectors: readonly ArrayLike<number>[] | undefined, sentences: number): Float32Array[] | undefined {
  if (!vectors || vectors.length !== sentences || sentences === 0) return undefined;
  const dimensions = vectors[0]!.length;
  const units: Float32Array[] = [];
  for (const vector of vectors) {
    if (vector.length !== dimensions || dimensions === 0) return undefined;
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += vector[d]! * vector[d]!;
    norm = Math.sqrt(norm);
    const unit = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d++) unit[d] = norm === 0 ? 0 : vector[d]! / norm;
    units.push(unit);
  }
  return units;
}

// An article is summarised at several lengths and asked about several topics: its similarities are computed once.
const cache = new WeakMap<ArticleFeatures, { neural: readonly Float32Array[] | undefined; similarity: SentenceSimilarity }>();

export function sentenceSimilarity(features: ArticleFeatures, neural?: readonly Float32Array[]): SentenceSimilarity {
  const cached = cache.get(features);
  if (cached && cached.neural === neural) return cached.similarity;
  const similarity = computeSimilarity(features, neural);
  cache.set(features, { neural, similarity });
  return similarity;
}

function computeSimilarity(features: ArticleFeatures, neural?: readonly Float32Array[]): SentenceSimilarity {
  const all = features.sentences;
  const n = all.length;
  const units = unitVectors(neural, n);
  const mixed = new Float32Array(n * n);
  const rawNeural = units ? new Float32Array(n * n) : undefined;
  for (let i = 0; i < n; i++) {
    mixed[i * n + i] = 1;
    if (rawNeural) rawNeural[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const lexical = cosine(all[i]!.vector, all[j]!.vector);
      let value = lexical;
      if (units && rawNeural) {
        const dot = dotProduct(units[i]!, units[j]!);
        rawNeural[i * n + j] = rawNeural[j * n + i] = dot;
        value = (1 - NEURAL_SHARE) * lexical + NEURAL_SHARE * stretch(dot);
      }
      mixed[i * n + j] = mixed[j * n + i] = value;
    }
  }
  return {
    size: n,
    neural: units !== undefined,
    between: (i, j) => mixed[i * n + j]!,
    sameStatement: (i, j) => {
      if (i === j) return true;
      const a = all[i]!.stems;
      const b = all[j]!.stems;
      if (jaccard(a, b) >= NEAR_DUPLICATE) return true;
      if (Math.min(a.size, b.size) >= RESTATES_MIN_STEMS && containment(a, b) >= RESTATES) return true;
      return rawNeural !== undefined && rawNeural[i * n + j]! >= NEURAL_SAME;
    },
  };
}

function stretch(cosineValue: number): number {
  return Math.max(0, (cosineValue - NEURAL_FLOOR) / (1 - NEURAL_FLOOR));
}

function dotProduct(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

/** Share of the smaller set found in the larger. */
function containment(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const stem of small) if (large.has(stem)) shared++;
  return shared / small.size;
}
