// /verify text:<quote> [private:<bool>]: is this really in the article? Exact, close (with what differs) or not.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { renderVerification } from '../src/discord/render-verify.ts';
import { respond } from '../src/discord/way-out.ts';
import { MAX_CLAIM_CHARS, verifyQuote } from '../src/verify/verify.ts';

export const data = new SlashCommandBuilder()
  .setName('verify')
  .setDescription('Check whether a quote is really in the article, word for word.')
  .addStringOption((option) =>
    option.setName('text').setDescription('The quote to check, as someone wrote it').setRequired(true).setMaxLength(MAX_CLAIM_CHARS),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the result'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const text = interaction.options.getString('text') ?? '';
  const result = verifyQuote(ctx.article, text);
  // Nothing to check is said to the person alone; a verdict is public unless asked otherwise.
  const isPrivate = (interaction.options.getBoolean('private') ?? false) || result.problem === 'empty' || result.problem === 'too-long';
  await respond(interaction, renderVerification(ctx.article, text, result), ctx.article.text, { private: isPrivate });
  ctx.log.info({ command: 'verify', verdict: result.verdict, problem: result.problem }, 'quote checked');
}
