// /source id:<4.1>: one sentence exactly as written, with the sentences before and after it.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { renderSentenceInContext, renderUnknownSentence } from '../src/discord/render.ts';
import { respond } from '../src/discord/way-out.ts';
import { suggestSentences } from '../src/discord/suggest.ts';
import { findSentence } from '../src/text/article.ts';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show one sentence of the article by its id, with its neighbours.')
  .addStringOption((option) =>
    option.setName('id').setDescription('A sentence id such as 4.1 (paragraph 4, sentence 1)').setRequired(true).setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const rawId = interaction.options.getString('id') ?? '';
  const sentence = findSentence(ctx.article, rawId);
  if (!sentence) {
    await respond(interaction, [renderUnknownSentence(ctx.article, rawId)], ctx.article.text, { private: true });
    return;
  }
  await respond(interaction, renderSentenceInContext(ctx.article, sentence), ctx.article.text);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await interaction.respond(suggestSentences(ctx.article, interaction.options.getFocused()));
}
