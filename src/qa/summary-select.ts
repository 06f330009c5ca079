// Chooses a summary's sentences: a position prior plus similarity to the article and to its first sentence,
// greedy with a redundancy penalty, near-duplicates excluded, and dependent sentences brought in together
// with the (at most two) sentences they depend on.
import { admits, type SummaryBudget } from './summary-budget.ts';
import { cosine, jaccard, type ArticleFeatures, type SentenceFeatures } from './summary-features.ts';

// The few global weights, set on EASC topics 1-100 as a whole (never per article). A score reads roughly
// as the share of a sentence's words that a person summarising the article would also keep.
export const WEIGHTS = {
  base: 0.1, position: 0.2, lateness: -0.15, centrality: 0.1, lead: 0.4, textRank: 0, continuation: 0, first: 0,
  redundancy: 0.3,
  shortSentence: 6,
  longSentence: 60,
  lengthPower: 0,
  keywords: 0,
  complete: 0,
  wordWeighted: 0,
};
/** Stem-set overlap from which two sentences count as near-duplicates. */
export const NEAR_DUPLICATE = 0.6;
/** How many earlier sentences a dependent sentence may pull in; longer chains are left out. */
const MAX_CHAIN = 2;

export function sentenceScore(features: SentenceFeatures, sentenceCount: number): number {
  const prior = 1 / Math.sqrt(1 + features.rank);
  const lateness = sentenceCount > 1 ? features.rank / (sentenceCount - 1) : 0;
  const content =
    WEIGHTS.base +
    WEIGHTS.position * prior +
    WEIGHTS.lateness * lateness +
    WEIGHTS.centrality * features.centrality +
    WEIGHTS.lead * features.leadSimilarity +
    WEIGHTS.textRank * features.textRank +
    WEIGHTS.continuation * (features.continues ? 1 : 0) +
    WEIGHTS.first * (features.rank === 0 ? 1 : 0) +
    WEIGHTS.keywords * Math.min(1, features.keywords / 5) +
    WEIGHTS.complete * (features.complete ? 1 : 0);
  return content * Math.min(1, features.words / WEIGHTS.shortSentence, WEIGHTS.longSentence / features.words) * Math.pow(Math.max(1, features.words) / 20, WEIGHTS.lengthPower);
}

/** The sentences a candidate needs, in article order: itself plus the ones it points back to. */
function unitFor(all: readonly SentenceFeatures[], position: number): SentenceFeatures[] | undefined {
  const unit = [all[position]!];
  let cursor = position;
  while (all[cursor]!.dependent) {
    if (unit.length > MAX_CHAIN) return undefined;
    cursor--;
    unit.unshift(all[cursor]!);
  }
  return unit;
}

export interface SelectOptions {
  budget: SummaryBudget;
  /** Per-sentence relevance to a topic; when given, only relevant sentences are candidates. */
  relevance?: readonly number[];
}

/** Positions of the chosen sentences, in article order. */
export function selectSentences(features: ArticleFeatures, options: SelectOptions): number[] {
  const all = features.sentences;
  const base = all.map((s) => sentenceScore(s, features.wholeSentences));
  const worth = options.relevance ? all.map((_, i) => options.relevance![i]! + 0.1 * base[i]!) : base;
  const candidates = all
    .map((_, position) => unitFor(all, position))
    .filter((unit): unit is SentenceFeatures[] => unit !== undefined)
    .filter((unit) => !options.relevance || options.relevance[unit[unit.length - 1]!.position]! > 0);

  const chosen = new Set<number>();
  const chosenList: SentenceFeatures[] = [];
  const used = { words: 0, sentences: 0 };
  const value = (s: SentenceFeatures) => worth[s.position]! * (1 - WEIGHTS.redundancy * maxSimilarity(s, chosenList));
  const bestUnit = (withinBudget: boolean) => {
    let best: { unit: SentenceFeatures[]; gain: number; add: { words: number; sentences: number } } | undefined;
    for (const unit of candidates) {
      const fresh = unit.filter((s) => !chosen.has(s.position));
      if (fresh.length === 0) continue;
      const add = { words: fresh.reduce((sum, s) => sum + s.words, 0), sentences: fresh.length };
      if (withinBudget && !admits(options.budget, used, add)) continue;
      if (fresh.some((s) => chosenList.some((c) => jaccard(s.stems, c.stems) >= NEAR_DUPLICATE))) continue;
      const gain = WEIGHTS.wordWeighted
        ? fresh.reduce((sum, s) => sum + value(s) * Math.max(1, s.words), 0) / fresh.reduce((sum, s) => sum + Math.max(1, s.words), 0)
        : fresh.reduce((sum, s) => sum + value(s), 0) / fresh.length;
      if (!best || gain > best.gain) best = { unit: fresh, gain, add };
    }
    return best;
  };
  for (let step = 0; step < all.length; step++) {
    // When nothing fits at all (a budget of 0, or only long sentences), the best unit alone is the summary.
    const best = bestUnit(true) ?? (chosen.size === 0 ? bestUnit(false) : undefined);
    if (!best) break;
    for (const s of best.unit) {
      chosen.add(s.position);
      chosenList.push(s);
    }
    used.words += best.add.words;
    used.sentences += best.add.sentences;
  }
  return [...chosen].sort((a, b) => a - b);
}

function maxSimilarity(sentence: SentenceFeatures, chosen: readonly SentenceFeatures[]): number {
  let max = 0;
  for (const other of chosen) max = Math.max(max, cosine(sentence.vector, other.vector));
  return max;
}

