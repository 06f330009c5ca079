// Finds sentences that repeat an earlier one (encyclopedic and news text often restate a lead),
// so that retrieval can credit the first statement and answers do not quote the same fact twice.
//
// The definition is pairwise (each sentence against every earlier one), but the search is not: two sentences
// can only pass the overlap test if they share a term among the rarest terms of the smaller one (prefix
// filtering), so candidates come from inverted indexes and only they get the exact test. Cost grows with the
// text, not with its square (test/index-repeats.test.ts checks it against the pairwise definition).

/** Share of the shorter sentence's distinct terms found in the other for the two to count as one statement. */
export const REPEAT_OVERLAP = 0.7;
const MIN_TERMS = 5;

/** For each sentence, the position of the earliest sentence it repeats, or -1. */
export function findRepeats(sentenceTerms: readonly (readonly string[])[]): Int32Array {
  const n = sentenceTerms.length;
  const repeatOf = new Int32Array(n).fill(-1);
  const sets = sentenceTerms.map((terms) => new Set(terms));
  const sorted = byRarity(sets);
  // every term of each earlier first statement, and only the rare prefix of each
  const allTerms = new Map<string, number[]>();
  const prefixTerms = new Map<string, number[]>();
  const seen = new Uint8Array(n);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = sets[i]!;
    if (a.size < MIN_TERMS) continue;
    const terms = sorted[i]!;
    const prefix = prefixLength(a.size);
    // an earlier sentence no larger than this one shares a term of its own prefix with it
    for (const t of terms) collect(prefixTerms.get(t), seen, candidates);
    // an earlier, larger sentence shares a term of this one's prefix
    for (let k = 0; k < prefix; k++) collect(allTerms.get(terms[k]!), seen, candidates);
    candidates.sort((x, y) => x - y);
    for (const j of candidates) {
      if (overlap(a, sets[j]!) >= REPEAT_OVERLAP) {
        repeatOf[i] = j;
        break;
      }
    }
    for (const j of candidates) seen[j] = 0;
    candidates.length = 0;
    if (repeatOf[i] !== -1) continue; // a repeat is never itself a first statement
    for (const t of terms) push(allTerms, t, i);
    for (let k = 0; k < prefix; k++) push(prefixTerms, terms[k]!, i);
  }
  return repeatOf;
}

/** The pairwise definition, kept as the reference the indexed search must agree with (tests). */
export function findRepeatsPairwise(sentenceTerms: readonly (readonly string[])[]): Int32Array {
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

/**
 * How many of a set's rarest terms must include a shared one: with `size` terms of which at least `need` are
 * shared, at most size - need are not, so any size - need + 1 of them hold a shared term. `need` is the least
 * count that passes the very test `overlap` makes (same division, same comparison).
 */
function prefixLength(size: number): number {
  let need = 1;
  while (need / size < REPEAT_OVERLAP) need++;
  return size - need + 1;
}

/** Each sentence's distinct terms, rarest first (ties by term, so the order is fixed). */
function byRarity(sets: readonly Set<string>[]): string[][] {
  const df = new Map<string, number>();
  for (const set of sets) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  return sets.map((set) => [...set].sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : x > y ? 1 : 0)));
}

function collect(list: readonly number[] | undefined, seen: Uint8Array, into: number[]): void {
  if (!list) return;
  for (const j of list) {
    if (seen[j]) continue;
    seen[j] = 1;
    into.push(j);
  }
}

function push(map: Map<string, number[]>, term: string, position: number): void {
  const list = map.get(term);
  if (list) list.push(position);
  else map.set(term, [position]);
}
