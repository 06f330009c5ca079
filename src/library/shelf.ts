// The libraries' articles ready to ask: each article's index is opened on first use and kept among the
// most recently asked ones (a library of hundreds of articles is not all held in memory), and questions
// to a server's whole library go to its articles whose words and names the question shares. Every call
// names the server (guild) asking: an article is held under its server and id.
import type { ArticleIndex } from '../index/article-index.ts';
import { Bm25 } from '../index/bm25.ts';
import { analyseQuery } from '../qa/query.ts';
import { contentTokens, termStem } from '../text/terms.ts';
import { documentKeys } from '../text/transliteration.ts';
import type { Article } from '../text/article.ts';
import { DamagedArticleError, noSuchArticle, type Library } from './library.ts';
import type { LibraryEntry } from './store.ts';

export type OpenIndex = (article: Article) => Promise<ArticleIndex>;

export interface ShelvedArticle {
  entry: LibraryEntry;
  index: ArticleIndex;
}

export interface Shelf {
  library: Library;
  /** An article of a server and its index; LibraryError for an unknown, removed or damaged one. */
  open(guildId: string, id: string): Promise<ShelvedArticle>;
  /**
   * A just-added article, answerable at once from its quick index while the full one (with its neural
   * embedding) is made in the background and then takes its place. `full` is that work, when there is any.
   */
  openNew(guildId: string, id: string): Promise<{ now: ShelvedArticle; full?: Promise<ShelvedArticle> }>;
  /** The articles to ask for a question to a server's whole library, most promising first (damaged ones left out). */
  candidates(guildId: string, question: string): Promise<ShelvedArticle[]>;
  /** Drops what is held of an article (after it was removed). */
  forget(guildId: string, id: string): void;
}

/**
 * Indexes held at once; the least recently asked is closed first (bench:library: 1,000 articles served with
 * 64 open peaked at 332 MB). Kept here rather than in index/open-indexes.ts because what is held is the
 * library entry and its segmented article as well, so a question does not fetch and segment its text again.
 */
export const OPEN_INDEXES = 64;
/** A question to the whole library asks at most this many articles (all of them in a smaller library). */
export const ARTICLES_PER_QUESTION = 8;
/** Servers whose word catalogues are held at once (only a library of more than ARTICLES_PER_QUESTION has one). */
const CATALOGS = 64;

interface Catalog {
  key: string;
  ids: string[];
  words: Bm25;
  names: Bm25;
}

/**
 * openIndex makes an article's full index; quickIndex, given when the full one calls a neural embedder (seconds
 * for a news article on two cores), makes one from the lexical signals alone in milliseconds, for an article
 * just added.
 */
export function createShelf(library: Library, openIndex: OpenIndex, quickIndex?: OpenIndex): Shelf {
  const open = new Map<string, Promise<ShelvedArticle>>();
  /** Full indexes being made in the background, so that an open meanwhile does not make a second one. */
  const building = new Map<string, Promise<ShelvedArticle>>();
  /** Each server's word catalogue, for the most recently asked servers. */
  const catalogs = new Map<string, Catalog>();
  const keyOf = (guildId: string, id: string) => `${guildId}/${id.trim().toUpperCase()}`;

  const hold = (key: string, held: Promise<ShelvedArticle>) => {
    open.set(key, held);
    while (open.size > OPEN_INDEXES) open.delete(open.keys().next().value!);
    return held;
  };

  const shelf: Shelf = {
    library,
    open(guildId, id) {
      const key = keyOf(guildId, id);
      const held = open.get(key);
      if (held) {
        open.delete(key); // re-inserted: a Map keeps insertion order, so its first key is the least recent
        hold(key, held);
        return stillLive(guildId, id).then(() => held);
      }
      const opening =
        building.get(key) ??
        library.guild(guildId).then(async (books) => {
          const { entry, article } = await books.article(id);
          return { entry, index: await openIndex(article) };
        });
      opening.catch(() => open.delete(key)); // a failure is not kept
      return hold(key, opening);
    },
    async openNew(guildId, id) {
      const key = keyOf(guildId, id);
      if (!quickIndex || open.has(key) || building.has(key)) {
        const now = await shelf.open(guildId, id);
        const full = building.get(key);
        return full ? { now, full } : { now };
      }
      const { entry, article } = await (await library.guild(guildId)).article(id);
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
    async candidates(guildId, question) {
      const entries = await (await library.guild(guildId)).list();
      if (entries.length <= ARTICLES_PER_QUESTION) return openAll(guildId, entries.map((e) => e.id));
      const catalog = await catalogFor(guildId, entries);
      const query = analyseQuery(question);
      const words = catalog.words.scores(query.stems);
      const names = catalog.names.scores(query.names);
      const ranked = catalog.ids.map((id, i) => ({ id, score: words[i]! + names[i]! })).sort((a, b) => b.score - a.score);
      return openAll(guildId, ranked.slice(0, ARTICLES_PER_QUESTION).map((r) => r.id));
    },
    forget(guildId, id) {
      open.delete(keyOf(guildId, id));
      building.delete(keyOf(guildId, id));
    },
  };

  /** The articles asked at once; a damaged one is left out (it was reported), unless no other is left. */
  async function openAll(guildId: string, ids: string[]): Promise<ShelvedArticle[]> {
    const opened = await Promise.allSettled(ids.map((id) => shelf.open(guildId, id)));
    const damaged = opened.filter((o) => o.status === 'rejected' && o.reason instanceof DamagedArticleError);
    const other = opened.find((o) => o.status === 'rejected' && !(o.reason instanceof DamagedArticleError));
    if (other) throw (other as PromiseRejectedResult).reason;
    const ready = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    if (ready.length === 0 && damaged[0]) throw (damaged[0] as PromiseRejectedResult).reason;
    return ready;
  }

  /** An article held open may have been removed since, by this process or another sharing the store. */
  async function stillLive(guildId: string, id: string): Promise<void> {
    const entry = await library.store.get(guildId, id);
    if (entry && !entry.removedAt) return;
    shelf.forget(guildId, id);
    throw noSuchArticle(id, Boolean(entry));
  }

  /** Word and name postings of every article of a server, rebuilt when its library changed. */
  async function catalogFor(guildId: string, entries: LibraryEntry[]): Promise<Catalog> {
    const key = entries.map((e) => e.hash).join(',');
    const previous = catalogs.get(guildId);
    catalogs.delete(guildId);
    if (previous?.key === key) return hold(previous);
    const words: string[][] = [];
    const names: string[][] = [];
    for (const entry of entries) {
      const tokens = contentTokens((await library.store.text(guildId, entry.id)) ?? '');
      words.push(tokens.map(termStem));
      names.push(tokens.flatMap(documentKeys));
    }
    return hold({ key, ids: entries.map((e) => e.id), words: new Bm25(words), names: new Bm25(names) });

    function hold(catalog: Catalog): Catalog {
      catalogs.set(guildId, catalog);
      while (catalogs.size > CATALOGS) catalogs.delete(catalogs.keys().next().value!);
      return catalog;
    }
  }

  return shelf;
}
