// The dialogue set (bench/dialogues.json): conversations about articles named by dataset id, each turn
// with what a right reply is: the ids of sentences that answer it (the first quote must be one), "refuse"
// (nothing quoted), "overview" (a cited overview of the whole article) or "small talk" (no reply at all).
// Split by article into a tuning half and a held-out half. Scoring is pure; the driver is eval-conversation.
import { readFileSync } from 'node:fs';
import { DatasetError } from './dataset-error.ts';

export type Expected = string[] | 'refuse' | 'overview' | 'small talk';

export interface DialogueTurn {
  say: string;
  expect: Expected;
}

export interface Dialogue {
  id: string;
  article: string;
  turns: DialogueTurn[];
}

export interface DialogueSet {
  /** Articles whose dialogues were looked at while the rules were written. */
  tuning: string[];
  /** Articles kept apart: only measured. */
  heldOut: string[];
  dialogues: Dialogue[];
}

export function loadDialogues(path: string): DialogueSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read the dialogue set at "${path}": ${(error as Error).message}`);
  }
  const set = raw as DialogueSet;
  if (!Array.isArray(set?.dialogues) || !Array.isArray(set.tuning) || !Array.isArray(set.heldOut)) {
    throw new DatasetError(`"${path}" needs "tuning", "heldOut" and "dialogues" lists.`);
  }
  for (const d of set.dialogues) {
    if (!set.tuning.includes(d.article) && !set.heldOut.includes(d.article)) throw new DatasetError(`Dialogue ${d.id}: article ${d.article} is in neither half.`);
    d.turns.forEach((t, i) => {
      const ok = Array.isArray(t.expect) ? t.expect.length > 0 : ['refuse', 'overview', 'small talk'].includes(t.expect);
      if (!ok || typeof t.say !== 'string' || !t.say.trim()) throw new DatasetError(`Dialogue ${d.id}, turn ${i + 1}: needs "say" and "expect".`);
      if (i === 0 && t.expect === 'small talk') throw new DatasetError(`Dialogue ${d.id}: the first turn is asked with /ask, so it cannot be small talk.`);
    });
  }
  return set;
}

/** What the bot did with a turn, read from what it posted. */
export interface Observed {
  replied: boolean;
  /** Sentence ids quoted, in order. */
  quoted: string[];
  /** The reply is a cited overview of the article. */
  overview: boolean;
  /** The reply says the article has nothing more than what was shown. */
  nothingMore: boolean;
  ms?: number;
}

export type Category = 'first' | 'follow-up' | 'overview' | 'small talk' | 'refuse';

export function categoryOf(turn: DialogueTurn, position: number): Category {
  if (turn.expect === 'overview') return 'overview';
  if (turn.expect === 'small talk') return 'small talk';
  if (turn.expect === 'refuse') return 'refuse';
  return position === 0 ? 'first' : 'follow-up';
}

/**
 * A turn is right when: its first quote is an acceptable sentence; for "refuse", nothing is quoted; for
 * "overview", an overview is given; for "small talk", nothing is posted. Saying "nothing more than above"
 * is right too when every acceptable sentence was already shown in the conversation.
 */
export function isRight(turn: DialogueTurn, observed: Observed, shownBefore: ReadonlySet<string>): boolean {
  const expect = turn.expect;
  if (expect === 'small talk') return !observed.replied;
  if (!observed.replied) return false;
  if (expect === 'refuse') return observed.quoted.length === 0;
  if (expect === 'overview') return observed.overview && observed.quoted.length > 0;
  if (observed.quoted.length === 0) return observed.nothingMore && expect.every((id) => shownBefore.has(id));
  return !observed.overview && expect.includes(observed.quoted[0]!);
}
