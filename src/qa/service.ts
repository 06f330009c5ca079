// The answering seam of the shells: the Discord bot takes an AnswerService, so another answerer
// (an LLM, say) can be plugged in without touching any handler.
import type { ArticleIndex } from '../index/article-index.ts';
import type { Answer, Summary } from './types.ts';
import { answerQuestion } from './answer.ts';
import { summariseArticle } from '../summary/summarise.ts';
import { topicRelevanceIn } from '../summary/topic.ts';
import { neuralSentenceVectors } from '../summary/vectors.ts';

export interface SummaryRequest {
  length?: 'short' | 'medium' | 'long';
  words?: number;
  topic?: string;
}

export interface AnswerService {
  answer(index: ArticleIndex, question: string, options?: { previousQuestion?: string; alreadyShown?: readonly string[] }): Promise<Answer>;
  summarise(index: ArticleIndex, options?: SummaryRequest): Promise<Summary>;
}

/** Offline, deterministic: retrieval-based answers and extractive summaries, quoting the article only. */
export const extractiveAnswerService: AnswerService = {
  answer: (index, question, options) => answerQuestion(index, question, options),
  summarise: async (index, options) => summariseIndexed(index, options),
};

/** A summary, focused on its topic (if any) by the article's index: the topic is found as a question would be. */
export async function summariseIndexed(index: ArticleIndex, options: SummaryRequest = {}): Promise<Summary> {
  const topic = options.topic?.trim();
  const neural = neuralSentenceVectors(index);
  const withVectors = neural ? { ...options, neural } : options;
  if (!topic) return summariseArticle(index.article, withVectors);
  const topicRelevance = (await topicRelevanceIn(index, topic)) ?? index.article.sentences.map(() => 0);
  return summariseArticle(index.article, { ...withVectors, topicRelevance });
}
