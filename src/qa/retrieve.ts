// Hybrid retrieval: BM25 on stems, n-grams, root skeletons and cross-script name keys, the lexical embedding
// of chunks in HNSWLib, any extra embedding, and a few evidence features, fused linearly per sentence;
// then sentences inherit a share of their neighbours' evidence and restated facts credit their first statement.
// Scores come back as confidences relative to the best sentence (1 for it), whatever the sign of the weights.
import type { ArticleIndex } from '../index/article-index.ts';
import { detectLanguage } from '../text/arabic.ts';
import type { Sentence } from '../text/segment.ts';
import { FEATURE_NAMES, sentenceFeatures, type FeatureName, type SentenceFeatures } from './features.ts';
import { analyseQuery, type Query } from './query.ts';

export type FusionWeights = Record<FeatureName, number> & {
  /** Share of the best neighbour's fused score a sentence inherits. */
  neighbours: number;
};

/**
 * The lexical signals alone: what answers when no neural embedder is configured, or it fails for a question.
 * Fitted on XQuAD-ar and ARCD-train together by `npm run fit-weights -- --system lexical` (coordinate ascent on
 * hit@1); `--cv` gives the held-out figures (fitted on one dataset and tested on the other, and 5-fold by article).
 */
export const LEXICAL_WEIGHTS: FusionWeights = {
  stems: 1,
  grams: 2,
  skeletons: 1,
  names: 1,
  lexicalVectors: 0.1,
  neural: 0,
  neuralPair: 0,
  coverage: 0.5,
  bigrams: 0.1,
  numberMatch: 2,
  lead: 0.1,
  answerType: 0,
  tense: 0,
  sameForms: 0,
  neighbours: 0.05,
};

/**
 * The lexical signals fused with the neural similarity of each sentence and pair: `npm run fit-weights -- --freeze
 * names` on XQuAD-ar and ARCD-train (names stay at 1: Arabic questions seldom carry Latin names, so the fit cannot
 * see them, and English questions need them). The answer-kind, tense and word-form features (src/qa/answer-cues.ts)
 * were then fitted alone on XQuAD-ar, the others held where they were. Held out (`--cv`): see docs/benchmarks.md.
 */
export const FUSED_WEIGHTS: FusionWeights = {
  stems: 1,
  grams: 2,
  skeletons: 2,
  names: 1,
  lexicalVectors: -1,
  neural: 3,
  neuralPair: 0.05,
  coverage: 2,
  bigrams: -0.1,
  numberMatch: 3,
  lead: -0.1,
  answerType: 0.1,
  tense: 1,
  sameForms: 0.5,
  neighbours: 0.1,
};

/**
 * A question in another language than the article's (English about Arabic text) shares few words with it: the
 * neural similarity carries it, names and glosses help, and words in their own form (numbers, Latin names) more.
 * Fitted on XQuAD's English questions over its Arabic contexts (`npm run fit-weights -- --system cross-lingual`;
 * 5-fold by article held out: see docs/benchmarks.md).
 */
export const CROSS_LINGUAL_WEIGHTS: FusionWeights = {
  stems: 0,
  grams: -0.1,
  skeletons: 0.3,
  names: 0.2,
  lexicalVectors: 0.05,
  neural: 1.5,
  neuralPair: 0.5,
  coverage: 1,
  bigrams: 0,
  numberMatch: 0.2,
  lead: 0,
  answerType: 0.05,
  tense: 0,
  sameForms: 0.5,
  neighbours: 0.05,
};

/** The weights of each system: which set answers a question. */
export interface WeightSet {
  fused: FusionWeights;
  crossLingual: FusionWeights;
  lexical: FusionWeights;
}

/** Today's weights. */
export const CURRENT_WEIGHTS: WeightSet = { fused: FUSED_WEIGHTS, crossLingual: CROSS_LINGUAL_WEIGHTS, lexical: LEXICAL_WEIGHTS };

/** The neural signals alone, for comparison in `npm run eval`. */
export const NEURAL_WEIGHTS: FusionWeights = {
  ...(Object.fromEntries(Object.keys(LEXICAL_WEIGHTS).map((k) => [k, 0])) as FusionWeights),
  neural: 1,
  neuralPair: 0.5,
};

/** The weights for features as computed: fused when the neural embedder answered, else lexical. */
export function defaultWeights(features: SentenceFeatures, crossLingual = false, set: WeightSet = CURRENT_WEIGHTS): FusionWeights {
  if (!features.similarity) return set.lexical;
  return crossLingual ? set.crossLingual : set.fused;
}

/** True when the question is not in the article's language. */
export function isCrossLingual(index: ArticleIndex, query: Query): boolean {
  return detectLanguage(query.text) !== index.language;
}

export interface Evidence {
  sentence: Sentence;
  score: number;
}

export interface Ranking {
  query: Query;
  features: SentenceFeatures;
  /** Sentence positions with fused scores, best first (only sentences with some evidence). */
  ranked: { position: number; score: number }[];
}

export async function rankSentences(index: ArticleIndex, question: string | Query, weights?: FusionWeights): Promise<Ranking> {
  const query = typeof question === 'string' ? analyseQuery(question) : question;
  const features = await sentenceFeatures(index, query);
  return { query, features, ranked: rankFromFeatures(index, features, weights ?? defaultWeights(features, isCrossLingual(index, query))) };
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
    features.neural[p]! > 0 ||
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
