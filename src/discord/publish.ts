// Publishing an answer or a summary: the reply itself, then its sources in a thread started from the
// reply, or (if that is not allowed or fails) in follow-up messages. Shared by /ask, /summary and mentions.
// Where the reply's message is known before it is shown (a deferred interaction's), the sources are in the
// outbox before the answer that announces them is up, so a crash in between cannot lose them.
import type { Citation } from '../qa/types.ts';
import type { Language } from '../text/arabic.ts';
import type { BotContext } from './context.ts';
import { renderSourceMessages, threadName, toPayload, type MessagePayload, type OutgoingMessage, type QuoteSources } from './render.ts';
import type { Article } from '../text/article.ts';
import { deliverSources, threadsUnwritable } from './outbox.ts';

/** Where a reply goes: an interaction's original response, or a reply to a channel message. */
export interface ReplyTarget {
  /** Sends the first message and returns where it landed. */
  sendFirst(payload: MessagePayload): Promise<{ channelId: string; messageId: string }>;
  /** Sends a further message in the same place (a follow-up). */
  sendMore(payload: MessagePayload): Promise<void>;
  /** Where the first message will land, when that is known before it is sent (a deferred response). */
  readonly landsIn?: { channelId: string; messageId: string };
  /** Called once every message of the reply is shown (before its sources thread). */
  shown?(): Promise<void>;
}

export interface PublishRequest {
  messages: OutgoingMessage[];
  /** The article quoted, or the articles of an answer across the library. */
  sources: Article | readonly Article[];
  citations: Citation[];
  language: Language;
  /** The question (or summary title) the thread is named after and remembers. */
  question: string;
  answerKey: string;
  /** false: sources stay in the reply (private answers, follow-ups already inside a thread). */
  sourcesThread: boolean;
  /** Called as soon as the first message is shown (before its sources), e.g. to store the answer for votes. */
  onShown?(where: { channelId: string; messageId: string }): Promise<void>;
}

export interface Published {
  channelId: string;
  messageId: string;
  threadId?: string;
}

export async function publishAnswer(ctx: BotContext, target: ReplyTarget, request: PublishRequest): Promise<Published> {
  const text: QuoteSources = Array.isArray(request.sources) ? request.sources : (request.sources as Article).text;
  // Render and check every message before the first one goes out, so a bad quote sends nothing.
  const payloads = request.messages.map((m) => toPayload(m, text));
  const [first, ...rest] = payloads;
  if (!first) throw new Error('Nothing to send.');
  const sources =
    request.sourcesThread && request.citations.length > 0
      ? renderSourceMessages(request.sources, request.citations, request.language).map((m) => toPayload(m, text))
      : undefined;
  const promise = (where: { channelId: string; messageId: string }) => ({
    answerKey: request.answerKey,
    channelId: where.channelId,
    messageId: where.messageId,
    question: request.question,
    threadName: threadName(request.question),
    payloads: sources ?? [],
  });

  // Threads here could not be written to a moment ago: no new empty thread for every answer.
  const early = sources && target.landsIn && !threadsUnwritable(ctx, target.landsIn.channelId) ? promise(target.landsIn) : undefined;
  if (early) await enqueue(ctx, early);
  let where: { channelId: string; messageId: string };
  try {
    where = await target.sendFirst(first);
  } catch (error) {
    // The answer never showed: nothing was promised, and the outbox must not start a thread on "thinking…".
    if (early) await ctx.store.finishSources(early.answerKey, 'failed').catch(() => undefined);
    throw error;
  }
  await request.onShown?.(where);
  for (const payload of rest) await target.sendMore(payload);
  await target.shown?.();
  const published: Published = { ...where };
  if (!sources) return published;

  if (!early && threadsUnwritable(ctx, where.channelId)) {
    for (const payload of sources) await target.sendMore(payload);
    return published;
  }
  const item = promise(where);
  if (!early) await enqueue(ctx, item);
  const threadId = await deliverSources(ctx, { ...item, posted: 0, threadId: null }, (payload) => target.sendMore(payload));
  if (threadId) published.threadId = threadId;
  return published;
}

async function enqueue(ctx: BotContext, item: Parameters<BotContext['store']['enqueueSources']>[0]): Promise<void> {
  try {
    await ctx.store.enqueueSources(item);
  } catch (error) {
    ctx.log.error({ err: error, answerKey: item.answerKey }, 'could not write the sources to the outbox; posting them anyway');
  }
}
