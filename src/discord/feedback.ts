// 👍/👎 under each answer: one stored vote per person per answer, changeable, thanked privately.
import type { Vote } from './store.ts';

const VOTE_ID = /^vote:(up|down):(.{1,90})$/;

export function parseVoteId(customId: string): { vote: Vote; answerKey: string } | undefined {
  const match = VOTE_ID.exec(customId);
  if (!match) return undefined;
  return { vote: match[1] as Vote, answerKey: match[2]! };
}

export function thanksFor(vote: Vote, previous: Vote | undefined): string {
  const emoji = vote === 'up' ? '👍' : '👎';
  if (previous === vote) return `Your ${emoji} was already noted, thank you. · شكرا، صوتك مسجل.`;
  if (previous) return `Vote changed to ${emoji}, thank you. · شكرا، تم تعديل صوتك.`;
  return `Thanks for the ${emoji}! · شكرا على رأيك!`;
}
