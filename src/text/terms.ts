// Matching features shared by BM25 and the lexical embedding: stems plus character n-grams.
// N-grams let Arabic words meet across morphology the light stemmer leaves apart (broken plurals,
// attached pronouns, spelling variants); stems keep exact word matches strongest.
import { isArabicWord, isStopword, tokenise } from './arabic.ts';

/** Bumped whenever tokenising or stemming changes, so that saved vectors built the old way are rebuilt. */
export const FEATURES_VERSION = 4;

/** Long questions are cut to this many tokens so that a 5,000-character paste stays fast. */
export const MAX_QUERY_TOKENS = 64;

export interface TermOptions {
  /** Cap on tokens read (questions); documents read everything. */
  maxTokens?: number;
}

/** Normalised content tokens (no stopwords, no single letters), in order. */
export function contentTokens(text: string, options: TermOptions = {}): string[] {
  const tokens = tokenise(text)
    .flatMap(splitDigits)
    .filter((t) => !isFunctionWord(t) && (t.length > 1 || /\d/.test(t)));
  return options.maxTokens === undefined ? tokens : tokens.slice(0, options.maxTokens);
}

// Question words (normalised, dialect included) that follow-ups often join to a conjunction: "ومتى؟", "فأين؟".
const QUESTION_WORDS = new Set(['متي', 'امتي', 'اين', 'وين', 'فين', 'كيف', 'لماذا', 'ليش', 'ماذا', 'شو', 'ايش', 'من', 'مين', 'ما', 'كم', 'هل', 'اي']);

/** Numbers glued to letters ("1994م", "ب2015", "و9") are matched as the number alone. */
function splitDigits(token: string): string[] {
  return /\d/.test(token) && /\D/.test(token) ? (token.match(/\d+|\D+/g) ?? [token]) : [token];
}

/** Stopwords, and question words with a conjunction in front. */
function isFunctionWord(token: string): boolean {
  return isStopword(token) || ((token.startsWith('و') || token.startsWith('ف')) && QUESTION_WORDS.has(token.slice(1)));
}

/** The stem used for matching everywhere (BM25, n-grams, the lexical embedding, coverage). */
export function termStem(token: string): string {
  return heavyStem(token);
}

/** Stemmed content terms. */
export function stemTerms(text: string, options: TermOptions = {}): string[] {
  return contentTokens(text, options).map(termStem);
}

/** Character n-grams of each stem, with word-boundary marks so that prefixes and suffixes count. */
export function charNgrams(stems: readonly string[], sizes: readonly number[] = [3, 4]): string[] {
  const grams: string[] = [];
  for (const stem of stems) {
    if (/^\d+$/.test(stem)) continue; // numbers match whole, never by pieces
    const padded = `_${stem}_`;
    for (const n of sizes) {
      if (padded.length < n) continue;
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}

const ROOT_PREFIXES = /^(وال|فال|بال|كال|لل|ال|وب|ول|وك|فب|فل|و|ف|ب|ل|ك|س)/;
const ROOT_SUFFIXES = /(هما|كما|تما|تان|تين|ات|ون|ين|ان|وا|ها|هم|هن|كم|كن|نا|يه|يا|ه|ي|ا|ت|ن)$/;

/**
 * A heavier stem: clitics and inflection stripped repeatedly down to three letters. It joins forms the light
 * stemmer keeps apart ("نقوشاً" and "النقوش", "استحواذات" and "استحواذ") at the price of some false matches,
 * so it is used next to the light stem, never instead of it.
 */
export function heavyStem(token: string): string {
  if (!isArabicWord(token) || token.length <= 3) return token;
  let word = token;
  const prefix = word.match(ROOT_PREFIXES)?.[0];
  if (prefix && word.length - prefix.length >= 3) word = word.slice(prefix.length);
  for (let i = 0; i < 2; i++) {
    const suffix = word.match(ROOT_SUFFIXES)?.[0];
    if (!suffix || word.length - suffix.length < 3) break;
    word = word.slice(0, -suffix.length);
  }
  return word;
}

const WEAK_LETTERS = /[اويءئؤ]/g;
const DERIVATION_PREFIX = /^(است|مست|ت|م|ي|ن|ا)/;

/**
 * The consonant skeleton of a stem: derivational prefixes and weak letters removed, so that words of one root
 * meet ("موّل" and "تمويل", "درّس" and "مدرسة"). Coarse on purpose: it is a low-weight backoff signal.
 */
export function skeleton(stem: string): string {
  if (!isArabicWord(stem)) return stem;
  let word = stem;
  const prefix = word.match(DERIVATION_PREFIX)?.[0];
  if (prefix && word.length - prefix.length >= 3) word = word.slice(prefix.length);
  const consonants = word.replace(WEAK_LETTERS, '');
  return consonants.length >= 2 ? consonants : word;
}
