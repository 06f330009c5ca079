// Chooses a summary's sentences for what they add. Greedy under the budget, each step takes the unit whose gain per
// unit of budget is highest, where the gain is
//   - coverage: how much more of the article the summary now stands for (each article sentence is as well covered
//     as its most similar chosen sentence, with nearness in the article counting as similarity, so that the picks
//     spread over the article's parts instead of piling up at its opening), plus
//   - a prior: position, similarity to the article and to its opening (news states the story first),
// cut by a redundancy penalty against what is chosen; statements already made (near-duplicates) are never taken.
// Dependent sentences come in together with the (at most two) sentences they depend on.
import { admits, type SummaryBudget } from './budget.ts';
import type { ArticleFeatures, SummaryFeatures } from './features.ts';
import { sentenceSimilarity, type SentenceSimilarity } from './similarity.ts';

// The few global weights, never set per article. Tuned on XQuAD-ar's question coverage and EASC topics 1-50;
// ARCD-train and EASC topics 51-100 are the held-out check (npm run eval:summary).
export const WEIGHTS = {
  /** Every sentence's base share. */
  base: 0.1,
  /** Weight of the position prior 1 / sqrt(1 + rank): news puts its key facts first. */
  position: 0.2,
  /** Weight of the lateness penalty (0 for the first sentence, 1 for the last). */
  lateness: 0.15,
  /** Weight of similarity to the article's centroid: how typical of the whole article a sentence is. */
  centrality: 0.15,
  /** Weight of similarity to the opening sentences, which in news state the story. */
  lead: 0.3,
  /** Bonus for a paragraph's first sentence, where the paragraph states its subject. */
  paragraphLead: 0.3,
  /** Share of the score lost per unit of similarity to an already chosen sentence: a sentence is worth what it adds. */
  redundancy: 0.8,
  /** Weight of the coverage gain against the prior, for word budgets. */
  coverage: 0.2,
  /**
   * The same for sentence budgets (short, medium, long): without a word count to spend, it is what carries a
   * summary past the article's opening.
   */
  coverageSentences: 2,
  /** Similarity given to two sentences by nearness alone: 1 for neighbours, fading over `reach` of the article. */
  nearness: 0.5,
  /** Share of the article's sentences over which nearness fades to about a third. */
  reach: 0.1,
  /** Word budgets: a unit's cost grows as (words / mean words) to this power (0: every sentence costs the same). */
  wordCost: 0.6,
  /** Sentences shorter than this many words are scaled down: fragments rarely summarise. */
  shortSentence: 6,
  /** Sentences longer than this many words are scaled down: they spend the budget on detail. */
  longSentence: 60,
};
/** How many earlier sentences a dependent sentence may pull in; longer chains are left out. */
const MAX_CHAIN = 2;

export function sentenceScore(features: SummaryFeatures, sentenceCount: number): number {
  const prior = 1 / Math.sqrt(1 + features.rank);
  const lateness = sentenceCount > 1 ? features.rank / (sentenceCount - 1) : 0;
  const content =
    WEIGHTS.base +
    WEIGHTS.position * prior -
    WEIGHTS.lateness * lateness +
    WEIGHTS.centrality * features.centrality +
    WEIGHTS.lead * features.leadSimilarity +
    (features.opensParagraph ? WEIGHTS.paragraphLead : 0);
  const lengthFit = Math.min(1, features.words / WEIGHTS.shortSentence, WEIGHTS.longSentence / features.words);
  return content * lengthFit;
}

/** The sentences a candidate needs, in article order: itself plus the ones it points back to. */
function unitFor(all: readonly SummaryFeatures[], position: number): SummaryFeatures[] | undefined {
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
  /** The sentences' neural vectors in article order, when the article's index has them. */
  neural?: readonly Float32Array[];
}

/**
 * The redundancy penalty: a sentence's worth, less `redundancy` times its greatest similarity to a chosen
 * sentence, and nothing at all when it makes a statement already chosen.
 */
export function worthAfter(worth: number, position: number, chosen: readonly number[], similarity: SentenceSimilarity): number {
  let max = 0;
  for (const other of chosen) {
    if (similarity.sameStatement(position, other)) return 0;
    max = Math.max(max, similarity.between(position, other));
  }
  return worth * Math.max(0, 1 - WEIGHTS.redundancy * max);
}

/** Positions of the chosen sentences, in article order. */
export function selectSentences(features: ArticleFeatures, options: SelectOptions): number[] {
  const all = features.sentences;
  const n = all.length;
  const similarity = sentenceSimilarity(features, options.neural);
  const base = all.map((s) => sentenceScore(s, features.wholeSentences));
  const relevance = options.relevance;
  const worth = relevance ? all.map((_, i) => relevance[i]! + 0.1 * base[i]!) : base;
  // What is to be covered: the whole article, or the sentences about the topic.
  const weight = relevance ? all.map((_, i) => relevance[i]!) : all.map(() => 1);
  const totalWeight = weight.reduce((sum, w) => sum + w, 0) || 1;
  const reach = Math.max(1, WEIGHTS.reach * features.wholeSentences);
  // computed once: the greedy steps read it many times
  const kernelMatrix = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const apart = all[i]!.sentence.paragraph === all[j]!.sentence.paragraph ? 0 : Math.abs(all[i]!.rank - all[j]!.rank);
      kernelMatrix[i * n + j] = Math.max(similarity.between(i, j), WEIGHTS.nearness * Math.exp(-apart / reach));
    }
  }
  const kernel = (i: number, j: number) => kernelMatrix[i * n + j]!;
  const meanWords = all.reduce((sum, s) => sum + s.words, 0) / Math.max(1, n);

  const candidates = all
    .map((_, position) => unitFor(all, position))
    .filter((unit): unit is SummaryFeatures[] => unit !== undefined)
    .filter((unit) => !relevance || relevance[unit[unit.length - 1]!.position]! > 0);

  const covered = new Float64Array(n);
  const chosen = new Set<number>();
  const chosenList: number[] = [];
  const used = { words: 0, sentences: 0 };
  const coverageGain = (unit: readonly SummaryFeatures[]) => {
    let gain = 0;
    for (let j = 0; j < n; j++) {
      if (weight[j] === 0) continue;
      let best = covered[j]!;
      for (const s of unit) best = Math.max(best, kernel(s.position, j));
      gain += weight[j]! * (best - covered[j]!);
    }
    return gain / totalWeight;
  };
  const coverageWeight = options.budget.kind === 'words' ? WEIGHTS.coverage : WEIGHTS.coverageSentences;
  const cost = (add: { words: number; sentences: number }) =>
    options.budget.kind === 'words' ? add.sentences * Math.pow(Math.max(1, add.words / add.sentences) / meanWords, WEIGHTS.wordCost) : add.sentences;
  const bestUnit = (withinBudget: boolean) => {
    let best: { unit: SummaryFeatures[]; gain: number; add: { words: number; sentences: number } } | undefined;
    for (const unit of candidates) {
      const fresh = unit.filter((s) => !chosen.has(s.position));
      if (fresh.length === 0) continue;
      const add = { words: fresh.reduce((sum, s) => sum + s.words, 0), sentences: fresh.length };
      if (withinBudget && !admits(options.budget, used, add)) continue;
      const worths = fresh.map((s) => worthAfter(worth[s.position]!, s.position, chosenList, similarity));
      // a statement already made is never shown twice, whatever else the unit brings
      if (fresh.some((s, k) => [...chosenList, ...fresh.slice(0, k).map((f) => f.position)].some((c) => similarity.sameStatement(s.position, c)))) continue;
      const gain = (worths.reduce((sum, w) => sum + w, 0) + coverageWeight * coverageGain(fresh)) / cost(add);
      if (!best || gain > best.gain) best = { unit: fresh, gain, add };
    }
    return best;
  };
  for (let step = 0; step < n; step++) {
    // When nothing fits at all (a budget of 0, or only long sentences), the best unit alone is the summary.
    const best = bestUnit(true) ?? (chosen.size === 0 ? bestUnit(false) : undefined);
    if (!best) break;
    for (const s of best.unit) {
      chosen.add(s.position);
      chosenList.push(s.position);
      for (let j = 0; j < n; j++) covered[j] = Math.max(covered[j]!, kernel(s.position, j));
    }
    used.words += best.add.words;
    used.sentences += best.add.sentences;
  }
  return [...chosen].sort((a, b) => a - b);
}

