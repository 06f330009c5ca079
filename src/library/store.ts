// The article library's storage: each article's text byte for byte with its hash and what is known of
// it (title, outlet, date, link), which article each channel asks, and the articles' vectors. Two stores
// implement it and pass one test suite: SQLite (embedded, the default) and PostgreSQL (shared by several
// bot processes).
import type { VectorStash } from '../index/vector-stash.ts';

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

/** Where a binding applies: one channel or thread of a server, or (channelId null) the server's default. */
export interface BindingScope {
  /** '' outside servers (direct messages). */
  guildId: string;
  channelId: string | null;
}

export interface LibraryStore extends VectorStash {
  /** Adds an article, or returns the one already holding the same text (added: false). */
  add(entry: NewEntry): Promise<{ entry: LibraryEntry; added: boolean }>;
  /** The articles in the order they were added; removed ones only when asked for. */
  list(options?: { includeRemoved?: boolean }): Promise<LibraryEntry[]>;
  /** Any article ever added, removed ones included ("A3", "a3" or "3"). */
  get(id: string): Promise<LibraryEntry | undefined>;
  /** The stored text, exactly as added (undefined for an unknown or removed article). */
  text(id: string): Promise<string | undefined>;
  /** Marks the article removed and drops every binding to it; false when there was nothing to remove. */
  remove(id: string): Promise<boolean>;
  /** Binds a channel (or a server's default) to an article, replacing an earlier binding. */
  bind(scope: BindingScope, articleId: string): Promise<void>;
  /** The article bound to exactly this scope, if any. */
  binding(scope: BindingScope): Promise<string | undefined>;
  close(): Promise<void>;
}

const ID = /^a?(\d{1,9})$/i;
export const idOf = (n: number) => `A${n}`;
/** "A3", "a3" or "3"; undefined for anything else. */
export function numberOf(id: string): number | undefined {
  const match = ID.exec(id.trim());
  return match ? Number(match[1]) : undefined;
}

/** The number of an id that must be one (a binding's article). */
export function requireNumber(id: string): number {
  const n = numberOf(id);
  if (n === undefined) throw new Error(`Not an article id: ${id.slice(0, 40)}`);
  return n;
}
