// The article library: the configured article is the first one on a fresh install; articles are added
// from files with the same checks as the article file (empty, binary, not UTF-8, too large, no sentence),
// stored byte for byte, and opened as Articles whose id is the library id ("A2").
import { join } from 'node:path';
import { articleFromText, readArticleText, type Article } from '../text/article.ts';
import { openSqliteLibrary, type LibraryEntry, type LibraryStore } from './store.ts';

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

export interface Library {
  store: LibraryStore;
  /** Adds the article in a file; the same text twice is one article. */
  addFile(path: string, details?: ArticleDetails): { entry: LibraryEntry; added: boolean };
  addText(text: string, details?: ArticleDetails): { entry: LibraryEntry; added: boolean };
  /** An article of the library, ready to index; LibraryError for an unknown or removed id. */
  article(id: string): { entry: LibraryEntry; article: Article };
  close(): void;
}

const TITLE_CHARS = 200;

export function openLibrary(options: { dataDir: string; seedArticlePath: string }): Library {
  const store = openSqliteLibrary(join(options.dataDir, LIBRARY_FILE));
  const addText = (text: string, details: ArticleDetails = {}) => {
    const article = articleFromText(text); // refuses text without a sentence
    const title = (details.title?.trim() || article.title).replace(/\s+/g, ' ').slice(0, TITLE_CHARS);
    return store.add({ text, hash: article.hash, title, ...optional(details) });
  };
  const library: Library = {
    store,
    addText,
    addFile: (path, details) => addText(readArticleText(path), details),
    article(id) {
      const entry = store.get(id);
      const text = entry ? store.text(entry.id) : undefined;
      if (!entry || text === undefined) {
        throw new LibraryError(`There is no article "${id.slice(0, 40)}" in the library${entry ? ' any more (it was removed)' : ''}; \`npm run library -- list\` shows them.`);
      }
      return { entry, article: articleFromText(text, entry.id) };
    },
    close: () => store.close(),
  };
  // a fresh library starts with the configured article, so what worked before keeps working
  if (store.list({ includeRemoved: true }).length === 0) library.addFile(options.seedArticlePath);
  return library;
}

function optional(details: ArticleDetails): Omit<ArticleDetails, 'title'> {
  const out: Omit<ArticleDetails, 'title'> = {};
  if (details.outlet?.trim()) out.outlet = details.outlet.trim();
  if (details.published?.trim()) out.published = details.published.trim();
  if (details.url?.trim()) out.url = details.url.trim();
  return out;
}
