// /verify text:<quote> [private:<bool>]: is this really in the article? Exact, close (with what differs) or not.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { articleNote } from '../src/discord/render-article.ts';
import { renderVerification } from '../src/discord/render-verify.ts';
import { respond } from '../src/discord/way-out.ts';
import { MAX_CLAIM_CHARS, verifyQuote } from '../src/verify/verify.ts';

export const data = new SlashCommandBuilder()
  .setName('verify')
  .setDescription('Check whether a quote is really in the article, word for word.')
  .addStringOption((option) =>
    option.setName('text').setDescription('The quote to check, as someone wrote it').setRequired(true).setMaxLength(MAX_CLAIM_CHARS),
  )
  .addStringOption((option) => articleOption(option, false))
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the result'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const text = interaction.options.getString('text') ?? '';
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), interaction.options.getString('article'), false);
  if (choice.kind !== 'one') return; // not allowed above
  const { entry, index } = choice.article;
  const result = verifyQuote(index.article, text);
  // Nothing to check is said to the person alone; a verdict is public unless asked otherwise.
  const isPrivate = (interaction.options.getBoolean('private') ?? false) || result.problem === 'empty' || result.problem === 'too-long';
  await respond(interaction, renderVerification(index.article, text, result, choice.named ? articleNote([entry]) : undefined), index.article.text, { private: isPrivate });
  ctx.log.info({ command: 'verify', verdict: result.verdict, problem: result.problem }, 'quote checked');
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await suggestArticles(ctx, interaction, false);
}
