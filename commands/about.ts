// /about: which article this channel asks, and how to ask about it.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { chooseArticle, placeOf } from '../src/discord/article-choice.ts';
import { renderAbout } from '../src/discord/render.ts';
import { respond } from '../src/discord/way-out.ts';
import { articleLine } from '../src/discord/render-article.ts';

export const data = new SlashCommandBuilder()
  .setName('about')
  .setDescription('Which article this channel asks, and how to ask about it.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), null, false);
  if (choice.kind !== 'one') return;
  const { entry, index } = choice.article;
  await respond(interaction, [renderAbout(index.article, articleLine(entry))], index.article.text);
}
