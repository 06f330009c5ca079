// Replies to a deferred interaction: the first message edits the original response, the rest follow up.
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { ReplyTarget } from './publish.ts';
import type { MessagePayload } from './render.ts';
import type { Logger } from '../log.ts';
import { interactionDeadline, retryTransient } from './retry.ts';

export function interactionTarget(interaction: ChatInputCommandInteraction, ephemeral: boolean, log: Logger): ReplyTarget {
  return {
    async sendFirst(payload) {
      // Editing the original response is idempotent, so a 5xx burst is ridden out for as long as the token lives.
      const edit = () => interaction.editReply(payload);
      const message = await retryTransient(edit, { until: interactionDeadline(interaction.createdTimestamp), log, what: 'answer' });
      return { channelId: message.channelId ?? interaction.channelId, messageId: message.id };
    },
    async sendMore(payload) {
      await interaction.followUp({ ...payload, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    },
  };
}

/** An immediate ephemeral reply (rate limit, empty question, unknown id): nothing to defer for. */
export async function replyPrivately(interaction: ChatInputCommandInteraction, payload: MessagePayload): Promise<void> {
  await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
