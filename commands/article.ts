// /article: the library. `list` for everyone; `add` (a text file, a web page, or text pasted into a form),
// `use` (this channel's or the server's article) and `remove` for people with Manage Server or the
// library role. Each server has a library of its own. A web page is shown before it is added (Cancel: by
// whoever started the add, or a manager); a removal asks first.
import {
  ActionRowBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { BotContext } from '../src/discord/context.ts';
import { placeOf, suggestArticles } from '../src/discord/article-choice.ts';
import { articleLine, renderArticleList, renderArticlePreview } from '../src/discord/render-article.ts';
import { NO_QUOTES, sanitiseUserText, type ButtonRow, type OutgoingMessage } from '../src/discord/render.ts';
import { notice, replaceMessage, respond } from '../src/discord/way-out.ts';
import { LibraryError, type ArticleDetails } from '../src/library/library.ts';
import { articleFromUrl, fetchUpload, PageError, type PageArticle } from '../src/library/from-url.ts';
import { PendingPages } from '../src/discord/pending-pages.ts';
import type { LibraryEntry } from '../src/library/store.ts';
import type { ArticleIndex } from '../src/index/article-index.ts';
import { articleTextFromBytes, MAX_ARTICLE_BYTES } from '../src/text/article.ts';
import { describeRemoved } from '../src/text/controls.ts';

/** Discord's limit for one text field of a form. */
const PASTE_LIMIT = 4000;
const PRIVATELY = { private: true };

export const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription('The article library: list, add, choose and remove articles.')
  .addSubcommand((sub) => sub.setName('list').setDescription('The articles I can answer about'))
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add an article: a UTF-8 text file, a web page, or (with neither) text pasted into a form')
      .addAttachmentOption((o) => o.setName('file').setDescription('A UTF-8 text file, one paragraph per line'))
      .addStringOption((o) => o.setName('url').setDescription('A news page; its article is shown before it is added').setMaxLength(2000))
      .addStringOption((o) => o.setName('title').setDescription('Title (default: the first line)').setMaxLength(200))
      .addStringOption((o) => o.setName('outlet').setDescription('Who published it').setMaxLength(100))
      .addStringOption((o) => o.setName('date').setDescription('When, e.g. 2026-12-01').setMaxLength(40)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('use')
      .setDescription('Choose the article this channel (or the whole server) asks')
      .addStringOption((o) => o.setName('article').setDescription('An article id such as A2').setRequired(true).setAutocomplete(true).setMaxLength(20))
      .addStringOption((o) =>
        o.setName('for').setDescription('This channel (default) or the server\'s default').addChoices(
          { name: 'this channel', value: 'channel' },
          { name: 'the whole server (default for channels without their own)', value: 'server' },
        ),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Remove an article: it is never quoted again')
      .addStringOption((o) => o.setName('article').setDescription('An article id such as A2').setRequired(true).setAutocomplete(true).setMaxLength(20)),
  );

/** Pages fetched and shown, waiting for "Add". */
const pendingPages = new PendingPages<{ page: PageArticle; details: ArticleDetails }>();

/** The library of the server an interaction comes from ('' outside servers). */
const libraryOf = (ctx: BotContext, interaction: { guildId: string | null }) => ctx.shelf.library.guild(interaction.guildId ?? '');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const sub = interaction.options.getSubcommand();
  if (sub === 'list') return list(interaction, ctx);
  if (!(await mayChangeLibrary(interaction, ctx))) return;
  if (sub === 'add') return add(interaction, ctx);
  if (sub === 'use') return use(interaction, ctx);
  if (sub === 'remove') return askToRemove(interaction, ctx);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await suggestArticles(ctx, interaction, false);
}

/** Manage Server, or the library role: anyone else is told privately. */
async function mayChangeLibrary(interaction: RepliableInteraction, ctx: BotContext): Promise<boolean> {
  const roles = interaction.member?.roles;
  const hasRole = ctx.libraryRoleId !== undefined && (Array.isArray(roles) ? roles.includes(ctx.libraryRoleId) : (roles?.cache.has(ctx.libraryRoleId) ?? false));
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) || hasRole) return true;
  const who = ctx.libraryRoleId ? 'people with Manage Server or the library role' : 'people with Manage Server';
  await respond(interaction, [notice(`Only ${who} can change the library. \`/article list\` shows what is in it.`)], NO_QUOTES, PRIVATELY);
  return false;
}

async function list(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const library = await libraryOf(ctx, interaction);
  const entries = await library.list();
  const current = await library.articleFor(placeOf(ctx, interaction));
  const heading = `**The library** · ${entries.length} ${entries.length === 1 ? 'article' : 'articles'} (▶ this channel's)`;
  await respond(interaction, [renderArticleList(entries, current?.id, heading)], NO_QUOTES, PRIVATELY);
}

function detailsOf(interaction: ChatInputCommandInteraction): ArticleDetails {
  const get = (name: string) => interaction.options.getString(name)?.trim() || undefined;
  const details: ArticleDetails = {};
  for (const [key, name] of [['title', 'title'], ['outlet', 'outlet'], ['published', 'date']] as const) {
    const value = get(name);
    if (value) details[key] = value;
  }
  return details;
}

async function add(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const file = interaction.options.getAttachment('file');
  const url = interaction.options.getString('url')?.trim();
  if (file && url) {
    await respond(interaction, [notice('Give a file or a web address, not both.')], NO_QUOTES, PRIVATELY);
    return;
  }
  if (!file && !url) {
    await interaction.showModal(pasteForm());
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (file) {
    if (file.size > MAX_ARTICLE_BYTES) throw new LibraryError(`That file is ${file.size} bytes; the limit is ${MAX_ARTICLE_BYTES}.`);
    const what = `The file "${sanitiseUserText(file.name, 80)}"`;
    await addAndIndex(interaction, ctx, articleTextFromBytes(await fetchUpload(file.url), what), detailsOf(interaction), what);
    return;
  }
  const key = interaction.id;
  pendingPages.reserve(key, { userId: interaction.user.id, guildId: interaction.guildId ?? '' });
  let page: PageArticle;
  try {
    page = await articleFromUrl(url!, ctx.allowPrivateUrls ? { allowPrivate: true } : {});
  } catch (error) {
    pendingPages.release(key);
    // what really happened is logged; the person is told what the error's message says
    if (error instanceof PageError) ctx.log.info({ userId: interaction.user.id, reason: error.reason.slice(0, 300) }, 'web page refused');
    throw error;
  }
  const details = detailsOf(interaction);
  pendingPages.fill(key, { page, details });
  // a page without a title is named by its outlet and date; the person can still give it one before adding
  const untitled = !page.title.trim() && !details.title?.trim();
  const question = untitled
    ? 'No title was found on this page, so it will be named by its outlet and date; to give it one, use `/article add url:… title:…` instead. Add this article to the library?'
    : 'Add this article to the library?';
  const preview = renderArticlePreview({ ...page, ...details }, question);
  await respond(interaction, [{ ...preview, components: [confirmRow(`article:add:${key}`, 'Add', `article:cancel:${key}`)] }], NO_QUOTES);
}

function confirmRow(yesId: string, yesLabel: 'Add' | 'Remove', noId: string): ButtonRow {
  return {
    type: 1,
    components: [
      { type: 2, style: yesLabel === 'Remove' ? 4 : 1, custom_id: yesId, label: yesLabel },
      { type: 2, style: 2, custom_id: noId, label: 'Cancel' },
    ],
  };
}

function pasteForm(): ModalBuilder {
  const field = (id: string, label: string, style: TextInputStyle, max: number, required: boolean) =>
    new ActionRowBuilder<TextInputBuilder>().addComponents(
      new TextInputBuilder().setCustomId(id).setLabel(label).setStyle(style).setMaxLength(max).setRequired(required),
    );
  return new ModalBuilder()
    .setCustomId('article:paste')
    .setTitle('Add an article')
    .addComponents(
      field('text', 'Text, one paragraph per line', TextInputStyle.Paragraph, PASTE_LIMIT, true),
      field('title', 'Title (default: the first line)', TextInputStyle.Short, 200, false),
      field('outlet', 'Who published it', TextInputStyle.Short, 100, false),
      field('date', 'When, e.g. 2026-12-01', TextInputStyle.Short, 40, false),
    );
}

export async function modalSubmit(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  if (!(await mayChangeLibrary(interaction, ctx))) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const get = (id: string) => interaction.fields.getTextInputValue(id).trim() || undefined;
  const details: ArticleDetails = {};
  if (get('title')) details.title = get('title')!;
  if (get('outlet')) details.outlet = get('outlet')!;
  if (get('date')) details.published = get('date')!;
  // the text as typed (not trimmed): it is stored byte for byte
  await addAndIndex(interaction, ctx, interaction.fields.getTextInputValue('text'), details, 'The pasted text');
}

/** Stores the text (or finds it already there), then indexes it, saying how far it got in the reply. */
async function addAndIndex(interaction: RepliableInteraction, ctx: BotContext, text: string, details: ArticleDetails, what: string): Promise<void> {
  const guildId = interaction.guildId ?? '';
  const { entry, added, removed } = await (await libraryOf(ctx, interaction)).addText(text, details, what);
  ctx.log.info({ article: entry.id, added, removedControls: removed.length, userId: interaction.user.id }, added ? 'article added' : 'article already in the library');
  const note = describeRemoved(removed);
  // what was removed is said with every progress line, so the last one still says it
  const said = `${added ? 'Added' : 'Already in the library'}: ${articleLine(entry)}${note ? `\n⚠️ ${note}` : ''}`;
  await say(interaction, `${said}\n⏳ Indexing…`);
  const started = Date.now();
  const { now, full } = await ctx.shelf.openNew(guildId, entry.id);
  const ready = (state: string) =>
    say(
      interaction,
      `${said}\n✅ Ready: ${now.index.article.paragraphs.length} paragraphs, ${now.index.article.sentences.length} sentences (${state}). ` +
        `\`/article use article:${entry.id}\` makes it this channel's article; \`/ask article:${entry.id}\` asks it once.`,
    );
  if (!full) return ready(`indexed in ${secondsSince(started)} s`);
  await ready(`indexed in ${secondsSince(started)} s; ⏳ now reading it for meaning, for English and reworded questions`);
  try {
    const { index } = await full;
    await ready(hasMeaning(index) ? `indexed in ${secondsSince(started)} s, meaning included` : `indexed by its words: the embedder did not answer`);
  } catch (error) {
    ctx.log.error({ article: entry.id, err: String(error) }, 'full index failed: the article answers from its words');
    await ready('indexed by its words: its full index failed');
  }
}

const hasMeaning = (index: ArticleIndex) => index.signals.some((s) => s.name === 'neural');
const secondsSince = (started: number) => ((Date.now() - started) / 1000).toFixed(1);

/** Shows progress in the (deferred) reply, or in the confirmation a button was pressed on. */
async function say(interaction: RepliableInteraction, content: string): Promise<void> {
  const message: OutgoingMessage = { content, quotes: [], components: [] };
  if (interaction.isMessageComponent()) await replaceMessage(interaction, message, NO_QUOTES);
  else await respond(interaction, [message], NO_QUOTES);
}

async function use(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const place = placeOf(ctx, interaction);
  const { entry } = await ctx.shelf.open(place.guildId, interaction.options.getString('article', true));
  const forServer = interaction.options.getString('for') === 'server';
  await (await libraryOf(ctx, interaction)).bind(forServer ? null : place.channelId, entry.id);
  ctx.log.info({ article: entry.id, guildId: place.guildId, channelId: forServer ? null : place.channelId }, 'article bound');
  const where = forServer ? 'This server now asks (in channels without their own article)' : 'This channel now asks';
  await respond(interaction, [notice(`${where}: ${articleLine(entry)}`)], NO_QUOTES);
}

async function askToRemove(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const entry = await liveEntry(ctx, interaction, interaction.options.getString('article', true));
  const question = notice(`Remove ${articleLine(entry)}?\nIt will never be quoted again, and threads about it will say so.`);
  await respond(interaction, [{ ...question, components: [confirmRow(`article:remove:${entry.id}`, 'Remove', 'article:cancel:remove')] }], NO_QUOTES, PRIVATELY);
}

async function liveEntry(ctx: BotContext, interaction: RepliableInteraction, id: string): Promise<LibraryEntry> {
  const entry = await (await libraryOf(ctx, interaction)).get(id);
  if (!entry || entry.removedAt) throw new LibraryError(`There is no article "${sanitiseUserText(id, 20)}" in the library${entry ? ' any more' : ''}. \`/article list\` shows them.`);
  return entry;
}

export async function button(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, action, key = ''] = interaction.customId.split(':');
  if (action === 'cancel') {
    // only whoever started the add, or a manager, may cancel it
    if (pendingPages.owner(key)?.userId !== interaction.user.id && !(await mayChangeLibrary(interaction, ctx))) return;
    pendingPages.release(key);
    await replaceMessage(interaction, { content: 'Cancelled: nothing was changed.', quotes: [], components: [] }, NO_QUOTES);
    return;
  }
  if (!(await mayChangeLibrary(interaction, ctx))) return;
  if (action === 'remove') {
    const entry = await liveEntry(ctx, interaction, key);
    await (await libraryOf(ctx, interaction)).remove(entry.id);
    ctx.shelf.forget(interaction.guildId ?? '', entry.id);
    ctx.log.info({ article: entry.id, guildId: interaction.guildId, userId: interaction.user.id }, 'article removed');
    await replaceMessage(interaction, { content: `Removed: ${articleLine(entry)}. It will not be quoted again.`, quotes: [], components: [] }, NO_QUOTES);
    return;
  }
  if (action === 'add') {
    // a page waiting in one server is added only there
    const owner = pendingPages.owner(key);
    const pending = owner?.guildId === (interaction.guildId ?? '') ? pendingPages.take(key) : undefined;
    if (!pending) {
      await replaceMessage(interaction, { content: 'That page waited too long (or I restarted): add it again with `/article add url:`.', quotes: [], components: [] }, NO_QUOTES);
      return;
    }
    await interaction.deferUpdate();
    const { page, details } = pending;
    await addAndIndex(interaction, ctx, page.text, { title: page.title, outlet: page.outlet, url: page.url, ...(page.published ? { published: page.published } : {}), ...details }, 'That page');
  }
}
