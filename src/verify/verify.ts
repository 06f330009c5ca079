// Checks a claimed quote against the article: exact (word for word), close (the nearest span, and
// what differs), or not in the article. Pure: the article and the claim in, a verdict out.
import { articleLanguage, type Article } from '../text/article.ts';
import { detectLanguage, isStopword, type Language } from '../text/arabic.ts';
import { statesNumber } from '../text/numbers.ts';
import { documentKeys, questionKey } from '../text/transliteration.ts';
import { alignClaim, candidateWindows, pairEdgeWords, type Alignment } from './align.ts';
import { describeDifferences, type Difference, type DiffPart, diffParts } from './diff.ts';
import { wordsOf, type Word } from './words.ts';

export type Verdict = 'exact' | 'close' | 'not-found';

/** A piece of the article, exactly as written: `article.text.slice(start, end)`. */
export interface QuoteSpan {
  /** The sentence it lies in ("4.1"). */
  id: string;
  start: number;
  end: number;
  text: string;
}

export type VerifyProblem = 'empty' | 'too-long' | 'other-language';

export interface Verification {
  verdict: Verdict;
  /** The article's text the claim was matched to, one piece per sentence (for not-found: empty). */
  spans: QuoteSpan[];
  /** Word by word, article against claim (close only; empty otherwise). */
  diff: DiffPart[];
  /** The differences worth saying in words, most serious first (changed numbers, negation, names). */
  differences: Difference[];
  /** Share of words the claim and the span have in common (Dice over words), 0..1. */
  similarity: number;
  /** Exact only: how many times the text occurs in the article. */
  occurrences?: number;
  /** Not found only: the closest sentence(s), when they are genuinely related (labelled as no match). */
  nearest?: QuoteSpan[];
  /** Close only: the claim is a name written in another script. */
  transliterated?: boolean;
  problem?: VerifyProblem;
}

/** A claim longer than this is not a quote; Discord options and messages hold at most a few thousand characters. */
export const MAX_CLAIM_CHARS = 4000;
/** ...nor one of more words than this (folding can turn one written sign into several words): it bounds the alignment. */
export const MAX_CLAIM_WORDS = 600;

export interface VerifyThresholds {
  /** At or above this word similarity a claim is a close (altered) quote of the span. */
  close: number;
  /** Below `close` but at or above this, the nearest sentence is shown as related (not a match). */
  related: number;
}

// Calibrated by `npm run eval:verify -- --sweep` on machine-altered sentences (see docs/benchmarks.md, "Quotes").
export const DEFAULT_THRESHOLDS: VerifyThresholds = { close: 0.65, related: 0.3 };
/** Fewer words than this in common and nothing is close, whatever the share: two words say little. */
const MIN_SHARED_WORDS = 3;

export interface ArticleWords {
  article: Article;
  words: Word[];
  /** Sound keys of each word, for names written in another script (computed on first use). */
  nameKeys?: string[][];
  /** For each word, the index of the sentence it lies in (-1 between sentences). */
  sentenceOf: Int32Array;
  /** For each sentence, its first and last word (-1 for a sentence without words). */
  firstWord: Int32Array;
  lastWord: Int32Array;
  language: Language;
}

const cache = new WeakMap<Article, ArticleWords>();

/** The article's words, computed once per article. */
export function articleWords(article: Article): ArticleWords {
  let found = cache.get(article);
  if (!found) {
    const words = wordsOf(article.text);
    const sentenceOf = sentenceIndexes(article, words);
    const firstWord = new Int32Array(article.sentences.length).fill(-1);
    const lastWord = new Int32Array(article.sentences.length).fill(-1);
    sentenceOf.forEach((s, k) => {
      if (s < 0) return;
      if (firstWord[s] === -1) firstWord[s] = k;
      lastWord[s] = k;
    });
    found = { article, words, sentenceOf, firstWord, lastWord, language: articleLanguage(article) };
    cache.set(article, found);
  }
  return found;
}

function sentenceIndexes(article: Article, words: Word[]): Int32Array {
  const out = new Int32Array(words.length).fill(-1);
  let s = 0;
  words.forEach((word, k) => {
    while (s < article.sentences.length && article.sentences[s]!.end <= word.start) s++;
    const sentence = article.sentences[s];
    if (sentence && sentence.start <= word.start) out[k] = s;
  });
  return out;
}

export function verifyQuote(article: Article, claimText: string, thresholds = DEFAULT_THRESHOLDS): Verification {
  const claim = claimText.trim();
  if (claim.length > MAX_CLAIM_CHARS) return nothing('too-long');
  const claimWords = wordsOf(claim);
  if (claimWords.length === 0) return nothing('empty');
  if (claimWords.length > MAX_CLAIM_WORDS) return nothing('too-long');
  const source = articleWords(article);

  const exact = findExact(source, claimWords);
  if (exact) return exact;

  if (detectLanguage(claim) !== source.language) return nameMatch(source, claim, claimWords) ?? nothing('other-language');

  const alignment = bestAlignment(source.words, claimWords);
  if (!alignment) return nothing();
  const similarity = diceOf(alignment, claimWords.length);
  if (similarity >= thresholds.close && alignment.same + alignment.variant >= MIN_SHARED_WORDS) {
    const { sentenceOf } = source;
    const shown = pairEdgeWords(alignment, source.words.length, (a, b) => sentenceOf[a] === sentenceOf[b] && sentenceOf[a] !== -1);
    const diff = diffParts(shown, claim, claimWords, article.text, source.words);
    const spans = spansOf(source, shown.first, shown.last);
    return { verdict: 'close', spans, diff, differences: describeDifferences(diff), similarity };
  }
  const spans = spansOf(source, alignment.first, alignment.last);
  // A claim that states a number has usually had it changed ("ثلاثة أهداف" for "هدفين"), which costs it a shared
  // word: two words in common with the nearest sentence are then enough to point there.
  const sharedNeeded = statesNumber(claim) ? MIN_SHARED_WORDS - 1 : MIN_SHARED_WORDS;
  const related = similarity >= thresholds.related && alignment.same + alignment.variant >= sharedNeeded;
  return { ...nothing(), similarity, ...(related ? { nearest: wholeSentences(source.article, spans) } : {}) };
}

function nothing(problem?: VerifyProblem): Verification {
  return { verdict: 'not-found', spans: [], diff: [], differences: [], similarity: 0, ...(problem ? { problem } : {}) };
}

/** Word-for-word occurrences of the claim; the first is shown, the count is told. */
function findExact(source: ArticleWords, claim: Word[]): Verification | undefined {
  const { words } = source;
  let first: number | undefined;
  let occurrences = 0;
  for (let k = 0; k + claim.length <= words.length; k++) {
    if (words[k]!.folded !== claim[0]!.folded) continue;
    let j = 1;
    while (j < claim.length && words[k + j]!.folded === claim[j]!.folded) j++;
    if (j === claim.length) {
      occurrences++;
      first ??= k;
    }
  }
  if (first === undefined) return undefined;
  const spans = spansOf(source, first, first + claim.length - 1);
  return { verdict: 'exact', spans, diff: [], differences: [], similarity: 1, occurrences };
}

function bestAlignment(article: Word[], claim: Word[]): Alignment | undefined {
  let best: Alignment | undefined;
  for (const [lo, hi] of candidateWindows(claim, article)) {
    const alignment = alignClaim(claim, article, lo, hi);
    if (alignment && (!best || diceOf(alignment, claim.length) > diceOf(best, claim.length))) best = alignment;
  }
  return best;
}

/** Dice over words: a form variant (وزير/والوزير) counts half. */
function diceOf(alignment: Alignment, claimLength: number): number {
  const spanLength = alignment.last - alignment.first + 1;
  return (2 * (alignment.same + alignment.variant / 2)) / (claimLength + spanLength);
}

/**
 * The article's text from word `first` to word `last`, cut at sentence boundaries. A sentence covered
 * from its first word to its last is shown whole, with its punctuation.
 */
function spansOf(source: ArticleWords, first: number, last: number): QuoteSpan[] {
  const { article, words, sentenceOf, firstWord, lastWord } = source;
  const from = words[first]!.start;
  const to = words[last]!.end;
  const spans: QuoteSpan[] = [];
  // every word lies in a sentence, and sentences are in order: only those from the first word's to the last's
  for (let s = sentenceOf[first]!; s >= 0 && s <= sentenceOf[last]!; s++) {
    const sentence = article.sentences[s]!;
    const coversAll = firstWord[s]! >= first && lastWord[s]! <= last && firstWord[s] !== -1;
    const start = coversAll ? sentence.start : Math.max(sentence.start, from);
    const end = coversAll ? sentence.end : Math.min(sentence.end, to);
    if (end > start) spans.push({ id: sentence.id, start, end, text: article.text.slice(start, end) });
  }
  return spans;
}

function wholeSentences(article: Article, spans: QuoteSpan[]): QuoteSpan[] {
  return spans.flatMap((span) => {
    const sentence = article.sentences.find((s) => s.id === span.id);
    return sentence ? [{ id: sentence.id, start: sentence.start, end: sentence.end, text: sentence.text }] : [];
  });
}

const MAX_NAME_WORDS = 4;

/**
 * A short Latin claim whose every word is a capitalised name found, in order, in the article's script
 * ("Wang Yi" and "وانغ يي"): close, the article's spelling shown.
 */
function nameMatch(source: ArticleWords, claim: string, claimWords: Word[]): Verification | undefined {
  const raw = claimWords.map((w) => claim.slice(w.start, w.end));
  const content = claimWords.filter((w) => !isStopword(w.folded));
  if (content.length === 0 || content.length > MAX_NAME_WORDS) return undefined;
  if (!raw.every((word, k) => isStopword(claimWords[k]!.folded) || /^\p{Lu}/u.test(word))) return undefined;
  // A syllable such as "Yi" has no consonant key; the name's other words must carry it.
  const keys = content.map((w) => questionKey(w.folded)).filter((k): k is string => k !== undefined);
  if (keys.length === 0) return undefined;
  const { words } = source;
  source.nameKeys ??= words.map((w) => documentKeys(w.folded));
  const nameKeys = source.nameKeys;
  for (let k = 0; k + keys.length <= words.length; k++) {
    if (!keys.every((key, j) => nameKeys[k + j]!.includes(key))) continue;
    const spans = spansOf(source, k, Math.min(words.length, k + content.length) - 1);
    const articleStart = spans[0]!.start;
    const articleEnd = spans[spans.length - 1]!.end;
    const article = source.article.text.slice(articleStart, articleEnd);
    const diff: DiffPart[] = [{ kind: 'changed', article, articleStart, articleEnd, claim, subject: 'name' }];
    return { verdict: 'close', spans, diff, differences: describeDifferences(diff), similarity: 0, transliterated: true };
  }
  return undefined;
}
