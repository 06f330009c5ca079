// Words with their exact place in the source text, and the folded form used to compare them.
// Folding (normaliseArabic) only ignores what does not change meaning: diacritics, tatweel, alef
// forms, ى/ي, ة/ه, Arabic-Indic digits, letter case. Punctuation, quotation marks and whitespace are
// not words, so their styles never matter.
import { lightStem, normaliseArabic } from '../text/arabic.ts';

export interface Word {
  /** Offsets into the text the word was read from: `text.slice(start, end)` is the word as written. */
  start: number;
  end: number;
  /** The folded form: two words are "the same word" when these are equal. */
  folded: string;
  /** Light stem of the folded form: "والصين" and "الصين" share one, so the alignment pairs them. */
  stem: string;
}

// Letters, digits and combining marks (Arabic diacritics are marks); tatweel is a letter modifier. Invisible
// format characters (ZWNJ, ZWJ, soft hyphen, direction marks) join a word rather than split it, and fold away.
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu;
const FORMAT = /\p{Cf}/gu;
const FOLDED_WORD = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    // NFKC can split one written form into two (a ligature such as ﻻ), so fold, then split again.
    for (const folded of normaliseArabic(match[0].replace(FORMAT, '')).match(FOLDED_WORD) ?? []) {
      words.push({ start, end: start + match[0].length, folded, stem: lightStem(folded) });
    }
  }
  return words;
}

// "t" is what is left of an English contraction ("won't", "isn't") once the apostrophe splits it.
const NEGATIONS = new Set([
  ...['لا', 'لم', 'لن', 'ليس', 'ليست', 'ليسوا', 'ليسا', 'لست', 'لسنا', 'لستم', 'لستن', 'غير', 'دون', 'بدون', 'بلا'],
  ...['not', 'no', 'never', 'nor', 'without', 'cannot', 'none', 'nothing', 'neither', 't'],
]);

/** Particles that turn a statement around: adding or dropping one changes what the sentence says. */
export function isNegation(word: Word): boolean {
  return NEGATIONS.has(word.folded) || NEGATIONS.has(word.folded.replace(/^[وف]/u, ''));
}

export function isNumber(word: Word): boolean {
  return /\p{Nd}/u.test(word.folded);
}
