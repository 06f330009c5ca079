// The sandbox's conversation across restarts, in one small SQLite file next to the sandbox bot's
// own data: the world's ids and its text channels (so the bot finds the same channels, threads and
// answers again), the newest messages of the channels and their threads, and what was typed for each
// command.
//
// Bounded: only the newest `limit` messages (500 by default) are kept; threads and typed commands
// without a kept message go with them. Ephemeral messages are not kept (Discord drops them on a
// reload too), nor is an answer the bot was still writing when the sandbox stopped.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DiscordServer } from '../emulator/discord-server.ts';
import { MessageFlag, type ChannelRecord, type SavedWorld, type StoredMessage, type ThreadRecord, type WorldIds } from '../emulator/state.ts';

export const HISTORY_LIMIT = 500;

export interface SandboxHistory {
  /** The world an earlier run left, if any. */
  readonly saved: SavedWorld | undefined;
  /** What was typed for each slash command (interaction id, text), oldest first. */
  readonly typed: [string, string][];
  /** Keeps every change to the server's messages and threads from now on. */
  record(server: DiscordServer): void;
  saveTyped(interactionId: string, text: string): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS world (id INTEGER PRIMARY KEY CHECK (id = 1), ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_age ON messages (created_at, id);
CREATE TABLE IF NOT EXISTS threads (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS channels (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS typed (interaction_id TEXT PRIMARY KEY, text TEXT NOT NULL, at INTEGER NOT NULL);
`;

export function openSandboxHistory(path: string, limit = HISTORY_LIMIT): SandboxHistory {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL'); // survives a killed process
  db.exec(SCHEMA);

  const saved = load(db);
  const typed = db.prepare('SELECT interaction_id, text FROM typed ORDER BY at, rowid').raw().all() as [string, string][];

  const putIds = db.prepare('INSERT OR REPLACE INTO world (id, ids) VALUES (1, ?)');
  const putMessage = db.prepare('INSERT OR REPLACE INTO messages (id, channel_id, created_at, body) VALUES (?, ?, ?, ?)');
  const dropMessage = db.prepare('DELETE FROM messages WHERE id = ?');
  const putThread = db.prepare('INSERT OR REPLACE INTO threads (id, body) VALUES (?, ?)');
  const putChannel = db.prepare('INSERT OR REPLACE INTO channels (id, body) VALUES (?, ?)');
  const keepChannel = (channel: ChannelRecord): void => void putChannel.run(channel.id, JSON.stringify(channel));
  const putTyped = db.prepare('INSERT OR REPLACE INTO typed (interaction_id, text, at) VALUES (?, ?, ?)');
  const pruneMessages = db.prepare('DELETE FROM messages WHERE id IN (SELECT id FROM messages ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)');
  // a thread stays while its starter message or any message in it does
  const pruneThreads = db.prepare('DELETE FROM threads WHERE id NOT IN (SELECT id FROM messages) AND id NOT IN (SELECT channel_id FROM messages)');
  const pruneTyped = db.prepare('DELETE FROM typed WHERE rowid IN (SELECT rowid FROM typed ORDER BY at DESC, rowid DESC LIMIT -1 OFFSET ?)');
  const prune = db.transaction(() => {
    pruneMessages.run(limit);
    pruneThreads.run();
    pruneTyped.run(limit);
  });

  const keep = (message: StoredMessage): void => {
    if (message.flags & MessageFlag.Ephemeral) return;
    putMessage.run(message.id, message.channelId, message.createdAt, JSON.stringify(message));
    prune();
  };

  return {
    saved,
    typed,
    record(server) {
      putIds.run(JSON.stringify(server.ids));
      // the first channel comes with the ids; channels are never pruned (a few, and messages need them)
      for (const channel of server.channels().slice(1)) keepChannel(channel);
      server.events.on('channelCreate', keepChannel);
      // an earlier run's world may hold more than this one's limit
      prune();
      server.events.on('messageCreate', keep);
      server.events.on('messageUpdate', keep);
      server.events.on('messageDelete', (message) => dropMessage.run(message.id));
      server.events.on('threadCreate', (thread) => putThread.run(thread.id, JSON.stringify(thread)));
    },
    saveTyped(interactionId, text) {
      putTyped.run(interactionId, text, Date.now());
      prune();
    },
    close() {
      db.close();
    },
  };
}

function load(db: Database.Database): SavedWorld | undefined {
  const row = db.prepare('SELECT ids FROM world WHERE id = 1').get() as { ids: string } | undefined;
  if (!row) return undefined;
  const ids = JSON.parse(row.ids) as WorldIds;
  const threads = (db.prepare('SELECT body FROM threads ORDER BY rowid').pluck().all() as string[]).map((body) => JSON.parse(body) as ThreadRecord);
  const more = (db.prepare('SELECT body FROM channels ORDER BY rowid').pluck().all() as string[]).map((body) => JSON.parse(body) as ChannelRecord);
  const people = new Set([ids.botId, ids.personId]);
  const channels = new Set([ids.channelId, ...more.map((c) => c.id), ...threads.map((t) => t.id)]);
  const messages = (db.prepare('SELECT body FROM messages ORDER BY created_at, id').pluck().all() as string[])
    .map((body) => JSON.parse(body) as StoredMessage)
    .filter(
      (m) =>
        // "thinking…" forever would be wrong: that answer was never finished
        !(m.flags & MessageFlag.Loading) &&
        !m.deleted &&
        channels.has(m.channelId) &&
        // the world knows only these two people; anyone else would have no user to show
        people.has(m.authorId) &&
        (!m.interaction || people.has(m.interaction.userId)),
    );
  return { ids, messages, threads, channels: more };
}
