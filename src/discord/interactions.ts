// Routes every interaction to its command, autocomplete or button; nothing a user does escapes as a crash.
import type { Interaction, RepliableInteraction } from 'discord.js';
import { ownerOf, type SlashCommand } from './command.ts';
import type { BotContext } from './context.ts';
import { parseVoteId, thanksFor } from './feedback.ts';
import type { Action, RateScope } from './rate-limit.ts';
import { NO_QUOTES, renderFailure, renderRateLimited, sanitiseUserText } from './render.ts';
import { cleanEchoedText } from './sanitise.ts';
import { LibraryError } from '../library/library.ts';
import { ArticleError } from '../text/article.ts';
import { notice, respond } from './way-out.ts';
import { bothLanguages } from '../strings.ts';
import { detectLanguage, type Language } from '../text/arabic.ts';
import { isolate } from './bidi.ts';
import { allSnowflakes } from './ids.ts';

// English then Arabic on one line: the Arabic half is isolated so its full stop stays with it.
/** Only the person who acted sees these. */
const PRIVATELY = { private: true };

const UNKNOWN_BUTTON = bothLanguages((s) => s.buttonGone, isolate);
const UNKNOWN_ANSWER = bothLanguages((s) => s.answerGone, isolate);

export function createInteractionHandler(ctx: BotContext, commands: Map<string, SlashCommand>) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = Date.now();
    // A forged interaction cannot be answered (its routes would be wrong) and its fields are not logged.
    if (!allSnowflakes(interaction.id, interaction.applicationId, interaction.user?.id, interaction.channelId, interaction.guildId)) {
      ctx.log.warn({ type: interaction.type }, 'interaction with an id that is not a snowflake ignored');
      return;
    }
    try {
      // One limiter in front of everything a person can trigger, charged by what the action posts.
      const rate = ctx.limiter.take({ userId: interaction.user.id, channelId: channelOf(ctx, interaction), action: actionOf(interaction) });
      if (!rate.allowed) {
        if (rate.firstRefusal) ctx.log.info({ userId: interaction.user.id, scope: rate.scope, retryAfterMs: rate.retryAfterMs }, 'rate limited');
        await refuse(ctx, interaction, rate.retryAfterMs, rate.scope);
        return;
      }
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) {
          ctx.log.warn({ command: interaction.commandName }, 'unknown command');
          await respond(interaction, [notice(`Unknown command /${sanitiseUserText(interaction.commandName, 40)}.`)], NO_QUOTES, PRIVATELY);
          return;
        }
        await command.execute(interaction, ctx);
        ctx.log.debug({ command: interaction.commandName, ms: Date.now() - started }, 'command handled');
      } else if (interaction.isAutocomplete()) {
        await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
      } else if (interaction.isModalSubmit()) {
        const owner = commands.get(ownerOf(interaction.customId));
        if (owner?.modalSubmit) await owner.modalSubmit(interaction, ctx);
        else await respond(interaction, [notice(UNKNOWN_BUTTON)], NO_QUOTES, PRIVATELY);
      } else if (interaction.isButton()) {
        const owner = commands.get(ownerOf(interaction.customId));
        if (owner?.button) {
          await owner.button(interaction, ctx);
          return;
        }
        const vote = parseVoteId(interaction.customId);
        if (!vote) {
          // A button from an older version, or a forged id: acknowledged, so the person is not left waiting.
          ctx.log.warn({ customId: interaction.customId.slice(0, 100) }, 'unknown button');
          await respond(interaction, [notice(UNKNOWN_BUTTON)], NO_QUOTES, PRIVATELY);
          return;
        }
        if (!(await ctx.store.getAnswer(vote.answerKey))) {
          ctx.log.warn({ answerKey: vote.answerKey }, 'vote for an unknown answer refused');
          await respond(interaction, [notice(UNKNOWN_ANSWER)], NO_QUOTES, PRIVATELY);
          return;
        }
        const previous = await ctx.store.recordVote(vote.answerKey, interaction.user.id, vote.vote);
        ctx.log.info({ answerKey: vote.answerKey, vote: vote.vote, changed: previous !== undefined && previous !== vote.vote }, 'vote');
        await respond(interaction, [notice(thanksFor(vote.vote, previous))], NO_QUOTES, PRIVATELY);
      }
    } catch (error) {
      if ((error instanceof LibraryError || error instanceof ArticleError) && interaction.isRepliable()) {
        // an unknown or removed article, an empty library, a file or page that cannot be an article: told
        // privately, and inert, since the message may repeat what was typed (an id, an address, a file name)
        await respond(interaction, [notice(cleanEchoedText(error.message))], NO_QUOTES, PRIVATELY);
        return;
      }
      ctx.log.error({ err: error, interactionId: interaction.id, type: interaction.type }, 'interaction failed');
      if (interaction.isRepliable()) await tellSomethingWentWrong(ctx, interaction);
    }
  };
}

/** What an interaction costs is by command: see ACTION_COSTS. */
function actionOf(interaction: Interaction): Action {
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isButton()) return 'button';
  if (!interaction.isChatInputCommand()) return 'lookup';
  if (interaction.commandName === 'ask') return 'answer';
  if (interaction.commandName === 'summary') {
    const length = interaction.options.getString('length') ?? 'medium';
    return length === 'short' || length === 'long' ? `summary:${length}` : 'summary:medium';
  }
  return 'lookup';
}

/** The channel whose budget is shared: a thread's parent, as for messages in it. */
function channelOf(ctx: BotContext, interaction: Interaction): string | undefined {
  const channelId = interaction.channelId ?? undefined;
  return channelId ? (ctx.parentOf(channelId) ?? channelId) : undefined;
}

/** Over the limit: a private notice (autocomplete just gets no suggestions); never a public post. */
async function refuse(ctx: BotContext, interaction: Interaction, retryAfterMs: number, scope: RateScope): Promise<void> {
  if (interaction.isAutocomplete()) {
    await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  await respond(interaction, [renderRateLimited(retryAfterMs, languageOf(interaction), scope)], NO_QUOTES, PRIVATELY);
}

/** The language to tell a person something in: their question's, else their Discord client's. */
function languageOf(interaction: Interaction): Language {
  const asked = interaction.isChatInputCommand() ? (interaction.options.getString('question') ?? interaction.options.getString('text')) : null;
  return asked ? detectLanguage(asked) : interaction.locale?.startsWith('ar') ? 'ar' : 'en';
}

/** Best effort: the interaction may have expired or already been answered; that is logged, not thrown. */
async function tellSomethingWentWrong(ctx: BotContext, interaction: RepliableInteraction): Promise<void> {
  try {
    // An answer already shown stays; the failure (e.g. of its sources) is told privately beside it, and a
    // deferred "thinking…" becomes the failure (its buttons, if any, go with it).
    await respond(interaction, [renderFailure(languageOf(interaction))], NO_QUOTES, PRIVATELY);
  } catch (error) {
    ctx.log.warn({ err: error, interactionId: interaction.id }, 'could not tell the user about the failure');
  }
}
