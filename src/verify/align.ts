// Word alignment of a claimed quote against the article: the claim is matched in full, the article
// only where the claim lies (a "fitting" alignment, free at both ends of the article), so a fragment
// of a sentence and a run of several sentences are both found where they are.
import type { Word } from './words.ts';

export type StepKind = 'same' | 'variant' | 'changed' | 'added' | 'dropped';

/** One step of the alignment: `claim` and `article` are word indices (absent for added/dropped). */
export interface Step {
  kind: StepKind;
  claim?: number;
  article?: number;
}

export interface Alignment {
  steps: Step[];
  /** Claim words found as written (same) or as another form of the same word (variant). */
  same: number;
  variant: number;
  /** First and last article word of the aligned span. */
  first: number;
  last: number;
}

// Costs: a change of form (وزير/والوزير) is cheaper than a different word, a different word cheaper than
// an added plus a dropped one, and an article word skipped cheaper than a claim word left unmatched, so
// that a claim missing words still lines up with the article rather than floating free of it.
const COST = { same: 0, variant: 2, changed: 5, added: 4, dropped: 3 } as const;
const FROM = { diagonal: 1, up: 2, left: 3 } as const;

/**
 * Aligns all of `claim` with a stretch of `article[lo, hi)`. Returns undefined when no claim word meets
 * an article word.
 */
export function alignClaim(claim: Word[], article: Word[], lo = 0, hi = article.length): Alignment | undefined {
  const m = claim.length;
  const n = hi - lo;
  if (m === 0 || n <= 0) return undefined;
  const width = n + 1;
  const from = new Uint8Array((m + 1) * width);
  let previous = new Int32Array(width); // row 0: the claim may start anywhere in the article, for free
  let current = new Int32Array(width);
  for (let i = 1; i <= m; i++) {
    current[0] = i * COST.added;
    from[i * width] = FROM.up;
    const word = claim[i - 1]!;
    for (let j = 1; j <= n; j++) {
      const diagonal = previous[j - 1]! + pairCost(word, article[lo + j - 1]!);
      const up = previous[j]! + COST.added;
      const left = current[j - 1]! + COST.dropped;
      let best = diagonal;
      let step: number = FROM.diagonal;
      if (up < best) [best, step] = [up, FROM.up];
      if (left < best) [best, step] = [left, FROM.left];
      current[j] = best;
      from[i * width + j] = step;
    }
    [previous, current] = [current, previous];
  }
  let end = 1;
  for (let j = 2; j <= n; j++) if (previous[j]! < previous[end]!) end = j; // the claim may end anywhere, too
  return traceBack(claim, article, lo, from, width, end);
}

function pairCost(a: Word, b: Word): number {
  if (a.folded === b.folded) return COST.same;
  if (a.stem === b.stem) return COST.variant;
  return COST.changed;
}

function traceBack(claim: Word[], article: Word[], lo: number, from: Uint8Array, width: number, end: number): Alignment | undefined {
  const steps: Step[] = [];
  let i = claim.length;
  let j = end;
  while (i > 0) {
    const step = from[i * width + j];
    if (step === FROM.diagonal) {
      const a = article[lo + j - 1]!;
      const c = claim[i - 1]!;
      const kind: StepKind = c.folded === a.folded ? 'same' : c.stem === a.stem ? 'variant' : 'changed';
      steps.push({ kind, claim: i - 1, article: lo + j - 1 });
      i--;
      j--;
    } else if (step === FROM.left) {
      steps.push({ kind: 'dropped', article: lo + j - 1 });
      j--;
    } else {
      steps.push({ kind: 'added', claim: i - 1 });
      i--;
    }
  }
  steps.reverse();
  const paired = steps.filter((s) => s.article !== undefined && s.claim !== undefined);
  if (!paired.some((s) => s.kind === 'same' || s.kind === 'variant')) return undefined;
  // Article words dropped before the first or after the last paired word are outside the span.
  const first = paired[0]!.article!;
  const last = paired[paired.length - 1]!.article!;
  const inSpan = steps.filter((s) => s.kind !== 'dropped' || (s.article! > first && s.article! < last));
  return {
    steps: inSpan,
    same: inSpan.filter((s) => s.kind === 'same').length,
    variant: inSpan.filter((s) => s.kind === 'variant').length,
    first,
    last,
  };
}

/**
 * Where in a long article to align: the few stretches of the claim's length holding the most of its
 * words, so the quadratic alignment runs on a window, not on the whole article.
 */
export function candidateWindows(claim: Word[], article: Word[], count = 3): [number, number][] {
  const m = claim.length;
  if (article.length <= m * 4 + 40) return [[0, article.length]];
  const wanted = new Set(claim.flatMap((w) => [w.folded, w.stem]));
  const prefix = new Int32Array(article.length + 1);
  article.forEach((w, k) => (prefix[k + 1] = prefix[k]! + (wanted.has(w.folded) || wanted.has(w.stem) ? 1 : 0)));
  const starts: { start: number; hits: number }[] = [];
  for (let start = 0; start + m <= article.length; start++) starts.push({ start, hits: prefix[start + m]! - prefix[start]! });
  starts.sort((a, b) => b.hits - a.hits || a.start - b.start);
  const chosen: number[] = [];
  for (const { start, hits } of starts) {
    if (hits === 0 || chosen.length === count) break;
    if (chosen.every((c) => Math.abs(c - start) >= m)) chosen.push(start);
  }
  const slack = Math.ceil(m / 2) + 5;
  return chosen.map((start) => [Math.max(0, start - slack), Math.min(article.length, start + m + slack)]);
}

/**
 * A claim whose first or last words differ from the article's ("…كوسيط حرب" for "…كوسيط سلام") aligns them
 * as added, since the article around the span is free. Where the article goes on within the same sentence,
 * those words were changed, not added: pair them with the article's neighbouring words.
 */
export function pairEdgeWords(alignment: Alignment, articleLength: number, sameSentence: (a: number, b: number) => boolean): Alignment {
  const steps = [...alignment.steps];
  let { first, last } = alignment;
  for (let k = steps.length - 1; k >= 0 && steps[k]!.kind === 'added'; k--) {
    if (last + 1 >= articleLength || !sameSentence(last, last + 1)) break;
    last++;
  }
  let pairedAtEnd = last - alignment.last;
  for (let k = steps.length - 1; pairedAtEnd > 0; k--) {
    steps[k] = { kind: 'changed', claim: steps[k]!.claim!, article: alignment.last + pairedAtEnd };
    pairedAtEnd--;
  }
  for (let k = 0; k < steps.length && steps[k]!.kind === 'added'; k++) {
    if (first - 1 < 0 || !sameSentence(first, first - 1)) break;
    first--;
  }
  const pairedAtStart = alignment.first - first;
  for (let k = 0; k < pairedAtStart; k++) steps[k] = { kind: 'changed', claim: steps[k]!.claim!, article: first + k };
  return { ...alignment, steps, first, last };
}
