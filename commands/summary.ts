// /summary [length] [topic] [article]: a cited summary of one article, named first, its sources in a thread.
// Kept until answered, so a restart still answers it.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { articleNote } from '../src/discord/render-article.ts';
import { interactionTarget, keptInteractionTarget } from '../src/discord/way-out.ts';
import { publishAnswer, type ReplyTarget } from '../src/discord/publish.ts';
import { keepAndDefer } from '../src/discord/kept-interactions.ts';
import type { KeptInteraction } from '../src/discord/store.ts';
import type { ShelvedArticle } from '../src/library/shelf.ts';
import { renderSummary, truncate } from '../src/discord/render.ts';
import { summaryLanguage } from '../src/summary/summarise.ts';
import { strings } from '../src/strings.ts';

const LENGTHS = ['short', 'medium', 'long'] as const;
type Length = (typeof LENGTHS)[number];

export const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('A summary of the article, every sentence quoted exactly.')
  .addStringOption((option) =>
    option
      .setName('length')
      .setDescription('How long (default medium)')
      .addChoices(
        { name: 'short', value: 'short' },
        { name: 'medium', value: 'medium' },
        { name: 'long', value: 'long' },
      ),
  )
  .addStringOption((option) =>
    option.setName('topic').setDescription('Focus on one topic, e.g. أوكرانيا').setMaxLength(200),
  )
  .addStringOption((option) => articleOption(option, false));

function lengthOption(value: string | null): Length | undefined {
  return LENGTHS.find((length) => length === value);
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const article = interaction.options.getString('article');
  const length = lengthOption(interaction.options.getString('length'));
  const topic = interaction.options.getString('topic')?.trim() || undefined;
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), article, false);
  if (choice.kind !== 'one') return; // not allowed above
  const deferred = await keepAndDefer(ctx, interaction, { article, length, topic }, false);
  try {
    await summariseAndPublish(ctx, interactionTarget(interaction, false, ctx.log, deferred), choice.article, choice.named, interaction.id, length, topic);
  } finally {
    await deferred.shown();
  }
}

/** The same summary after a restart, answered through the interaction's webhook. */
export async function resume(kept: KeptInteraction & { messageId: string }, ctx: BotContext): Promise<void> {
  const options = kept.options as { article?: string | null; length?: string | null; topic?: string | null };
  const choice = await chooseArticle(ctx, placeOf(ctx, kept), options.article ?? null, false);
  if (choice.kind !== 'one') return;
  const target = keptInteractionTarget(ctx.rest, kept, false, ctx.log);
  await summariseAndPublish(ctx, target, choice.article, choice.named, kept.id, lengthOption(options.length ?? null), options.topic ?? undefined);
}

async function summariseAndPublish(
  ctx: BotContext,
  target: ReplyTarget,
  { entry, index }: ShelvedArticle,
  named: boolean,
  answerKey: string,
  length: Length | undefined,
  topic: string | undefined,
): Promise<void> {
  const summary = await ctx.answers.summarise(index, { ...(length ? { length } : {}), ...(topic ? { topic } : {}) });
  const language = summaryLanguage(index.article, topic);
  const messages = renderSummary(summary, index.article, { ...(named ? { articleNote: articleNote([entry]) } : {}), answerKey, sourcesInThread: true, ...(topic ? { topic } : {}) });
  const title = strings(language).summaryThread(topic ? truncate(topic, 80) : undefined);
  const stored = (where?: { channelId: string; messageId: string }) =>
    ctx.store.saveAnswer({
      key: answerKey,
      question: `/summary ${length ?? ''} ${topic ?? ''}`.trim(),
      channelId: where?.channelId ?? null,
      messageId: where?.messageId ?? null,
      answered: summary.citations.length > 0,
      citationIds: summary.citations.map((c) => c.id),
      articleId: entry.id,
    });
  // Stored before it is shown: a vote can arrive before the bot hears back that the summary is up.
  await stored();
  await publishAnswer(ctx, target, {
    messages,
    sources: index.article,
    citations: summary.citations,
    language,
    question: title,
    answerKey,
    sourcesThread: true,
    onShown: stored,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await suggestArticles(ctx, interaction, false);
}
