// "Check quote in article" (right-click a message > Apps): /verify on what that message says.
// The verdict is shown only to the person who asked: a misclick must not post a public verdict on
// someone else's message; they can share it with /verify.
import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { chooseArticle, placeOf } from '../src/discord/article-choice.ts';
import { articleNote } from '../src/discord/render-article.ts';
import { renderVerification } from '../src/discord/render-verify.ts';
import { respond } from '../src/discord/way-out.ts';
import { verifyQuote } from '../src/verify/verify.ts';
import { renderedText } from '../src/discord/inert.ts';

export const data = new ContextMenuCommandBuilder().setName('Check quote in article').setType(ApplicationCommandType.Message);

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const text = claimIn(interaction.targetMessage.content);
  // the article of the channel the message is in
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), null, false);
  if (choice.kind !== 'one') return;
  const { entry, index } = choice.article;
  const result = verifyQuote(index.article, text);
  await respond(interaction, renderVerification(index.article, text, result, choice.named ? articleNote([entry]) : undefined), index.article.text, { private: true });
  ctx.log.info({ command: 'check-quote', verdict: result.verdict, problem: result.problem }, 'quote checked');
}

/**
 * A message's words as a reader sees them: Discord's live markup (mentions, custom emoji, links, block-quote
 * and spoiler marks) removed, then escaped characters shown as themselves (a quote the bot posted is escaped).
 */
function claimIn(content: string): string {
  return renderedText(
    content
      .replace(/<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/gu, ' ')
      .replace(/https?:\/\/\S+/gu, ' ')
      .replace(/^>>?>?\s?/gmu, '')
      .replace(/\|\||\*\*|__|~~/gu, ''),
  );
}
