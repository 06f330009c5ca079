// The one way out to Discord for interactions: every reply, follow-up and edit is made here, from
// payloads that only toPayload (the exact-quote check, render.ts) can produce. Channel posts go through
// send.ts with the same checked payloads. A test keeps interaction replies out of every other file.
import { MessageFlags, Routes, type APIMessage, type MessageComponentInteraction, type REST, type RepliableInteraction } from 'discord.js';
import type { ReplyTarget } from './publish.ts';
import { toPayload, type MessagePayload, type OutgoingMessage, type QuoteSources } from './render.ts';
import type { Logger } from '../log.ts';
import { interactionDeadline, retryTransient } from './retry.ts';
import type { KeptInteraction } from './store.ts';

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

/** What a kept, deferred interaction adds to its reply target: where the answer lands, and "shown". */
export interface DeferredReply {
  messageId: string | undefined;
  /** The answer is up: the interaction need not be answered again after a restart. */
  shown(): Promise<void>;
}

/** Replies to a deferred interaction: the first message edits the original response, the rest follow up. */
export function interactionTarget(interaction: RepliableInteraction, ephemeral: boolean, log: Logger, deferred?: DeferredReply): ReplyTarget {
  const landsIn = deferred?.messageId && interaction.channelId ? { channelId: interaction.channelId, messageId: deferred.messageId } : undefined;
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
    ...(landsIn ? { landsIn } : {}),
    ...(deferred ? { shown: () => deferred.shown() } : {}),
  };
}

/**
 * The deferred response of a kept interaction whose acknowledgement was not recorded (a crash came
 * between the two): its message id if Discord has it, else undefined (it was never acknowledged).
 */
export async function findOriginalResponse(rest: REST, kept: KeptInteraction): Promise<string | undefined> {
  try {
    const message = (await rest.get(Routes.webhookMessage(kept.applicationId, kept.token, '@original'), { auth: false })) as APIMessage;
    return message.id;
  } catch {
    return undefined;
  }
}

/** The same through the interaction's webhook: answers an interaction kept from before a restart. */
export function keptInteractionTarget(rest: REST, kept: KeptInteraction & { messageId: string }, ephemeral: boolean, log: Logger): ReplyTarget {
  const body = (payload: MessagePayload) => ({
    content: payload.content,
    components: payload.components,
    allowed_mentions: { parse: [], replied_user: false },
  });
  return {
    async sendFirst(payload: MessagePayload) {
      const edit = async () =>
        (await rest.patch(Routes.webhookMessage(kept.applicationId, kept.token, '@original'), { body: body(payload), auth: false })) as APIMessage;
      const message = await retryTransient(edit, { until: interactionDeadline(kept.createdAt), log, what: 'answer' });
      return { channelId: message.channel_id ?? kept.channelId, messageId: message.id };
    },
    async sendMore(payload: MessagePayload) {
      await rest.post(Routes.webhook(kept.applicationId, kept.token), {
        body: { ...body(payload), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      });
    },
    landsIn: { channelId: kept.channelId, messageId: kept.messageId },
  };
}
