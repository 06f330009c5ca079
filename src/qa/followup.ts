// Short follow-ups ("ومتى؟", "and why?") say little on their own: they borrow the previous question's terms.
import { analyseQuery, type Query } from './query.ts';

/** A question with at most this many content words is treated as a follow-up when there was an earlier one. */
const FOLLOW_UP_MAX_TERMS = 2;

export function queryWithContext(question: string, previousQuestion?: string): Query & { followUp: boolean } {
  const query = analyseQuery(question);
  if (!previousQuestion || query.stems.length > FOLLOW_UP_MAX_TERMS) return { ...query, followUp: false };
  const previous = analyseQuery(previousQuestion);
  if (previous.stems.length === 0) return { ...query, followUp: false };
  return {
    followUp: true,
    text: `${query.text} ${previous.text}`,
    tokens: [...query.tokens, ...previous.tokens],
    stems: [...query.stems, ...previous.stems],
    grams: [...query.grams, ...previous.grams],
    names: [...query.names, ...previous.names],
    glosses: [...query.glosses, ...previous.glosses],
    // the follow-up's own question word says what is asked now ("ومتى؟" after "من زار ...؟")
    kind: query.kind !== 'other' ? query.kind : previous.kind,
    wantsNumber: query.kind !== 'other' ? query.wantsNumber : previous.wantsNumber,
    allTokens: [...query.allTokens, ...previous.allTokens],
  };
}
