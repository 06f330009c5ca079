// Checks a model's reply against the sentences it was given: only claims resting on a real numbered
// sentence survive, and nothing the model wrote is ever passed off as a quote.
import { arabicShare, contentTerms, detectLanguage, tokenise, type Language } from '../text/arabic.ts';

/** Anything longer was not the brief reply asked for (a runaway or hostile reply); it is refused whole. */
export const MAX_REPLY_CHARS = 6_000;
/** The shown text is kept short; Discord allows 2,000 characters per message and the quotes need room. */
export const MAX_ANSWER_CHARS = 900;
/** The reply a model gives when the numbered sentences do not answer the question. */
export const NOT_IN_ARTICLE = 'NOT_IN_ARTICLE';

const DIGITS = '0-9\u0660-\u0669\u06F0-\u06F9';
// [1], [1, 2], [1،2], [1-3], [١], 【2】; parentheses are left alone because "(2014)" is ordinary text.
const MARKER = new RegExp(`\\s*[\\[【]\\s*([${DIGITS}]+(?:\\s*[,،;\\-–]\\s*[${DIGITS}]+)*)\\s*[\\]】]`, 'gu');
// Quoted spans: typographic and guillemet quotes, or straight double quotes.
const QUOTED = /“([^”“]{1,400})”|«([^«»]{1,400})»|„([^“”„]{1,400})[“”]|"([^"]{1,400})"/gu;
const REASONING = /<think>[\s\S]*?(<\/think>|$)/giu;
// A claim ends after a terminator or a line break, unless its markers follow ("... next week. [1]").
const CLAIM_END = /(?:(?<=[.!?؟…])\s+|\s*\n\s*)(?![\s\[【])/u;

export type RejectReason =
  | 'empty'
  | 'too-long'
  | 'not-in-article'
  | 'no-valid-marker'
  | 'fabricated-quote'
  | 'ungrounded'
  | 'wrong-language';

export interface VerifiedReply {
  /** The model's own words, each claim ending with markers relabelled by `label`. */
  text: string;
  /** Evidence numbers (1-based, as given to the model) in order of first use; display marker k is cited[k-1]. */
  cited: number[];
  removedMarkers: number;
  droppedClaims: number;
  fabricatedQuotes: number;
  /** Claims whose numbers or words do not appear in the sentences they cite. */
  ungroundedClaims: number;
}

export type Verification = { ok: true; reply: VerifiedReply } | { ok: false; reason: RejectReason; detail?: string };

export interface VerifyOptions {
  /** The sentences numbered for the model, [1] first: valid markers are 1..evidence.length. */
  evidence: readonly string[];
  /** Quoted spans must appear word for word in this text (the article), or the claim carrying them is dropped. */
  sourceText: string;
  language: Language;
  /** How a cited sentence is named in the shown text (e.g. its id "4.1"); defaults to the display order 1..m. */
  label?: (evidenceNumber: number, displayOrder: number) => string;
  maxChars?: number;
}

function toNumber(digits: string): number {
  const ascii = digits.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0x0f) % 10));
  return Number.parseInt(ascii, 10);
}

/** Numbers named in one marker body ("1, 3-4" -> 1, 3, 4); a range is bounded so "1-99999" cannot blow up. */
export function markerNumbers(body: string): number[] {
  const numbers: number[] = [];
  for (const part of body.split(/\s*[,،;]\s*/u)) {
    const [from, to] = part.split(/\s*[-–]\s*/u).map(toNumber);
    if (from === undefined || Number.isNaN(from)) continue;
    if (to === undefined || Number.isNaN(to) || to < from || to - from > 20) numbers.push(from);
    else for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers;
}

function wordsOf(text: string): string {
  return ` ${tokenise(text).join(' ')} `;
}

/** A quoted span is honest only when its words appear, in order and adjacent, in the source. */
function hasFabricatedQuote(claim: string, sourceWords: string): boolean {
  for (const match of claim.matchAll(QUOTED)) {
    const quoted = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    const words = wordsOf(quoted);
    if (words.trim() === '') continue;
    if (!sourceWords.includes(words)) return true;
  }
  return false;
}

const NUMBER = /\d+(?:[.,٫]\d+)?/gu;

function numbersIn(text: string): string[] {
  return (tokenise(text).join(' ').match(NUMBER) ?? []).map((n) => n.replace(/[,٫]/gu, '.'));
}

/** More than this share of a claim's distinct content words must be found in the sentences it cites. */
export const MIN_GROUNDED_SHARE = 0.5;

/** A claim word is found when a cited word is the same, or one contains the other (يزور / سيزور). */
function termFound(term: string, cited: Set<string>): boolean {
  if (cited.has(term)) return true;
  for (const other of cited) {
    const [short, long] = other.length < term.length ? [other, term] : [term, other];
    if (short.length >= 3 && long.includes(short)) return true;
  }
  return false;
}

/**
 * A light check that a claim rests on what it cites: its numbers must all appear there and, when claim
 * and sentences are in the same language, most of its content words (names included) too. Sharing one
 * name with the sentence is not enough: "قال بوتين إن رمز البوت هو ..." cited to a sentence about Putin is
 * dropped. It catches markers stuck on unrelated sentences, invented figures and claims that smuggle in
 * words of their own; it cannot judge meaning. Across languages (an English answer from an Arabic
 * article) only the numbers can be compared.
 */
function isGrounded(claim: string, cited: readonly string[]): boolean {
  const citedText = cited.join(' ');
  const citedNumbers = new Set(numbersIn(citedText));
  if (numbersIn(claim).some((n) => !citedNumbers.has(n))) return false;
  if (arabicShare(claim) >= 0.5 !== arabicShare(citedText) >= 0.5) return true;
  const claimTerms = [...new Set(contentTerms(claim).filter((term) => !/^\d/u.test(term)))];
  if (claimTerms.length === 0) return true;
  const citedTerms = new Set(contentTerms(citedText));
  const found = claimTerms.filter((term) => termFound(term, citedTerms)).length;
  return found / claimTerms.length > MIN_GROUNDED_SHARE;
}

/**
 * Removes what a model may wrap around its answer and what Discord would render as more than words:
 * reasoning blocks, code fences, block quotes, headings, masked links and web addresses.
 */
function cleanReply(raw: string): string {
  return raw
    .replace(REASONING, ' ')
    .replace(/```[a-z]*\n?/giu, '')
    .replace(/^\s*(>+|#{1,6}(?=\s)|-#(?=\s))\s?/gmu, '')
    .replace(/\[([^\]\n]*)\]\(\s*<?[a-z][a-z0-9+.-]*:[^)\s]*>?\s*\)/giu, '$1')
    .replace(/<?\b(?:https?|ftp|discord):\/\/[^\s>]+>?/giu, '')
    .trim();
}

export function verifyReply(raw: string, options: VerifyOptions): Verification {
  if (raw.length > MAX_REPLY_CHARS) return { ok: false, reason: 'too-long', detail: `${raw.length} characters` };
  const cleaned = cleanReply(raw);
  if (cleaned === '') return { ok: false, reason: 'empty' };
  if (cleaned.replace(/[^A-Z_]/g, '').includes(NOT_IN_ARTICLE)) return { ok: false, reason: 'not-in-article' };

  const sourceWords = wordsOf(options.sourceText);
  const label = options.label ?? ((_n: number, order: number) => String(order));
  const maxChars = options.maxChars ?? MAX_ANSWER_CHARS;
  const displayNumber = new Map<number, number>();
  const kept: string[] = [];
  let removedMarkers = 0;
  let droppedClaims = 0;
  let fabricatedQuotes = 0;
  let ungroundedClaims = 0;
  let length = 0;
  const evidenceCount = options.evidence.length;

  for (const claim of cleaned.split(CLAIM_END)) {
    if (claim.trim() === '') continue;
    if (hasFabricatedQuote(claim, sourceWords)) {
      fabricatedQuotes++;
      droppedClaims++;
      continue;
    }
    const claimNumbers: number[] = [];
    const rewritten = claim.replace(MARKER, (_marker, body: string) => {
      const named = markerNumbers(body);
      const valid = named.filter((n) => n >= 1 && n <= evidenceCount);
      removedMarkers += valid.length === 0 ? 1 : 0;
      for (const n of valid) if (!claimNumbers.includes(n)) claimNumbers.push(n);
      return '';
    });
    const words = rewritten.trim();
    // A claim is shown only when it rests on a sentence the model was given.
    if (claimNumbers.length === 0 || tokenise(words).length === 0) {
      if (tokenise(words).length > 0) droppedClaims++;
      continue;
    }
    if (!isGrounded(words, claimNumbers.map((n) => options.evidence[n - 1]!))) {
      ungroundedClaims++;
      droppedClaims++;
      continue;
    }
    if (kept.length > 0 && length + words.length + claimNumbers.length * 8 + 2 > maxChars) {
      droppedClaims++;
      continue;
    }
    for (const n of claimNumbers) if (!displayNumber.has(n)) displayNumber.set(n, displayNumber.size + 1);
    const markers = claimNumbers.map((n) => `[${label(n, displayNumber.get(n)!)}]`).join('');
    const shown = `${words} ${markers}`;
    kept.push(shown);
    length += shown.length + 1;
  }

  if (kept.length === 0) {
    if (fabricatedQuotes > 0) return { ok: false, reason: 'fabricated-quote', detail: `${fabricatedQuotes} claim(s) quoted words the article does not have` };
    if (ungroundedClaims > 0) return { ok: false, reason: 'ungrounded', detail: `${ungroundedClaims} claim(s) not supported by the sentences they cite` };
    return { ok: false, reason: 'no-valid-marker' };
  }
  const text = kept.join(' ');
  const prose = kept.map((claim) => claim.replace(/(\s*\[[^\]]*\])+$/u, '')).join(' ');
  if (detectLanguage(prose) !== options.language) {
    return { ok: false, reason: 'wrong-language', detail: `expected ${options.language}` };
  }
  // Display numbers were handed out in insertion order, so the keys are already in display order.
  const cited = [...displayNumber.keys()];
  return { ok: true, reply: { text, cited, removedMarkers, droppedClaims, fabricatedQuotes, ungroundedClaims } };
}
