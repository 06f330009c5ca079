// The bot's memory in one SQLite file (the default): answers, votes, source threads, the outbox, the
// interactions received and not yet answered, and conversations.
import { openCheckedSqlite } from '../sqlite-file.ts';
import {
  answerFromRow,
  json,
  keptInteractionFromRow,
  outboxItemFromRow,
  shownIds,
  storable,
  threadFromRow,
  turnFromRow,
  voteCountsFrom,
  CONVERSATION_TURNS,
  type AnswerRow,
  type BotStore,
  type InteractionRow,
  type OutboxRow,
  type ThreadRow,
  type TurnRow,
  type Vote,
} from './store.ts';

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
CREATE TABLE IF NOT EXISTS interactions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  token TEXT NOT NULL,
  shard INTEGER NOT NULL,
  command TEXT NOT NULL,
  options TEXT NOT NULL,
  guild_id TEXT,
  channel_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  message_id TEXT
);
`;

// Added on its own so that stores made before conversations gain it and nothing else changes.
const TURNS = `
CREATE TABLE IF NOT EXISTS conversation_turns (
  answer_key TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  message_id TEXT,
  question TEXT NOT NULL,
  read_as TEXT NOT NULL,
  shown TEXT NOT NULL,
  about TEXT NOT NULL,
  kind TEXT NOT NULL,
  article_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_turns_by_conversation ON conversation_turns (conversation_id);
CREATE INDEX IF NOT EXISTS conversation_turns_by_message ON conversation_turns (message_id);
`;

/** Opens (creating if needed) the store; `:memory:` works for tests. */
export function openSqliteBotStore(path: string, now: () => number = Date.now): BotStore {
  // WAL: readers never block the writer; survives a killed process. Checked first: see sqlite-file.ts.
  const db = openCheckedSqlite(path, 'restore it from a backup, or move it aside to start with an empty memory (votes, threads and unsent sources are then lost)');
  db.exec(SCHEMA);
  db.exec(TURNS);
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
  const insertInteraction = db.prepare(
    `INSERT OR IGNORE INTO interactions (id, application_id, token, shard, command, options, guild_id, channel_id, user_id, locale, created_at)
     VALUES (@id, @applicationId, @token, @shard, @command, @options, @guildId, @channelId, @userId, @locale, @createdAt)`,
  );
  const updateInteractionMessage = db.prepare('UPDATE interactions SET message_id = ? WHERE id = ?');
  const deleteInteraction = db.prepare('DELETE FROM interactions WHERE id = ?');
  const selectInteractions = db.prepare<[string], InteractionRow>(
    'SELECT * FROM interactions WHERE shard IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
  );
  const insertTurn = db.prepare(
    `INSERT INTO conversation_turns (answer_key, conversation_id, message_id, question, read_as, shown, about, kind, article_id, created_at)
     VALUES (@answerKey, @conversationId, @messageId, @question, @readAs, @shown, @about, @kind, @articleId, @createdAt)
     ON CONFLICT(answer_key) DO UPDATE SET message_id = COALESCE(excluded.message_id, conversation_turns.message_id)`,
  );
  const selectTurns = db.prepare<[string, number], TurnRow>(
    'SELECT * FROM (SELECT *, rowid AS n FROM conversation_turns WHERE conversation_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY n',
  );
  const selectConversationOf = db.prepare<[string], { conversation_id: string; article_id: string | null }>(
    'SELECT conversation_id, article_id FROM conversation_turns WHERE message_id = ? LIMIT 1',
  );
  const recordVote = db.transaction((answerKey: string, userId: string, vote: Vote) => {
    const previous = selectVote.get(answerKey, userId)?.vote;
    upsertVote.run(answerKey, userId, vote, now());
    return previous;
  });

  // SQLite answers at once; the methods are async only to share the interface with PostgreSQL.
  return {
    async saveAnswer(answer) {
      insertAnswer.run({
        key: answer.key,
        question: storable(answer.question),
        channelId: answer.channelId,
        messageId: answer.messageId,
        answered: answer.answered ? 1 : 0,
        citationIds: json(answer.citationIds),
        articleId: answer.articleId ?? null,
        createdAt: now(),
      });
    },
    async getAnswer(key) {
      const row = selectAnswer.get(key);
      return row && answerFromRow(row);
    },
    recordVote: async (answerKey, userId, vote) => recordVote(answerKey, userId, vote),
    getVote: async (answerKey, userId) => selectVote.get(answerKey, userId)?.vote,
    voteCounts: async (answerKey) => voteCountsFrom(countVotes.all(answerKey)),
    async saveThread(thread) {
      insertThread.run({ ...thread, question: storable(thread.question), createdAt: now() });
    },
    async getThread(threadId) {
      const row = selectThread.get(threadId);
      return row && threadFromRow(row);
    },
    shownInThread: async (thread) => shownIds(selectCitationsIn.all(thread.answerKey, thread.threadId)),
    async addTurn(turn) {
      insertTurn.run({
        answerKey: turn.answerKey,
        conversationId: turn.conversationId,
        messageId: turn.messageId,
        question: storable(turn.question),
        readAs: storable(turn.readAs),
        shown: json(turn.shown),
        about: json(turn.about),
        kind: turn.kind,
        articleId: turn.articleId ?? null,
        createdAt: now(),
      });
    },
    conversationTurns: async (conversationId) => selectTurns.all(conversationId, CONVERSATION_TURNS).map(turnFromRow),
    conversationOfMessage: async (messageId) => selectConversationOf.get(messageId)?.conversation_id,
    articleOfMessage: async (messageId) => selectConversationOf.get(messageId)?.article_id ?? undefined,
    async enqueueSources(item) {
      insertOutbox.run({ ...item, question: storable(item.question), threadName: storable(item.threadName), payloads: json(item.payloads), now: now() });
    },
    setSourcesThread: async (answerKey, threadId) => void updateOutboxThread.run(threadId, now(), answerKey),
    markSourcesPosted: async (answerKey, posted) => void updateOutboxPosted.run(posted, now(), answerKey),
    finishSources: async (answerKey, outcome) => void updateOutboxState.run(outcome, now(), answerKey),
    pendingSources: async () => selectPending.all().map(outboxItemFromRow),
    async pendingSourceCount() {
      const row = countPending.get();
      return { answers: row?.answers ?? 0, messages: row?.messages ?? 0 };
    },
    pruneSources: async (ageMs) => void deleteFinished.run(now() - ageMs),
    async keepInteraction(item) {
      insertInteraction.run({ ...item, options: json(item.options) });
    },
    markInteractionDeferred: async (id, messageId) => void updateInteractionMessage.run(messageId, id),
    forgetInteraction: async (id) => void deleteInteraction.run(id),
    keptInteractions: async (shards) => selectInteractions.all(JSON.stringify(shards)).map(keptInteractionFromRow),
    async close() {
      if (db.open) db.close();
    },
  };
}
