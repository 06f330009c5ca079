// What every handler gets: the article, its index, the answerer, the stores and the logger.
import type { REST } from 'discord.js';
import type { ArticleIndex } from '../index/article-index.ts';
import type { Article } from '../text/article.ts';
import type { AnswerService } from '../qa/service.ts';
import type { Logger } from '../log.ts';
import type { BotStore } from './store.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface BotContext {
  index: ArticleIndex;
  article: Article;
  /** Where the article came from, shown by /about. */
  articleSource: string;
  answers: AnswerService;
  store: BotStore;
  limiter: RateLimiter;
  rest: REST;
  log: Logger;
}
