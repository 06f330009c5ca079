// The bot's memory in PostgreSQL, for bot processes (shards) on several machines sharing it. The same
// tables and meaning as sqlite-store.ts; times are the database's clock, so every process agrees on
// which work is oldest and what is old enough to forget.
import pg from 'pg';
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

/** Each process keeps a few connections: the store's queries are short. */
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 5_000;
/** Processes starting together create the tables one at a time (CREATE ... IF NOT EXISTS races otherwise). */
const SCHEMA_LOCK = 'sanad bot store schema';

const tables = (t: string) => `
CREATE TABLE IF NOT EXISTS ${t}answers (
  key TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  channel_id TEXT,
  message_id TEXT,
  answered BOOLEAN NOT NULL,
  citation_ids JSONB NOT NULL,
  article_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS answers_channel ON ${t}answers (channel_id, created_at);
CREATE TABLE IF NOT EXISTS ${t}votes (
  answer_key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  -- the vote this one replaced, so that the upsert itself can return it
  previous_vote TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_key, user_id)
);
CREATE TABLE IF NOT EXISTS ${t}threads (
  thread_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer_key TEXT NOT NULL,
  answer_message_id TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${t}outbox (
  answer_key TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  question TEXT NOT NULL,
  thread_name TEXT NOT NULL,
  payloads JSONB NOT NULL,
  posted INTEGER NOT NULL DEFAULT 0,
  thread_id TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS outbox_pending ON ${t}outbox (state, created_at);
CREATE TABLE IF NOT EXISTS ${t}interactions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  token TEXT NOT NULL,
  shard INTEGER NOT NULL,
  command TEXT NOT NULL,
  options JSONB NOT NULL,
  guild_id TEXT,
  channel_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  locale TEXT NOT NULL,
  -- Discord's time of the interaction (epoch ms), not the database's
  created_at BIGINT NOT NULL,
  message_id TEXT
);
`;

// Added on its own so that databases made before conversations gain it and nothing else changes.
const turnTables = (t: string) => `
CREATE TABLE IF NOT EXISTS ${t}conversation_turns (
  answer_key TEXT PRIMARY KEY,
  seq BIGSERIAL,
  conversation_id TEXT NOT NULL,
  message_id TEXT,
  question TEXT NOT NULL,
  read_as TEXT NOT NULL,
  shown JSONB NOT NULL,
  about JSONB NOT NULL,
  kind TEXT NOT NULL,
  article_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS conversation_turns_by_conversation ON ${t}conversation_turns (conversation_id, seq);
CREATE INDEX IF NOT EXISTS conversation_turns_by_message ON ${t}conversation_turns (message_id);
`;

/**
 * Connects (a small pool), creates the tables if needed (in `schema` when given, else the search path's),
 * and returns the store. Fails with one Error naming the server's host:port when it cannot be reached.
 */
export async function openPostgresBotStore(url: string, options: { schema?: string } = {}): Promise<BotStore> {
  const server = serverOf(url);
  // (application_name tells the bot's connections apart in pg_stat_activity; the URL may name another)
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'sanad bot' });
  // An idle connection the server drops must not end the process: the next query reports the trouble.
  pool.on('error', () => {});
  let ending: Promise<void> | undefined;
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> => {
    try {
      return (await pool.query<R>(text, values?.map((v) => (typeof v === 'string' ? storable(v) : v)))).rows;
    } catch (error) {
      throw ending ? error : unreachable(error, server);
    }
  };
  const schema = options.schema === undefined ? undefined : pg.escapeIdentifier(options.schema);
  const t = schema ? `${schema}.` : '';
  try {
    // statements sent together run as one transaction, which holds the lock to its end
    await query(
      `SELECT pg_advisory_xact_lock(hashtext('${SCHEMA_LOCK}'));
       ${schema ? `CREATE SCHEMA IF NOT EXISTS ${schema};` : ''} ${tables(t)} ${turnTables(t)}`,
    );
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async saveAnswer(answer) {
      await query(
        `INSERT INTO ${t}answers AS a (key, question, channel_id, message_id, answered, citation_ids, article_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (key) DO UPDATE SET message_id = COALESCE(EXCLUDED.message_id, a.message_id),
           channel_id = COALESCE(EXCLUDED.channel_id, a.channel_id)`,
        [answer.key, answer.question, answer.channelId, answer.messageId, answer.answered, json(answer.citationIds), answer.articleId ?? null],
      );
    },
    async getAnswer(key) {
      const [row] = await query<AnswerRow>(`SELECT * FROM ${t}answers WHERE key = $1`, [key]);
      return row && answerFromRow(row);
    },
    async recordVote(answerKey, userId, vote) {
      // One statement: a concurrent vote by the same person waits on the row, then sees the vote it replaces.
      const [row] = await query<{ previous_vote: Vote | null }>(
        `INSERT INTO ${t}votes AS v (answer_key, user_id, vote) VALUES ($1, $2, $3)
         ON CONFLICT (answer_key, user_id) DO UPDATE SET previous_vote = v.vote, vote = EXCLUDED.vote, updated_at = now()
         RETURNING previous_vote`,
        [answerKey, userId, vote],
      );
      return row?.previous_vote ?? undefined;
    },
    async getVote(answerKey, userId) {
      const [row] = await query<{ vote: Vote }>(`SELECT vote FROM ${t}votes WHERE answer_key = $1 AND user_id = $2`, [answerKey, userId]);
      return row?.vote;
    },
    voteCounts: async (answerKey) =>
      voteCountsFrom(await query(`SELECT vote, COUNT(*)::int AS n FROM ${t}votes WHERE answer_key = $1 GROUP BY vote`, [answerKey])),
    async saveThread(thread) {
      await query(
        `INSERT INTO ${t}threads (thread_id, channel_id, question, answer_key, answer_message_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (thread_id) DO UPDATE SET channel_id = EXCLUDED.channel_id, question = EXCLUDED.question,
           answer_key = EXCLUDED.answer_key, answer_message_id = EXCLUDED.answer_message_id, created_at = now()`,
        [thread.threadId, thread.channelId, thread.question, thread.answerKey, thread.answerMessageId],
      );
    },
    async getThread(threadId) {
      const [row] = await query<ThreadRow>(`SELECT * FROM ${t}threads WHERE thread_id = $1`, [threadId]);
      return row && threadFromRow(row);
    },
    shownInThread: async (thread) =>
      shownIds(
        await query<AnswerRow>(
          `SELECT citation_ids FROM ${t}answers WHERE key = $1 OR (channel_id = $2 AND answered) ORDER BY created_at DESC LIMIT 50`,
          [thread.answerKey, thread.threadId],
        ),
      ),
    async addTurn(turn) {
      await query(
        `INSERT INTO ${t}conversation_turns AS c (answer_key, conversation_id, message_id, question, read_as, shown, about, kind, article_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (answer_key) DO UPDATE SET message_id = COALESCE(EXCLUDED.message_id, c.message_id)`,
        [turn.answerKey, turn.conversationId, turn.messageId, turn.question, turn.readAs, json(turn.shown), json(turn.about), turn.kind, turn.articleId ?? null],
      );
    },
    conversationTurns: async (conversationId) =>
      (
        await query<TurnRow>(
          `SELECT * FROM (SELECT * FROM ${t}conversation_turns WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) latest ORDER BY seq`,
          [conversationId, CONVERSATION_TURNS],
        )
      ).map(turnFromRow),
    async conversationOfMessage(messageId) {
      const [row] = await query<{ conversation_id: string }>(`SELECT conversation_id FROM ${t}conversation_turns WHERE message_id = $1 LIMIT 1`, [messageId]);
      return row?.conversation_id;
    },
    async articleOfMessage(messageId) {
      const [row] = await query<{ article_id: string | null }>(`SELECT article_id FROM ${t}conversation_turns WHERE message_id = $1 LIMIT 1`, [messageId]);
      return row?.article_id ?? undefined;
    },
    async enqueueSources(item) {
      await query(
        `INSERT INTO ${t}outbox (answer_key, channel_id, message_id, question, thread_name, payloads) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (answer_key) DO NOTHING`,
        [item.answerKey, item.channelId, item.messageId, item.question, item.threadName, json(item.payloads)],
      );
    },
    async setSourcesThread(answerKey, threadId) {
      await query(`UPDATE ${t}outbox SET thread_id = $2, updated_at = now() WHERE answer_key = $1`, [answerKey, threadId]);
    },
    async markSourcesPosted(answerKey, posted) {
      await query(`UPDATE ${t}outbox SET posted = GREATEST(posted, $2), updated_at = now() WHERE answer_key = $1`, [answerKey, posted]);
    },
    async finishSources(answerKey, outcome) {
      await query(`UPDATE ${t}outbox SET state = $2, updated_at = now() WHERE answer_key = $1`, [answerKey, outcome]);
    },
    pendingSources: async () =>
      (await query<OutboxRow>(`SELECT * FROM ${t}outbox WHERE state = 'pending' ORDER BY created_at, answer_key`)).map(outboxItemFromRow),
    async pendingSourceCount() {
      const [row] = await query<{ answers: number; messages: number }>(
        `SELECT COUNT(*)::int AS answers, COALESCE(SUM(jsonb_array_length(payloads) - posted), 0)::int AS messages
         FROM ${t}outbox WHERE state = 'pending'`,
      );
      return { answers: row?.answers ?? 0, messages: row?.messages ?? 0 };
    },
    async pruneSources(ageMs) {
      await query(`DELETE FROM ${t}outbox WHERE state <> 'pending' AND updated_at < now() - $1 * interval '1 millisecond'`, [ageMs]);
    },
    async keepInteraction(item) {
      await query(
        `INSERT INTO ${t}interactions (id, application_id, token, shard, command, options, guild_id, channel_id, user_id, locale, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
        [item.id, item.applicationId, item.token, item.shard, item.command, json(item.options), item.guildId, item.channelId, item.userId, item.locale, item.createdAt],
      );
    },
    async markInteractionDeferred(id, messageId) {
      await query(`UPDATE ${t}interactions SET message_id = $2 WHERE id = $1`, [id, messageId]);
    },
    async forgetInteraction(id) {
      await query(`DELETE FROM ${t}interactions WHERE id = $1`, [id]);
    },
    keptInteractions: async (shards) =>
      (await query<InteractionRow>(`SELECT * FROM ${t}interactions WHERE shard = ANY($1::int[]) ORDER BY created_at, id`, [shards])).map(
        keptInteractionFromRow,
      ),
    close: () => (ending ??= pool.end()),
  };
}

/** host:port of a postgres:// URL, for messages (the URL itself holds the password). */
function serverOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('The PostgreSQL URL is not valid: expected postgres://user:password@host:port/database');
  }
  const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
  return `${host}:${parsed.port || '5432'}`;
}

/** Errors of the connection (not of a statement) become one message naming the server. */
function unreachable(error: unknown, server: string): unknown {
  const sqlState = error instanceof pg.DatabaseError ? (error.code ?? '') : undefined;
  // 08: connection, 28: authorisation, 3D: no such database, 53: too many connections, 57P: server shutting down
  if (sqlState !== undefined && !/^(08|28|3D|53|57P)/.test(sqlState)) return error;
  const e = error as { message?: string; code?: string };
  const reason = e.message || e.code || String(error);
  return new Error(`Cannot use the PostgreSQL database at ${server}: ${reason}`, { cause: error });
}
