// Channel messages: a mention of the bot is a question (answered as a reply, sources in a thread);
// any message in one of the bot's source threads is a follow-up, answered in that thread, and so is a
// mention replying to one of the bot's answers (a reply chain). Works from the raw gateway event and the
// stored threads and conversations, so it does not depend on what the client has cached.
import type { GatewayMessageCreateDispatchData } from 'discord.js';
import { answerAndPublish } from './ask-flow.ts';
import { prepareQuestion } from '../qa/question.ts';
import { detectLanguage } from '../text/arabic.ts';
import type { BotContext } from './context.ts';
import type { ReplyTarget } from './publish.ts';
import { readsAsQuestion } from '../qa/small-talk.ts';
import { allSnowflakes } from './ids.ts';
import { NO_QUOTES, renderFailure, toPayload } from './render.ts';
import { chooseArticle, type ArticleChoice } from './article-choice.ts';
import { LibraryError } from '../library/library.ts';
import { notice } from './way-out.ts';
import { cleanEchoedText } from './sanitise.ts';
import { strings } from '../strings.ts';
import { retryTransient } from './retry.ts';
import { addReaction, postMessage } from './send.ts';
import type { StoredThread } from './store.ts';
import type { Turn } from '../qa/conversation.ts';

export function mentionsUser(message: GatewayMessageCreateDispatchData, userId: string): boolean {
  return message.mentions.some((user) => user.id === userId) || new RegExp(`<@!?${userId}>`).test(message.content);
}

export function stripMention(content: string, userId: string): string {
  return content.replace(new RegExp(`<@!?${userId}>`, 'g'), ' ').trim();
}

/** How long a reply to a message is retried through 5xx and network failures. */
const REPLY_RETRY_MS = 60_000;

/** Replies in the message's own channel; extra parts follow as plain messages. */
function channelTarget(ctx: BotContext, message: GatewayMessageCreateDispatchData): ReplyTarget {
  return {
    async sendFirst(payload) {
      // One nonce per question: retried through a 5xx burst, the reply still lands once.
      const nonce = `r${message.id}`.slice(0, 25);
      const sent = await retryTransient(() => postMessage(ctx.rest, message.channel_id, payload, message.id, nonce), {
        until: Date.now() + REPLY_RETRY_MS,
        log: ctx.log,
        what: 'reply',
      });
      return { channelId: message.channel_id, messageId: sent.id };
    },
    async sendMore(payload) {
      await postMessage(ctx.rest, message.channel_id, payload);
    },
  };
}

/** Reactions instead of public notices: only the author needs to know. */
export const REACTION_RATE_LIMITED = '⏳';
export const REACTION_EMPTY_QUESTION = '❓';

/** How long a person's bare mention in a channel is answered with a reaction after its help reply. */
const HELP_AGAIN_AFTER_MS = 10 * 60_000;

export function createMessageHandler(ctx: BotContext, botUserId: () => string | undefined) {
  const helped = new Map<string, number>(); // person and channel -> when they were last shown the help
  const helpOnce = (userId: string, channelId: string): boolean => {
    const key = `${userId}:${channelId}`;
    const now = Date.now();
    if (now - (helped.get(key) ?? -Infinity) < HELP_AGAIN_AFTER_MS) return false;
    if (helped.size > 10_000) helped.clear(); // bounded: forgetting only means showing the help once more
    helped.set(key, now);
    return true;
  };
  return async function handleMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = botUserId();
    if (!botId || message.author.bot || message.webhook_id || !message.guild_id) return;
    // ids go into REST paths: a forged one is ignored (and not logged)
    if (!allSnowflakes(message.id, message.channel_id, message.author.id, message.guild_id)) return;
    const thread = await ctx.store.getThread(message.channel_id);
    const mentioned = mentionsUser(message, botId);
    if (!thread && !mentioned) return;
    const text = stripMention(message.content, botId);
    // In a sources thread people also chat: only questions about the article (or mentions) are answered.
    if (thread && !mentioned && !readsAsQuestion(text)) return;
    const target = channelTarget(ctx, message);
    const react = async (emoji: string) => {
      try {
        await addReaction(ctx.rest, message.channel_id, message.id, emoji);
      } catch (error) {
        ctx.log.warn({ err: error, messageId: message.id }, 'could not react to a message');
      }
    };
    try {
      const prepared = prepareQuestion(text);
      const rate = ctx.limiter.take({
        userId: message.author.id,
        channelId: thread?.channelId ?? message.channel_id,
        action: prepared.empty ? 'empty' : 'answer',
      });
      if (!rate.allowed) {
        // Told once per window with a reaction; the rest of a flood is dropped without a sound.
        if (rate.firstRefusal) {
          ctx.log.info({ userId: message.author.id, scope: rate.scope, retryAfterMs: rate.retryAfterMs }, 'rate limited');
          await react(REACTION_RATE_LIMITED);
        }
        return;
      }
      if (prepared.empty) {
        // a bare mention is someone finding out what the bot does: told once, with examples; again soon, a ❓
        if (mentioned && helpOnce(message.author.id, message.channel_id)) {
          const mention = `<@${botId}>`;
          const help = `${strings('en').mentionHelp(mention)}\n${strings('ar').mentionHelp(mention)}`;
          await target.sendFirst(toPayload(notice(help), NO_QUOTES));
        } else await react(REACTION_EMPTY_QUESTION);
        return;
      }
      // a thread keeps asking the article its answer quoted, and so does a reply to an answer; a mention asks the channel's
      const repliedTo = !thread && message.message_reference?.message_id;
      const threadArticle = thread
        ? (await ctx.store.getAnswer(thread.answerKey))?.articleId
        : repliedTo
          ? await ctx.store.articleOfMessage(repliedTo)
          : undefined;
      const place = { guildId: message.guild_id, channelId: message.channel_id, parentId: thread?.channelId ?? ctx.parentOf(message.channel_id) };
      let choice: ArticleChoice;
      try {
        choice = await chooseArticle(ctx, place, threadArticle ?? null);
      } catch (error) {
        if (!(error instanceof LibraryError)) throw error;
        await target.sendFirst(toPayload(notice(threadArticle ? strings(prepared.language).articleRemovedHere : cleanEchoedText(error.message)), NO_QUOTES));
        return;
      }
      const conversation = await conversationOf(ctx, message, thread);
      await answerAndPublish(ctx, target, {
        prepared,
        choice,
        answerKey: message.id,
        // In a source thread: answered there, the thread's question resolving short follow-ups, which
        // look for what the thread has not shown yet.
        ...(thread ? { previousQuestion: thread.question, alreadyShown: await ctx.store.shownInThread(thread) } : {}),
        ...(conversation ? { conversation } : {}),
        sourcesThread: !thread,
      });
    } catch (error) {
      ctx.log.error({ err: error, messageId: message.id, channelId: message.channel_id }, 'message handling failed');
      try {
        await target.sendFirst(toPayload(renderFailure(detectLanguage(message.content)), NO_QUOTES));
      } catch (replyError) {
        ctx.log.warn({ err: replyError, messageId: message.id }, 'could not tell the user about the failure');
      }
    }
  };
}

/**
 * The conversation a message continues: its sources thread's, or that of the bot's answer it replies to.
 * A thread from before conversations were kept is one turn: its question and what it showed.
 */
async function conversationOf(
  ctx: BotContext,
  message: GatewayMessageCreateDispatchData,
  thread: StoredThread | undefined,
): Promise<{ id: string; turns: Turn[] } | undefined> {
  if (thread) {
    const id = (await ctx.store.conversationOfMessage(thread.threadId)) ?? thread.threadId;
    const turns = await ctx.store.conversationTurns(id);
    if (turns.length > 0) return { id, turns };
    const shown = await ctx.store.shownInThread(thread);
    return { id, turns: [{ question: thread.question, readAs: thread.question, shown, about: [], kind: 'answer' }] };
  }
  const repliedTo = message.message_reference?.message_id;
  if (!repliedTo) return undefined;
  const id = await ctx.store.conversationOfMessage(repliedTo);
  return id ? { id, turns: await ctx.store.conversationTurns(id) } : undefined;
}
