// The article library's storage: each article's text byte for byte with its hash and what is known of
// it (title, outlet, date, link). This is the embedded store (one SQLite file); the interface is what
// another store (a shared database) would implement.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LibraryEntry {
  /** Short and stable: "A1", "A2", … in the order articles were added; never reused. */
  id: string;
  title: string;
  outlet?: string;
  /** As given (e.g. "2023-03-17"); not interpreted. */
  published?: string;
  url?: string;
  /** sha256 of the text: the same text is stored once. */
  hash: string;
  addedAt: number;
  /** Set when removed: a removed article is never quoted again. */
  removedAt?: number;
}

export interface NewEntry {
  text: string;
  hash: string;
  title: string;
  outlet?: string;
  published?: string;
  url?: string;
}

export interface LibraryStore {
  /** Adds an article, or returns the one already holding the same text (added: false). */
  add(entry: NewEntry): { entry: LibraryEntry; added: boolean };
  /** The articles in the order they were added; removed ones only when asked for. */
  list(options?: { includeRemoved?: boolean }): LibraryEntry[];
  get(id: string): LibraryEntry | undefined;
  /** The stored text, exactly as added (undefined for an unknown or removed article). */
  text(id: string): string | undefined;
  remove(id: string): boolean;
  close(): void;
}

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
`;

interface Row {
  n: number;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  hash: string;
  added_at: number;
  removed_at: number | null;
}

const idOf = (n: number) => `A${n}`;
/** "A3", "a3" or "3"; undefined for anything else. */
function numberOf(id: string): number | undefined {
  const match = /^a?(\d{1,9})$/i.exec(id.trim());
  return match ? Number(match[1]) : undefined;
}

function entryOf(row: Row): LibraryEntry {
  return {
    id: idOf(row.n),
    title: row.title,
    ...(row.outlet ? { outlet: row.outlet } : {}),
    ...(row.published ? { published: row.published } : {}),
    ...(row.url ? { url: row.url } : {}),
    hash: row.hash,
    addedAt: row.added_at,
    ...(row.removed_at === null ? {} : { removedAt: row.removed_at }),
  };
}

export function openSqliteLibrary(path: string): LibraryStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  const COLUMNS = 'n, title, outlet, published, url, hash, added_at, removed_at';
  const byHash = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM articles WHERE hash = ? AND removed_at IS NULL`);
  const byNumber = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM articles WHERE n = ?`);
  const textOf = db.prepare<[number], { text: string }>('SELECT text FROM articles WHERE n = ? AND removed_at IS NULL');
  const all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM articles ORDER BY n`);
  const insert = db.prepare(
    'INSERT INTO articles (title, outlet, published, url, text, hash, added_at) VALUES (@title, @outlet, @published, @url, @text, @hash, @addedAt)',
  );
  const markRemoved = db.prepare('UPDATE articles SET removed_at = ? WHERE n = ? AND removed_at IS NULL');
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

  return {
    add: (entry) => add(entry),
    list: (options = {}) => all.all().filter((row) => options.includeRemoved || row.removed_at === null).map(entryOf),
    get(id) {
      const n = numberOf(id);
      const row = n === undefined ? undefined : byNumber.get(n);
      return row ? entryOf(row) : undefined;
    },
    text(id) {
      const n = numberOf(id);
      return n === undefined ? undefined : textOf.get(n)?.text;
    },
    remove(id) {
      const n = numberOf(id);
      return n !== undefined && markRemoved.run(Date.now(), n).changes > 0;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
