// Sending through REST by channel id: works for threads and channels the client has never cached
// (after a restart, say), and puts allowed_mentions on every message.
import { Routes, type REST, type APIMessage, type APIChannel } from 'discord.js';
import type { MessagePayload } from './render.ts';

function restBody(payload: MessagePayload, replyTo?: string, nonce?: string) {
  return {
    content: payload.content,
    components: payload.components,
    allowed_mentions: { parse: [], replied_user: false },
    ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
    // With enforce_nonce Discord returns the earlier message instead of posting the same nonce twice.
    ...(nonce ? { nonce, enforce_nonce: true } : {}),
  };
}

export async function postMessage(rest: REST, channelId: string, payload: MessagePayload, replyTo?: string, nonce?: string): Promise<APIMessage> {
  return (await rest.post(Routes.channelMessages(channelId), { body: restBody(payload, replyTo, nonce) })) as APIMessage;
}

/** Starts a public thread from a message; a thread's id equals its starter message's id. */
export async function startThreadFromMessage(rest: REST, channelId: string, messageId: string, name: string): Promise<string> {
  const thread = (await rest.post(Routes.threads(channelId, messageId), {
    body: { name, auto_archive_duration: 1440 },
    reason: 'Sources of an answer',
  })) as APIChannel;
  return thread.id;
}

/** Adds the bot's reaction to a message: a notice only its author needs, without a public post. */
export async function addReaction(rest: REST, channelId: string, messageId: string, emoji: string): Promise<void> {
  await rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)));
}
