// Evidence features of every sentence for one question. Each lies in [0, 1]; BM25 and vector signals are
// scaled to the article's best sentence, so that weights mean the same on short and long articles.
import type { ArticleIndex } from '../index/article-index.ts';
import { skeleton } from '../index/terms.ts';
import type { Query } from './query.ts';

export const FEATURE_NAMES = [
  'stems',
  'flatStems',
  'surface',
  'grams',
  'skeletons',
  'names',
  'lexicalVectors',
  'sentenceVectors',
  'extraVectors',
  'coverage',
  'bigrams',
  'numberMatch',
  'lead',
  'novelNumber',
  'dateMatch',
  'proximity',
  'newTerms',
  'previousContext',
  'antecedent',
  'whoAntecedent',
  'previousStems',
  'nextStems',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type SentenceFeatures = Record<FeatureName, Float64Array>;

/** Vector hits fetched per signal: enough to cover any short article, bounded for long ones. */
const VECTOR_HITS = 64;

export async function sentenceFeatures(index: ArticleIndex, query: Query): Promise<SentenceFeatures> {
  const n = index.article.sentences.length;
  const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, new Float64Array(n)])) as SentenceFeatures;
  if (query.stems.length === 0) return features;

  features.stems = scaled(index.stemBm25.scores(query.stems));
  features.flatStems = scaled(index.flatStemBm25.scores(query.stems));
  features.surface = scaled(index.surfaceBm25.scores(query.tokens));
  features.grams = scaled(index.gramBm25.scores(query.grams));
  features.skeletons = scaled(index.skeletonBm25.scores(query.stems.map(skeleton)));
  features.names = scaled(index.nameBm25.scores(query.names));

  const queryVector = index.lexical.embed(query.text, query.tokens.length);
  for (let p = 0; p < n; p++) {
    const v = index.sentenceVectors[p]!;
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * queryVector[i]!;
    features.sentenceVectors[p] = Math.max(0, dot);
  }
  features.sentenceVectors = scaled(features.sentenceVectors);
  for (const signal of index.signals) {
    const vector = signal.name === 'lexical' ? queryVector : await signal.embeddings.embedQuery(query.text);
    const perSentence = new Float64Array(n);
    for (const hit of signal.vectors.search(vector, VECTOR_HITS)) {
      const chunk = index.chunks[hit.chunk];
      if (!chunk || hit.similarity <= 0) continue;
      for (const p of chunk.sentencePositions) perSentence[p] = Math.max(perSentence[p]!, hit.similarity);
    }
    features[signal.name === 'lexical' ? 'lexicalVectors' : 'extraVectors'] = scaled(perSentence);
  }

  const unseenIdf = Math.log(1 + (index.stemBm25.size + 0.5) / 0.5);
  const terms = [...new Set(query.stems)].map((stem) => ({ stem, weight: index.stemBm25.has(stem) ? index.stemBm25.idf(stem) : unseenIdf }));
  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const queryStems = new Set(query.stems);
  const queryTokens = new Set(query.allTokens);
  const queryBigrams = new Set(query.stems.slice(1).map((stem, i) => `${query.stems[i]}|${stem}`));
  const sentences = index.article.sentences;
  const hasEvidence = (p: number) => features.stems[p]! > 0 || features.grams[p]! > 0 || features.names[p]! > 0;
  const samePrevious = (p: number) => p > 0 && sentences[p - 1]!.paragraph === sentences[p]!.paragraph;

  const stemSets = sentenceStemSets(index);
  for (let p = 0; p < n; p++) {
    const present = stemSets[p]!;
    let found = 0;
    for (const t of terms) if (present.has(t.stem)) found += t.weight;
    features.coverage[p] = totalWeight === 0 ? 0 : found / totalWeight;
  }
  for (let p = 0; p < n; p++) {
    const previous = samePrevious(p) ? p - 1 : -1;
    const next = p + 1 < n && samePrevious(p + 1) ? p + 1 : -1;
    if (!hasEvidence(p) && !(previous >= 0 && hasEvidence(previous)) && !(next >= 0 && hasEvidence(next))) continue;
    const stems = index.sentenceStems[p]!;
    const cues = index.sentenceCues[p]!;
    if (hasEvidence(p)) {
      if (sentences[p]!.index === 1) features.lead[p] = 1;
      if (queryBigrams.size > 0) {
        let shared = 0;
        for (let i = 1; i < stems.length; i++) if (queryBigrams.has(`${stems[i - 1]}|${stems[i]}`)) shared++;
        features.bigrams[p] = Math.min(1, shared / queryBigrams.size);
      }
      if (query.wantsNumber && index.sentenceHasNumber[p]) features.numberMatch[p] = 1;
      features.proximity[p] = proximity(stems, queryStems);
    }
    // the answer is what the question does not already say: a number it does not state, words it does not use
    if (query.wantsNumber && cues.numbers.some((x) => !queryTokens.has(x))) features.novelNumber[p] = 1;
    if (query.kind === 'when' && cues.hasDate) features.dateMatch[p] = 1;
    let fresh = 0;
    for (const stem of stemSets[p]!) if (!queryStems.has(stem)) fresh++;
    features.newTerms[p] = 1 - Math.exp(-fresh / 4);
    // what the sentence before adds: the question's terms it names that this sentence refers back to
    if (previous >= 0) {
      let added = 0;
      for (const t of terms) if (!stemSets[p]!.has(t.stem) && stemSets[previous]!.has(t.stem)) added += t.weight;
      features.previousContext[p] = totalWeight === 0 ? 0 : added / totalWeight;
    }
    if (previous >= 0) features.previousStems[p] = features.stems[previous]!;
    if (next >= 0) features.nextStems[p] = features.stems[next]!;
    // a "وهو ..." sentence next: this one names whom the next one talks about
    if (next >= 0 && index.sentenceCues[next]!.anaphoric) {
      features.antecedent[p] = features.stems[next]!;
      if (query.kind === 'who') features.whoAntecedent[p] = features.stems[next]!;
    }
  }
  return features;
}

const stemSetCache = new WeakMap<ArticleIndex, Set<string>[]>();
/** Each sentence's distinct stems, built once per index: every question asks for them. */
function sentenceStemSets(index: ArticleIndex): Set<string>[] {
  let sets = stemSetCache.get(index);
  if (!sets) stemSetCache.set(index, (sets = index.sentenceStems.map((stems) => new Set(stems))));
  return sets;
}

/** Distinct question terms matched per word of the shortest stretch holding them all (0 below two terms). */
function proximity(stems: readonly string[], queryStems: ReadonlySet<string>): number {
  const wanted = new Set(stems.filter((s) => queryStems.has(s)));
  if (wanted.size < 2) return 0;
  const counts = new Map<string, number>();
  let covered = 0;
  let best = Infinity;
  let left = 0;
  for (let right = 0; right < stems.length; right++) {
    const stem = stems[right]!;
    if (!wanted.has(stem)) continue;
    const c = (counts.get(stem) ?? 0) + 1;
    counts.set(stem, c);
    if (c === 1) covered++;
    while (covered === wanted.size) {
      best = Math.min(best, right - left + 1);
      const leftStem = stems[left]!;
      if (wanted.has(leftStem)) {
        const lc = counts.get(leftStem)! - 1;
        counts.set(leftStem, lc);
        if (lc === 0) covered--;
      }
      left++;
    }
  }
  return wanted.size / best;
}

/** Scales a signal so that its best sentence has 1 (all zeros stay zeros). */
function scaled(scores: Float64Array): Float64Array {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max > 0) for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! / max;
  return scores;
}
