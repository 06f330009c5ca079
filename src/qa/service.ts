// The answering seam of the shells: the Discord bot takes an AnswerService, so another answerer
// (an LLM, say) can be plugged in without touching any handler.
import type { ArticleIndex } from '../index/article-index.ts';
import type { Answer, Summary } from './types.ts';
import { answerQuestion } from './answer.ts';
import { summariseArticle } from './summarise.ts';

export interface SummaryRequest {
  length?: 'short' | 'medium' | 'long';
  words?: number;
  topic?: string;
}

export interface AnswerService {
  answer(index: ArticleIndex, question: string, options?: { previousQuestion?: string }): Promise<Answer>;
  summarise(index: ArticleIndex, options?: SummaryRequest): Promise<Summary>;
}

/** Offline, deterministic: retrieval-based answers and extractive summaries, quoting the article only. */
export const extractiveAnswerService: AnswerService = {
  answer: (index, question, options) => answerQuestion(index, question, options),
  summarise: async (index, options) => summariseArticle(index.article, options),
};
