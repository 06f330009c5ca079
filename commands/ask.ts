// /ask question:<text> [private:<bool>]: an answer with numbered exact quotes, sources in a thread.
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { answerAndPublish } from '../src/discord/ask-flow.ts';
import { prepareQuestion } from '../src/qa/question.ts';
import { interactionTarget, respond } from '../src/discord/way-out.ts';
import { renderEmptyQuestion } from '../src/discord/render.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the article; the answer quotes it exactly.')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, in Arabic or English')
      .setRequired(true),
  )
  .addBooleanOption((option) =>
    option
      .setName('private')
      .setDescription('Only you see the answer, with its sources in the same reply'),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const prepared = prepareQuestion(interaction.options.getString('question'));
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  if (prepared.empty) {
    await respond(interaction, [renderEmptyQuestion(prepared.language)], ctx.article.text, { private: true });
    return;
  }
  // Acknowledge at once: Discord drops interactions not answered within 3 seconds.
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  await answerAndPublish(ctx, interactionTarget(interaction, isPrivate, ctx.log), {
    prepared,
    answerKey: interaction.id,
    sourcesThread: !isPrivate,
  });
}
