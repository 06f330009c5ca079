// What every handler gets: the library (its articles and their indexes), the answerer, the stores and
// the logger.
import type { REST } from 'discord.js';
import type { Shelf } from '../library/shelf.ts';
import type { AnswerService } from '../qa/service.ts';
import type { Logger } from '../log.ts';
import type { BotStore } from './store.ts';
import type { RateLimiter } from './rate-limit.ts';

export type ConversationMode = 'context' | 'previous-question';

export interface BotContext {
  shelf: Shelf;
  answers: AnswerService;
  store: BotStore;
  limiter: RateLimiter;
  rest: REST;
  log: Logger;
  /**
   * How a follow-up is read: `context` (the default) in its conversation's turns (src/qa/converse.ts);
   * `previous-question` borrows the thread's question's words, as the bot once did (the baseline of
   * npm run eval:conversation).
   */
  conversation?: ConversationMode;
  /** Besides people with Manage Server, members with this role may change the library. */
  libraryRoleId?: string;
  /** Web pages may be fetched from private and local networks too (LIBRARY_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls?: boolean;
  /** The channel a thread belongs to (from what the client has seen), for channel bindings. */
  parentOf(channelId: string): string | null;
}
