// Claimed quotes made by machine from real articles, each with the verdict it should get: sentences and
// fragments as written or respelt (exact), with a word dropped, swapped, replaced, a number changed or a
// negation added, three words replaced (close), and sentences of other articles or words of the article or of
// the sentence's own paragraph thrown together (not in the article).
import { normaliseArabic } from '../text/arabic.ts';
import { articleFromText, type Article } from '../text/article.ts';
import type { Verdict } from '../verify/verify.ts';
import { wordsOf } from '../verify/words.ts';
import { seededRandom } from './easc.ts';

export const ALTERATIONS = {
  verbatim: 'exact',
  fragment: 'exact',
  'two sentences': 'exact',
  respelt: 'exact',
  'word dropped': 'close',
  'two words dropped': 'close',
  'words swapped': 'close',
  'word replaced': 'close',
  'number changed': 'close',
  'negation added': 'close',
  'three words replaced': 'close',
  'other article': 'not-found',
  'words thrown together': 'not-found',
  'its paragraph thrown together': 'not-found',
  'mostly rewritten': 'not-found',
} as const satisfies Record<string, Verdict>;

export type Alteration = keyof typeof ALTERATIONS;

export interface VerifyCase {
  article: Article;
  claim: string;
  alteration: Alteration;
  expected: Verdict;
}

/** Sentences shorter than this make poor quotes (and "close" means little for three words). */
const MIN_WORDS = 6;

export function makeVerifyCases(texts: string[], options: { perArticle?: number; seed?: number } = {}): VerifyCase[] {
  const random = seededRandom(options.seed ?? 7);
  const articles = texts.map((text, k) => articleFromText(text, `article-${k + 1}`));
  const pick = <T>(items: readonly T[]): T => pickOne(items, random);
  const cases: VerifyCase[] = [];
  articles.forEach((article, k) => {
    const usable = article.sentences.filter((s) => wordsOf(s.text).length >= MIN_WORDS);
    const others = articles.filter((_, j) => j !== k);
    if (usable.length === 0 || others.length === 0) return;
    for (let n = 0; n < (options.perArticle ?? 4); n++) {
      const sentence = pick(usable);
      const words = wordsOf(sentence.text).map((w) => sentence.text.slice(w.start, w.end));
      const next = article.sentences[article.sentences.indexOf(sentence) + 1];
      const other = pick(others);
      const otherSentences = other.sentences.filter((s) => wordsOf(s.text).length >= MIN_WORDS);
      const foreignWords = wordsOf(other.text).map((w) => other.text.slice(w.start, w.end));
      const ownWords = wordsOf(article.text).map((w) => article.text.slice(w.start, w.end));
      const paragraph = article.paragraphs[sentence.paragraph - 1]!;
      const paragraphText = article.text.slice(paragraph.start, paragraph.end);
      const paragraphWords = wordsOf(paragraphText).map((w) => paragraphText.slice(w.start, w.end));
      const add = (alteration: Alteration, claim: string | undefined) => {
        if (claim) cases.push({ article, claim, alteration, expected: ALTERATIONS[alteration] });
      };
      add('verbatim', sentence.text);
      add('fragment', fragment(words, random));
      if (next) add('two sentences', `${sentence.text} ${next.text}`);
      add('respelt', respell(sentence.text, random));
      add('word dropped', without(words, [interior(words.length, random)]));
      add('two words dropped', without(words, twoApart(words.length, random)));
      add('words swapped', swapped(words, random));
      add('word replaced', replaced(words, 1, foreignWords, random));
      add('number changed', numberChanged(sentence.text));
      add('negation added', negated(words, random));
      if (words.length >= 12) add('three words replaced', replaced(words, 3, foreignWords, random));
      if (otherSentences.length > 0) add('other article', pick(otherSentences).text);
      add('words thrown together', Array.from({ length: words.length }, () => pick(ownWords)).join(' '));
      add('its paragraph thrown together', Array.from({ length: words.length }, () => pick(paragraphWords)).join(' '));
      add('mostly rewritten', replaced(words, Math.ceil(words.length * 0.7), foreignWords, random));
    }
  });
  return cases;
}

function fragment(words: string[], random: () => number): string {
  const length = Math.max(4, Math.floor(words.length * (0.5 + random() * 0.3)));
  const start = Math.floor(random() * (words.length - length + 1));
  return words.slice(start, start + length).join(' ');
}

function without(words: string[], drop: number[]): string {
  return words.filter((_, i) => !drop.includes(i)).join(' ');
}

/** Not the first or last word: without those the claim is an exact fragment, not an altered quote. */
function interior(length: number, random: () => number): number {
  return 1 + Math.floor(random() * (length - 2));
}

function twoApart(length: number, random: () => number): number[] {
  const first = Math.floor(random() * (length - 2));
  return [first, first + 2];
}

function swapped(words: string[], random: () => number): string {
  const copy = [...words];
  // swapping two equal words would change nothing
  const options = copy.slice(0, -1).map((_, i) => i).filter((i) => copy[i] !== copy[i + 1]);
  if (options.length === 0) return copy.join(' ');
  const i = options[Math.floor(random() * options.length)]!;
  [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
  return copy.join(' ');
}

/** `count` words replaced by other words of the pool (never by the same word, which would change nothing). */
function replaced(words: string[], count: number, pool: string[], random: () => number): string {
  const copy = [...words];
  const positions = copy.map((_, i) => i).sort(() => random() - 0.5).slice(0, count);
  for (const i of positions) {
    const folded = normaliseArabic(copy[i]!);
    let replacement = copy[i]!;
    for (let tries = 0; tries < 20 && normaliseArabic(replacement) === folded; tries++) replacement = pool[Math.floor(random() * pool.length)]!;
    copy[i] = replacement;
  }
  return copy.join(' ');
}

/** The first number in the sentence, one more (or with a digit changed): undefined if it has none. */
function numberChanged(text: string): string | undefined {
  const match = /\p{Nd}+/u.exec(text);
  if (!match) return undefined;
  const ascii = match[0].replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0x0f));
  const changed = String(Number(ascii) + 1);
  return text.slice(0, match.index) + changed + text.slice(match.index + match[0].length);
}

function negated(words: string[], random: () => number): string {
  const at = 1 + Math.floor(random() * (words.length - 1));
  const arabic = /[\u0600-\u06FF]/u.test(words.join(''));
  return [...words.slice(0, at), arabic ? pickOne(['لم', 'لا', 'لن'], random) : 'not', ...words.slice(at)].join(' ');
}

function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The same words spelt another way that does not change them: no diacritics or added ones, bare alefs, other quotes. */
function respell(text: string, random: () => number): string {
  let out = text
    .replace(/[\u064B-\u0652]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى(?=\s|$)/g, 'ي')
    .replace(/ة(?=\s|$)/g, 'ه')
    .replace(/[«»“”]/g, '"')
    .replace(/ +/g, '  ');
  // a fatha after a few letters, and a tatweel in one long word
  out = out.replace(/[\u0628-\u064A](?=[\u0628-\u064A])/gu, (ch) => (random() < 0.1 ? `${ch}\u064E` : ch));
  return out.replace(/([\u0628-\u064A]{3})([\u0628-\u064A]{3,})/u, '$1\u0640$2');
}
