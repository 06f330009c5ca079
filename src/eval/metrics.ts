// Retrieval metrics over ranked sentence spans.
import type { GoldSpan } from './squad.ts';

export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, b: GoldSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** 1-based rank of the first span overlapping a gold answer, or 0 when none does. */
export function firstHitRank(ranked: readonly Span[], gold: readonly GoldSpan[]): number {
  const i = ranked.findIndex((span) => gold.some((g) => overlaps(span, g)));
  return i + 1;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface SystemTally {
  answerable: number;
  hit1: number;
  hit3: number;
  reciprocalRanks: number;
  /** Answerable questions hit at 1 by an answer that was given (abstentions count as misses). */
  answeredHit1: number;
  falseAbstentions: number;
  impossible: number;
  impossibleAbstentions: number;
  offTopic: number;
  offTopicAbstentions: number;
  /** Answers given to answerable questions, the quotes after their first, and those of them holding no gold answer. */
  answers: number;
  extraQuotes: number;
  extraQuotesWithoutAnswer: number;
  /** Answerable questions with a gold answer in one of the quotes shown (any of them, not only the first). */
  shownHits: number;
  latenciesMs: number[];
}

export function emptyTally(): SystemTally {
  return {
    answerable: 0,
    hit1: 0,
    hit3: 0,
    reciprocalRanks: 0,
    answeredHit1: 0,
    falseAbstentions: 0,
    impossible: 0,
    impossibleAbstentions: 0,
    offTopic: 0,
    offTopicAbstentions: 0,
    answers: 0,
    extraQuotes: 0,
    extraQuotesWithoutAnswer: 0,
    shownHits: 0,
    latenciesMs: [],
  };
}

export interface SystemFigures {
  system: string;
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  answeredHitAt1: number;
  falseAbstention: number;
  impossibleAbstention: number | null;
  offTopicAbstention: number | null;
  /** Quotes after the first, per answer given. */
  extraQuotesPerAnswer: number | null;
  /** Share of those extra quotes that hold no gold answer (unrelated, or related without the answer). */
  extraWithoutAnswer: number | null;
  /** Share of answerable questions whose quotes shown hold a gold answer, and the quotes per answer given. */
  shownHit: number | null;
  quotesPerAnswer: number | null;
  p50Ms: number;
  p95Ms: number;
}

export function figures(system: string, t: SystemTally): SystemFigures {
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    system,
    questions: t.answerable + t.impossible,
    hitAt1: share(t.hit1, t.answerable),
    hitAt3: share(t.hit3, t.answerable),
    mrr: share(t.reciprocalRanks, t.answerable),
    answeredHitAt1: share(t.answeredHit1, t.answerable),
    falseAbstention: share(t.falseAbstentions, t.answerable),
    impossibleAbstention: t.impossible === 0 ? null : share(t.impossibleAbstentions, t.impossible),
    offTopicAbstention: t.offTopic === 0 ? null : share(t.offTopicAbstentions, t.offTopic),
    extraQuotesPerAnswer: t.answers === 0 ? null : share(t.extraQuotes, t.answers),
    extraWithoutAnswer: t.extraQuotes === 0 ? null : share(t.extraQuotesWithoutAnswer, t.extraQuotes),
    shownHit: t.answers === 0 ? null : share(t.shownHits, t.answerable),
    quotesPerAnswer: t.answers === 0 ? null : share(t.answers + t.extraQuotes, t.answers),
    p50Ms: percentile(t.latenciesMs, 50),
    p95Ms: percentile(t.latenciesMs, 95),
  };
}
