// The article library's storage: each server (guild) has a library of its own (its articles, their ids
// and which article each of its channels asks); the texts are stored once by their hash, byte for byte,
// whichever servers hold them, and so are their vectors (with a checksum). Two stores implement it and
// pass one test suite: SQLite (embedded, the default) and PostgreSQL (shared by several bot processes).
import { createHash } from 'node:crypto';
import type { StashKey, VectorStash } from '../index/vector-stash.ts';

export interface LibraryEntry {
  /** Short and stable within its server: "A1", "A2", … in the order articles were added there; never reused. */
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

/**
 * Every method but the vectors' works inside one server's library (guildId; '' outside servers): another
 * server's articles are neither listed, found, removed nor bound there.
 */
export interface LibraryStore extends VectorStash {
  /** The file or database, as messages about it name it (never a password). */
  readonly location: string;
  /** Adds an article, or returns the one of this server already holding the same text (added: false). */
  add(guildId: string, entry: NewEntry): Promise<{ entry: LibraryEntry; added: boolean }>;
  /** The server's articles in the order they were added; removed ones only when asked for. */
  list(guildId: string, options?: { includeRemoved?: boolean }): Promise<LibraryEntry[]>;
  /** Any article ever added to the server, removed ones included ("A3", "a3" or "3"). */
  get(guildId: string, id: string): Promise<LibraryEntry | undefined>;
  /** The stored text, as it is now (undefined for an unknown or removed article); see checkedArticle. */
  text(guildId: string, id: string): Promise<string | undefined>;
  /** Marks the article removed in this server and drops the server's bindings to it; false when there was nothing to remove. */
  remove(guildId: string, id: string): Promise<boolean>;
  /** Binds a channel (or a server's default) to an article of that server, replacing an earlier binding. */
  bind(scope: BindingScope, articleId: string): Promise<void>;
  /** The article bound to exactly this scope, if any. */
  binding(scope: BindingScope): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * The server that keeps the articles of a library from before libraries were per server (the configured
   * DISCORD_GUILD_ID; '' when there is none). Other servers keep the articles their channels were bound to.
   */
  homeGuildId?: string;
}

/** What a vectors row's checksum covers: its key, its shape and every byte of its numbers. */
export function vectorsChecksum(key: StashKey, dimensions: number, bytes: Uint8Array): string {
  return createHash('sha256')
    .update(`${key.articleHash}\n${key.signal}\n${key.embedderId}\n${key.units}\n${dimensions}\n`)
    .update(bytes)
    .digest('hex');
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
