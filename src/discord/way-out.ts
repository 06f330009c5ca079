// The one way out to Discord for interactions: every reply, follow-up and edit is made here, from
// payloads that only toPayload (the exact-quote check, render.ts) can produce. Channel posts go through
// send.ts with the same checked payloads. A test keeps interaction replies out of every other file.
import { MessageFlags, type MessageComponentInteraction, type RepliableInteraction } from 'discord.js';
import type { ReplyTarget } from './publish.ts';
import { toPayload, type MessagePayload, type OutgoingMessage, type QuoteSources } from './render.ts';
import type { Logger } from '../log.ts';
import { interactionDeadline, retryTransient } from './retry.ts';

const EPHEMERAL = { flags: MessageFlags.Ephemeral as const };

/**
 * Answers an interaction with messages: all are checked before the first leaves; the first replies (or
 * edits the deferred response), the rest follow up. `private` shows them to the person who acted only.
 */
export async function respond(
  interaction: RepliableInteraction,
  messages: OutgoingMessage[],
  sources: QuoteSources,
  options: { private?: boolean } = {},
): Promise<void> {
  const [first, ...more] = messages.map((m) => toPayload(m, sources));
  if (!first) throw new Error('Nothing to send.');
  const flags = options.private ? EPHEMERAL : {};
  if (interaction.deferred) await interaction.editReply(first);
  else if (interaction.replied) await interaction.followUp({ ...first, ...flags });
  else await interaction.reply({ ...first, ...flags });
  for (const payload of more) await interaction.followUp({ ...payload, ...flags });
}

/** Replaces the message a button is on (a confirmation becomes its outcome), checked like any other. */
export async function replaceMessage(interaction: MessageComponentInteraction, message: OutgoingMessage, sources: QuoteSources): Promise<void> {
  const payload = toPayload(message, sources);
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.update(payload);
}

/** A short notice with no quotes (an unknown button, a failure), through the same door. */
export function notice(content: string): OutgoingMessage {
  return { content, quotes: [] };
}

/** Replies to a deferred interaction: the first message edits the original response, the rest follow up. */
export function interactionTarget(interaction: RepliableInteraction, ephemeral: boolean, log: Logger): ReplyTarget {
  return {
    async sendFirst(payload: MessagePayload) {
      // Editing the original response is idempotent, so a 5xx burst is ridden out for as long as the token lives.
      const edit = () => interaction.editReply(payload);
      const message = await retryTransient(edit, { until: interactionDeadline(interaction.createdTimestamp), log, what: 'answer' });
      return { channelId: message.channelId ?? interaction.channelId ?? '', messageId: message.id };
    },
    async sendMore(payload: MessagePayload) {
      await interaction.followUp({ ...payload, ...(ephemeral ? EPHEMERAL : {}) });
    },
  };
}
