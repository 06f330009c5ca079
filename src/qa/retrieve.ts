// Hybrid retrieval: BM25 on stems, n-grams, root skeletons and cross-script name keys, the lexical embedding
// of chunks in HNSWLib, any extra embedding, and a few evidence features, fused linearly per sentence;
// then sentences inherit a share of their neighbours' evidence and restated facts credit their first statement.
// Scores come back as confidences relative to the best sentence (1 for it), whatever the sign of the weights.
import type { ArticleIndex } from '../index/article-index.ts';
import type { Sentence } from '../text/segment.ts';
import { FEATURE_NAMES, sentenceFeatures, type FeatureName, type SentenceFeatures } from './features.ts';
import { analyseQuery, type Query } from './query.ts';

export type FusionWeights = Record<FeatureName, number> & {
  /** Share of the best neighbour's fused score a sentence inherits. */
  neighbours: number;
};

/**
 * Fitted on XQuAD-ar and ARCD-train together by `npm run fit-weights` (coordinate ascent on hit@1);
 * `npm run fit-weights -- --cv` gives the held-out figures (fitted on one dataset and tested on the other,
 * and 5-fold by article).
 */
export const DEFAULT_WEIGHTS: FusionWeights = {
  stems: 1,
  grams: 2,
  skeletons: 1,
  names: 1,
  lexicalVectors: 0.1,
  // not fitted (no neural model is available offline here): a starting point for when one is configured
  extraVectors: 0.6,
  coverage: 0.5,
  bigrams: 0.1,
  numberMatch: 2,
  lead: 0.1,
  neighbours: 0.05,
};

export interface Evidence {
  sentence: Sentence;
  score: number;
}

export interface Ranking {
  query: Query;
  /** Sentence positions with fused scores, best first (only sentences with some evidence). */
  ranked: { position: number; score: number }[];
}

export async function rankSentences(index: ArticleIndex, question: string | Query, weights: FusionWeights = DEFAULT_WEIGHTS): Promise<Ranking> {
  const query = typeof question === 'string' ? analyseQuery(question) : question;
  if (query.stems.length === 0) return { query, ranked: [] };
  return { query, ranked: rankFromFeatures(index, await sentenceFeatures(index, query), weights) };
}

/** The contract other parts code against: the k best sentences with their fused scores, best first. */
export async function retrieveEvidence(index: ArticleIndex, question: string, options: { k?: number } = {}): Promise<Evidence[]> {
  const { ranked } = await rankSentences(index, question);
  return ranked.slice(0, options.k ?? 3).map(({ position, score }) => ({ sentence: index.article.sentences[position]!, score }));
}

/** Pure fusion step, separate so that weight fitting can reuse features computed once. */
export function rankFromFeatures(index: ArticleIndex, features: SentenceFeatures, weights: FusionWeights): { position: number; score: number }[] {
  const n = index.article.sentences.length;
  const fused = new Float64Array(n);
  for (const name of FEATURE_NAMES) {
    const weight = weights[name];
    if (weight === 0) continue;
    const values = features[name];
    for (let i = 0; i < n; i++) fused[i] = fused[i]! + weight * values[i]!;
  }
  const scores = creditFirstStatement(index, withNeighbours(index, fused, weights.neighbours));
  const ranked: { position: number; score: number }[] = [];
  for (let position = 0; position < n; position++) {
    if (isCandidate(index, features, position)) ranked.push({ position, score: scores[position]! });
  }
  ranked.sort((a, b) => b.score - a.score || a.position - b.position);
  // scores become confidences relative to the best sentence: 1 for it, less for the rest, never negative
  const best = ranked[0]?.score ?? 0;
  for (const r of ranked) r.score = Math.exp(r.score - best);
  return ranked;
}

/** A sentence can be ranked when it shares something with the question, or its neighbour in the paragraph shares stems. */
function isCandidate(index: ArticleIndex, features: SentenceFeatures, p: number): boolean {
  const sentences = index.article.sentences;
  const sameParagraph = (q: number) => q >= 0 && q < sentences.length && sentences[q]!.paragraph === sentences[p]!.paragraph;
  return (
    features.stems[p]! > 0 ||
    features.grams[p]! > 0 ||
    features.names[p]! > 0 ||
    features.skeletons[p]! > 0 ||
    features.extraVectors[p]! > 0 ||
    (sameParagraph(p - 1) && features.stems[p - 1]! > 0) ||
    (sameParagraph(p + 1) && features.stems[p + 1]! > 0)
  );
}

function withNeighbours(index: ArticleIndex, scores: Float64Array, share: number): Float64Array {
  if (share === 0) return scores;
  const sentences = index.article.sentences;
  return scores.map((score, i) => {
    const before = i > 0 && sentences[i - 1]!.paragraph === sentences[i]!.paragraph ? scores[i - 1]! : 0;
    const after = i + 1 < sentences.length && sentences[i + 1]!.paragraph === sentences[i]!.paragraph ? scores[i + 1]! : 0;
    return score + share * Math.max(before, after);
  });
}

/** A restated sentence passes its score to the first statement, which then ranks just ahead of it. */
function creditFirstStatement(index: ArticleIndex, scores: Float64Array): Float64Array {
  for (let i = 0; i < scores.length; i++) {
    const first = index.repeatOf[i]!;
    if (first >= 0 && scores[i]! > scores[first]!) scores[first] = scores[i]!;
  }
  return scores;
}
