// What a thread message looks like to the small-talk decision: a few named yes/no features (a question
// mark, a question word at the start, a request, thanks, an idiom...). Pure text work, no weights here:
// src/qa/small-talk.ts weighs them with the fitted table.
import { isArabicWord, isStopword, lightStem, normaliseArabic } from '../text/arabic.ts';
import * as lexicon from './small-talk-lexicon.ts';

export const FEATURE_NAMES = [
  'questionMark',
  'exclamation',
  'startsWithQuestionWord',
  'questionWordAlone',
  'startsAmbiguous',
  'questionWordLater',
  'startsWithAuxiliary',
  'startsWithRequest',
  'requestLater',
  'politeOpener',
  'namesArticle',
  'someContent',
  'muchContent',
  'oneWord',
  'thanks',
  'greeting',
  'laughter',
  'reaction',
  'onlyChatterWords',
  'idiom',
  'namesBot',
  'speaksToRoom',
  'opinion',
  'emoji',
  'connective',
  'firstPerson',
  'secondPerson',
  'rhetorical',
  'exclamativeWh',
  'startsNegation',
  'pointsAtThis',
  'genericNouns',
  'disbelief',
  'vocative',
  'pointsAtThat',
  'statement',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

/** Normalised for matching, with letters typed three or more times in a row ("شكراااا", "sooo") kept once. */
function words(text: string): string[] {
  return (normaliseArabic(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'));
}

function wordSet(list: string): Set<string> {
  return new Set(list.split(/\s+/).flatMap((w) => words(w)));
}

function phraseList(list: string): string[][] {
  return list
    .split(/[|\n]/)
    .map((p) => words(p))
    .filter((p) => p.length > 0);
}

const INTERROGATIVES = wordSet(lexicon.INTERROGATIVES);
const AMBIGUOUS = wordSet(lexicon.AMBIGUOUS_STARTS);
const ENGLISH_WH = wordSet(lexicon.ENGLISH_WH);
const FIRST_PERSON = wordSet(lexicon.FIRST_PERSON);
const SECOND_PERSON = wordSet(lexicon.SECOND_PERSON);
const RHETORICAL = wordSet(lexicon.RHETORICAL);
const WH_FOLLOWERS = wordSet(lexicon.WH_FOLLOWERS);
const NEGATIONS = wordSet(lexicon.NEGATIONS);
const GENERIC_NOUNS = wordSet(lexicon.GENERIC_NOUNS);
const DISBELIEF = wordSet(lexicon.DISBELIEF);
const DEMONSTRATIVES = wordSet(lexicon.DEMONSTRATIVES);
const QUESTION_PAIRS = phraseList(lexicon.QUESTION_PAIRS);
const AUXILIARIES = wordSet(lexicon.AUXILIARIES);
const REQUESTS = wordSet(lexicon.REQUESTS);
const REQUEST_STEMS = [...wordSet(lexicon.REQUEST_STEMS)];
const REQUEST_OPENERS = phraseList(lexicon.REQUEST_OPENERS.replace(/\s+/gu, '|'));
const POLITE_PHRASES = phraseList(lexicon.POLITE_PHRASES);
const ARTICLE_STEMS = new Set([...wordSet(lexicon.ARTICLE_WORDS)].map(lightStem));
const THANKS = wordSet(lexicon.THANKS);
const GREETINGS = wordSet(lexicon.GREETINGS);
const REACTIONS = wordSet(lexicon.REACTIONS);
const BOT_WORDS = wordSet(lexicon.BOT_WORDS);
const GROUP_WORDS = wordSet(lexicon.GROUP_WORDS);
const OPINION_WORDS = wordSet(lexicon.OPINION_WORDS);
const IDIOMS = phraseList(lexicon.IDIOMS);
const REQUEST_OPENER_WORDS = new Set(REQUEST_OPENERS.flat());
const CHATTER_WORDS = new Set([...THANKS, ...GREETINGS, ...REACTIONS, ...BOT_WORDS, ...GROUP_WORDS]);

/** Openers that lead into a question without being one: "and", "so", "طب", "يعني", Egyptian "هو". */
const FILLERS = wordSet('and so then but also btw wait hmm um ok okay طب طيب بس يعني هو هي اوك');
const CONNECTIVES = wordSet('and so then also طب طيب وبعدين بعدين');

// seen after long runs are cut to one letter: "هههههه" arrives as "ه", "lmaooo" as "lmao"
const LAUGHTER = /^(?:ه+|خ+|h+|k+|a?(?:ha)+h?|he(?:he)+|lo(?:lo)*l|lmf?ao|rofl|x+d+)$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** "ومتى" -> "متى", "فلماذا" -> "لماذا": Arabic joins "and"/"so" to the next word. */
function withoutJoinedAnd(word: string): string {
  return /^[وف][\u0621-\u064A]{2,}$/u.test(word) ? word.slice(1) : word;
}

function isInterrogative(word: string): boolean {
  return INTERROGATIVES.has(word) || INTERROGATIVES.has(withoutJoinedAnd(word));
}

function isRequest(word: string): boolean {
  const bare = withoutJoinedAnd(word);
  if (REQUESTS.has(word) || REQUESTS.has(bare)) return true;
  // an imperative with a pronoun ("لخصلي") or a second-person verb ("توضح", "بتشرح") after "ممكن"/"فيك"
  const verb = bare.replace(/^(?:بت|ت)/u, '');
  return REQUEST_STEMS.some((stem) => bare.startsWith(stem) || verb.startsWith(stem));
}

/** A phrase starting at word `at`; an Arabic last word may carry a pronoun ("كيف حال" meets "كيف حالكم"). */
function phraseAt(tokens: readonly string[], phrases: readonly string[][], at = 0): boolean {
  const head = tokens[at] ?? '';
  return phrases.some((phrase) =>
    [head, withoutJoinedAnd(head)].some((first) =>
      phrase.every((w, i) => {
        const token = i === 0 ? first : (tokens[at + i] ?? '');
        return token === w || (i === phrase.length - 1 && isArabicWord(w) && token.startsWith(w));
      }),
    ),
  );
}

/** "can you", "could you": a polite request anywhere in the message. */
function hasPhrase(tokens: readonly string[], phrases: readonly string[][]): boolean {
  return tokens.some((_, i) => phraseAt(tokens, phrases, i));
}

/** Words from the lists: none of them carries the message's meaning. */
const LISTED = new Set([
  ...AMBIGUOUS, ...AUXILIARIES, ...CHATTER_WORDS, ...OPINION_WORDS, ...REQUEST_OPENER_WORDS, ...FIRST_PERSON,
  ...SECOND_PERSON, ...RHETORICAL, ...NEGATIONS, ...DISBELIEF,
]);

/** A word that carries meaning of its own: not a stopword, not one of the lists above. */
function isContent(word: string): boolean {
  if (word.length < 3 || isStopword(word) || isStopword(withoutJoinedAnd(word))) return false;
  return !isInterrogative(word) && !isRequest(word) && !LISTED.has(word) && !LAUGHTER.test(word);
}

const isChatterWord = (word: string): boolean => CHATTER_WORDS.has(word) || LAUGHTER.test(word);

/** The features that ask something; a message with none of them is a remark. */
const ASKING = [
  'questionMark', 'startsWithQuestionWord', 'startsAmbiguous', 'questionWordLater', 'startsWithAuxiliary', 'startsWithRequest',
  'requestLater', 'politeOpener',
] as const;

const on = (condition: boolean): number => (condition ? 1 : 0);

export function smallTalkFeatures(text: string): Features {
  const all = words(text);
  let start = 0;
  while (start < all.length - 1 && FILLERS.has(all[start]!)) start++;
  const rest = all.slice(start);
  const first = rest[0] ?? '';
  const bareFirst = withoutJoinedAnd(first);
  const content = all.filter(isContent).length;
  const questionMark = /[?؟]/u.test(text);
  const has = (list: ReadonlySet<string>) => all.some((w) => list.has(w));
  // An ambiguous word before an auxiliary asks ("y did they"). "ما" before a noun asks ("ما السبب",
  // "وما النتيجة", "ما علاقة"); before a verb it negates ("ما فهمت").
  const startsWithQuestionWord =
    isInterrogative(first) ||
    phraseAt(rest, QUESTION_PAIRS) ||
    phraseAt(all, QUESTION_PAIRS) ||
    // "من" opening a sentence mostly asks who ("من المسؤول", "ومن يتحمل"); its other uses are idioms ("من زمان")
    (bareFirst === 'من' && rest.length >= 2) ||
    (AMBIGUOUS.has(bareFirst) && AUXILIARIES.has(rest[1] ?? '')) ||
    (bareFirst === 'ما' && /^ال[\u0621-\u064A]{2,}|^[\u0621-\u064A]{3,}ه$/u.test(rest[1] ?? ''));
  const features: Omit<Features, 'statement'> = {
    questionMark: on(questionMark),
    exclamation: on(/!/u.test(text)),
    startsWithQuestionWord: on(startsWithQuestionWord),
    questionWordAlone: on(rest.length === 1 && isInterrogative(first)),
    startsAmbiguous: on(!startsWithQuestionWord && AMBIGUOUS.has(bareFirst)),
    // Egyptian and Levantine put the question word last ("اتقال امتى"); a later English "what" mostly joins clauses
    questionWordLater: on(rest.slice(1).some((w) => !ENGLISH_WH.has(w) && (isInterrogative(w) || (w !== 'من' && AMBIGUOUS.has(w))))),
    // "can't wait", "don't" open statements, not questions
    startsWithAuxiliary: on(AUXILIARIES.has(first) && rest[1] !== 't'),
    startsWithRequest: on(isRequest(first)),
    requestLater: on(rest.slice(1).some(isRequest)),
    // "ممكن توضح", "can you explain" open a request; "بارك الله فيك" ends a thank-you
    politeOpener: on(phraseAt(rest, REQUEST_OPENERS) || phraseAt(rest, REQUEST_OPENERS, 1) || hasPhrase(all, POLITE_PHRASES)),
    namesArticle: on(all.some((w) => ARTICLE_STEMS.has(lightStem(w)))),
    someContent: on(content >= 1),
    muchContent: on(content >= 3),
    oneWord: on(all.length === 1),
    thanks: on(has(THANKS)),
    greeting: on(has(GREETINGS)),
    laughter: on(all.some((w) => LAUGHTER.test(w))),
    reaction: on(has(REACTIONS)),
    onlyChatterWords: on(all.some(isChatterWord) && all.every((w) => isChatterWord(w) || isStopword(w))),
    idiom: on(phraseAt(all, IDIOMS) || phraseAt(rest, IDIOMS)),
    namesBot: on(all.some((w) => BOT_WORDS.has(w) || BOT_WORDS.has(withoutJoinedAnd(w)))),
    // "anyone here?", "يا جماعة": the room is asked; "did they arrest anyone" asks about the article
    speaksToRoom: on(/@\S/u.test(text) || all.some((w, i) => GROUP_WORDS.has(w) && (i - start < 2 || all[i - 1] === 'يا' || all[i - 1] === 'ya'))),
    opinion: on(has(OPINION_WORDS)),
    emoji: on(EMOJI.test(text)),
    connective: on(CONNECTIVES.has(all[0] ?? '') || (!INTERROGATIVES.has(first) && INTERROGATIVES.has(bareFirst))),
    firstPerson: on(has(FIRST_PERSON)),
    secondPerson: on(has(SECOND_PERSON)),
    rhetorical: on(has(RHETORICAL)),
    // "how typical": an exclamation, unlike "how much" or "what happened"
    exclamativeWh: on(rest.length === 2 && (first === 'how' || first === 'what') && !WH_FOLLOWERS.has(rest[1]!) && !questionMark),
    startsNegation: on(!startsWithQuestionWord && NEGATIONS.has(bareFirst)),
    // Levantine and Gulf "هال" ("this"): "شو هالمصيبة" exclaims at something rather than asking about it
    pointsAtThis: on(all.some((w) => /^هال[\u0621-\u064A]{2,}/u.test(w) || w === 'هادشي' || w === 'هيدا')),
    genericNouns: on(has(GENERIC_NOUNS)),
    disbelief: on(has(DISBELIEF)),
    // "يا سلام", "يا عمي شو هاد", "ya 3ini": calling out, not asking
    vocative: on(first === 'يا' || first === 'ya'),
    // "ايه الهبل ده", "شو هاد": a question word that ends on "this" exclaims at what was just said
    pointsAtThat: on(startsWithQuestionWord && rest.length <= 4 && DEMONSTRATIVES.has(all[all.length - 1] ?? '')),
  };
  // Words with meaning and nothing that asks: an opinion or a remark ("this government never learns").
  return { ...features, statement: on(content >= 1 && !ASKING.some((name) => features[name] === 1)) };
}
