// The library's articles ready to ask: each article's index is opened on first use and kept among the
// most recently asked ones (a library of hundreds of articles is not all held in memory), and questions
// to the whole library go to the articles whose words and names the question shares.
import type { ArticleIndex } from '../index/article-index.ts';
import { Bm25 } from '../index/bm25.ts';
import { analyseQuery } from '../qa/query.ts';
import { contentTokens, termStem } from '../text/terms.ts';
import { documentKeys } from '../text/transliteration.ts';
import type { Article } from '../text/article.ts';
import { noSuchArticle, type Library } from './library.ts';
import type { LibraryEntry } from './store.ts';

export type OpenIndex = (article: Article) => Promise<ArticleIndex>;

export interface ShelvedArticle {
  entry: LibraryEntry;
  index: ArticleIndex;
}

export interface Shelf {
  library: Library;
  /** An article and its index; LibraryError for an unknown or removed id. */
  open(id: string): Promise<ShelvedArticle>;
  /**
   * A just-added article, answerable at once from its quick index while the full one (with its neural
   * embedding) is made in the background and then takes its place. `full` is that work, when there is any.
   */
  openNew(id: string): Promise<{ now: ShelvedArticle; full?: Promise<ShelvedArticle> }>;
  /** The articles to ask for a question to the whole library, most promising first. */
  candidates(question: string): Promise<ShelvedArticle[]>;
  /** Drops what is held of an article (after it was removed). */
  forget(id: string): void;
}

/**
 * Indexes held at once; the least recently asked is closed first (bench:library: 1,000 articles served with
 * 64 open peaked at 332 MB). Kept here rather than in index/open-indexes.ts because what is held is the
 * library entry and its segmented article as well, so a question does not fetch and segment its text again.
 */
export const OPEN_INDEXES = 64;
/** A question to the whole library asks at most this many articles (all of them in a smaller library). */
export const ARTICLES_PER_QUESTION = 8;

/**
 * openIndex makes an article's full index; quickIndex, given when the full one calls a neural embedder (seconds
 * for a news article on two cores), makes one from the lexical signals alone in milliseconds, for an article
 * just added.
 */
export function createShelf(library: Library, openIndex: OpenIndex, quickIndex?: OpenIndex): Shelf {
  const open = new Map<string, Promise<ShelvedArticle>>();
  /** Full indexes being made in the background, so that an open meanwhile does not make a second one. */
  const building = new Map<string, Promise<ShelvedArticle>>();
  let catalog: { key: string; ids: string[]; words: Bm25; names: Bm25 } | undefined;

  const hold = (key: string, held: Promise<ShelvedArticle>) => {
    open.set(key, held);
    while (open.size > OPEN_INDEXES) open.delete(open.keys().next().value!);
    return held;
  };

  const shelf: Shelf = {
    library,
    open(id) {
      const key = id.toUpperCase();
      const held = open.get(key);
      if (held) {
        open.delete(key); // re-inserted: a Map keeps insertion order, so its first key is the least recent
        hold(key, held);
        return stillLive(key).then(() => held);
      }
      const opening = building.get(key) ?? library.article(key).then(async ({ entry, article }) => ({ entry, index: await openIndex(article) }));
      opening.catch(() => open.delete(key)); // a failure is not kept
      return hold(key, opening);
    },
    async openNew(id) {
      const key = id.toUpperCase();
      if (!quickIndex || open.has(key) || building.has(key)) {
        const now = await shelf.open(key);
        const full = building.get(key);
        return full ? { now, full } : { now };
      }
      const { entry, article } = await library.article(key);
      const quick = quickIndex(article).then((index) => ({ entry, index }));
      quick.catch(() => open.delete(key));
      hold(key, quick);
      const full = openIndex(article).then((index) => ({ entry, index }));
      building.set(key, full);
      void full
        .then(
          () => open.get(key) === quick && open.set(key, full), // unless removed or dropped meanwhile
          () => undefined, // the quick index stays; the caller hears of the failure through `full`
        )
        .finally(() => building.delete(key));
      return { now: await quick, full };
    },
    async candidates(question) {
      const entries = await library.store.list();
      if (entries.length <= ARTICLES_PER_QUESTION) return Promise.all(entries.map((e) => shelf.open(e.id)));
      catalog = await catalogFor(entries, catalog);
      const query = analyseQuery(question);
      const words = catalog.words.scores(query.stems);
      const names = catalog.names.scores(query.names);
      const ranked = catalog.ids.map((id, i) => ({ id, score: words[i]! + names[i]! })).sort((a, b) => b.score - a.score);
      return Promise.all(ranked.slice(0, ARTICLES_PER_QUESTION).map((r) => shelf.open(r.id)));
    },
    forget(id) {
      open.delete(id.toUpperCase());
      building.delete(id.toUpperCase());
    },
  };

  /** An article held open may have been removed since, by this process or another sharing the store. */
  async function stillLive(key: string): Promise<void> {
    const entry = await library.store.get(key);
    if (entry && !entry.removedAt) return;
    shelf.forget(key);
    throw noSuchArticle(key, Boolean(entry));
  }

  /** Word and name postings of every article, rebuilt when the library changed. */
  async function catalogFor(entries: LibraryEntry[], previous: typeof catalog) {
    const key = entries.map((e) => e.hash).join(',');
    if (previous?.key === key) return previous;
    const words: string[][] = [];
    const names: string[][] = [];
    for (const entry of entries) {
      const tokens = contentTokens((await library.store.text(entry.id)) ?? '');
      words.push(tokens.map(termStem));
      names.push(tokens.flatMap(documentKeys));
    }
    return { key, ids: entries.map((e) => e.id), words: new Bm25(words), names: new Bm25(names) };
  }

  return shelf;
}
