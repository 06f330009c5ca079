// One suite for every kind of the bot's store: what SQLite does, PostgreSQL must do the same way; and
// PostgreSQL shared by two bot processes at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { parseVoteId, thanksFor } from '../src/discord/feedback.ts';
import { openBotStoreFor } from '../src/discord/open-store.ts';
import { openPostgresBotStore } from '../src/discord/pg-store.ts';
import { openSqliteBotStore } from '../src/discord/sqlite-store.ts';
import { CONVERSATION_TURNS, type BotStore, type Vote } from '../src/discord/store.ts';
import { dropSchemas, freshSchema, postgresSkipped, terminateBackends, testDatabaseUrl, urlWithFreshSchema } from './support/postgres.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => dropSchemas());

/** Each store under test: a fresh, empty store per call, and a way to open the same one again (a restart). */
interface StoreKind {
  name: string;
  skipped?: string | undefined;
  fresh(): { open(): Promise<BotStore> };
}

const kinds: StoreKind[] = [
  {
    name: 'SQLite',
    fresh() {
      const path = join(tempDir(), 'nested', 'bot.sqlite'); // its directory is created
      return { open: async () => openSqliteBotStore(path) };
    },
  },
  {
    name: 'PostgreSQL',
    skipped: postgresSkipped,
    fresh() {
      const url = testDatabaseUrl();
      const schema = freshSchema();
      return { open: () => openPostgresBotStore(url, { schema }) };
    },
  },
];

const answer = { key: 'a1', question: 'متى؟', channelId: 'c', messageId: 'm', answered: true, citationIds: ['1.1'] };
const sources = (answerKey: string, payloads: unknown[] = [{ content: 'one' }, { content: 'two' }, { content: 'three' }]) => ({
  answerKey,
  channelId: 'c',
  messageId: `m-${answerKey}`,
  question: 'متى سيزور شي روسيا؟',
  threadName: 'متى سيزور شي روسيا؟',
  payloads,
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(kinds)('the $name bot store', (kind) => {
  if (kind.skipped) {
    it.skip(kind.skipped, () => {});
    return;
  }

  it('keeps one vote per person per answer, changeable, and counts them', async () => {
    const store = await kind.fresh().open();
    expect(await store.recordVote('a1', 'u1', 'up')).toBeUndefined();
    expect(await store.recordVote('a1', 'u1', 'up')).toBe('up');
    expect(await store.voteCounts('a1')).toEqual({ up: 1, down: 0 });
    expect(await store.recordVote('a1', 'u1', 'down')).toBe('up');
    await store.recordVote('a1', 'u2', 'down');
    await store.recordVote('a2', 'u1', 'up');
    expect(await store.voteCounts('a1')).toEqual({ up: 0, down: 2 });
    expect(await store.voteCounts('nothing')).toEqual({ up: 0, down: 0 });
    expect(await store.getVote('a2', 'u1')).toBe('up');
    expect(await store.getVote('a2', 'u2')).toBeUndefined();
    await store.close();
  });

  it('keeps conversations: turns in order, the latest ones, a reply id filled in later, found by reply, across a restart', async () => {
    const where = kind.fresh();
    const first = await where.open();
    const turn = (n: number, messageId: string | null) => ({
      conversationId: 'conv', answerKey: `k${n}`, messageId, articleId: 'A2',
      question: `سؤال ${n}؟`, readAs: `سؤال ${n} (وانغ يي)؟`, shown: [`${n}.1`], about: ['وانغ يي'], kind: 'answer' as const,
    });
    await first.addTurn(turn(1, 'm1'));
    await first.addTurn(turn(2, null)); // remembered before it is shown ...
    await first.addTurn(turn(2, 'm2')); // ... and its reply filled in once it is
    await first.addTurn({ ...turn(3, 'm3'), conversationId: 'other' });
    await first.close();
    const second = await where.open();
    const turns = await second.conversationTurns('conv');
    expect(turns).toEqual([1, 2].map((n) => ({ question: `سؤال ${n}؟`, readAs: `سؤال ${n} (وانغ يي)؟`, shown: [`${n}.1`], about: ['وانغ يي'], kind: 'answer' })));
    expect(await second.conversationOfMessage('m2')).toBe('conv');
    expect(await second.articleOfMessage('m2')).toBe('A2');
    expect(await second.conversationOfMessage('nope')).toBeUndefined();
    for (let n = 4; n < 4 + CONVERSATION_TURNS; n++) await second.addTurn(turn(n, `m${n}`));
    const latest = await second.conversationTurns('conv');
    expect(latest).toHaveLength(CONVERSATION_TURNS);
    expect(latest.at(-1)!.shown).toEqual([`${3 + CONVERSATION_TURNS}.1`]);
    expect(latest[0]!.shown).toEqual(['4.1']);
    await second.close();
  });

  it('remembers answers, votes and threads after closing and reopening (a restart)', async () => {
    const where = kind.fresh();
    const first = await where.open();
    await first.saveAnswer(answer);
    await first.recordVote('a1', 'u1', 'down');
    await first.saveThread({ threadId: 't1', channelId: 'c', question: 'متى سيزور شي روسيا؟', answerKey: 'a1', answerMessageId: 't1' });
    await first.close();
    const second = await where.open();
    expect(await second.getVote('a1', 'u1')).toBe('down');
    expect(await second.getAnswer('a1')).toEqual(answer);
    expect(await second.getThread('t1')).toEqual({ threadId: 't1', channelId: 'c', question: 'متى سيزور شي روسيا؟', answerKey: 'a1', answerMessageId: 't1' });
    expect(await second.getThread('nope')).toBeUndefined();
    expect(await second.getAnswer('nope')).toBeUndefined();
    await second.close();
    await second.close(); // closing twice is harmless
  });

  it('stores an answer before it is shown and fills in where it landed, keeping its article', async () => {
    const store = await kind.fresh().open();
    await store.saveAnswer({ ...answer, channelId: null, messageId: null, articleId: 'A2' });
    expect(await store.getAnswer('a1')).toEqual({ ...answer, channelId: null, messageId: null, articleId: 'A2' });
    await store.saveAnswer({ ...answer, articleId: 'A2' });
    await store.saveAnswer({ ...answer, channelId: null, messageId: null, articleId: 'A2' }); // a late repeat loses nothing
    expect(await store.getAnswer('a1')).toEqual({ ...answer, articleId: 'A2' });
    await store.close();
  });

  it("knows which sentences a thread has shown: its question's answer and the answers given in it", async () => {
    const store = await kind.fresh().open();
    const thread = { threadId: 't1', channelId: 'c', question: 'متى؟', answerKey: 'a1', answerMessageId: 'm1' };
    await store.saveAnswer({ ...answer, citationIds: ['1.1', '2.1'] });
    await store.saveAnswer({ ...answer, key: 'f1', channelId: 't1', citationIds: ['2.1', '3.1'] });
    await store.saveAnswer({ ...answer, key: 'f2', channelId: 't1', answered: false, citationIds: ['9.9'] });
    await store.saveAnswer({ ...answer, key: 'elsewhere', channelId: 't2', citationIds: ['8.8'] });
    expect((await store.shownInThread(thread)).sort()).toEqual(['1.1', '2.1', '3.1']);
    await store.close();
  });

  it('keeps questions as typed, control characters and all, but NUL and unpaired surrogates as U+FFFD', async () => {
    const store = await kind.fresh().open();
    const typed = '\u202Eمتى\u0000 سيزور\u0007 شي\u001B[2J روسيا؟ \uD83D 😀 \uDE00';
    const kept = '\u202Eمتى\uFFFD سيزور\u0007 شي\u001B[2J روسيا؟ \uFFFD 😀 \uFFFD';
    await store.saveAnswer({ ...answer, question: typed });
    expect((await store.getAnswer('a1'))?.question).toBe(kept);
    await store.saveThread({ threadId: 't1', channelId: 'c', question: typed, answerKey: 'a1', answerMessageId: 'm' });
    expect((await store.getThread('t1'))?.question).toBe(kept);
    await store.enqueueSources({ ...sources('s1', [{ content: typed }]), question: typed, threadName: typed });
    expect(await store.pendingSources()).toEqual([{ ...sources('s1', [{ content: kept }]), question: kept, threadName: kept, posted: 0, threadId: null }]);
    await store.close();
  });

  it('keeps the outbox: written once, oldest first, progress never going back, counted, finished and forgotten', async () => {
    const where = kind.fresh();
    const store = await where.open();
    await store.enqueueSources(sources('s1'));
    await pause(5); // "oldest first" needs distinct times
    await store.enqueueSources(sources('s2', [{ content: 'only' }]));
    await store.enqueueSources(sources('s1', [{ content: 'a different promise' }])); // ignored: s1 is there
    const pending = await store.pendingSources();
    expect(pending.map((item) => item.answerKey)).toEqual(['s1', 's2']);
    expect(pending[0]).toEqual({ ...sources('s1'), posted: 0, threadId: null });
    expect(await store.pendingSourceCount()).toEqual({ answers: 2, messages: 4 });

    await store.setSourcesThread('s1', 'thread-1');
    await store.markSourcesPosted('s1', 2);
    await store.markSourcesPosted('s1', 1); // a late mark does not undo progress
    await store.finishSources('s2', 'failed');
    await store.close();

    const again = await where.open();
    expect(await again.pendingSources()).toEqual([{ ...sources('s1'), posted: 2, threadId: 'thread-1' }]);
    expect(await again.pendingSourceCount()).toEqual({ answers: 1, messages: 1 });
    await again.finishSources('s1', 'done');
    expect(await again.pendingSourceCount()).toEqual({ answers: 0, messages: 0 });

    // finished work is kept a while (enqueueing it again changes nothing), then forgotten (and could be again)
    await again.pruneSources(60 * 60_000);
    await again.enqueueSources(sources('s1'));
    expect(await again.pendingSources()).toEqual([]);
    await pause(20);
    await again.pruneSources(5);
    await again.enqueueSources(sources('s1'));
    expect((await again.pendingSources()).map((item) => item.answerKey)).toEqual(['s1']);
    await again.close();
  });

  it('keeps received interactions across a restart, by shard, oldest first, until each is answered', async () => {
    const where = kind.fresh();
    const store = await where.open();
    const received = (id: string, shard: number, createdAt: number) => ({
      id,
      applicationId: 'app',
      token: `token-${id}`,
      shard,
      command: 'ask',
      options: { question: 'متى سيزور شي روسيا؟\u0000', private: false },
      guildId: 'g',
      channelId: 'c',
      userId: 'u',
      locale: 'ar',
      createdAt,
    });
    await store.keepInteraction(received('i2', 0, 1_765_000_000_002));
    await store.keepInteraction(received('i1', 0, 1_765_000_000_001));
    await store.keepInteraction(received('i3', 1, 1_765_000_000_003));
    await store.keepInteraction({ ...received('i1', 0, 1), command: 'changed' }); // ignored: i1 is there
    await store.markInteractionDeferred('i2', 'm2');
    await store.close();

    const again = await where.open();
    const kept = await again.keptInteractions([0]);
    expect(kept).toEqual([
      { ...received('i1', 0, 1_765_000_000_001), options: { question: 'متى سيزور شي روسيا؟\uFFFD', private: false }, messageId: null },
      { ...received('i2', 0, 1_765_000_000_002), options: { question: 'متى سيزور شي روسيا؟\uFFFD', private: false }, messageId: 'm2' },
    ]);
    expect((await again.keptInteractions([0, 1])).map((k) => k.id)).toEqual(['i1', 'i2', 'i3']);
    await again.forgetInteraction('i1');
    await again.forgetInteraction('i1'); // twice is harmless
    expect((await again.keptInteractions([0])).map((k) => k.id)).toEqual(['i2']);
    await again.close();
  });
});

describe('choosing the store from the settings', () => {
  it('without DATABASE_URL: bot.sqlite in DATA_DIR', async () => {
    const dir = tempDir();
    const store = await openBotStoreFor({ DATA_DIR: dir });
    await store.recordVote('a1', 'u1', 'up');
    await store.close();
    expect(await (await openSqliteBotStore(join(dir, 'bot.sqlite'))).getVote('a1', 'u1')).toBe('up');
  });

  it.skipIf(postgresSkipped)('with DATABASE_URL: PostgreSQL, in the schema its options name', async () => {
    const url = await urlWithFreshSchema();
    const store = await openBotStoreFor({ DATA_DIR: tempDir(), DATABASE_URL: url });
    await store.recordVote('a1', 'u1', 'up');
    await store.close();
    const schema = new URL(url).searchParams.get('options')!.split('=')[1]!;
    const same = await openPostgresBotStore(testDatabaseUrl(), { schema });
    expect(await same.getVote('a1', 'u1')).toBe('up');
    await same.close();
  });

  it('DATABASE_URL must be a postgres:// URL; a wrong one is named, its password not shown', () => {
    expect(parseConfig({ DATABASE_URL: ' ' }).DATABASE_URL).toBeUndefined();
    expect(parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/sanad' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/sanad');
    expect(() => parseConfig({ DATABASE_URL: 'mysql://u:very-secret@db/sanad' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://u:very-secret@db/sanad' })).not.toThrow(/very-secret/);
  });

  it('a PostgreSQL server that cannot be reached: one error naming host:port, never the password', async () => {
    const opening = openPostgresBotStore('postgres://sanad:very-secret@127.0.0.1:9/sanad');
    await expect(opening).rejects.toThrow(/^Cannot use the PostgreSQL database at 127\.0\.0\.1:9: .*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/very-secret/);
  });
});

describe.skipIf(postgresSkipped)('PostgreSQL shared by two bot processes', () => {
  /** Two stores on one schema, each with its own pool, opened at the same moment (both create the tables). */
  async function twoProcesses(): Promise<[BotStore, BotStore]> {
    const url = testDatabaseUrl();
    const schema = freshSchema();
    return Promise.all([openPostgresBotStore(url, { schema }), openPostgresBotStore(url, { schema })]);
  }

  it('votes for one answer from both at once: one vote per person, and each vote sees the one it replaced', async () => {
    const [a, b] = await twoProcesses();
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
    const results = await Promise.all(
      users.map((user) => Promise.all([a.recordVote('answer', user, 'up'), b.recordVote('answer', user, 'down')])),
    );
    expect(await a.voteCounts('answer').then(({ up, down }) => up + down)).toBe(users.length);
    for (const [i, [fromA, fromB]] of results.entries()) {
      // one went first and replaced nothing; the other replaced it and is the vote kept
      expect([fromA, fromB].filter((previous) => previous === undefined), users[i]).toHaveLength(1);
      const kept: Vote = fromA === undefined ? 'down' : 'up';
      expect(fromA === undefined ? fromB : fromA).toBe(kept === 'down' ? 'up' : 'down');
      expect(await b.getVote('answer', users[i]!)).toBe(kept);
    }
    expect(await b.voteCounts('answer')).toEqual(await a.voteCounts('answer'));
    await Promise.all([a.close(), b.close()]);
  });

  it('sources one enqueues are pending for the other, and its progress is seen by the first', async () => {
    const [a, b] = await twoProcesses();
    await a.enqueueSources(sources('s1'));
    expect((await b.pendingSources()).map((item) => item.answerKey)).toEqual(['s1']);
    await b.enqueueSources(sources('s1', [])); // the other's promise stands
    await b.setSourcesThread('s1', 'thread-1');
    await b.markSourcesPosted('s1', 1);
    expect(await a.pendingSources()).toEqual([{ ...sources('s1'), posted: 1, threadId: 'thread-1' }]);
    await a.finishSources('s1', 'done');
    expect(await b.pendingSourceCount()).toEqual({ answers: 0, messages: 0 });
    await Promise.all([a.close(), b.close()]);
  });

  it('the server ending its connections (a restart, a failover) ends nothing: the next call uses a new one', async () => {
    const named = new URL(testDatabaseUrl());
    named.searchParams.set('application_name', `ended-${process.pid}`);
    const store = await openPostgresBotStore(named.toString(), { schema: freshSchema() });
    await store.recordVote('a1', 'u1', 'up');
    const ended = await terminateBackends(`ended-${process.pid}`);
    expect(ended).toBeGreaterThan(0);
    await pause(200); // the pool hears of it and drops the connection
    expect(await store.getVote('a1', 'u1')).toBe('up');
    await store.close();
  });

  it('a database that is not there (or a wrong password, where the server asks for one): one error naming host:port and the reason, never the password', async () => {
    const wrong = new URL(testDatabaseUrl());
    wrong.pathname = '/no_such_database';
    wrong.password = 'not-to-be-shown';
    const opening = openPostgresBotStore(wrong.toString());
    await expect(opening).rejects.toThrow(new RegExp(`^Cannot use the PostgreSQL database at ${wrong.hostname}:${wrong.port || 5432}: .*(no_such_database|password)`));
    await expect(opening).rejects.not.toThrow(/not-to-be-shown/);
  });
});

describe('vote buttons', () => {
  it('parses only well-formed vote ids', () => {
    expect(parseVoteId('vote:up:123')).toEqual({ vote: 'up', answerKey: '123' });
    expect(parseVoteId('vote:down:1579720478006837320')).toEqual({ vote: 'down', answerKey: '1579720478006837320' });
    expect(parseVoteId('vote:down:abc')).toBeUndefined(); // answers are keyed by snowflakes
    expect(parseVoteId('vote:up:1/aW50ZXJhY3Rpb24.secret')).toBeUndefined();
    expect(parseVoteId('vote:sideways:1')).toBeUndefined();
    expect(parseVoteId('vote:up:')).toBeUndefined();
    expect(parseVoteId('other')).toBeUndefined();
  });

  it('thanks differently for a new, a repeated and a changed vote', () => {
    const texts = new Set([thanksFor('up', undefined), thanksFor('up', 'up'), thanksFor('down', 'up')]);
    expect(texts.size).toBe(3);
  });
});
