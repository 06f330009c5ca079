// What a reader is shown for each answerable question, against whether it holds the answer: hit (a gold answer
// span overlaps the text shown) beside the mean characters shown, for the bot's quotes and for a peer's chunks.
// A refusal shows nothing and misses. Both sides are scored by the same rule on the same questions.
import { markdownTable } from './table.ts';
import { overlaps, type Span } from './metrics.ts';
import type { GoldSpan } from './squad.ts';

export interface ReadingTally {
  questions: number;
  hits: number;
  characters: number;
  /** Questions given something to read, and the passages (quotes or chunks) shown to them. */
  answers: number;
  passages: number;
}

export interface ReadingRow {
  view: string;
  /** The bot's rows and the peer's rows are drawn as two curves. */
  side: 'bot' | 'peer';
  hit: number;
  meanCharacters: number;
  /** Passages per question given an answer. */
  passagesPerAnswer: number;
}

export function emptyReading(): ReadingTally {
  return { questions: 0, hits: 0, characters: 0, answers: 0, passages: 0 };
}

export function addReading(t: ReadingTally, shown: readonly Span[], gold: readonly GoldSpan[]): void {
  t.questions++;
  if (shown.length > 0) {
    t.answers++;
    t.passages += shown.length;
  }
  for (const span of shown) t.characters += span.end - span.start;
  if (shown.some((span) => gold.some((g) => overlaps(span, g)))) t.hits++;
}

export function readingRow(view: string, side: ReadingRow['side'], t: ReadingTally): ReadingRow {
  return {
    view,
    side,
    hit: t.questions === 0 ? 0 : t.hits / t.questions,
    meanCharacters: t.questions === 0 ? 0 : t.characters / t.questions,
    passagesPerAnswer: t.answers === 0 ? 0 : t.passages / t.answers,
  };
}

/**
 * The bot's hit at a reading budget: its curve (its rows by characters, joined by straight lines, flat after its
 * last point) read at `characters`; undefined below its smallest budget.
 */
export function hitAtBudget(rows: readonly ReadingRow[], characters: number): number | undefined {
  const curve = [...rows].sort((a, b) => a.meanCharacters - b.meanCharacters);
  if (curve.length === 0 || characters < curve[0]!.meanCharacters) return undefined;
  let best = 0;
  for (let i = 0; i < curve.length; i++) {
    const here = curve[i]!;
    const next = curve[i + 1];
    if (characters >= here.meanCharacters) best = Math.max(best, here.hit);
    if (next && characters >= here.meanCharacters && characters < next.meanCharacters) {
      const share = (characters - here.meanCharacters) / (next.meanCharacters - here.meanCharacters);
      best = Math.max(best, here.hit + share * (next.hit - here.hit));
    }
  }
  return best;
}

/** Peer budgets up to this many characters are where the bot's curve must lie above the peer's. */
export const COMPARED_BUDGET = 500;

export function readingTable(rows: readonly ReadingRow[]): string {
  const bot = rows.filter((r) => r.side === 'bot' && !r.view.includes('previous'));
  const body = rows.map((r) => {
    const botHit = r.side === 'peer' ? hitAtBudget(bot, r.meanCharacters) : undefined;
    return [
      r.view,
      r.hit.toFixed(3),
      r.meanCharacters.toFixed(0),
      r.passagesPerAnswer.toFixed(2),
      r.side === 'peer' ? (botHit === undefined ? 'below its first quote' : `${botHit.toFixed(3)} (${botHit >= r.hit ? '+' : ''}${(botHit - r.hit).toFixed(3)})`) : '',
    ];
  });
  return markdownTable(['shown', 'hit', 'mean chars shown', 'passages / answer', 'bot at the same budget'], body);
}
