// A sources thread is a conversation: a follow-up ("and when?", "what did he promise?", "وماذا حدث بعد ذلك؟")
// is read in the context of the turns before it, offline and deterministically, into a question that stands
// on its own. What it was read as is shown to the person, so a wrong reading can be seen and corrected.
import type { ArticleIndex } from '../index/article-index.ts';
import { isStopword, normaliseArabic, tokenise } from '../text/arabic.ts';
import { termStem } from '../text/terms.ts';
import { questionKind } from './query.ts';

/** One answered turn, as the store keeps it. */
export interface Turn {
  /** As typed. */
  question: string;
  /** The standalone question that was answered (the question itself when it needed no context). */
  readAs: string;
  /** Sentence ids quoted, best first. */
  shown: string[];
  /** What the turn was about: names and key words of its question that its quotes also hold. */
  about: string[];
  kind: TurnKind;
}

export type TurnKind = 'answer' | 'overview' | 'beside';

/** How a question is read, given the turns before it (oldest first). */
export type Reading =
  | { kind: 'standalone'; question: string }
  | { kind: 'overview' }
  /** A follow-up made whole: its pronoun resolved or the earlier event supplied. */
  | { kind: 'rewritten'; question: string; referent?: string }
  /** "What happened next / before that": the sentence beside the ones already shown. */
  | { kind: 'beside'; direction: 'next' | 'before'; from: string };

// ---------------------------------------------------------------------------------------------------
// Words (normalised: alef, ya and ta marbuta folded, lower case)

const norm = (words: string): string[] => words.split(/\s+/).filter(Boolean).map(normaliseArabic);

const ENGLISH_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'him', 'her', 'them', 'his', 'hers', 'its', 'their', 'theirs', 'that', 'this', 'these', 'those']);
const ARABIC_PRONOUNS = new Set(norm('هو هي هم هما هن ذلك هذا هذه تلك هؤلاء ذاك هاد هادا هاي ده دي دا هيدا هيدي'));
/** Prepositions and particles with an attached pronoun: عنه، لها، بهم … */
const ATTACHED = /^(?:[وف]?)(?:عن|ل|ب|من|في|علي|الي|مع|عند|الي|ان|لان|ضد|حول|بعد|قبل|منذ|دون)(?:ه|ها|هم|هما|هن)$/u;
/** A verb or noun carrying an object/possessive pronoun: زارها، قالوه، موقفه (only in short follow-ups). */
const SUFFIXED = /^[\u0621-\u064a]{2,}(?:ها|هم|هما|هن|ه)$/u;

/** Question words a follow-up may start with; a leading "and" (و، ف، and, so) is allowed. */
const ENGLISH_QUESTION_HEADS = ['how many', 'how much', 'how long', 'what year', 'which year', 'who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how'];
const ARABIC_QUESTION_HEADS = norm(
  'متى متي امتى امتي إمتى أين اين وين فين لماذا ليش ليه علاش كيف ازاي إزاي شلون كم من مين منو ماذا ما شو ايش إيش وش شنو لمن بماذا هل',
);
/** Fillers after the question word of an earlier question: dropped before another question word is put in front. */
const ARABIC_FILLERS = new Set(norm('الذي التي الذين اللذين اللي هو هي هم'));

const CONJUNCTIONS = new Set(['and', 'so', 'but', 'then', 'ok', 'okay', 'also']);

/** Words that ask for what came after or before; with a few around them, the whole follow-up does. */
const NEXT_WORDS = new Set([...norm('بعد بعدها بعده بعدين بعدئذ لاحقا التالي ثم'), 'next', 'after', 'afterwards', 'later', 'then']);
const BEFORE_WORDS = new Set([...norm('قبل قبلها قبله سابقا قبلا'), 'before', 'earlier', 'prior', 'previously']);
/** The other words such a follow-up may have ("what happened after that?", "وماذا جرى بعد ذلك؟"). */
const BESIDE_FILLER = new Set([
  ...norm('ماذا ما شو ايش وش حدث حصل جرى صار يحدث يحصل صاير ذلك هذا ذاك هيك كده و ف ثم يعني طيب وماذا وشو وايش هل يحدث سيحدث'),
  ...['what', 'happened', 'happens', 'happen', 'came', 'comes', 'and', 'then', 'that', 'this', 'so', 'did', 'do', 'does', 'is', 'was', 'occurred', 'followed', 'the', 'ok', 'okay', 'what\'s', 'whats', 's', 'it'],
]);

// ---------------------------------------------------------------------------------------------------

/** Strips a leading و/ف from an Arabic token when the rest is a known word. */
function bare(token: string, known: (t: string) => boolean): string {
  if (/^[وف][\u0621-\u064a]{2,}$/u.test(token) && !known(token) && known(token.slice(1))) return token.slice(1);
  return token;
}

/** Reads a question in its conversation. `turns` oldest first; without turns every question stands alone. */
export function readInContext(index: ArticleIndex, question: string, turns: readonly Turn[], isOverview: (q: string) => boolean): Reading {
  if (isOverview(question)) return { kind: 'overview' };
  const last = turns.at(-1);
  if (!last) return { kind: 'standalone', question };
  const tokens = tokenise(question);

  const beside = besideDirection(tokens);
  const lastShown = [...turns].reverse().find((t) => t.shown.length > 0);
  if (beside && lastShown) return { kind: 'beside', direction: beside, from: lastShown.shown[0]! };

  const referent = referentOf(turns);
  const head = questionHead(question);
  const content = contentWords(tokens, index);
  const pronoun = findPronoun(question, content.length);
  const personal = pronoun && !isDemonstrative(pronoun.word);

  // "what did he promise?", "ولماذا زارها؟": the pronoun stands for what the conversation was about
  if (personal && referent) return { kind: 'rewritten', question: resolvePronoun(question, pronoun, referent), referent };
  // "and when?", "why?", "ومتى حدث ذلك؟", "who said that?": the new question word asked of the earlier event
  if (head && content.filter((c) => !c.pronounBearing).length === 0 && last.kind !== 'overview') {
    const event = eventOf(last, index);
    if (event) return { kind: 'rewritten', question: `${head.word} ${event}${head.mark}` };
  }
  if (pronoun && referent) return { kind: 'rewritten', question: resolvePronoun(question, pronoun, referent), referent };
  // a short question with nothing to search for in the article borrows what the conversation was about
  if (referent && content.filter((c) => c.inArticle).length === 0 && content.length <= 2) {
    return { kind: 'rewritten', question: `${question.trim().replace(/[?؟]\s*$/u, '')} (${referent})${endMark(question)}`, referent };
  }
  return { kind: 'standalone', question };
}

const DEMONSTRATIVES = new Set(['that', 'this', 'these', 'those', ...norm('ذلك هذا هذه تلك هؤلاء ذاك هاد هادا هاي ده دي دا هيدا هيدي')]);
function isDemonstrative(word: string): boolean {
  const n = normaliseArabic(word);
  return DEMONSTRATIVES.has(n) || (/^[وف]/u.test(n) && DEMONSTRATIVES.has(n.slice(1)));
}

function endMark(question: string): string {
  return /[?؟]\s*$/u.test(question) ? question.trim().slice(-1) : '';
}

function besideDirection(tokens: readonly string[]): 'next' | 'before' | undefined {
  const words = tokens.map((t) => bare(t, (w) => NEXT_WORDS.has(w) || BEFORE_WORDS.has(w) || BESIDE_FILLER.has(w)));
  if (words.length === 0 || words.length > 6) return undefined;
  const next = words.some((w) => NEXT_WORDS.has(w));
  const before = words.some((w) => BEFORE_WORDS.has(w));
  if (next === before) return undefined;
  // "then" alone is a conjunction, not a request: "then why?"
  if (!words.every((w) => NEXT_WORDS.has(w) || BEFORE_WORDS.has(w) || BESIDE_FILLER.has(w))) return undefined;
  if (words.length === 1 && (words[0] === 'then' || words[0] === normaliseArabic('ثم'))) return undefined;
  return next ? 'next' : 'before';
}

/** The question word a question starts with (after "and"), as typed, and the question mark it ends with. */
function questionHead(question: string): { word: string; mark: string } | undefined {
  const trimmed = question.trim();
  const mark = /[?؟]$/u.test(trimmed) ? trimmed.slice(-1) : '';
  const words = trimmed.replace(/[?؟!.]+$/u, '').split(/\s+/u).filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && CONJUNCTIONS.has(words[i]!.toLowerCase())) i++;
  const rest = words.slice(i);
  const lower = rest.map((w) => w.toLowerCase().replace(/[,،]/gu, ''));
  for (const headWords of ENGLISH_QUESTION_HEADS) {
    const n = headWords.split(' ').length;
    if (lower.slice(0, n).join(' ') === headWords) return { word: rest.slice(0, n).join(' ').replace(/[,،]/gu, ''), mark: mark || '?' };
  }
  const first = normaliseArabic(rest[0] ?? '').replace(/[,،]/gu, '');
  const unprefixed = /^[وف]/u.test(first) && ARABIC_QUESTION_HEADS.includes(first.slice(1)) ? first.slice(1) : first;
  if (ARABIC_QUESTION_HEADS.includes(unprefixed)) {
    const typed = rest[0]!.replace(/[,،]/gu, '');
    return { word: unprefixed === first ? typed : typed.slice(1), mark: mark || '؟' };
  }
  return undefined;
}

interface ContentWord {
  surface: string;
  inArticle: boolean;
  /** Carries an attached pronoun (زارها، عنه): says what is asked, not about what. */
  pronounBearing: boolean;
}

/** The words that say something: not stopwords, question words, conjunctions or pronouns. */
function contentWords(tokens: readonly string[], index: ArticleIndex): ContentWord[] {
  const skip = (t: string) =>
    isStopword(t) || ENGLISH_PRONOUNS.has(t) || ARABIC_PRONOUNS.has(t) || ARABIC_QUESTION_HEADS.includes(t) || CONJUNCTIONS.has(t) || ATTACHED.test(t);
  return tokens
    .map((t) => bare(t, (w) => skip(w)))
    .filter((t) => !skip(t) && !/^(happen|happened|happens|occur|occurred|did|do|does|done|say|said|says)$/.test(t) && !/^(حدث|حصل|جرى|صار|قال|قالت|يقول)$/u.test(t))
    .map((t) => ({ surface: t, inArticle: index.stemBm25.has(termStem(t)), pronounBearing: SUFFIXED.test(t) && !index.stemBm25.has(termStem(t)) }));
}

type Pronoun = { kind: 'word'; word: string } | { kind: 'attached'; word: string };

/** The first pronoun or demonstrative of a question, as typed. */
function findPronoun(question: string, contentCount: number): Pronoun | undefined {
  for (const word of question.split(/[\s,،.!?؟:;؛()«»"]+/u).filter(Boolean)) {
    const lower = word.toLowerCase();
    const n = normaliseArabic(word);
    const unprefixed = /^[وف]/u.test(n) ? n.slice(1) : n;
    if (ENGLISH_PRONOUNS.has(lower) || ARABIC_PRONOUNS.has(n) || ARABIC_PRONOUNS.has(unprefixed)) return { kind: 'word', word };
    if (ATTACHED.test(n)) return { kind: 'attached', word };
    // a suffix is only read as a pronoun in a short follow-up: in a long question it is more often part of the word
    if (contentCount <= 2 && SUFFIXED.test(n) && !ARABIC_QUESTION_HEADS.includes(n)) return { kind: 'attached', word };
  }
  return undefined;
}

/** "what did he promise?" -> "what did Wang Yi promise?"; "ماذا قال عنه؟" -> "ماذا قال عنه (وانغ يي)؟". */
function resolvePronoun(question: string, pronoun: Pronoun, referent: string): string {
  const at = question.indexOf(pronoun.word);
  const before = question.slice(0, at);
  const after = question.slice(at + pronoun.word.length);
  const lower = pronoun.word.toLowerCase();
  // a demonstrative before a noun points at the noun ("that visit"): the referent is added, not swapped in
  const demonstrative = ['that', 'this', 'these', 'those'].includes(lower) || ['ذلك', 'هذا', 'هذه', 'تلك'].includes(normaliseArabic(pronoun.word));
  const followedByWord = /^\s+[\p{L}]/u.test(after) && !/^\s+(?:is|was|were|are|happen|happened|mean|means|say|said)\b/iu.test(after);
  // "who is visiting Moscow" names someone only by what they did: it is added beside the pronoun
  const description = questionHead(referent) !== undefined;
  if (pronoun.kind === 'attached' || description || (demonstrative && followedByWord)) {
    return `${before}${pronoun.word} (${referent})${after}`;
  }
  const possessive = ['his', 'her', 'its', 'their'].includes(lower) && /^\s+\p{L}/u.test(after);
  return `${before}${possessive ? `${referent}'s` : referent}${after}`;
}

// ---------------------------------------------------------------------------------------------------
// What earlier turns were about

/** What the latest turns were about, newest first: the first turn with something to point at wins. */
function referentOf(turns: readonly Turn[]): string | undefined {
  for (let i = turns.length - 1; i >= 0 && i >= turns.length - 3; i--) {
    const about = turns[i]!.about;
    if (about.length > 0) return about.join(' ');
  }
  return undefined;
}

/** The earlier question without its question word: "What did China refuse to condemn?" -> "did China refuse to condemn". */
function eventOf(turn: Turn, index: ArticleIndex): string | undefined {
  if (turn.kind === 'beside') {
    const sentence = index.article.sentences.find((s) => s.id === turn.shown[0]);
    return sentence ? sentence.text.split(/\s+/u).slice(0, 8).join(' ').replace(/[.,،؛:]+$/u, '') : undefined;
  }
  const words = turn.readAs.trim().replace(/[?؟!.]+$/u, '').split(/\s+/u).filter(Boolean);
  let i = 0;
  while (i < words.length && CONJUNCTIONS.has(words[i]!.toLowerCase())) i++;
  const head = questionHead(words.slice(i).join(' '));
  if (head) i += head.word.split(/\s+/u).length;
  while (i < words.length && ARABIC_FILLERS.has(normaliseArabic(words[i]!))) i++;
  const rest = words.slice(i).join(' ');
  return rest || undefined;
}

/** Most this many words name what a turn was about. */
const ABOUT_WORDS = 3;

/**
 * What a turn was about: the capitalised names of its question, else the question's words that its first
 * quote also holds, rarest first in the article (kept in the question's order, as typed).
 */
export function aboutOf(index: ArticleIndex, readAs: string, shown: readonly string[]): string[] {
  // "who ...?" is about the person its answer names: until names can be read from Arabic quotes, the question describes them
  if (questionKind(tokenise(readAs)) === 'who') {
    // "who is Wang Yi?", «من هو وانغ يي؟»: the name asked about; "who did Putin host?": the question describes them
    const named = /^\s*(?:who\s+(?:is|was|are|were)|(?:و|ف)?(?:من|مين|منو)\s+(?:هو|هي|هم|كان|كانت))\s+([^?؟]{1,40}?)\s*[?؟]*\s*$/iu.exec(readAs);
    if (named && named[1]!.trim().split(/\s+/u).length <= 3) return [named[1]!.trim()];
    return [lowerFirst(readAs.trim().replace(/[?؟]+$/u, ''))];
  }
  const names = capitalisedNames(readAs);
  if (names.length > 0) return names.slice(0, 1);
  const quoted = shown.length > 0 ? index.article.sentences.findIndex((s) => s.id === shown[0]) : -1;
  const words = readAs.split(/[\s,،.!?؟:;؛()«»"]+/u).filter(Boolean);
  const candidates = words.flatMap((word, order) => {
    const token = tokenise(word)[0];
    if (!token || isStopword(token) || ARABIC_QUESTION_HEADS.includes(token) || ENGLISH_PRONOUNS.has(token)) return [];
    const stem = termStem(token);
    if (!index.stemBm25.has(stem)) return [];
    if (quoted >= 0 && !index.sentenceStemSets[quoted]?.has(stem)) return [];
    return [{ word: word.replace(/^[(«"]+|[)»".,،]+$/gu, ''), order, idf: index.stemBm25.idf(stem) }];
  });
  return candidates
    .sort((a, b) => b.idf - a.idf)
    .slice(0, ABOUT_WORDS)
    .sort((a, b) => a.order - b.order)
    .map((c) => c.word);
}

/** Runs of capitalised words that are not the question's first word: "Wang Yi", "Super Bowl". */
function capitalisedNames(text: string): string[] {
  const words = text.split(/\s+/u);
  const runs: string[] = [];
  let run: string[] = [];
  words.forEach((raw, i) => {
    const word = raw.replace(/[?,.!;:'"]+$/u, '').replace(/'s$/u, '');
    const capital = /^\p{Lu}[\p{L}-]*$/u.test(word) && !(i === 0 && ENGLISH_QUESTION_HEADS.some((h) => h.startsWith(word.toLowerCase())));
    if (capital && !ENGLISH_PRONOUNS.has(word.toLowerCase()) && word !== 'I') run.push(word);
    else if (run.length > 0) (runs.push(run.join(' ')), (run = []));
    if (capital && /[?,.!;:]$/u.test(raw) && run.length > 0) (runs.push(run.join(' ')), (run = []));
  });
  if (run.length > 0) runs.push(run.join(' '));
  return runs;
}

/** The sentence beside `from` that the conversation has not shown, or undefined at the article's edge. */
export function besideSentence(index: ArticleIndex, from: string, direction: 'next' | 'before', shown: ReadonlySet<string>): number | undefined {
  const sentences = index.article.sentences;
  const at = sentences.findIndex((s) => s.id === from);
  if (at < 0) return undefined;
  const step = direction === 'next' ? 1 : -1;
  for (let p = at + step; p >= 0 && p < sentences.length; p += step) {
    if (!shown.has(sentences[p]!.id) && /[\p{L}\p{N}]/u.test(sentences[p]!.text)) return p;
  }
  return undefined;
}

/** "Who is visiting Moscow" inside another question reads "who is visiting Moscow". */
function lowerFirst(text: string): string {
  return text.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
}

/** How much more a sentence beside the conversation's latest quotes is worth (its confidence times 1 + this). */
const NEAR_BONUS = 0.5;
/** Beside: at most this many sentences before or after one of them. */
const NEAR_WINDOW = 2;

/**
 * A follow-up is most often answered beside what was just shown ("and internationally?" after the effect on
 * the US economy): sentences near the latest quotes are preferred, best first again. Confidences stay relative.
 */
export function preferNear<T extends { position: number; score: number }>(index: ArticleIndex, ranked: readonly T[], near: readonly string[]): T[] {
  if (near.length === 0) return [...ranked];
  const at = near.map((id) => index.article.sentences.findIndex((s) => s.id === id)).filter((p) => p >= 0);
  const boosted = ranked.map((r) => ({ ...r, score: at.some((p) => Math.abs(p - r.position) <= NEAR_WINDOW) ? r.score * (1 + NEAR_BONUS) : r.score }));
  boosted.sort((a, b) => b.score - a.score || a.position - b.position);
  const best = boosted[0]?.score ?? 1;
  return boosted.map((r) => ({ ...r, score: r.score / best }));
}
