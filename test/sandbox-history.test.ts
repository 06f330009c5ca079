// The sandbox keeps its conversation across a restart: the page shows the earlier messages, threads
// and typed commands again, and the bot, connecting to the same world, still answers in an old
// thread and counts a vote on an old answer. Only the newest messages are kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { startSandbox, type Sandbox } from '../src/sandbox/sandbox.ts';
import { MessageFlag } from '../src/emulator/state.ts';
import type { MessageView, ThreadView } from '../src/sandbox/view.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-history-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(dataDir: string, historyLimit?: number): Promise<Sandbox> {
  const config = parseConfig({ DATA_DIR: dataDir, ARTICLE_PATH: 'articles/xi-putin-visit.ar.txt', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
  return startSandbox({ config, port: 0, log: pino({ level: 'silent' }), ...(historyLimit ? { historyLimit } : {}) });
}

async function post(sandbox: Sandbox, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, sandbox.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

interface Snapshot {
  channel: { id: string };
  channels: { id: string; name: string }[];
  messages: MessageView[];
  threads: ThreadView[];
  typed: [string, string][];
}

/** The first event the page receives: everything it draws on load. */
async function snapshot(sandbox: Sandbox): Promise<Snapshot> {
  const response = await fetch(new URL('/events', sandbox.url));
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as Snapshot;
}

const finished = (sandbox: Sandbox, channelId: string) =>
  sandbox.discord.messagesIn(channelId).filter((m) => m.authorId === sandbox.discord.botUserId && !(m.flags & MessageFlag.Loading));

describe('the sandbox history', () => {
  it('shows the earlier conversation after a restart, and the bot carries on with it', async () => {
    const dataDir = join(scratch, 'restart');
    const question = '/ask من دعا شي لزيارة موسكو؟';
    const first = await start(dataDir);
    let before: Snapshot;
    let answerId: string;
    let threadId: string;
    let voteId: string;
    try {
      const { interactionId } = await post(first, '/input', { text: question });
      expect(interactionId).toBeTruthy();
      const answer = await first.discord.waitForMessage((m) => m.interaction?.id === interactionId && !(m.flags & MessageFlag.Loading) && m.content.includes('> '), 15_000);
      answerId = answer.id;
      voteId = String(((answer.components[0] as { components: { custom_id: string }[] }).components[0]!).custom_id);
      await expect.poll(() => first.discord.threads().find((t) => t.id === answer.id), { timeout: 15_000 }).toBeTruthy();
      threadId = answer.id;
      await expect.poll(() => finished(first, threadId).length, { timeout: 15_000 }).toBeGreaterThan(0);
      before = await snapshot(first);
    } finally {
      await first.close();
    }

    const second = await start(dataDir);
    try {
      const after = await snapshot(second);
      expect(after.channel.id).toBe(before.channel.id);
      expect(after.messages.length).toBeGreaterThan(1);
      // the same messages, word for word (quotes included), with their threads and what was typed
      expect(after.messages.map((m) => [m.id, m.channelId, m.content])).toEqual(before.messages.map((m) => [m.id, m.channelId, m.content]));
      expect(after.threads).toEqual(before.threads);
      expect(after.typed).toContainEqual([expect.any(String), question]);
      expect(after.messages.find((m) => m.id === answerId)?.command?.interactionId).toBe(after.typed.find(([, t]) => t === question)?.[0]);

      // The bot is in the same world: a follow-up in the old thread is answered there ...
      const inThread = finished(second, threadId).length;
      await post(second, '/input', { text: 'ومتى؟', channelId: threadId });
      await expect.poll(() => finished(second, threadId).length, { timeout: 15_000 }).toBeGreaterThan(inThread);
      // ... and a vote on the old answer is counted.
      expect(await post(second, '/press', { messageId: answerId, customId: voteId })).toEqual({});
      const answerKey = voteId.slice('vote:up:'.length);
      await expect.poll(() => second.bot.store.getVote(answerKey, second.discord.userId), { timeout: 10_000 }).toBe('up');
    } finally {
      await second.close();
    }
  }, 90_000);

  it('brings back #economy with its messages, and the article bound to it still answers there', async () => {
    const dataDir = join(scratch, 'channels');
    const egypt = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.\n';
    const question = '/ask بكم ارتفعت أسعار القمح؟';
    const answerIn = async (sandbox: Sandbox, channelId: string): Promise<string> => {
      const { interactionId } = await post(sandbox, '/input', { text: question, channelId });
      const answer = await sandbox.discord.waitForMessage((m) => m.interaction?.id === interactionId && !(m.flags & MessageFlag.Loading), 15_000);
      // the line naming the answer's article, after its quotes
      return answer.content.split('\n').find((l) => l.startsWith('-# 📰')) ?? '';
    };
    const first = await start(dataDir);
    let before: Snapshot;
    let economy: string;
    try {
      economy = first.discord.channels().find((c) => c.name === 'economy')!.id;
      const file = { name: 'egypt.txt', type: 'text/plain', data: Buffer.from(egypt).toString('base64') };
      const added = await post(first, '/input', { text: '/article add', file, channelId: economy });
      expect(added.typed).toBe('/article add 📎 egypt.txt');
      await first.discord.waitForMessage((m) => m.interaction?.id === added.interactionId && m.content.includes('Ready'), 30_000);
      const bound = await post(first, '/input', { text: '/article use A2', channelId: economy });
      await first.discord.waitForMessage((m) => m.interaction?.id === bound.interactionId && m.content.includes('A2'), 15_000);
      expect(await answerIn(first, economy)).toMatch(/ · A2$/);
      before = await snapshot(first);
    } finally {
      await first.close();
    }

    const second = await start(dataDir);
    try {
      const after = await snapshot(second);
      // one #economy, the same one, with its conversation
      expect(after.channels).toEqual(before.channels);
      expect(after.channels.map((c) => c.name)).toEqual(['general', 'economy']);
      // (the replies of /article add and use are ephemeral: a reload drops them, as Discord does)
      const inEconomy = (s: Snapshot) => s.messages.filter((m) => m.channelId === economy && !m.ephemeral).map((m) => m.content);
      expect(inEconomy(after)).toEqual(inEconomy(before));
      expect(inEconomy(after).length).toBeGreaterThan(0);
      expect(await answerIn(second, economy)).toMatch(/ · A2$/);
      expect(await answerIn(second, second.discord.channelId)).toMatch(/ · A1$/);
    } finally {
      await second.close();
    }
  }, 90_000);

  it('keeps only the newest messages, and no ephemeral ones', async () => {
    const dataDir = join(scratch, 'bounded');
    const first = await start(dataDir, 4);
    try {
      for (let i = 1; i <= 6; i++) await post(first, '/input', { text: `note ${i}` });
      // newest of all, but only the asker sees it: not kept
      const { interactionId } = await post(first, '/input', { text: '/ask question:متى سيزور شي روسيا؟ private:True' });
      const privately = await first.discord.waitForMessage((m) => m.interaction?.id === interactionId && !(m.flags & MessageFlag.Loading), 15_000);
      expect(privately.flags & MessageFlag.Ephemeral).toBeTruthy();
      expect(first.discord.messagesIn(first.discord.channelId).length).toBeGreaterThan(4);
    } finally {
      await first.close();
    }
    const second = await start(dataDir, 4);
    try {
      const after = await snapshot(second);
      expect(after.messages.map((m) => m.content)).toEqual(['note 3', 'note 4', 'note 5', 'note 6']);
    } finally {
      await second.close();
    }
  }, 60_000);
});
