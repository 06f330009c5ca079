// Publishing an answer or a summary: the reply itself, then its sources in a thread started from the
// reply, or (if that is not allowed or fails) in follow-up messages. Shared by /ask, /summary and mentions.
import type { Citation } from '../qa/types.ts';
import type { Language } from '../text/arabic.ts';
import type { BotContext } from './context.ts';
import { renderSourceMessages, threadName, toPayload, type MessagePayload, type OutgoingMessage } from './render.ts';
import { retryTransient } from './retry.ts';
import { postMessage, startThreadFromMessage } from './send.ts';

/** Where a reply goes: an interaction's original response, or a reply to a channel message. */
export interface ReplyTarget {
  /** Sends the first message and returns where it landed. */
  sendFirst(payload: MessagePayload): Promise<{ channelId: string; messageId: string }>;
  /** Sends a further message in the same place (a follow-up). */
  sendMore(payload: MessagePayload): Promise<void>;
}

export interface PublishRequest {
  messages: OutgoingMessage[];
  citations: Citation[];
  language: Language;
  /** The question (or summary title) the thread is named after and remembers. */
  question: string;
  answerKey: string;
  /** false: sources stay in the reply (private answers, follow-ups already inside a thread). */
  sourcesThread: boolean;
  /** Called as soon as the first message is shown (before its sources), e.g. to store the answer for votes. */
  onShown?(where: { channelId: string; messageId: string }): void;
}

export interface Published {
  channelId: string;
  messageId: string;
  threadId?: string;
}

export async function publishAnswer(ctx: BotContext, target: ReplyTarget, request: PublishRequest): Promise<Published> {
  const text = ctx.article.text;
  // Render and check every message before the first one goes out, so a bad quote sends nothing.
  const payloads = request.messages.map((m) => toPayload(m, text));
  const [first, ...rest] = payloads;
  if (!first) throw new Error('Nothing to send.');
  const where = await target.sendFirst(first);
  request.onShown?.(where);
  for (const payload of rest) await target.sendMore(payload);
  const published: Published = { ...where };
  if (!request.sourcesThread || request.citations.length === 0) return published;

  const sources = renderSourceMessages(request.citations, request.language).map((m) => toPayload(m, text));
  if (threadsUnwritable(ctx, where.channelId)) {
    // Threads here could not be written to a moment ago: no new empty thread for every answer.
    for (const payload of sources) await target.sendMore(payload);
    return published;
  }
  let threadId: string;
  try {
    threadId = await startThreadFromMessage(ctx.rest, where.channelId, where.messageId, threadName(request.question));
  } catch (error) {
    // (A refused creation leaves nothing behind, so it is simply tried again next time.)
    ctx.log.warn({ err: error, channelId: where.channelId }, 'could not start a sources thread; posting the sources as follow-ups');
    for (const payload of sources) await target.sendMore(payload);
    return published;
  }
  try {
    ctx.store.saveThread({
      threadId,
      channelId: where.channelId,
      question: request.question,
      answerKey: request.answerKey,
      answerMessageId: where.messageId,
    });
  } catch (error) {
    // A full disk must not leave an empty thread: the sources still go in; only follow-ups after a restart are lost.
    ctx.log.error({ err: error, threadId }, 'could not remember the sources thread; posting its sources anyway');
  }
  published.threadId = threadId;
  let posted = 0;
  try {
    for (const payload of sources) {
      // The same nonce on every attempt: Discord keeps one message per nonce, so a retry never doubles a source.
      const nonce = `${request.answerKey.slice(-12)}s${posted}`.slice(0, 25);
      await retryTransient(() => postMessage(ctx.rest, threadId, payload, undefined, nonce), {
        until: Date.now() + THREAD_POST_RETRY_MS,
        log: ctx.log,
        what: 'source',
      });
      posted++;
    }
  } catch (error) {
    ctx.log.warn({ err: error, threadId, posted, left: sources.length - posted }, 'could not post into the sources thread; posting the rest as follow-ups');
    if (isForbidden(error)) markThreadsUnwritable(ctx, where.channelId);
    // Only what the thread does not already show, so no source appears twice.
    for (const payload of sources.slice(posted)) await target.sendMore(payload);
  }
  return published;
}

/** How long a source post into a thread is retried through 5xx and network failures. */
const THREAD_POST_RETRY_MS = 60_000;
/** After a 403 on posting into a new thread, answers in that channel open no thread for this long. */
const UNWRITABLE_FOR_MS = 5 * 60_000;
const unwritable = new WeakMap<BotContext, Map<string, number>>();

function isForbidden(error: unknown): boolean {
  return (error as { status?: unknown }).status === 403;
}

function markThreadsUnwritable(ctx: BotContext, channelId: string): void {
  const channels = unwritable.get(ctx) ?? new Map<string, number>();
  channels.set(channelId, Date.now() + UNWRITABLE_FOR_MS);
  unwritable.set(ctx, channels);
}

function threadsUnwritable(ctx: BotContext, channelId: string): boolean {
  const until = unwritable.get(ctx)?.get(channelId);
  return until !== undefined && until > Date.now();
}
