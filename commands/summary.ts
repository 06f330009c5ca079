// /summary [length] [topic] [article]: a cited summary of one article, named first, its sources in a thread.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { articleOption, chooseArticle, placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { articleNote } from '../src/discord/render-article.ts';
import { interactionTarget } from '../src/discord/way-out.ts';
import { publishAnswer } from '../src/discord/publish.ts';
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
  const choice = await chooseArticle(ctx, placeOf(ctx, interaction), interaction.options.getString('article'), false);
  if (choice.kind !== 'one') return; // not allowed above
  const { entry, index } = choice.article;
  const note = choice.named ? { articleNote: articleNote([entry]) } : {};
  await interaction.deferReply();
  const topic = interaction.options.getString('topic')?.trim() || undefined;
  const length = lengthOption(interaction.options.getString('length'));
  const summary = await ctx.answers.summarise(index, { ...(length ? { length } : {}), ...(topic ? { topic } : {}) });
  const language = summaryLanguage(index.article, topic);
  const answerKey = interaction.id;
  const messages = renderSummary(summary, index.article, { ...note, answerKey, sourcesInThread: true, ...(topic ? { topic } : {}) });
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
  await publishAnswer(ctx, interactionTarget(interaction, false, ctx.log), {
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
