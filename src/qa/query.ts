// What a question contributes to matching: its stems and their n-grams, capped for very long input.
import { questionKey } from '../index/transliteration.ts';
import { charNgrams, contentTokens, termStem, MAX_QUERY_TOKENS } from '../index/terms.ts';

export interface Query {
  text: string;
  /** Normalised content tokens, at most MAX_QUERY_TOKENS. */
  tokens: string[];
  stems: string[];
  grams: string[];
  /** Cross-script keys of the Latin words, to meet names written in Arabic. */
  names: string[];
}

/** Very long input is cut before any work: a pasted essay must not slow the bot down. */
const MAX_QUERY_CHARS = 2_000;

export function analyseQuery(question: string): Query {
  const text = question.slice(0, MAX_QUERY_CHARS);
  const tokens = contentTokens(text, { maxTokens: MAX_QUERY_TOKENS });
  const stems = tokens.map(termStem);
  const names = tokens.map(questionKey).filter((key): key is string => key !== undefined);
  return { text, tokens, stems, grams: charNgrams(stems), names };
}
