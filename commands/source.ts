// /source id:<4.1 | A3 4.1> [article:<id>]: one sentence exactly as written, with the sentences before and after it.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { NO_QUOTES, renderSentenceInContext, renderUnknownSentence } from '../src/discord/render.ts';
import { articleNote } from '../src/discord/render-article.ts';
import { respond } from '../src/discord/way-out.ts';
import { suggestSentences } from '../src/discord/suggest.ts';
import { findSentence } from '../src/text/article.ts';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show one sentence of the article by its id, with its neighbours.')
  .addStringOption((option) =>
    option
      .setName('id')
      .setDescription('A sentence id such as 4.1 (paragraph 4, sentence 1), or A3 4.1 in another article')
      .setRequired(true)
      .setAutocomplete(true),
  )
  .addStringOption((option) => articleOption(option, false));

/** "A3 4.1" (or "[A3 4.1]") names its article; "4.1" does not. */
function splitId(raw: string): { articleId?: string; sentenceId: string } {
  const match = /^\[?\s*(a\d{1,9})\s+([^\]]*)\]?$/i.exec(raw.trim());
  return match ? { articleId: match[1]!.toUpperCase(), sentenceId: match[2]! } : { sentenceId: raw };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const rawId = interaction.options.getString('id') ?? '';
  const { articleId, sentenceId } = splitId(rawId);
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), articleId ?? interaction.options.getString('article'), false);
  if (choice.kind !== 'one') return; // not allowed above
  const { entry, index } = choice.article;
  const sentence = findSentence(index.article, sentenceId);
  if (!sentence) {
    await respond(interaction, [renderUnknownSentence(index.article, sentenceId)], NO_QUOTES, { private: true });
    return;
  }
  await respond(interaction, renderSentenceInContext(index.article, sentence, choice.named ? articleNote([entry]) : undefined), index.article.text);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  if (interaction.options.getFocused(true).name === 'article') {
    await suggestArticles(ctx, interaction, false);
    return;
  }
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), interaction.options.getString('article'), false);
  if (choice.kind === 'one') await interaction.respond(suggestSentences(choice.article.index.article, interaction.options.getFocused()));
}
