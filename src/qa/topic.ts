// Which sentences a summary topic is about, measured like a question: the topic's words, its names in either
// script (English "Wang Yi" meets Arabic "وانغ يي"), its English words' Arabic glosses and its meaning.
// A topic the article would answer a question about is never reported as absent.
import type { ArticleIndex } from '../index/article-index.ts';
import { answerWithDetails } from './answer.ts';
import { articleFeatures } from './summary-features.ts';
import { topicRelevance } from './summarise.ts';

/** A sentence ranked at least this close to the best one counts as about the topic (as for extra quotes). */
const CLOSE_TO_BEST = 0.35;

/** Relevance of each sentence in [0, 1], or undefined when the article says nothing about the topic. */
export async function topicRelevanceIn(index: ArticleIndex, topic: string): Promise<number[] | undefined> {
  const words = topicRelevance(articleFeatures(index.article).sentences, topic);
  const details = await answerWithDetails(index, topic);
  if (!details.answer.answered) return words.some((r) => r > 0) ? words : undefined;
  const names = details.features?.names;
  const relevance = words.map((r, p) => Math.max(r, names?.[p] ?? 0));
  for (const { position, score } of details.scored) if (score >= CLOSE_TO_BEST) relevance[position] = Math.max(relevance[position]!, score);
  return relevance;
}
