// /about: which article the bot knows and how to ask about it.
import { basename } from 'node:path';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { renderAbout } from '../src/discord/render.ts';
import { respond } from '../src/discord/way-out.ts';

export const data = new SlashCommandBuilder()
  .setName('about')
  .setDescription('Which article I know, and how to ask about it.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await respond(interaction, [renderAbout(ctx.article, basename(ctx.articleSource))], ctx.article.text);
}
