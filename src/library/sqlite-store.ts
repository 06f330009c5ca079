// The embedded library store: one SQLite file for texts, metadata, channel bindings and vectors.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StashKey } from '../index/vector-stash.ts';
import { idOf, numberOf, requireNumber, type BindingScope, type LibraryEntry, type LibraryStore, type NewEntry } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  outlet TEXT,
  published TEXT,
  url TEXT,
  text TEXT NOT NULL,
  hash TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (hash);
CREATE TABLE IF NOT EXISTS bindings (
  guild_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, -- '' is the server's default
  article_n INTEGER NOT NULL REFERENCES articles (n),
  PRIMARY KEY (guild_id, channel_id)
);
CREATE TABLE IF NOT EXISTS vectors (
  article_hash TEXT NOT NULL,
  signal TEXT NOT NULL,
  embedder_id TEXT NOT NULL,
  units INTEGER NOT NULL,
  dimensions INTEGER NOT NULL,
  data BLOB NOT NULL,
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

export function openSqliteLibraryStore(path: string): LibraryStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.pragma('foreign_keys = ON'); // a binding to an article never added is refused, as PostgreSQL does
  db.exec(SCHEMA);
  const byHash = db.prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE hash = ? AND removed_at IS NULL`);
  const byNumber = db.prepare<[number], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE n = ?`);
  const textOf = db.prepare<[number], { text: string }>('SELECT text FROM articles WHERE n = ? AND removed_at IS NULL');
  const all = db.prepare<[], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY n`);
  const insert = db.prepare(
    'INSERT INTO articles (title, outlet, published, url, text, hash, added_at) VALUES (@title, @outlet, @published, @url, @text, @hash, @addedAt)',
  );
  const markRemoved = db.prepare('UPDATE articles SET removed_at = ? WHERE n = ? AND removed_at IS NULL');
  const unbindAll = db.prepare('DELETE FROM bindings WHERE article_n = ?');
  const upsertBinding = db.prepare(
    'INSERT INTO bindings (guild_id, channel_id, article_n) VALUES (?, ?, ?) ON CONFLICT (guild_id, channel_id) DO UPDATE SET article_n = excluded.article_n',
  );
  const bindingOf = db.prepare<[string, string], { article_n: number }>('SELECT article_n FROM bindings WHERE guild_id = ? AND channel_id = ?');
  const vectorsOf = db.prepare<[string, string, string, number], { dimensions: number; data: Buffer }>(
    'SELECT dimensions, data FROM vectors WHERE article_hash = ? AND signal = ? AND embedder_id = ? AND units = ?',
  );
  const saveVectors = db.prepare(
    'INSERT OR REPLACE INTO vectors (article_hash, signal, embedder_id, units, dimensions, data) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const add = db.transaction((entry: NewEntry) => {
    const existing = byHash.get(entry.hash);
    if (existing) return { entry: entryOf(existing), added: false };
    const { lastInsertRowid } = insert.run({
      title: entry.title,
      outlet: entry.outlet ?? null,
      published: entry.published ?? null,
      url: entry.url ?? null,
      text: entry.text,
      hash: entry.hash,
      addedAt: Date.now(),
    });
    return { entry: entryOf(byNumber.get(Number(lastInsertRowid))!), added: true };
  });
  const remove = db.transaction((n: number) => {
    const removed = markRemoved.run(Date.now(), n).changes > 0;
    if (removed) unbindAll.run(n);
    return removed;
  });
  const row = (id: string) => {
    const n = numberOf(id);
    return n === undefined ? undefined : byNumber.get(n);
  };

  return {
    add: async (entry) => add(entry),
    list: async (options = {}) => all.all().filter((r) => options.includeRemoved || r.removed_at === null).map(entryOf),
    async get(id) {
      const found = row(id);
      return found ? entryOf(found) : undefined;
    },
    async text(id) {
      const n = numberOf(id);
      return n === undefined ? undefined : textOf.get(n)?.text;
    },
    async remove(id) {
      const n = numberOf(id);
      return n !== undefined && remove(n);
    },
    async bind(scope, articleId) {
      upsertBinding.run(scope.guildId, scope.channelId ?? '', requireNumber(articleId));
    },
    async binding(scope: BindingScope) {
      const found = bindingOf.get(scope.guildId, scope.channelId ?? '');
      return found ? idOf(found.article_n) : undefined;
    },
    async load(key: StashKey) {
      const found = vectorsOf.get(key.articleHash, key.signal, key.embedderId, key.units);
      return found && { dimensions: found.dimensions, data: floatsOf(found.data) };
    },
    async save(key, vectors) {
      saveVectors.run(key.articleHash, key.signal, key.embedderId, key.units, vectors.dimensions, floatBytes(vectors.data));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
