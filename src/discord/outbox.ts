// The durable outbox of sources: what an answer promised (its thread, the messages to post there and
// their order) is written to the store before any of it is posted, each post is marked as it lands, and a
// restart resumes unfinished work in the same thread. Posts carry a nonce (enforce_nonce), so one that
// landed just before a crash is not posted twice when it is tried again.
import type { BotContext } from './context.ts';
import type { MessagePayload } from './render.ts';
import { retryTransient } from './retry.ts';
import { postMessage, startThreadFromMessage } from './send.ts';
import type { OutboxItem } from './store.ts';

/** How long one source post is retried through 5xx and network failures before falling back. */
const POST_RETRY_MS = 60_000;
/** After a 403 on posting into a new thread, answers in that channel open no thread for this long. */
const UNWRITABLE_FOR_MS = 5 * 60_000;
/** Finished outbox rows are kept this long (for inspection), then removed at start. */
const KEEP_FINISHED_MS = 24 * 60 * 60_000;
/** Discord's error when a message already has a thread (made before a restart): its id is the message's. */
const THREAD_ALREADY_CREATED = 160004;

interface DeliveryState {
  stopped: boolean;
  unwritable: Map<string, number>;
}
const states = new WeakMap<BotContext, DeliveryState>();
function stateOf(ctx: BotContext): DeliveryState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { stopped: false, unwritable: new Map() }));
  return state;
}

/** Store writes never stop a delivery: without them it is only less durable (logged). */
async function remember(ctx: BotContext, what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!stateOf(ctx).stopped) ctx.log.error({ err: error, what }, 'could not update the outbox; carrying on');
  }
}

export function threadsUnwritable(ctx: BotContext, channelId: string): boolean {
  const until = stateOf(ctx).unwritable.get(channelId);
  return until !== undefined && until > Date.now();
}

function statusOf(error: unknown): { status?: number; code?: number } {
  const e = error as { status?: unknown; code?: unknown };
  return { ...(typeof e.status === 'number' ? { status: e.status } : {}), ...(typeof e.code === 'number' ? { code: e.code } : {}) };
}

export type Fallback = (payload: MessagePayload) => Promise<void>;

/**
 * Posts what is left of one outbox item: starts (or finds) its thread, then each unposted message in
 * order. With a fallback (the answer's own follow-ups), what cannot go into the thread goes there.
 * Returns the thread id when the thread is in use.
 */
export async function deliverSources(ctx: BotContext, item: OutboxItem, fallback?: Fallback): Promise<string | undefined> {
  const state = stateOf(ctx);
  const payloads = item.payloads as MessagePayload[];
  const fallBack = async (from: number, why: string): Promise<void> => {
    if (!fallback) {
      ctx.log.warn({ answerKey: item.answerKey, left: payloads.length - from }, `${why}; the sources are given up`);
      await remember(ctx, 'finish', () => ctx.store.finishSources(item.answerKey, 'failed'));
      return;
    }
    for (const payload of payloads.slice(from)) await fallback(payload);
    await remember(ctx, 'finish', () => ctx.store.finishSources(item.answerKey, 'done'));
  };

  let threadId = item.threadId ?? undefined;
  if (!threadId) {
    try {
      threadId = await startThreadFromMessage(ctx.rest, item.channelId, item.messageId, item.threadName);
    } catch (error) {
      if (statusOf(error).code === THREAD_ALREADY_CREATED) threadId = item.messageId;
      else {
        // (A refused creation leaves nothing behind, so it is simply tried again next time.)
        ctx.log.warn({ err: error, channelId: item.channelId }, 'could not start a sources thread; posting the sources as follow-ups');
        await fallBack(item.posted, 'could not start a sources thread');
        return undefined;
      }
    }
    const id = threadId;
    await remember(ctx, 'thread', () => ctx.store.setSourcesThread(item.answerKey, id));
    try {
      await ctx.store.saveThread({ threadId: id, channelId: item.channelId, question: item.question, answerKey: item.answerKey, answerMessageId: item.messageId });
    } catch (error) {
      // A full disk must not leave an empty thread: the sources still go in; only follow-ups after a restart are lost.
      ctx.log.error({ err: error, threadId: id }, 'could not remember the sources thread; posting its sources anyway');
    }
  }

  for (let i = item.posted; i < payloads.length; i++) {
    // Shutting down: the rest stays in the outbox and is posted at the next start.
    if (state.stopped) return threadId;
    const nonce = `${item.answerKey.slice(-16)}.${i}`.slice(0, 25);
    const thread = threadId;
    try {
      await retryTransient(() => postMessage(ctx.rest, thread, payloads[i]!, undefined, nonce), {
        until: Date.now() + POST_RETRY_MS,
        log: ctx.log,
        what: 'source',
        shouldStop: () => state.stopped,
      });
    } catch (error) {
      if (state.stopped) return threadId;
      ctx.log.warn({ err: error, threadId, posted: i, left: payloads.length - i }, 'could not post into the sources thread; posting the rest as follow-ups');
      if (statusOf(error).status === 403) state.unwritable.set(item.channelId, Date.now() + UNWRITABLE_FOR_MS);
      // Only what the thread does not already show, so no source appears twice.
      await fallBack(i, 'could not post into the sources thread');
      return threadId;
    }
    await remember(ctx, 'posted', () => ctx.store.markSourcesPosted(item.answerKey, i + 1));
  }
  await remember(ctx, 'finish', () => ctx.store.finishSources(item.answerKey, 'done'));
  return threadId;
}

/** At start: posts what earlier runs promised and did not finish, oldest first, in the same threads. */
export async function resumeSources(ctx: BotContext): Promise<void> {
  await remember(ctx, 'prune', () => ctx.store.pruneSources(KEEP_FINISHED_MS));
  const pending = await ctx.store.pendingSources();
  if (pending.length === 0) return;
  const messages = pending.reduce((sum, item) => sum + item.payloads.length - item.posted, 0);
  ctx.log.info({ answers: pending.length, messages }, `resuming ${messages} unposted source messages of ${pending.length} answers`);
  let resumed = 0;
  for (const item of pending) {
    if (stateOf(ctx).stopped) return;
    try {
      await deliverSources(ctx, item);
      resumed += item.payloads.length - item.posted;
    } catch (error) {
      ctx.log.error({ err: error, answerKey: item.answerKey }, 'could not resume sources');
    }
  }
  ctx.log.info({ messages: resumed }, 'outbox resumed');
}

/** At shutdown, after the bounded drain: deliveries stop where they are and the rest is counted in one line. */
export async function stopDeliveries(ctx: BotContext): Promise<void> {
  stateOf(ctx).stopped = true;
  try {
    const left = await ctx.store.pendingSourceCount();
    ctx.log.info(left, `outbox: ${left.messages} source messages of ${left.answers} answers left for the next start`);
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not count what is left in the outbox');
  }
}
