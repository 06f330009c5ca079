// ROUGE-N F1 between a candidate and reference texts, on normalised word tokens without stemming.
import { tokenise } from '../text/arabic.ts';

/** Word tokens as ROUGE sees them: diacritics and tatweel removed, alef forms, ى/ي and ة/ه folded. */
export function rougeTokens(text: string): string[] {
  return tokenise(text);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** ROUGE-N with clipped counts: each reference n-gram can be matched at most as often as it occurs. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): RougeScore {
  const cand = ngramCounts(candidate, n);
  const ref = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  const candTotal = Math.max(0, candidate.length - n + 1);
  const refTotal = Math.max(0, reference.length - n + 1);
  const precision = candTotal === 0 ? 0 : overlap / candTotal;
  const recall = refTotal === 0 ? 0 : overlap / refTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface RougeF1 {
  rouge1: number;
  rouge2: number;
}

/** ROUGE-1 and ROUGE-2 F1 of a candidate, averaged over several references. */
export function rougeAgainst(candidate: string, references: readonly string[]): RougeF1 {
  if (references.length === 0) throw new Error('ROUGE needs at least one reference.');
  const cand = rougeTokens(candidate);
  let rouge1 = 0;
  let rouge2 = 0;
  for (const reference of references) {
    const ref = rougeTokens(reference);
    rouge1 += rougeN(cand, ref, 1).f1;
    rouge2 += rougeN(cand, ref, 2).f1;
  }
  return { rouge1: rouge1 / references.length, rouge2: rouge2 / references.length };
}
