// /ask question:<text> [article:<id|all>] [private:<bool>]: an answer with numbered exact quotes, the
// article named first, sources in a thread.
import { MessageFlags, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { answerAndPublish } from '../src/discord/ask-flow.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { prepareQuestion } from '../src/qa/question.ts';
import { interactionTarget, respond } from '../src/discord/way-out.ts';
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
  const prepared = prepareQuestion(interaction.options.getString('question'));
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  if (prepared.empty) {
    await respond(interaction, [renderEmptyQuestion(prepared.language)], NO_QUOTES, { private: true });
    return;
  }
  // an unknown article is told privately before anything is shown in public
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), interaction.options.getString('article'));
  // Acknowledge at once: Discord drops interactions not answered within 3 seconds.
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  await answerAndPublish(ctx, interactionTarget(interaction, isPrivate, ctx.log), {
    prepared,
    choice,
    answerKey: interaction.id,
    sourcesThread: !isPrivate,
    private: isPrivate,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await suggestArticles(ctx, interaction);
}
