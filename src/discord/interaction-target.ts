// Replies to a deferred interaction: the first message edits the original response, the rest follow up.
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { ReplyTarget } from './publish.ts';
import type { MessagePayload } from './render.ts';

export function interactionTarget(interaction: ChatInputCommandInteraction, ephemeral: boolean): ReplyTarget {
  return {
    async sendFirst(payload) {
      const message = await interaction.editReply(payload);
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
