// The bot's memory across restarts, in one SQLite file: answers, votes on them, and source threads.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Vote = 'up' | 'down';

export interface StoredAnswer {
  key: string;
  question: string;
  channelId: string | null;
  messageId: string | null;
  answered: boolean;
  citationIds: string[];
  /** The library article it quotes ("A2"), or "all" for an answer across the library; unset before the library. */
  articleId?: string;
}

export interface StoredThread {
  threadId: string;
  channelId: string;
  /** The question the thread was opened for; short follow-ups borrow its terms. */
  question: string;
  answerKey: string;
  answerMessageId: string;
}

/** The sources an answer promised: its thread and the messages to post there, in order. */
export interface OutboxItem {
  answerKey: string;
  /** Where the answer is: the thread is started from this message (and then has its id). */
  channelId: string;
  messageId: string;
  question: string;
  threadName: string;
  /** Message payloads (JSON), posted in this order. */
  payloads: unknown[];
  /** How many are posted already. */
  posted: number;
  threadId: string | null;
}

export interface BotStore {
  saveAnswer(answer: StoredAnswer): void;
  getAnswer(key: string): StoredAnswer | undefined;
  /** One vote per person per answer; voting again replaces the earlier vote. Returns the previous vote. */
  recordVote(answerKey: string, userId: string, vote: Vote): Vote | undefined;
  getVote(answerKey: string, userId: string): Vote | undefined;
  voteCounts(answerKey: string): { up: number; down: number };
  saveThread(thread: StoredThread): void;
  getThread(threadId: string): StoredThread | undefined;
  /** Sentence ids a thread has shown: its question's answer and the answers given in it. */
  shownInThread(thread: StoredThread): string[];
  /** Records promised sources before any is posted (ignored if the answer is already there). */
  enqueueSources(item: Omit<OutboxItem, 'posted' | 'threadId'>): void;
  setSourcesThread(answerKey: string, threadId: string): void;
  markSourcesPosted(answerKey: string, posted: number): void;
  finishSources(answerKey: string, outcome: 'done' | 'failed'): void;
  /** Unfinished work, oldest first. */
  pendingSources(): OutboxItem[];
  /** How much is still to post: answers and messages. */
  pendingSourceCount(): { answers: number; messages: number };
  /** Forgets finished work older than `ageMs`. */
  pruneSources(ageMs: number): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  key TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  channel_id TEXT,
  message_id TEXT,
  answered INTEGER NOT NULL,
  citation_ids TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS votes (
  answer_key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (answer_key, user_id)
);
CREATE TABLE IF NOT EXISTS threads (
  thread_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer_key TEXT NOT NULL,
  answer_message_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  answer_key TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  question TEXT NOT NULL,
  thread_name TEXT NOT NULL,
  payloads TEXT NOT NULL,
  posted INTEGER NOT NULL DEFAULT 0,
  thread_id TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (state, created_at);
`;

interface AnswerRow {
  key: string;
  question: string;
  channel_id: string | null;
  message_id: string | null;
  answered: number;
  citation_ids: string;
  article_id: string | null;
}
interface OutboxRow {
  answer_key: string;
  channel_id: string;
  message_id: string;
  question: string;
  thread_name: string;
  payloads: string;
  posted: number;
  thread_id: string | null;
}
interface ThreadRow {
  thread_id: string;
  channel_id: string;
  question: string;
  answer_key: string;
  answer_message_id: string;
}

/** Opens (creating if needed) the store; `:memory:` works for tests. */
export function openBotStore(path: string, now: () => number = Date.now): BotStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL'); // readers never block the writer; survives a killed process
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  // stores from before the library have no article column: their answers are about the seed article
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(answers)').all();
  if (!columns.some((c) => c.name === 'article_id')) db.exec('ALTER TABLE answers ADD COLUMN article_id TEXT');

  const insertAnswer = db.prepare(
    `INSERT INTO answers (key, question, channel_id, message_id, answered, citation_ids, article_id, created_at)
     VALUES (@key, @question, @channelId, @messageId, @answered, @citationIds, @articleId, @createdAt)
     ON CONFLICT(key) DO UPDATE SET message_id = COALESCE(excluded.message_id, answers.message_id),
       channel_id = COALESCE(excluded.channel_id, answers.channel_id)`,
  );
  const selectAnswer = db.prepare<[string], AnswerRow>('SELECT * FROM answers WHERE key = ?');
  const selectVote = db.prepare<[string, string], { vote: Vote }>('SELECT vote FROM votes WHERE answer_key = ? AND user_id = ?');
  const upsertVote = db.prepare(
    `INSERT INTO votes (answer_key, user_id, vote, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(answer_key, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
  );
  const countVotes = db.prepare<[string], { vote: Vote; n: number }>(
    'SELECT vote, COUNT(*) AS n FROM votes WHERE answer_key = ? GROUP BY vote',
  );
  const insertThread = db.prepare(
    `INSERT OR REPLACE INTO threads (thread_id, channel_id, question, answer_key, answer_message_id, created_at)
     VALUES (@threadId, @channelId, @question, @answerKey, @answerMessageId, @createdAt)`,
  );
  const selectThread = db.prepare<[string], ThreadRow>('SELECT * FROM threads WHERE thread_id = ?');
  const selectCitationsIn = db.prepare<[string, string], { citation_ids: string }>(
    'SELECT citation_ids FROM answers WHERE key = ? OR (channel_id = ? AND answered = 1) ORDER BY created_at DESC LIMIT 50',
  );
  const insertOutbox = db.prepare(
    `INSERT OR IGNORE INTO outbox (answer_key, channel_id, message_id, question, thread_name, payloads, created_at, updated_at)
     VALUES (@answerKey, @channelId, @messageId, @question, @threadName, @payloads, @now, @now)`,
  );
  const updateOutboxThread = db.prepare('UPDATE outbox SET thread_id = ?, updated_at = ? WHERE answer_key = ?');
  const updateOutboxPosted = db.prepare('UPDATE outbox SET posted = MAX(posted, ?), updated_at = ? WHERE answer_key = ?');
  const updateOutboxState = db.prepare('UPDATE outbox SET state = ?, updated_at = ? WHERE answer_key = ?');
  const selectPending = db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_at, answer_key");
  const countPending = db.prepare<[], { answers: number; messages: number | null }>(
    "SELECT COUNT(*) AS answers, SUM(json_array_length(payloads) - posted) AS messages FROM outbox WHERE state = 'pending'",
  );
  const deleteFinished = db.prepare("DELETE FROM outbox WHERE state != 'pending' AND updated_at < ?");
  const recordVote = db.transaction((answerKey: string, userId: string, vote: Vote) => {
    const previous = selectVote.get(answerKey, userId)?.vote;
    upsertVote.run(answerKey, userId, vote, now());
    return previous;
  });

  return {
    saveAnswer(answer) {
      insertAnswer.run({
        key: answer.key,
        question: answer.question,
        channelId: answer.channelId,
        messageId: answer.messageId,
        answered: answer.answered ? 1 : 0,
        citationIds: JSON.stringify(answer.citationIds),
        articleId: answer.articleId ?? null,
        createdAt: now(),
      });
    },
    getAnswer(key) {
      const row = selectAnswer.get(key);
      if (!row) return undefined;
      return {
        key: row.key,
        question: row.question,
        channelId: row.channel_id,
        messageId: row.message_id,
        answered: row.answered === 1,
        citationIds: JSON.parse(row.citation_ids) as string[],
        ...(row.article_id ? { articleId: row.article_id } : {}),
      };
    },
    recordVote: (answerKey, userId, vote) => recordVote(answerKey, userId, vote),
    getVote: (answerKey, userId) => selectVote.get(answerKey, userId)?.vote,
    voteCounts(answerKey) {
      const counts = { up: 0, down: 0 };
      for (const row of countVotes.all(answerKey)) counts[row.vote] = row.n;
      return counts;
    },
    saveThread(thread) {
      insertThread.run({ ...thread, createdAt: now() });
    },
    getThread(threadId) {
      const row = selectThread.get(threadId);
      if (!row) return undefined;
      return {
        threadId: row.thread_id,
        channelId: row.channel_id,
        question: row.question,
        answerKey: row.answer_key,
        answerMessageId: row.answer_message_id,
      };
    },
    shownInThread(thread) {
      const ids = selectCitationsIn.all(thread.answerKey, thread.threadId).flatMap((row) => JSON.parse(row.citation_ids) as string[]);
      return [...new Set(ids)];
    },
    enqueueSources(item) {
      insertOutbox.run({ ...item, payloads: JSON.stringify(item.payloads), now: now() });
    },
    setSourcesThread: (answerKey, threadId) => void updateOutboxThread.run(threadId, now(), answerKey),
    markSourcesPosted: (answerKey, posted) => void updateOutboxPosted.run(posted, now(), answerKey),
    finishSources: (answerKey, outcome) => void updateOutboxState.run(outcome, now(), answerKey),
    pendingSources: () =>
      selectPending.all().map((row) => ({
        answerKey: row.answer_key,
        channelId: row.channel_id,
        messageId: row.message_id,
        question: row.question,
        threadName: row.thread_name,
        payloads: JSON.parse(row.payloads) as unknown[],
        posted: row.posted,
        threadId: row.thread_id,
      })),
    pendingSourceCount() {
      const row = countPending.get();
      return { answers: row?.answers ?? 0, messages: row?.messages ?? 0 };
    },
    pruneSources: (ageMs) => void deleteFinished.run(now() - ageMs),
    close() {
      if (db.open) db.close();
    },
  };
}
