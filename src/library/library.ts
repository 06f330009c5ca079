// The article library: the configured article is the first one on a fresh install; articles are added
// from files with the same checks as the article file (empty, binary, not UTF-8, too large, no sentence),
// stored byte for byte once invisible controls are removed (src/text/controls.ts says why), and opened
// as Articles whose id is the library id ("A2"). Which article a channel asks: its own binding, else its
// parent channel's (for a thread), else the server's default, else the library's first article.
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

export interface Library {
  store: LibraryStore;
  /** Adds the article in a file; the same text twice is one article. */
  addFile(path: string, details?: ArticleDetails): Promise<Added>;
  /** `what` names the text in a refusal ("The pasted text"). */
  addText(text: string, details?: ArticleDetails, what?: string): Promise<Added>;
  /** An article of the library, ready to index; LibraryError for an unknown or removed id. */
  article(id: string): Promise<{ entry: LibraryEntry; article: Article }>;
  /** The article asked in a place (see the top of this file); undefined only for an empty library. */
  articleFor(place: Place): Promise<LibraryEntry | undefined>;
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
}

export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  const store = options.store ?? openSqliteLibraryStore(join(options.dataDir, LIBRARY_FILE));
  const addText = async (given: string, details: ArticleDetails = {}, what = 'The text', fallbackTitle?: string): Promise<Added> => {
    if (isWebPageMarkup(given)) throw new LibraryError("That is a web page's HTML, not an article's text: add the page by its address instead, or paste its text.");
    // controls are removed before anything is stored: the stored text is the source that is quoted
    const { text, removed } = articleCharacters(given, what);
    const article = articleFromText(text); // refuses text without a sentence
    const title = (cleanDetail(details.title ?? '', removed) || headline(article) || fallbackTitle || '').slice(0, TITLE_CHARS);
    return { ...(await store.add({ text, hash: article.hash, title, ...optional(details, removed) })), removed };
  };
  const live = async (id: string | undefined) => {
    const entry = id === undefined ? undefined : await store.get(id);
    return entry && !entry.removedAt ? entry : undefined;
  };
  const library: Library = {
    store,
    addText,
    // a file's name stands for a title it does not have (outlet and date name it too, see render-article.ts)
    addFile: async (path, details) => addText(readArticleText(path), details, `The article file "${path}"`, basename(path).replace(/\.[^.]+$/, '')),
    async article(id) {
      const entry = await store.get(id);
      const text = entry ? await store.text(entry.id) : undefined;
      if (!entry || text === undefined) throw noSuchArticle(id, Boolean(entry));
      return { entry, article: articleFromText(text, entry.id) };
    },
    async articleFor(place) {
      const scopes = [place.channelId, place.parentId, null].filter((c) => c !== undefined);
      for (const channelId of scopes) {
        const bound = await live(await store.binding({ guildId: place.guildId, channelId }));
        if (bound) return bound;
      }
      return (await store.list())[0];
    },
    close: () => store.close(),
  };
  // a fresh library starts with the configured article, so what worked before keeps working
  if ((await store.list({ includeRemoved: true })).length === 0) await library.addFile(options.seedArticlePath);
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
