// The embedded library store: one SQLite file for texts, each server's articles and bindings, and vectors.
// A file from before libraries were per server is moved to the new tables once, when opened (see migrate).
import type Database from 'better-sqlite3';
import type { StashKey } from '../index/vector-stash.ts';
import { openCheckedSqlite } from '../sqlite-file.ts';
import { LibraryError } from './library.ts';
import { idOf, numberOf, requireNumber, vectorsChecksum, type BindingScope, type LibraryEntry, type LibraryStore, type NewEntry, type StoreOptions } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS texts (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS guild_articles (
  guild_id TEXT NOT NULL, -- '' outside servers
  n INTEGER NOT NULL,
  title TEXT NOT NULL,
  outlet TEXT,
  published TEXT,
  url TEXT,
  hash TEXT NOT NULL REFERENCES texts (hash),
  added_at INTEGER NOT NULL,
  removed_at INTEGER,
  PRIMARY KEY (guild_id, n)
);
CREATE INDEX IF NOT EXISTS guild_articles_hash ON guild_articles (guild_id, hash);
CREATE TABLE IF NOT EXISTS guild_bindings (
  guild_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, -- '' is the server's default
  article_n INTEGER NOT NULL,
  PRIMARY KEY (guild_id, channel_id),
  FOREIGN KEY (guild_id, article_n) REFERENCES guild_articles (guild_id, n)
);
CREATE TABLE IF NOT EXISTS vectors (
  article_hash TEXT NOT NULL,
  signal TEXT NOT NULL,
  embedder_id TEXT NOT NULL,
  units INTEGER NOT NULL,
  dimensions INTEGER NOT NULL,
  data BLOB NOT NULL,
  checksum TEXT,
  PRIMARY KEY (article_hash, signal, embedder_id, units)
);
`;

export interface ArticleRow {
  n: number;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  hash: string;
  added_at: number | string;
  removed_at: number | string | null;
}

export const ARTICLE_COLUMNS = 'n, title, outlet, published, url, hash, added_at, removed_at';

export interface StoredVectors {
  dimensions: number;
  data: Uint8Array;
  checksum: string | null;
}

/**
 * Stored vectors whose bytes still match their checksum; a mismatch is one line naming the store (the
 * index then embeds the article again and saves what it made in their place).
 */
export function checkedVectors(key: StashKey, found: StoredVectors | undefined, location: string) {
  if (!found) return undefined;
  if (found.checksum !== vectorsChecksum(key, found.dimensions, found.data)) {
    throw new LibraryError(
      `The stored ${key.signal} vectors of article ${key.articleId} in ${location} do not match their checksum: they are not used, and are made again and replaced.`,
    );
  }
  return { dimensions: found.dimensions, data: floatsOf(found.data) };
}

/** One row as an entry (PostgreSQL returns BIGINT columns as strings). */
export function entryOf(row: ArticleRow): LibraryEntry {
  return {
    id: idOf(row.n),
    title: row.title,
    ...(row.outlet ? { outlet: row.outlet } : {}),
    ...(row.published ? { published: row.published } : {}),
    ...(row.url ? { url: row.url } : {}),
    hash: row.hash,
    addedAt: Number(row.added_at),
    ...(row.removed_at === null ? {} : { removedAt: Number(row.removed_at) }),
  };
}

/** Vectors as stored: Float32, row-major, in the machine's byte order (little-endian on x86 and ARM). */
export const floatBytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** Stored bytes back as floats; a copy, aligned for the Float32Array view. */
export function floatsOf(stored: Uint8Array): Float32Array {
  const bytes = new Uint8Array(stored);
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

const ENTRY_COLUMNS = 'title, outlet, published, url, hash, added_at, removed_at';

/**
 * A library from before servers had their own, moved (SQLite and PostgreSQL alike; $home is the home
 * server): every article stays with the home server under its id; another server keeps, under the same
 * ids, the articles its channels were bound to and the library's first (what its other channels asked),
 * so that every server goes on answering as before.
 */
export const MIGRATE_ARTICLES = [
  'INSERT INTO texts (hash, text) SELECT hash, text FROM articles WHERE true ORDER BY n ON CONFLICT DO NOTHING',
  `INSERT INTO guild_articles (guild_id, n, ${ENTRY_COLUMNS}) SELECT CAST($home AS TEXT), n, ${ENTRY_COLUMNS} FROM articles`,
  `INSERT INTO guild_articles (guild_id, n, ${ENTRY_COLUMNS})
   SELECT DISTINCT b.guild_id, a.n, ${ENTRY_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
   FROM bindings b JOIN articles a ON a.n = b.article_n OR a.n = (SELECT MIN(n) FROM articles WHERE removed_at IS NULL)
   WHERE b.guild_id <> $home AND a.removed_at IS NULL
   ON CONFLICT DO NOTHING`,
  'INSERT INTO guild_bindings (guild_id, channel_id, article_n) SELECT guild_id, channel_id, article_n FROM bindings',
  'DROP TABLE bindings',
  'DROP TABLE articles',
];
export function openSqliteLibraryStore(path: string, options: StoreOptions = {}): LibraryStore {
  const db = openCheckedSqlite(path, 'restore it from a backup, or move it aside to start a new library (the articles are then added again)');
  db.pragma('foreign_keys = ON'); // a binding to an article never added is refused, as PostgreSQL does
  db.exec(SCHEMA);
  migrate(db, options.homeGuildId ?? '');
  const byHash = db.prepare<[string, string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = ? AND hash = ? AND removed_at IS NULL`);
  const byNumber = db.prepare<[string, number], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = ? AND n = ?`);
  const textOf = db.prepare<[string, number], { text: string }>(
    'SELECT t.text FROM guild_articles a JOIN texts t ON t.hash = a.hash WHERE a.guild_id = ? AND a.n = ? AND a.removed_at IS NULL',
  );
  const all = db.prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = ? ORDER BY n`);
  const nextNumber = db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(n), 0) + 1 AS n FROM guild_articles WHERE guild_id = ?');
  // the same text again (its stored copy may be damaged: what is given is what its hash names) replaces it
  const keepText = db.prepare('INSERT INTO texts (hash, text) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET text = excluded.text WHERE texts.text IS NOT excluded.text');
  const insert = db.prepare(
    'INSERT INTO guild_articles (guild_id, n, title, outlet, published, url, hash, added_at) VALUES (@guildId, @n, @title, @outlet, @published, @url, @hash, @addedAt)',
  );
  const markRemoved = db.prepare('UPDATE guild_articles SET removed_at = ? WHERE guild_id = ? AND n = ? AND removed_at IS NULL');
  const unbindAll = db.prepare('DELETE FROM guild_bindings WHERE guild_id = ? AND article_n = ?');
  const upsertBinding = db.prepare(
    'INSERT INTO guild_bindings (guild_id, channel_id, article_n) VALUES (?, ?, ?) ON CONFLICT (guild_id, channel_id) DO UPDATE SET article_n = excluded.article_n',
  );
  const bindingOf = db.prepare<[string, string], { article_n: number }>('SELECT article_n FROM guild_bindings WHERE guild_id = ? AND channel_id = ?');
  const vectorsOf = db.prepare<[string, string, string, number], StoredVectors>(
    'SELECT dimensions, data, checksum FROM vectors WHERE article_hash = ? AND signal = ? AND embedder_id = ? AND units = ?',
  );
  const saveVectors = db.prepare(
    'INSERT OR REPLACE INTO vectors (article_hash, signal, embedder_id, units, dimensions, data, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  // immediate: two processes adding to one file take the write lock before choosing the next number
  const add = db.transaction((guildId: string, entry: NewEntry) => {
    keepText.run(entry.hash, entry.text);
    const existing = byHash.get(guildId, entry.hash);
    if (existing) return { entry: entryOf(existing), added: false };
    const n = nextNumber.get(guildId)!.n;
    insert.run({
      guildId,
      n,
      title: entry.title,
      outlet: entry.outlet ?? null,
      published: entry.published ?? null,
      url: entry.url ?? null,
      hash: entry.hash,
      addedAt: Date.now(),
    });
    return { entry: entryOf(byNumber.get(guildId, n)!), added: true };
  });
  const remove = db.transaction((guildId: string, n: number) => {
    const removed = markRemoved.run(Date.now(), guildId, n).changes > 0;
    if (removed) unbindAll.run(guildId, n);
    return removed;
  });
  const row = (guildId: string, id: string) => {
    const n = numberOf(id);
    return n === undefined ? undefined : byNumber.get(guildId, n);
  };

  return {
    location: path,
    add: async (guildId, entry) => add.immediate(guildId, entry),
    list: async (guildId, options = {}) => all.all(guildId).filter((r) => options.includeRemoved || r.removed_at === null).map(entryOf),
    async get(guildId, id) {
      const found = row(guildId, id);
      return found ? entryOf(found) : undefined;
    },
    async text(guildId, id) {
      const n = numberOf(id);
      return n === undefined ? undefined : textOf.get(guildId, n)?.text;
    },
    async remove(guildId, id) {
      const n = numberOf(id);
      return n !== undefined && remove(guildId, n);
    },
    async bind(scope, articleId) {
      upsertBinding.run(scope.guildId, scope.channelId ?? '', requireNumber(articleId));
    },
    async binding(scope: BindingScope) {
      const found = bindingOf.get(scope.guildId, scope.channelId ?? '');
      return found ? idOf(found.article_n) : undefined;
    },
    async load(key: StashKey) {
      return checkedVectors(key, vectorsOf.get(key.articleHash, key.signal, key.embedderId, key.units), path);
    },
    async save(key, vectors) {
      const bytes = floatBytes(vectors.data);
      saveVectors.run(key.articleHash, key.signal, key.embedderId, key.units, vectors.dimensions, bytes, vectorsChecksum(key, vectors.dimensions, bytes));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * Moves a library from before servers had their own (tables articles and bindings) into the per-server
 * tables, in one transaction; and gives vectors saved before they had a checksum theirs.
 */
function migrate(db: Database.Database, homeGuildId: string): void {
  // immediate, and looked at inside: of two processes opening the file at once, one moves it, the other finds it moved
  db.transaction(() => {
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
    const vectorColumns = db.prepare<[], { name: string }>('PRAGMA table_info(vectors)').all();
    if (!vectorColumns.some((c) => c.name === 'checksum')) db.exec('ALTER TABLE vectors ADD COLUMN checksum TEXT');
    if (tables.has('articles')) {
      for (const statement of MIGRATE_ARTICLES) db.prepare(statement).run(...(statement.includes('$home') ? [{ home: homeGuildId }] : []));
    }
    const unchecked = db.prepare<[], StoredVectors & { article_hash: string; signal: 'lexical' | 'neural'; embedder_id: string; units: number }>(
      'SELECT article_hash, signal, embedder_id, units, dimensions, data, checksum FROM vectors WHERE checksum IS NULL',
    );
    const setChecksum = db.prepare('UPDATE vectors SET checksum = ? WHERE article_hash = ? AND signal = ? AND embedder_id = ? AND units = ?');
    for (const row of unchecked.all()) {
      const key = { articleId: '', articleHash: row.article_hash, signal: row.signal, embedderId: row.embedder_id, units: row.units };
      setChecksum.run(vectorsChecksum(key, row.dimensions, row.data), row.article_hash, row.signal, row.embedder_id, row.units);
    }
  }).immediate();
}
