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
}

export interface StoredThread {
  threadId: string;
  channelId: string;
  /** The question the thread was opened for; short follow-ups borrow its terms. */
  question: string;
  answerKey: string;
  answerMessageId: string;
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
`;

interface AnswerRow {
  key: string;
  question: string;
  channel_id: string | null;
  message_id: string | null;
  answered: number;
  citation_ids: string;
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

  const insertAnswer = db.prepare(
    `INSERT INTO answers (key, question, channel_id, message_id, answered, citation_ids, created_at)
     VALUES (@key, @question, @channelId, @messageId, @answered, @citationIds, @createdAt)
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
    close() {
      if (db.open) db.close();
    },
  };
}
