// The answering seam of the shells: the Discord bot takes an AnswerService, so another answerer
// (an LLM, say) can be plugged in without touching any handler.
import type { ArticleIndex } from '../index/article-index.ts';
import type { Answer, Summary } from './types.ts';
import type { Turn } from './conversation.ts';
import { answerQuestion } from './answer.ts';
import { summariseArticle } from '../summary/summarise.ts';
import { topicRelevanceIn } from '../summary/topic.ts';
import { neuralSentenceVectors } from '../summary/vectors.ts';

export interface SummaryRequest {
  length?: 'short' | 'medium' | 'long';
  words?: number;
  topic?: string;
}

export interface AnswerOptionsForService {
  previousQuestion?: string;
  alreadyShown?: readonly string[];
  /** A follow-up read in its conversation: sentences already shown are not quoted again. */
  followUp?: boolean;
  /** Sentence ids the conversation is at (the latest turn's quotes). */
  near?: readonly string[];
}

export interface AnswerService {
  answer(index: ArticleIndex, question: string, options?: AnswerOptionsForService): Promise<Answer>;
  summarise(index: ArticleIndex, options?: SummaryRequest): Promise<Summary>;
  /**
   * With a chat model: the follow-up and the conversation's earlier turns condensed into one standalone
   * question (undefined when the model fails); without one the offline reading is used.
   */
  condense?(index: ArticleIndex, question: string, turns: readonly Turn[]): Promise<string | undefined>;
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
