// Replies to a deferred interaction: the first message edits the original response, the rest follow up.
import { MessageFlags, type ChatInputCommandInteraction, type InteractionEditReplyOptions } from 'discord.js';
import type { ReplyTarget } from './publish.ts';
import type { MessagePayload } from './render.ts';

/** discord.js accepts raw component JSON; our payload type is narrower than its union. */
function asReply(payload: MessagePayload): InteractionEditReplyOptions {
  return payload as unknown as InteractionEditReplyOptions;
}

export function interactionTarget(interaction: ChatInputCommandInteraction, ephemeral: boolean): ReplyTarget {
  return {
    async sendFirst(payload) {
      const message = await interaction.editReply(asReply(payload));
      return { channelId: message.channelId ?? interaction.channelId, messageId: message.id };
    },
    async sendMore(payload) {
      await interaction.followUp({ ...asReply(payload), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as never);
    },
  };
}

/** An immediate ephemeral reply (rate limit, empty question, unknown id): nothing to defer for. */
export async function replyPrivately(interaction: ChatInputCommandInteraction, payload: MessagePayload): Promise<void> {
  await interaction.reply({ ...asReply(payload), flags: MessageFlags.Ephemeral } as never);
}
