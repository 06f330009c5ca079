// Which article a question asks: the `article:` option (an id, or `all` for the whole library), else the
// one bound to the channel, its parent channel, or the server (src/library/library.ts). Always one of the
// server's own library: another server's articles are neither found nor suggested.
import type { AutocompleteInteraction, Interaction, SlashCommandStringOption } from 'discord.js';
import { LibraryError, type Place } from '../library/library.ts';
import type { ShelvedArticle } from '../library/shelf.ts';
import type { LibraryEntry } from '../library/store.ts';
import { normaliseArabic } from '../text/arabic.ts';
import type { BotContext } from './context.ts';
import { truncate } from './render.ts';
import { isolate } from './bidi.ts';
import { nameOf } from './render-article.ts';

export const ALL_ARTICLES = 'all';
/** One article, with `named` set when its server's library holds others (its answers then say which article
 *  they quote); or the whole library of a server. */
export type ArticleChoice = { kind: 'one'; article: ShelvedArticle; named: boolean } | { kind: 'all'; guildId: string };

export function placeOf(ctx: BotContext, interaction: Pick<Interaction, 'guildId' | 'channelId'>): Place {
  const channelId = interaction.channelId ?? '';
  return { guildId: interaction.guildId ?? '', channelId, parentId: ctx.parentOf(channelId) };
}

/** The article asked for; LibraryError (with a message for the person) for an unknown or removed one. */
export async function chooseArticle(ctx: BotContext, place: Place, option: string | null, allowAll = true): Promise<ArticleChoice> {
  const wanted = option?.trim();
  if (wanted && wanted.toLowerCase() === ALL_ARTICLES) {
    if (!allowAll) throw new LibraryError('This command works on one article at a time: choose one with `article:`.');
    return { kind: 'all', guildId: place.guildId };
  }
  const library = await ctx.shelf.library.guild(place.guildId);
  const named = (await library.list()).length > 1;
  if (wanted) return { kind: 'one', article: await ctx.shelf.open(place.guildId, wanted), named };
  const bound = await library.articleFor(place);
  if (!bound) throw new LibraryError('The library has no articles yet: someone with Manage Server can add one with `/article add`.');
  return { kind: 'one', article: await ctx.shelf.open(place.guildId, bound.id), named };
}

const MAX_CHOICES = 25; // Discord's limit
const NAME_LIMIT = 100;

/** Suggestions for an `article:` option: the whole library first (where allowed), then articles whose id or title match. */
export async function suggestArticles(ctx: BotContext, interaction: AutocompleteInteraction, allowAll = true): Promise<void> {
  const typed = normaliseArabic(String(interaction.options.getFocused())).trim().toLowerCase();
  const entries = await (await ctx.shelf.library.guild(interaction.guildId ?? '')).list();
  const matches = (e: LibraryEntry) => !typed || e.id.toLowerCase().startsWith(typed) || normaliseArabic(e.title).toLowerCase().includes(typed);
  // the name isolated with its own ellipsis inside, so "(سي إن إن)" and "…" keep their ends after "A1 · "
  const choices = entries.filter(matches).map((e) => ({ name: `${e.id} · ${isolate(truncate(nameOf(e), NAME_LIMIT - e.id.length - 5))}`, value: e.id }));
  const all = allowAll && (!typed || ALL_ARTICLES.startsWith(typed)) ? [{ name: `all · the whole library (${entries.length} articles)`, value: ALL_ARTICLES }] : [];
  await interaction.respond([...all, ...choices].slice(0, MAX_CHOICES));
}

/** The `article:` option of /ask, /summary, /source and /verify. */
export function articleOption(option: SlashCommandStringOption, allowAll = true): SlashCommandStringOption {
  return option
    .setName('article')
    .setDescription(allowAll ? 'Which article (default: this channel\'s); "all" asks the whole library' : 'Which article (default: this channel\'s)')
    .setAutocomplete(true)
    .setMaxLength(20);
}
