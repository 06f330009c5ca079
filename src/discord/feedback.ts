// 👍/👎 under each answer: one stored vote per person per answer, changeable, thanked privately.
import type { Vote } from './store.ts';
import { isolate } from './bidi.ts';
import { bothLanguages } from '../strings.ts';

// the answer's key is the snowflake of the interaction or message it answered
const VOTE_ID = /^vote:(up|down):(\d{1,20})$/;

export function parseVoteId(customId: string): { vote: Vote; answerKey: string } | undefined {
  const match = VOTE_ID.exec(customId);
  if (!match) return undefined;
  return { vote: match[1] as Vote, answerKey: match[2]! };
}

export function thanksFor(vote: Vote, previous: Vote | undefined): string {
  const emoji = vote === 'up' ? '👍' : '👎';
  // The Arabic half is isolated so its closing punctuation stays with it in the English line.
  if (previous === vote) return bothLanguages((s) => s.voteAlreadyNoted(emoji), isolate);
  if (previous) return bothLanguages((s) => s.voteChanged(emoji), isolate);
  return bothLanguages((s) => s.voteNoted(emoji), isolate);
}
