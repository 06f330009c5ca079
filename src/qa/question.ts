// One policy for what a question may be, wherever it comes from (Discord, the terminal, the sandbox, a
// chat model's prompt): the first QUESTION_LIMIT characters are answered, a longer question is cut and
// the answer says so, and a question without a letter or a digit is empty.
import { detectLanguage, type Language } from '../text/arabic.ts';

/** Longer than any real question; past this the text is more likely a pasted document than a question. */
export const QUESTION_LIMIT = 1_000;

export interface PreparedQuestion {
  /** The question as answered: trimmed, at most QUESTION_LIMIT characters (code points). */
  question: string;
  language: Language;
  empty: boolean;
  /** The question was longer than QUESTION_LIMIT and was cut. */
  shortened: boolean;
  /** Its length before cutting, in characters. */
  length: number;
}

export function prepareQuestion(raw: string | null | undefined): PreparedQuestion {
  const text = (raw ?? '').trim();
  const chars = Array.from(text);
  const shortened = chars.length > QUESTION_LIMIT;
  const question = shortened ? chars.slice(0, QUESTION_LIMIT).join('') : text;
  return { question, language: detectLanguage(question), empty: !/[\p{L}\p{N}]/u.test(question), shortened, length: chars.length };
}
