// The article library: every server (guild) has its own, which starts with the configured article; articles
// are added from files with the same checks as the article file (empty, binary, not UTF-8, too large, no
// sentence), stored byte for byte once invisible controls are removed (src/text/controls.ts says why), and
// opened as Articles whose id is the library id ("A2") once their text is found to match its hash. Which article a channel asks: its own binding, else its parent channel's (for
// a thread), else the server's default, else the server's first article.
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { articleFromText, isWebPageMarkup, readArticleText, type Article } from '../text/article.ts';
import { articleCharacters, cleanDetail, type RemovedCharacters } from '../text/controls.ts';
import { openSqliteLibraryStore } from './sqlite-store.ts';
import type { LibraryEntry, LibraryStore } from './store.ts';

export const LIBRARY_FILE = 'library.sqlite';

export interface ArticleDetails {
  title?: string;
  outlet?: string;
  published?: string;
  url?: string;
}

export class LibraryError extends Error {
  override name = 'LibraryError';
}

export function noSuchArticle(id: string, removed: boolean): LibraryError {
  return new LibraryError(`There is no article "${id.slice(0, 40)}" in the library${removed ? ' any more (it was removed)' : ''}.`);
}

/** An article whose stored text no longer matches its hash: it is not quoted until added again or removed. */
export class DamagedArticleError extends LibraryError {
  override name = 'DamagedArticleError';
}

/** Where a question is asked: a server (or '' outside one), a channel, and the channel a thread is in. */
export interface Place {
  guildId: string;
  channelId: string;
  parentId?: string | null;
}

/** What adding gave: the entry, whether it is new, and the invisible controls removed (src/text/controls.ts). */
export interface Added {
  entry: LibraryEntry;
  added: boolean;
  removed: RemovedCharacters;
}

/** One server's library: only its own articles are listed, opened, bound or removed through it. */
export interface GuildLibrary {
  guildId: string;
  /** Adds the article in a file; the same text twice is one article. */
  addFile(path: string, details?: ArticleDetails): Promise<Added>;
  /** `what` names the text in a refusal ("The pasted text"). */
  addText(text: string, details?: ArticleDetails, what?: string): Promise<Added>;
  list(options?: { includeRemoved?: boolean }): Promise<LibraryEntry[]>;
  /** Any article of the server, removed ones included. */
  get(id: string): Promise<LibraryEntry | undefined>;
  remove(id: string): Promise<boolean>;
  /** Binds a channel of the server (null: the server's default) to one of its articles. */
  bind(channelId: string | null, articleId: string): Promise<void>;
  /**
   * An article, ready to index, its text checked against its hash; LibraryError for an unknown or removed
   * id, DamagedArticleError for a text that changed since it was stored.
   */
  article(id: string): Promise<{ entry: LibraryEntry; article: Article }>;
  /** The article asked in a place of this server (see the top of this file); undefined only for an empty library. */
  articleFor(place: Omit<Place, 'guildId'>): Promise<LibraryEntry | undefined>;
}

export interface Library {
  store: LibraryStore;
  /** One server's library ('' outside servers); a server asking for the first time gets the seed article. */
  guild(guildId: string): Promise<GuildLibrary>;
  close(): Promise<void>;
}

const TITLE_CHARS = 200;
/** A first line longer than this is the story's first sentence, not its headline. */
const HEADLINE_CHARS = 150;

export interface OpenLibraryOptions {
  dataDir: string;
  seedArticlePath: string;
  /** Another store (PostgreSQL); default: DATA_DIR/library.sqlite. */
  store?: LibraryStore;
  /** The server whose library is opened (and seeded) at once: the configured one; default ''. */
  homeGuildId?: string;
  /** Told, in one line naming the store and what to do, of every damaged article found. */
  onDamage?: (line: string) => void;
}

const textHash = (text: string) => createHash('sha256').update(text).digest('hex');

export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  const store = options.store ?? openSqliteLibraryStore(join(options.dataDir, LIBRARY_FILE), { homeGuildId: options.homeGuildId ?? '' });
  const seeded = new Map<string, Promise<GuildLibrary>>();

  const open = (guildId: string): GuildLibrary => {
    const addText = async (given: string, details: ArticleDetails = {}, what = 'The text', fallbackTitle?: string): Promise<Added> => {
      if (isWebPageMarkup(given)) throw new LibraryError("That is a web page's HTML, not an article's text: add the page by its address instead, or paste its text.");
      // controls are removed before anything is stored: the stored text is the source that is quoted
      const { text, removed } = articleCharacters(given, what);
      const article = articleFromText(text); // refuses text without a sentence
      const title = (cleanDetail(details.title ?? '', removed) || headline(article) || fallbackTitle || '').slice(0, TITLE_CHARS);
      return { ...(await store.add(guildId, { text, hash: article.hash, title, ...optional(details, removed) })), removed };
    };
    const live = async (id: string | undefined) => {
      const entry = id === undefined ? undefined : await store.get(guildId, id);
      return entry && !entry.removedAt ? entry : undefined;
    };
    return {
      guildId,
      addText,
      // a file's name stands for a title it does not have (outlet and date name it too, see render-article.ts)
      addFile: async (path, details) => addText(readArticleText(path), details, `The article file "${path}"`, basename(path).replace(/\.[^.]+$/, '')),
      list: (listOptions) => store.list(guildId, listOptions),
      get: (id) => store.get(guildId, id),
      remove: (id) => store.remove(guildId, id),
      bind: (channelId, articleId) => store.bind({ guildId, channelId }, articleId),
      async article(id) {
        const entry = await store.get(guildId, id);
        const text = entry && !entry.removedAt ? await store.text(guildId, entry.id) : undefined;
        if (!entry || entry.removedAt) throw noSuchArticle(id, Boolean(entry));
        if (text === undefined || textHash(text) !== entry.hash) {
          const server = guildId ? `server ${guildId}` : 'outside servers';
          options.onDamage?.(
            `${store.location}: the stored text of article ${entry.id} (${server}) does not match its hash, so it is not quoted: add the same text again to repair it (\`npm run library -- add FILE --guild ${guildId || "''"}\`), or remove it.`,
          );
          throw new DamagedArticleError(`The stored text of ${entry.id} has changed since it was added, so I will not quote it: someone with Manage Server can add the article again to repair it, or remove it.`);
        }
        return { entry, article: articleFromText(text, entry.id) };
      },
      async articleFor(place) {
        const scopes = [place.channelId, place.parentId, null].filter((c) => c !== undefined);
        for (const channelId of scopes) {
          const bound = await live(await store.binding({ guildId, channelId }));
          if (bound) return bound;
        }
        return (await store.list(guildId))[0];
      },
    };
  };

  const library: Library = {
    store,
    guild(guildId) {
      let ready = seeded.get(guildId);
      if (!ready) {
        const opened = open(guildId);
        // a server's library starts with the configured article (removed there, it stays removed there)
        ready = store.list(guildId, { includeRemoved: true }).then(async (ever) => {
          if (ever.length === 0) await opened.addFile(options.seedArticlePath);
          return opened;
        });
        ready.catch(() => seeded.delete(guildId)); // a failure is tried again next time
        seeded.set(guildId, ready);
      }
      return ready;
    },
    close: () => store.close(),
  };
  await library.guild(options.homeGuildId ?? '');
  return library;
}

function optional(details: ArticleDetails, removed: RemovedCharacters): Omit<ArticleDetails, 'title'> {
  const out: Omit<ArticleDetails, 'title'> = {};
  for (const key of ['outlet', 'published', 'url'] as const) {
    const value = cleanDetail(details[key] ?? '', removed);
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The article's own headline: its first line when that reads as one (short, not ending a sentence, with the
 * text going on below it). A first line that is a sentence of the story is not a title.
 */
function headline(article: Article): string | undefined {
  const first = article.paragraphs[0];
  if (!first || article.paragraphs.length < 2) return undefined;
  const line = article.text.slice(first.start, first.end).trim();
  return line.length <= HEADLINE_CHARS && !/[.!?؟。…]["'»”)]*$/u.test(line) ? line : undefined;
}
