// What a question contributes to matching: its stems and their n-grams, capped for very long input,
// whether it asks for a number, and the kind of answer its question words ask for.
import { asksForNumber } from '../text/numbers.ts';
import { QUESTION_LIMIT } from './question.ts';
import { arabicGlosses } from '../text/glossary.ts';
import { questionKey } from '../text/transliteration.ts';
import { charNgrams, contentTokens, stemTerms, termStem, MAX_QUERY_TOKENS } from '../text/terms.ts';
import { normaliseArabic, tokenise } from '../text/arabic.ts';

export type QuestionKind = 'when' | 'howMany' | 'who' | 'where' | 'why' | 'other';

export interface Query {
  text: string;
  /** Normalised content tokens, at most MAX_QUERY_TOKENS. */
  tokens: string[];
  stems: string[];
  grams: string[];
  /** Cross-script keys of the capitalised Latin words, to meet names written in Arabic. */
  names: string[];
  /** What the question asks for, read from its question words; a follow-up without one keeps the earlier question's. */
  kind: QuestionKind;
  /** Asks for a number, a date or a quantity. */
  wantsNumber: boolean;
  /** Arabic stems for each English word the glossary knows (one group per word); they are also in `stems`. */
  glosses: string[][];
  /** Every normalised token, stopwords included (the question words are among them). */
  allTokens: string[];
}


export function analyseQuery(question: string): Query {
  // callers cut long questions (and say so); this guards the core against anyone who did not
  const text = question.slice(0, QUESTION_LIMIT);
  const tokens = contentTokens(text, { maxTokens: MAX_QUERY_TOKENS });
  // Only Latin words written with a capital, as names are, reach Arabic words by sound: lower-case words
  // are ordinary words or gibberish, and a rough sound key would match them by chance.
  const capitalised = new Set((text.match(/\p{Lu}\p{L}*/gu) ?? []).map(normaliseArabic));
  const glosses = glossesOf(tokens);
  // glossed stems come after the token stems, so that `stems[i]` still belongs to `tokens[i]`
  const stems = [...tokens.map(termStem), ...glosses.flat()];
  const names = tokens.filter((t) => capitalised.has(t)).map(questionKey).filter((key): key is string => key !== undefined);
  const allTokens = tokenise(text).slice(0, 4 * MAX_QUERY_TOKENS);
  return { text, tokens, stems, grams: charNgrams(stems), names, kind: questionKind(allTokens), wantsNumber: asksForNumber(text), glosses, allTokens };
}

/** English words with an Arabic gloss, each as a group of Arabic stems ("war" -> حرب). */
function glossesOf(tokens: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const token of tokens) {
    if (!/^[a-z]+$/.test(token)) continue;
    let words = arabicGlosses(token);
    if (words.length === 0 && token.endsWith('s')) words = arabicGlosses(token.slice(0, -1));
    const stems = [...new Set(words.flatMap((w) => stemTerms(w)))];
    if (stems.length > 0) groups.push(stems);
  }
  return groups;
}

// Normalised question words; a leading conjunction ("ومتى") is dropped before the look-up.
const KIND_WORDS: [QuestionKind, RegExp][] = [
  ['howMany', /^(كم|بكم|how many|how much|how long|how old|what percentage|number)$/],
  ['when', /^(متي|امتي|when|what year|which year|في اي عام|في اي سنه|في اي تاريخ|ما تاريخ|في اي قرن)$/],
  ['who', /^(من|مين|منو|لمن|who|whom|whose|ما اسم|what is the name|من هو|من هي|من هم)$/],
  ['where', /^(اين|وين|فين|where|الي اين|من اين)$/],
  ['why', /^(لماذا|ليش|علاش|why)$/],
];

/** Reads the question words at the start ("من هو", "في أي عام", "How many"), after a leading preposition. */
export function questionKind(tokens: readonly string[]): QuestionKind {
  const head = tokens.slice(0, 4).map((t) => (/^(و|ف)(متي|كم|من|اين|لماذا)$/.test(t) ? t.slice(1) : t));
  const starts = LEADING_PREPOSITIONS.has(head[0] ?? '') ? [0, 1] : [0];
  for (let length = 3; length >= 1; length--) {
    for (const start of starts) {
      if (start + length > head.length) continue;
      const phrase = head.slice(start, start + length).join(' ');
      for (const [kind, pattern] of KIND_WORDS) if (pattern.test(phrase)) return kind;
    }
  }
  return 'other';
}

const LEADING_PREPOSITIONS = new Set(['في', 'الي', 'علي', 'مع', 'in', 'to', 'for', 'at', 'on', 'by', 'with', 'and', 'so']);
