// /ask question:<text> [article:<id|all>] [private:<bool>]: an answer with numbered exact quotes, the
// article named first, sources in a thread. Kept until answered, so a restart still answers it.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { answerAndPublish } from '../src/discord/ask-flow.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { keepAndDefer } from '../src/discord/kept-interactions.ts';
import type { KeptInteraction } from '../src/discord/store.ts';
import { prepareQuestion } from '../src/qa/question.ts';
import { interactionTarget, keptInteractionTarget, respond } from '../src/discord/way-out.ts';
import { NO_QUOTES, renderEmptyQuestion } from '../src/discord/render.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the article; the answer quotes it exactly.')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, in Arabic or English')
      .setRequired(true),
  )
  .addStringOption((option) => articleOption(option))
  .addBooleanOption((option) =>
    option
      .setName('private')
      .setDescription('Only you see the answer, with its sources in the same reply'),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question');
  const article = interaction.options.getString('article');
  const prepared = prepareQuestion(question);
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  if (prepared.empty) {
    await respond(interaction, [renderEmptyQuestion(prepared.language)], NO_QUOTES, { private: true });
    return;
  }
  // an unknown article is told privately before anything is shown in public
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), article);
  // Acknowledge at once: Discord drops interactions not answered within 3 seconds.
  const deferred = await keepAndDefer(ctx, interaction, { question, article, private: isPrivate }, isPrivate);
  try {
    await answerAndPublish(ctx, interactionTarget(interaction, isPrivate, ctx.log, deferred), {
      prepared,
      choice,
      answerKey: interaction.id,
      sourcesThread: !isPrivate,
    });
  } finally {
    await deferred.shown(); // a failure is told by the handler: not answered again either
  }
}

/** The same question after a restart, answered through the interaction's webhook. */
export async function resume(kept: KeptInteraction & { messageId: string }, ctx: BotContext): Promise<void> {
  const options = kept.options as { question?: string | null; article?: string | null; private?: boolean };
  const isPrivate = options.private === true;
  const choice = await chooseArticle(ctx, placeOf(ctx, kept), options.article ?? null);
  await answerAndPublish(ctx, keptInteractionTarget(ctx.rest, kept, isPrivate, ctx.log), {
    prepared: prepareQuestion(options.question ?? null),
    choice,
    answerKey: kept.id,
    sourcesThread: !isPrivate,
    private: isPrivate,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await suggestArticles(ctx, interaction);
}
