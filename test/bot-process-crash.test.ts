// `npm start` killed with SIGKILL in the middle of a burst of /ask (and a few /summary), then started again on the same data:
// every answer that announced a sources thread gets that thread, each source posted once, and every
// interaction the bot acknowledged ("thinking…") is answered, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import type { StoredMessage } from '../src/emulator/state.ts';
import { openSqliteBotStore } from '../src/discord/sqlite-store.ts';
import { botProcessEnv, startBotProcess, within, type Running } from './support/bot-process.ts';

const QUESTIONS = [
  'متى سيزور شي روسيا؟',
  'ماذا قال بوتين عن العلاقات مع الصين؟',
  'What did China refuse to condemn?',
  'How long will the visit last?',
  'ما موقف الغرب من الزيارة؟',
];
const BURST = 40;
const SHOWN_BEFORE_KILL = 10;
/** Acknowledged and still "thinking…" when the kill comes (a few may still land as it does). */
const WAITING_AT_KILL = 15;
const LOADING = 1 << 7;
/** The last line of an answer whose sources go into a thread, in English or Arabic. */
const ANNOUNCES_THREAD = /^-# (In the thread below|في السلسلة أدناه)/m;

describe('npm start killed mid-burst', () => {
  let server: DiscordServer;
  let dir: string;
  let env: Record<string, string>;
  const running: Running[] = [];

  beforeAll(async () => {
    server = await startDiscordServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'article-bot-crash-'));
    // what is kept across the crash is the point here, not the retrieval: the lexical signals are enough
    env = botProcessEnv(server, dir, { EMBEDDINGS: 'lexical', REGISTER_COMMANDS: 'false' });
  });
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const startProcess = () => startBotProcess(server, dir, env, running);

  const replyTo = (interactionId: string): StoredMessage | undefined =>
    server.messagesIn(server.channelId).find((m) => m.interaction?.id === interactionId);
  const shown = (m: StoredMessage | undefined): m is StoredMessage => m !== undefined && (m.flags & LOADING) === 0;
  /** The sentence ids an answer quotes, as its numbered quotes show them. */
  const quotedIds = (m: StoredMessage) => [...m.content.matchAll(/\*\*\d+ · \[(\d+\.\d+)\]\*\*/g)].map((x) => x[1]!);

  it('answers every acknowledged interaction and posts every announced source once after a restart', async () => {
    const first = await startProcess();
    // Killed once some answers are shown while other acknowledged ones still wait ("thinking…").
    let answersShown = 0;
    const killAfterSome = (m: StoredMessage) => {
      if (m.interaction && shown(m)) answersShown++;
      const waiting = server.messagesIn(server.channelId).filter((r) => r.interaction && !shown(r)).length;
      if (answersShown >= SHOWN_BEFORE_KILL && waiting >= WAITING_AT_KILL && first.child.exitCode === null) first.child.kill('SIGKILL');
    };
    server.events.on('messageUpdate', killAfterSome);
    server.events.on('messageCreate', killAfterSome);
    // all at once, as a busy channel would: the kill comes while many are acknowledged and not yet answered
    const sent = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        i % 10 === 9
          ? server.sendSlashCommand({ name: 'summary', options: [{ name: 'length', value: 'short' }] })
          : server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: QUESTIONS[i % QUESTIONS.length]! }] }),
      ),
    );
    await within(first.exited, 30_000, 'the SIGKILL after some answers');
    server.events.off('messageUpdate', killAfterSome);
    server.events.off('messageCreate', killAfterSome);
    const deferred = sent.filter((s) => replyTo(s.interactionId) !== undefined);
    const unansweredAtKill = deferred.filter((s) => !shown(replyTo(s.interactionId))).length;
    // the kill really came mid-burst: answers were shown, and acknowledged ones were still waiting
    expect(answersShown).toBeGreaterThanOrEqual(SHOWN_BEFORE_KILL);
    expect(unansweredAtKill).toBeGreaterThan(0);

    const second = await startProcess();
    // Finished when the bot's own store holds nothing left to answer or post (read beside the running bot).
    const store = openSqliteBotStore(join(dir, 'data', 'bot.sqlite'));
    const deadline = Date.now() + 60_000;
    const settled = async () =>
      /answered \d+ interactions left from before the restart/.test(second.output()) &&
      deferred.every((s) => shown(replyTo(s.interactionId))) &&
      (await store.keptInteractions([0])).length === 0 &&
      (await store.pendingSources()).length === 0;
    while (!(await settled()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const left = { kept: (await store.keptInteractions([0])).length, sources: (await store.pendingSources()).length };
    await store.close();
    expect(left, `what the restart left undone; its log:\n${second.output().slice(-4_000)}`).toEqual({ kept: 0, sources: 0 });

    let announced = 0;
    for (const s of deferred) {
      const reply = replyTo(s.interactionId);
      expect(shown(reply), `interaction ${s.interactionId} is answered`).toBe(true);
      if (!ANNOUNCES_THREAD.test(reply!.content)) continue;
      announced++;
      expect(server.threads().filter((t) => t.id === reply!.id), `one thread for ${reply!.id}`).toHaveLength(1);
      const posted = server.messagesIn(reply!.id).map((m) => m.content);
      expect(new Set(posted).size, `no source posted twice in ${reply!.id}`).toBe(posted.length);
      // each quoted sentence is marked ◀ once in its thread (overlapping passages are merged into one)
      for (const id of quotedIds(reply!)) expect(posted.join('\n').split(`**[${id}]** ◀`).length - 1, `source ${id} in ${reply!.id}`).toBe(1);
    }
    expect(announced).toBeGreaterThan(SHOWN_BEFORE_KILL);
    // each interaction has exactly one answer: no second reply message and no follow-up repeated
    for (const s of deferred) expect(server.messagesIn(server.channelId).filter((m) => m.interaction?.id === s.interactionId)).toHaveLength(1);
    expect(second.output()).not.toContain(sent[0]!.token);

    second.child.kill('SIGTERM');
    expect(await within(second.exited, 10_000, 'shutdown')).toBe(0);
  }, 120_000);
});
