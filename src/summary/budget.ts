// How long a summary may be: a word budget or a sentence count, and the one admission rule every
// selection (ours, the lead baseline, random) goes through so that comparisons stay fair.
import { tokenise } from '../text/arabic.ts';

export type SummaryLength = 'short' | 'medium' | 'long';

export const SENTENCES_FOR_LENGTH: Record<SummaryLength, number> = { short: 3, medium: 5, long: 8 };

export type SummaryBudget = { kind: 'words'; words: number } | { kind: 'sentences'; sentences: number };

/** Words as the budget counts them: the same normalised tokens ROUGE counts. */
export function countWords(text: string): number {
  return tokenise(text).length;
}

/**
 * Sentences join a summary while it is still shorter than its word budget, so the last one may overshoot.
 * Whole sentences only, since every quote is an exact sentence. The lead baseline, the random baseline and
 * the summariser all go through this same rule.
 */
export function admitsWords(used: number, budget: number): boolean {
  return used < budget;
}

export function admits(budget: SummaryBudget, used: { words: number; sentences: number }, add: { words: number; sentences: number }): boolean {
  if (budget.kind === 'words') return admitsWords(used.words, budget.words);
  return used.sentences + add.sentences <= budget.sentences;
}

/**
 * Packs units taken in a fixed order of preference: each one is admitted if it fits, otherwise skipped.
 * When nothing fits (a budget of 0, or only long sentences) the first unit is taken alone, so a summary
 * is never empty.
 */
export function packInOrder<T>(units: readonly T[], size: (unit: T) => { words: number; sentences: number }, budget: SummaryBudget): T[] {
  const chosen: T[] = [];
  const used = { words: 0, sentences: 0 };
  for (const unit of units) {
    const add = size(unit);
    if (!admits(budget, used, add)) continue;
    chosen.push(unit);
    used.words += add.words;
    used.sentences += add.sentences;
  }
  if (chosen.length === 0 && units.length > 0) chosen.push(units[0]!);
  return chosen;
}
