// Channel messages: a mention of the bot is a question (answered as a reply, sources in a thread);
// any message in one of the bot's source threads is a follow-up, answered in that thread. Works from
// the raw gateway event and the stored threads, so it does not depend on what the client has cached.
import type { GatewayMessageCreateDispatchData } from 'discord.js';
import { answerAndPublish, prepareQuestion } from './ask-flow.ts';
import type { BotContext } from './context.ts';
import type { ReplyTarget } from './publish.ts';
import { renderEmptyQuestion, renderFailure, renderRateLimited, toPayload, type MessagePayload } from './render.ts';
import { postMessage } from './send.ts';

export function mentionsUser(message: GatewayMessageCreateDispatchData, userId: string): boolean {
  return message.mentions.some((user) => user.id === userId) || new RegExp(`<@!?${userId}>`).test(message.content);
}

export function stripMention(content: string, userId: string): string {
  return content.replace(new RegExp(`<@!?${userId}>`, 'g'), ' ').trim();
}

/** Replies in the message's own channel; extra parts follow as plain messages. */
function channelTarget(ctx: BotContext, message: GatewayMessageCreateDispatchData): ReplyTarget {
  return {
    async sendFirst(payload) {
      const sent = await postMessage(ctx.rest, message.channel_id, payload, message.id);
      return { channelId: message.channel_id, messageId: sent.id };
    },
    async sendMore(payload) {
      await postMessage(ctx.rest, message.channel_id, payload);
    },
  };
}

export function createMessageHandler(ctx: BotContext, botUserId: () => string | undefined) {
  return async function handleMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = botUserId();
    if (!botId || message.author.bot || message.webhook_id || !message.guild_id) return;
    const thread = ctx.store.getThread(message.channel_id);
    const mentioned = mentionsUser(message, botId);
    if (!thread && !mentioned) return;
    const target = channelTarget(ctx, message);
    const say = (payload: MessagePayload) => target.sendFirst(payload);
    try {
      const prepared = prepareQuestion(stripMention(message.content, botId));
      if (prepared.empty) {
        // In a thread people also chat; only a bare mention deserves the "ask me something" hint.
        if (mentioned) await say(toPayload(renderEmptyQuestion(prepared.language), ctx.article.text));
        return;
      }
      const rate = ctx.limiter.take(message.author.id);
      if (!rate.allowed) {
        await say(toPayload(renderRateLimited(rate.retryAfterMs, prepared.language), ctx.article.text));
        return;
      }
      await answerAndPublish(ctx, target, {
        prepared,
        answerKey: message.id,
        // In a source thread: answered there, the thread's question resolving short follow-ups.
        ...(thread ? { previousQuestion: thread.question } : {}),
        sourcesThread: !thread,
      });
    } catch (error) {
      ctx.log.error({ err: error, messageId: message.id, channelId: message.channel_id }, 'message handling failed');
      try {
        await say(toPayload(renderFailure(), ctx.article.text));
      } catch (replyError) {
        ctx.log.warn({ err: replyError, messageId: message.id }, 'could not tell the user about the failure');
      }
    }
  };
}
