// Which sentences name a topic's words. The word itself or an inflection of it (the same light stem: "القدم",
// "بالقدم", "قدمه") is evidence; a sentence that shares only the root-like heavy stem ("تقدم", "قدمت" for
// "القدم") is weaker evidence: it adds to a sentence that names another of the topic's words, never makes one. A topic is found by
// its words only when more than half of them are: "كرة السلة" is not in an article about "كرة القدم".
import { lightStem } from '../text/arabic.ts';
import type { Article } from '../text/article.ts';
import { contentTokens, termStem } from '../text/terms.ts';

/** What a sentence sharing only a word's heavy stem is worth, against 1 for the word or its inflection. */
export const WEAK_MATCH = 0.25;

interface SentenceWords {
  tokens: Set<string>;
  light: Set<string>;
  heavy: Set<string>;
}

const cache = new WeakMap<Article, SentenceWords[]>();

function sentenceWords(article: Article): SentenceWords[] {
  const cached = cache.get(article);
  if (cached) return cached;
  const words = article.sentences.map((s) => {
    const tokens = contentTokens(s.text);
    return { tokens: new Set(tokens), light: new Set(tokens.flatMap(inflectionKeys)), heavy: new Set(tokens.map(termStem)) };
  });
  cache.set(article, words);
  return words;
}

/**
 * The light stems of a word with and without a leading clitic: the light stemmer keeps a clitic on a short word
 * («لكرة» stays whole, so that «وزير» is never cut), but «لكرة» is still an inflection of «كرة».
 */
function inflectionKeys(token: string): string[] {
  const keys = new Set([lightStem(token)]);
  const article = /^(وال|بال|فال|كال|لل|ال)/u.exec(token);
  if (article && token.length - article[0].length >= 2) keys.add(lightStem(token.slice(article[0].length)));
  else if (/^[وفبلك]/u.test(token) && token.length >= 4) keys.add(lightStem(token.slice(1)));
  return [...keys];
}

export interface TopicWords {
  /** Per sentence, the share of the topic's words it names (an inflection 1, a shared heavy stem WEAK_MATCH). */
  relevance: number[];
  /** The topic's content words, and those the article names as words (not only by a shared stem). */
  words: string[];
  found: string[];
}

export function topicWords(article: Article, topic: string): TopicWords {
  const words = [...new Set(contentTokens(topic))];
  const sentences = sentenceWords(article);
  const strong = (word: string, s: SentenceWords) => s.tokens.has(word) || inflectionKeys(word).some((key) => s.light.has(key));
  const weak = (word: string, s: SentenceWords) => s.heavy.has(termStem(word));
  const found = words.filter((word) => sentences.some((s) => strong(word, s)));
  if (words.length === 0 || found.length * 2 <= words.length) return { relevance: sentences.map(() => 0), words, found };
  // a sentence is about the topic when it names one of its words; shared stems only add to that
  const relevance = sentences.map((s) => {
    if (!found.some((word) => strong(word, s))) return 0;
    let sum = 0;
    for (const word of found) sum += strong(word, s) ? 1 : weak(word, s) ? WEAK_MATCH : 0;
    return sum / words.length;
  });
  return { relevance, words, found };
}
