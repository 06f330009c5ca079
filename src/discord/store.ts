// The bot's memory across restarts: answers, votes on them, source threads, the outbox of sources, the
// interactions received and not yet answered, and the turns of each conversation (a sources thread or a
// reply chain), so that follow-ups are read in context.
// One interface, kept in SQLite (sqlite-store.ts, the default) or PostgreSQL (pg-store.ts, shared by
// bot processes on several machines); open-store.ts picks one from the settings.

import type { Turn, TurnKind } from '../qa/conversation.ts';

export type Vote = 'up' | 'down';

/** A turn of a conversation: the thread (or first reply of a reply chain) it belongs to and the reply that answered it. */
export interface StoredTurn extends Turn {
  conversationId: string;
  answerKey: string;
  /** The bot's reply: replying to it continues the conversation. */
  messageId: string | null;
  /** The library article it quoted ("A2"), so that a reply chain keeps asking it. */
  articleId?: string;
}

/** Follow-ups are read in the context of at most this many latest turns. */
export const CONVERSATION_TURNS = 10;

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

/**
 * A received interaction kept until it is answered, so that after a crash a restart still answers it while
 * its token lives (15 minutes). The row is removed once answered: the token is a credential.
 */
export interface KeptInteraction {
  id: string;
  applicationId: string;
  /** Never logged. */
  token: string;
  /** The shard that received it: each process answers what its own shards left. */
  shard: number;
  command: string;
  /** The options the person gave (JSON). */
  options: Record<string, unknown>;
  guildId: string | null;
  channelId: string;
  userId: string;
  locale: string;
  /** When the person acted (epoch ms, from the interaction's id). */
  createdAt: number;
  /** The deferred response's message, once acknowledged; unset: never acknowledged. */
  messageId: string | null;
}

export interface BotStore {
  saveAnswer(answer: StoredAnswer): Promise<void>;
  getAnswer(key: string): Promise<StoredAnswer | undefined>;
  /** One vote per person per answer; voting again replaces the earlier vote. Returns the previous vote. */
  recordVote(answerKey: string, userId: string, vote: Vote): Promise<Vote | undefined>;
  getVote(answerKey: string, userId: string): Promise<Vote | undefined>;
  voteCounts(answerKey: string): Promise<{ up: number; down: number }>;
  saveThread(thread: StoredThread): Promise<void>;
  getThread(threadId: string): Promise<StoredThread | undefined>;
  /** Sentence ids a thread has shown: its question's answer and the answers given in it. */
  shownInThread(thread: StoredThread): Promise<string[]>;
  /** Remembers a turn; again for the same answer key, only fills in its reply's message id. */
  addTurn(turn: StoredTurn): Promise<void>;
  /** The latest CONVERSATION_TURNS turns of a conversation, oldest first. */
  conversationTurns(conversationId: string): Promise<Turn[]>;
  /** The conversation a reply of the bot belongs to. */
  conversationOfMessage(messageId: string): Promise<string | undefined>;
  /** The article the reply asked, when it asked one. */
  articleOfMessage(messageId: string): Promise<string | undefined>;
  /** Records promised sources before any is posted (ignored if the answer is already there). */
  enqueueSources(item: Omit<OutboxItem, 'posted' | 'threadId'>): Promise<void>;
  setSourcesThread(answerKey: string, threadId: string): Promise<void>;
  markSourcesPosted(answerKey: string, posted: number): Promise<void>;
  finishSources(answerKey: string, outcome: 'done' | 'failed'): Promise<void>;
  /** Unfinished work, oldest first. */
  pendingSources(): Promise<OutboxItem[]>;
  /** How much is still to post: answers and messages. */
  pendingSourceCount(): Promise<{ answers: number; messages: number }>;
  /** Forgets finished work older than `ageMs`. */
  pruneSources(ageMs: number): Promise<void>;
  /** Records a received interaction before it is acknowledged (ignored if already there). */
  keepInteraction(item: Omit<KeptInteraction, 'messageId'>): Promise<void>;
  /** The interaction is acknowledged: its answer will land in this message. */
  markInteractionDeferred(id: string, messageId: string): Promise<void>;
  /** Answered (or given up): its row and token are removed. */
  forgetInteraction(id: string): Promise<void>;
  /** What these shards received and did not answer, oldest first. */
  keptInteractions(shards: readonly number[]): Promise<KeptInteraction[]>;
  /** Safe to call twice. */
  close(): Promise<void>;
}

// Rows as both stores return them. JSON columns come back as text from SQLite and parsed from
// PostgreSQL's jsonb; `answered` as 0/1 from SQLite and a boolean from PostgreSQL.
type Json<T> = string | T;

export interface AnswerRow {
  key: string;
  question: string;
  channel_id: string | null;
  message_id: string | null;
  answered: number | boolean;
  citation_ids: Json<string[]>;
  article_id: string | null;
}
export interface OutboxRow {
  answer_key: string;
  channel_id: string;
  message_id: string;
  question: string;
  thread_name: string;
  payloads: Json<unknown[]>;
  posted: number;
  thread_id: string | null;
}
export interface InteractionRow {
  id: string;
  application_id: string;
  token: string;
  shard: number;
  command: string;
  options: Json<Record<string, unknown>>;
  guild_id: string | null;
  channel_id: string;
  user_id: string;
  locale: string;
  /** A BIGINT: PostgreSQL's driver returns it as text. */
  created_at: number | string;
  message_id: string | null;
}
export interface ThreadRow {
  thread_id: string;
  channel_id: string;
  question: string;
  answer_key: string;
  answer_message_id: string;
}

export interface TurnRow {
  question: string;
  read_as: string;
  shown: Json<string[]>;
  about: Json<string[]>;
  kind: string;
}

export function turnFromRow(row: TurnRow): Turn {
  const kind: TurnKind = row.kind === 'overview' || row.kind === 'beside' ? row.kind : 'answer';
  return { question: row.question, readAs: row.read_as, shown: parsed(row.shown), about: parsed(row.about), kind };
}

/**
 * What both stores keep of a text: NUL and unpaired surrogates (a typed question may carry them) become
 * U+FFFD, since PostgreSQL cannot hold them and SQLite would turn a lone surrogate into three.
 */
export function storable(text: string): string {
  return text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** JSON of a value with its texts storable (PostgreSQL's jsonb refuses the escapes of both). */
export const json = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));

const parsed = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function answerFromRow(row: AnswerRow): StoredAnswer {
  return {
    key: row.key,
    question: row.question,
    channelId: row.channel_id,
    messageId: row.message_id,
    answered: Boolean(row.answered),
    citationIds: parsed(row.citation_ids),
    ...(row.article_id ? { articleId: row.article_id } : {}),
  };
}

export function threadFromRow(row: ThreadRow): StoredThread {
  return {
    threadId: row.thread_id,
    channelId: row.channel_id,
    question: row.question,
    answerKey: row.answer_key,
    answerMessageId: row.answer_message_id,
  };
}

export function outboxItemFromRow(row: OutboxRow): OutboxItem {
  return {
    answerKey: row.answer_key,
    channelId: row.channel_id,
    messageId: row.message_id,
    question: row.question,
    threadName: row.thread_name,
    payloads: parsed(row.payloads),
    posted: row.posted,
    threadId: row.thread_id,
  };
}

export function keptInteractionFromRow(row: InteractionRow): KeptInteraction {
  return {
    id: row.id,
    applicationId: row.application_id,
    token: row.token,
    shard: row.shard,
    command: row.command,
    options: parsed(row.options),
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    locale: row.locale,
    createdAt: Number(row.created_at),
    messageId: row.message_id,
  };
}

/** The sentence ids of a thread's answers (newest first), each once. */
export function shownIds(rows: Pick<AnswerRow, 'citation_ids'>[]): string[] {
  return [...new Set(rows.flatMap((row) => parsed(row.citation_ids)))];
}

export function voteCountsFrom(rows: { vote: Vote; n: number }[]): { up: number; down: number } {
  const counts = { up: 0, down: 0 };
  for (const row of rows) counts[row.vote] = row.n;
  return counts;
}
