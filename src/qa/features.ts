// Evidence features of every sentence for one question. Each lies in [0, 1]; BM25 and vector signals are
// scaled to the article's best sentence, so that weights mean the same on short and long articles.
import type { ArticleIndex, VectorSignal } from '../index/article-index.ts';
import type { ChunkHit } from '../index/vector-store.ts';
import { skeleton } from '../text/terms.ts';
import type { Query } from './query.ts';
import { answerTypeValue, articleCues, asksAboutFuture, sameFormsValue, tenseValue } from './answer-cues.ts';

export const FEATURE_NAMES = [
  'stems',
  'grams',
  'skeletons',
  'names',
  'lexicalVectors',
  'neural',
  'neuralPair',
  'coverage',
  'bigrams',
  'numberMatch',
  'lead',
  'answerType',
  'tense',
  'sameForms',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type SentenceFeatures = Record<FeatureName, Float64Array> & {
  /** Raw cosine similarity of each sentence to the question under the neural embedder, when it answered. */
  similarity?: Float64Array;
};

/** Vector hits fetched per signal: enough to cover any short article, bounded for long ones. */
const VECTOR_HITS = 64;
/** The neural store holds each sentence and each pair: about twice as many units. */
const NEURAL_HITS = 256;

export async function sentenceFeatures(index: ArticleIndex, query: Query): Promise<SentenceFeatures> {
  const n = index.article.sentences.length;
  const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, new Float64Array(n)])) as SentenceFeatures;
  if (query.stems.length === 0) return features;

  features.stems = scaled(index.stemBm25.scores(query.stems));
  features.grams = scaled(index.gramBm25.scores(query.grams));
  features.skeletons = scaled(index.skeletonBm25.scores(query.stems.map(skeleton)));
  features.names = scaled(index.nameBm25.scores(query.names));

  const queryVector = index.lexical.embed(query.text, query.tokens.length);
  for (const signal of index.signals) {
    if (signal.name === 'lexical') {
      features.lexicalVectors = scaled(bestPerSentence(index, signal, signal.vectors.search(queryVector, VECTOR_HITS)));
      continue;
    }
    const vector = await neuralQueryVector(signal, query.text);
    if (!vector) continue; // the embedder failed (it logged why): this question is answered lexically
    const hits = signal.vectors.search(vector, NEURAL_HITS); // one search serves sentences and pairs
    features.similarity = bestPerSentence(index, signal, hits, 1);
    features.neural = spread(features.similarity.slice());
    features.neuralPair = spread(bestPerSentence(index, signal, hits, 2));
  }

  const unseenIdf = Math.log(1 + (index.stemBm25.size + 0.5) / 0.5);
  const terms = [...new Set(query.stems)].map((stem) => ({ stem, weight: index.stemBm25.has(stem) ? index.stemBm25.idf(stem) : unseenIdf }));
  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const sentences = index.article.sentences;
  const hasEvidence = (p: number) => features.stems[p]! > 0 || features.grams[p]! > 0 || features.names[p]! > 0;

  // Coverage through the stem postings: only sentences holding a question term are touched, each term's
  // weight added in the same order as a scan of every sentence would add it.
  const found = features.coverage;
  for (const t of terms) {
    const postings = index.stemBm25.postingsOf(t.stem);
    if (postings) for (const doc of postings.docs) found[doc] = found[doc]! + t.weight;
  }
  if (totalWeight > 0) for (let p = 0; p < n; p++) found[p] = found[p]! / totalWeight;

  // what kind of answer, in which tense, and the question's words in their own forms: read only where there is evidence
  const cues = articleCues(index);
  const future = asksAboutFuture(query);
  const tokenWeights = query.tokens.map((_, i) => terms.find((t) => t.stem === query.stems[i])?.weight ?? 0);
  for (let p = 0; p < n; p++) {
    if (!hasEvidence(p)) continue;
    if (sentences[p]!.index === 1) features.lead[p] = 1;
    if (query.wantsNumber && index.sentenceHasNumber[p]) features.numberMatch[p] = 1;
    features.answerType[p] = answerTypeValue(query, cues[p]!);
    features.tense[p] = tenseValue(future, cues[p]!);
    features.sameForms[p] = sameFormsValue(query.tokens, tokenWeights, cues[p]!);
  }
  sharedBigrams(index, query.stems, hasEvidence, features.bigrams);
  return features;
}

/**
 * Share of the question's adjacent stem pairs found in each sentence with evidence. The pairs are looked up as
 * first stem -> second stems (no string per pair), and only in sentences that hold some pair's first stem.
 */
function sharedBigrams(index: ArticleIndex, queryStems: readonly string[], hasEvidence: (p: number) => boolean, out: Float64Array): void {
  const pairs = new Map<string, Set<string>>();
  let distinct = 0;
  for (let i = 1; i < queryStems.length; i++) {
    let seconds = pairs.get(queryStems[i - 1]!);
    if (!seconds) pairs.set(queryStems[i - 1]!, (seconds = new Set()));
    if (!seconds.has(queryStems[i]!)) {
      seconds.add(queryStems[i]!);
      distinct++;
    }
  }
  if (distinct === 0) return;
  for (const first of pairs.keys()) {
    const postings = index.stemBm25.postingsOf(first);
    if (!postings) continue;
    for (const p of postings.docs) {
      if (out[p]! > 0 || !hasEvidence(p)) continue; // already counted through another first stem
      const stems = index.sentenceStems[p]!;
      let shared = 0;
      for (let i = 1; i < stems.length; i++) if (pairs.get(stems[i - 1]!)?.has(stems[i]!)) shared++;
      out[p] = Math.min(1, shared / distinct);
    }
  }
}

async function neuralQueryVector(signal: VectorSignal, text: string): Promise<number[] | undefined> {
  try {
    return await signal.embeddings.embedQuery(text);
  } catch {
    return undefined;
  }
}

/** Each sentence's best similarity among the hits' units that contain it (only units of `size` sentences, if given). */
function bestPerSentence(index: ArticleIndex, signal: VectorSignal, hits: readonly ChunkHit[], size?: number): Float64Array {
  const perSentence = new Float64Array(index.article.sentences.length);
  for (const hit of hits) {
    const unit = signal.units[hit.chunk];
    if (!unit || hit.similarity <= 0 || (size !== undefined && unit.sentencePositions.length !== size)) continue;
    for (const p of unit.sentencePositions) perSentence[p] = Math.max(perSentence[p]!, hit.similarity);
  }
  return perSentence;
}

/**
 * Neural similarities crowd together (0.75-0.85 for most sentences of a text): stretch them so that the
 * article's best sentence has 1 and its least similar sentence 0 (sentences not fetched stay 0).
 */
function spread(scores: Float64Array): Float64Array {
  let max = -Infinity;
  let min = Infinity;
  for (const s of scores) {
    if (s <= 0) continue;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const range = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! <= 0 ? 0 : range > 0 ? (scores[i]! - min) / range : 1;
  return scores;
}

/** Scales a signal so that its best sentence has 1 (all zeros stay zeros). */
function scaled(scores: Float64Array): Float64Array {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max > 0) for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! / max;
  return scores;
}
