// Interactions kept until they are answered: each is recorded before it is acknowledged, and after a
// crash the next start answers every one that was acknowledged and whose token still lives (15 minutes).
// Once, as ever: the answer edits the deferred response (an edit is idempotent), its sources go through
// the outbox (nonces), and a kept interaction is forgotten as soon as its answer is shown.
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { SlashCommand } from './command.ts';
import type { BotContext } from './context.ts';
import { interactionDeadline } from './retry.ts';
import type { KeptInteraction } from './store.ts';
import { findOriginalResponse, keptInteractionTarget, notice, type DeferredReply } from './way-out.ts';
import { renderFailure, toPayload, NO_QUOTES } from './render.ts';
import type { Language } from '../text/arabic.ts';
import { LibraryError } from '../library/library.ts';

/** Store trouble never stops an answer: without the record it is only less durable (logged). */
async function remember(ctx: BotContext, what: string, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    ctx.log.error({ err: error, what }, 'could not update the kept interactions; carrying on');
    return false;
  }
}

/**
 * Records the interaction with the options it needs to be answered again, then defers it (publicly or
 * privately) and notes the message the answer will land in. `shown` forgets it; call it again when done.
 */
export async function keepAndDefer(
  ctx: BotContext,
  interaction: ChatInputCommandInteraction,
  options: Record<string, unknown>,
  ephemeral: boolean,
): Promise<DeferredReply> {
  const kept = await remember(ctx, 'keep', () =>
    ctx.store.keepInteraction({
      id: interaction.id,
      applicationId: interaction.applicationId,
      token: interaction.token,
      shard: interaction.guild?.shardId ?? 0,
      command: interaction.commandName,
      options,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      locale: interaction.locale,
      createdAt: interaction.createdTimestamp,
    }),
  );
  let response;
  try {
    response = await interaction.deferReply({ withResponse: true, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  } catch (error) {
    // not acknowledged here (expired, or another instance answered it): nothing to answer after a restart
    if (kept) await remember(ctx, 'forget', () => ctx.store.forgetInteraction(interaction.id));
    throw error;
  }
  const messageId = response.interaction.responseMessageId ?? undefined;
  if (kept && messageId) await remember(ctx, 'deferred', () => ctx.store.markInteractionDeferred(interaction.id, messageId));
  let forgotten = !kept;
  return {
    messageId,
    async shown() {
      if (forgotten) return;
      forgotten = true;
      await remember(ctx, 'forget', () => ctx.store.forgetInteraction(interaction.id));
    },
  };
}

/**
 * What earlier runs of these shards received and did not answer: read before this run logs in, so that
 * nothing this run receives is taken for a leftover and answered twice.
 */
export async function leftoverInteractions(ctx: BotContext, shards: readonly number[]): Promise<KeptInteraction[]> {
  try {
    return await ctx.store.keptInteractions(shards);
  } catch (error) {
    ctx.log.error({ err: error }, 'could not read the kept interactions');
    return [];
  }
}

/** After start: answers the leftovers still answerable, oldest first, and forgets every one of them. */
export async function resumeInteractions(ctx: BotContext, commands: Map<string, SlashCommand>, kept: readonly KeptInteraction[]): Promise<void> {
  if (kept.length === 0) return;
  let answered = 0;
  let lost = 0;
  for (const item of kept) {
    const command = commands.get(item.command);
    const live = command?.resume !== undefined && Date.now() <= interactionDeadline(item.createdAt);
    // (killed between acknowledging and noting it: Discord knows whether it was acknowledged)
    const messageId = live ? (item.messageId ?? (await findOriginalResponse(ctx.rest, item))) : undefined;
    // Never acknowledged (Discord has told the person it did not respond), or its token has expired.
    if (!command || !messageId) lost++;
    else if (await answerKept(ctx, command, { ...item, messageId })) answered++;
    await remember(ctx, 'forget', () => ctx.store.forgetInteraction(item.id));
  }
  ctx.log.info({ answered, lost }, `answered ${answered} interactions left from before the restart${lost ? `; ${lost} could no longer be answered` : ''}`);
}

async function answerKept(ctx: BotContext, command: SlashCommand, item: KeptInteraction & { messageId: string }): Promise<boolean> {
  try {
    await command.resume!(item, ctx);
    return true;
  } catch (error) {
    ctx.log.error({ err: error, interactionId: item.id, command: item.command }, 'could not answer a kept interaction');
    const language: Language = item.locale.startsWith('ar') ? 'ar' : 'en';
    const message = error instanceof LibraryError ? notice(error.message) : renderFailure(language);
    try {
      await keptInteractionTarget(ctx.rest, item, false, ctx.log).sendFirst(toPayload(message, NO_QUOTES));
    } catch {
      // the token may have run out meanwhile: nothing more can be said
    }
    return false;
  }
}
