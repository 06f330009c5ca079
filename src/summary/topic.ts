// Which sentences a summary topic is about: its words, its names in either script (English "Wang Yi" meets
// Arabic "وانغ يي"), its English words' Arabic glosses, and, for a topic phrased at question length, its meaning.
import type { ArticleIndex } from '../index/article-index.ts';
import { answerWithDetails } from '../qa/answer.ts';
import { analyseQuery } from '../qa/query.ts';
import { articleFeatures } from './features.ts';
import { topicRelevance } from './summarise.ts';

/**
 * Meaning decides only for topics of this many words or more: multilingual-e5-small gives every sentence of an
 * article about the same similarity to a bare name or noun (on the seed article "Wang Yi" 0.784, "football"
 * 0.781), so a short topic is found by its words and names alone.
 */
const MEANING_MIN_WORDS = 4;
/** A sentence ranked at least this close to the best one counts as about the topic (as for extra quotes). */
const CLOSE_TO_BEST = 0.35;

/** Relevance of each sentence in [0, 1], or undefined when the article says nothing about the topic. */
export async function topicRelevanceIn(index: ArticleIndex, topic: string): Promise<number[] | undefined> {
  // a topic naming someone or something the article never names ("the Brazilian economy") is not in it
  const names = analyseQuery(topic).names;
  if (names.length > 0 && !names.some((key) => index.nameBm25.has(key))) return undefined;
  const words = topicRelevance(articleFeatures(index.article).sentences, topic);
  const details = await answerWithDetails(index, topic);
  const features = details.features;
  const relevance = words.map((r, p) => Math.max(r, features?.names[p] ?? 0, features?.stems[p] ?? 0));
  const byMeaning = details.answer.answered && topic.trim().split(/\s+/).length >= MEANING_MIN_WORDS;
  if (byMeaning) {
    for (const { position, score } of details.scored) if (score >= CLOSE_TO_BEST) relevance[position] = Math.max(relevance[position]!, score);
  }
  return relevance.some((r) => r > 0) ? relevance : undefined;
}
