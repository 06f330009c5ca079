// Finds sentences that repeat an earlier one (encyclopedic and news text often restate a lead),
// so that retrieval can credit the first statement and answers do not quote the same fact twice.

/** Share of the shorter sentence's distinct terms found in the other for the two to count as one statement. */
export const REPEAT_OVERLAP = 0.7;
const MIN_TERMS = 5;

/** For each sentence, the position of the earliest sentence it repeats, or -1. */
export function findRepeats(sentenceTerms: readonly (readonly string[])[]): Int32Array {
  const sets = sentenceTerms.map((terms) => new Set(terms));
  const repeatOf = new Int32Array(sets.length).fill(-1);
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i]!;
    if (a.size < MIN_TERMS) continue;
    for (let j = 0; j < i; j++) {
      const b = sets[j]!;
      if (b.size < MIN_TERMS || repeatOf[j] !== -1) continue;
      if (overlap(a, b) >= REPEAT_OVERLAP) {
        repeatOf[i] = j;
        break;
      }
    }
  }
  return repeatOf;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size;
}
