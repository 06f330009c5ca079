// The real bot (startBot, discord.js 14) against the local Discord server, under hostile input and faults.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InjectedInteraction, RecordedRequest, StoredMessage } from '../src/emulator/discord-server.ts';
import { Routes } from 'discord.js';
import { loadArticle } from '../src/text/article.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../src/discord/bot.ts';
import { startDiscordServer } from '../src/emulator/discord-server.ts';
import type { AnswerService } from '../src/qa/service.ts';
import { makeCitation } from '../src/qa/citations.ts';
import { renderSourceMessages } from '../src/discord/render.ts';
import { ARTICLE_PATH, botConfig, memoryLogger, eventually, memoryIndex, startHarness, type Harness } from './bot-harness.ts';

const article = loadArticle(ARTICLE_PATH);
const EPHEMERAL = 1 << 6;
const CLICKABLE = /\]\(\s*<?[a-z]+:|\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\bdiscord(?:app)?\.(?:gg|com)\/|\bdsc\.gg\//iu;
const TRICKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/u;
// In message content the bot adds its own first-strong isolates (FSI U+2068 … PDI U+2069) around echoed
// text; a typed one is removed, so what is left must pair up on every line.
const TRICKS_IN_CONTENT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066\u2067]|[\uD800-\uDFFF]/u;

function isolatesPairUp(content: string): boolean {
  return content.split('\n').every((line) => {
    let depth = 0;
    for (const ch of line) {
      if (ch === '\u2068') depth += 1;
      if (ch === '\u2069' && --depth < 0) return false;
    }
    return depth === 0;
  });
}

function quotesIn(content: string): { id: string; text: string }[] {
  return [...content.matchAll(/\*\*(?:\d+ · )?\[(\d+\.\d+)\]\*\*[^\n]*\n> ([^\n]*)/g)].map((m) => ({ id: m[1]!, text: m[2]! }));
}

function expectExactQuotes(content: string): void {
  for (const quote of quotesIn(content)) {
    const sentence = article.sentences.find((s) => s.id === quote.id)!;
    expect(quote.text).toBe(article.text.slice(sentence.start, sentence.end));
  }
}

describe('echoed text under hostile input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function askAndRead(question: string): Promise<{ content: string; threadName: string | undefined }> {
    const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
    const edit = await h.server.waitForRequest(
      (r: RecordedRequest) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200,
      8_000,
    );
    const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
    const thread = await eventually(() => h.server.threads().find((t) => t.id === reply.id));
    return { content: (edit.body as { content: string }).content, threadName: thread.name };
  }

  it('a masked link, a plain URL and a discord.gg invite in /ask are echoed as text, never clickable', async () => {
    const { content, threadName } = await askAndRead('[Free Nitro](http://evil.example/login) https://evil.example discord.gg/abc متى سيزور شي روسيا؟');
    const echo = content.split('\n')[0]!; // the answer comes first: its first line echoes the question
    expect(echo).toContain('Free Nitro');
    expect(echo).not.toMatch(CLICKABLE);
    expect(threadName).not.toMatch(CLICKABLE);
    expect(quotesIn(content).length).toBeGreaterThan(0);
    expectExactQuotes(content);
  });

  it('bidi overrides, NUL, BEL, ESC and lone surrogates reach neither the content nor the thread name', async () => {
    const { content, threadName } = await askAndRead('\u202Eمتى\u2066 سيزور\u0000 شي\u0007 \u2069روسيا\u2068\u001B[2J؟ \uD83D');
    expect(content).not.toMatch(TRICKS_IN_CONTENT);
    expect(isolatesPairUp(content)).toBe(true);
    expect(threadName).not.toMatch(TRICKS);
    expect(threadName).toContain('متى سيزور شي روسيا');
    expectExactQuotes(content);
  });

  it('a /summary topic is cleaned the same way', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'summary', options: [{ name: 'topic', value: '[x](https://evil.example) \u202Eأوكرانيا\u0000' }] });
    const edit = await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.status === 200, 8_000);
    const content = (edit.body as { content: string }).content;
    expect(content).not.toMatch(CLICKABLE);
    expect(content).not.toMatch(TRICKS_IN_CONTENT);
    expect(isolatesPairUp(content)).toBe(true);
    for (const t of h.server.threads()) expect(t.name).not.toMatch(TRICKS);
  });

  /** A message the bot posted with these buttons (as an older version of it might have). */
  async function botMessageWithButtons(customIds: string[]): Promise<string> {
    const components = [{ type: 1, components: customIds.map((custom_id) => ({ type: 2, style: 2, custom_id, label: 'x' })) }];
    const posted = (await h.bot.context.rest.post(Routes.channelMessages(h.server.channelId), {
      body: { content: 'old answer', components, allowed_mentions: { parse: [] } },
    })) as { id: string };
    return posted.id;
  }

  it('a vote for an answer that does not exist is refused privately and not stored', async () => {
    const messageId = await botMessageWithButtons(['vote:up:999999999999999999']);
    const vote = await h.server.sendButton({ customId: 'vote:up:999999999999999999', messageId });
    const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${vote.interactionId}/`));
    const data = (reply.body as { data: { flags: number; content: string } }).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).not.toMatch(/thank/i);
    expect(await h.bot.store.voteCounts('999999999999999999')).toEqual({ up: 0, down: 0 });
  });

  it('unknown and malformed button ids are acknowledged with a private message', async () => {
    const ids = ['totally-unknown', 'vote:sideways:123', 'vote:up:', 'vote:up:' + 'x'.repeat(91)];
    const messageId = await botMessageWithButtons(ids);
    for (const customId of ids) {
      const press = await h.server.sendButton({ customId, messageId });
      const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${press.interactionId}/`), 3_000);
      expect((reply.body as { type: number }).type, customId).toBe(4);
      expect((reply.body as { data: { flags: number } }).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
  });

  it('an interaction with a forged id that is not a snowflake is ignored, and its token reaches no log line', async () => {
    const forged: InjectedInteraction[] = [];
    for (const forgedId of ['not-a-number', 'forged/1', '1/../2']) {
      forged.push(await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }], forgedId }));
    }
    // a real question after them is answered as usual
    const real = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
    await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(real.token) && r.status === 200, 8_000);
    const ignored = await eventually(() => {
      const lines = h.logs.filter((l) => l.msg.includes('not a snowflake'));
      return lines.length === forged.length ? lines : undefined;
    });
    expect(ignored).toHaveLength(3);
    const logged = JSON.stringify(h.logs);
    for (const sent of forged) expect(logged).not.toContain(sent.token);
    expect(h.server.requests.filter((r) => forged.some((f) => r.route.includes(f.token)))).toHaveLength(0);
  });

  it('a button id carrying a token-shaped value is refused privately and the value is not logged', async () => {
    const customId = 'vote:up:aW50ZXJhY3Rpb24.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0';
    const messageId = await botMessageWithButtons([customId]);
    const press = await h.server.sendButton({ customId, messageId });
    const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${press.interactionId}/`), 3_000);
    expect((reply.body as { data: { flags: number } }).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(h.logs)).not.toContain('c2VjcmV0c2VjcmV0');
  });

  it('error logs carry no interaction token, webhook URL token or question text', async () => {
    const question = 'سؤال سري جدا عن زيارة شي إلى روسيا؟';
    h.server.failNext({ method: 'PATCH', route: /@original/ }, 403, 2);
    const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
    await eventually(
      () => (h.logs.some((l) => l.msg === 'could not tell the user about the failure' && String(l.interactionId) === sent.interactionId) ? true : undefined),
      15_000,
    );
    const failed = h.logs.find((l) => l.msg === 'interaction failed' && String(l.interactionId) === sent.interactionId)!;
    expect(JSON.stringify(failed.err)).toContain('webhooks');
    const everything = JSON.stringify(h.logs);
    expect(everything).not.toContain(sent.token);
    expect(everything).not.toContain(question);
    expect(everything).not.toContain(h.server.token);
  }, 30_000);
});

describe('a bad minute of Discord', () => {
  it('a burst of HTTP 500 on the answer edits: every person still gets an answer', async () => {
    const h = await startHarness();
    try {
      const users = Array.from({ length: 6 }, (_, i) => h.server.addUser(`burst${i}`));
      // discord.js tries each edit 4 times; 40 failures are 10 spent edits, far more than its own retries.
      h.server.failNext({ method: 'PATCH', route: /@original/ }, 500, 40);
      const sent = await Promise.all(
        users.map((user) => h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }], userId: user.id })),
      );
      for (const s of sent) {
        const edit = await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(s.token) && r.status === 200, 20_000);
        expect(quotesIn((edit.body as { content: string }).content).length).toBeGreaterThan(0);
      }
      expect(h.server.requests.filter((r) => r.method === 'PATCH' && r.status === 500)).toHaveLength(40);
      expect(h.logs.some((l) => l.msg === 'Discord failed; trying again')).toBe(true);
      expect(h.logs.some((l) => l.msg === 'interaction failed')).toBe(false);
    } finally {
      await h.close();
    }
  }, 40_000);

  /** Every quote id of an answer across its thread and its follow-ups, to count duplicates. */
  function sourceIdsOf(h: Harness, token: string, threadId: string | undefined): string[] {
    const inThread = threadId ? h.server.messagesIn(threadId).map((m) => m.content) : [];
    const followUps = h.server.requests
      .filter((r) => r.method === 'POST' && r.route.startsWith('/webhooks/') && r.route.includes(token) && r.status === 200)
      .map((r) => (r.body as { content: string }).content);
    return [...inThread, ...followUps].flatMap((c) => quotesIn(c).map((q) => q.id));
  }

  async function askFor(h: Harness, question: string) {
    const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
    const edit = await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.status === 200, 10_000);
    const ids = quotesIn((edit.body as { content: string }).content).map((q) => q.id);
    const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
    return { sent, ids, reply };
  }

  it('a 500 burst on the second post into a thread: every source exactly once, all in the thread', async () => {
    const h = await startHarness();
    try {
      let armed = true;
      const onCreate = (m: StoredMessage) => {
        // The moment the first source lands in a thread, the next posts into threads fail 6 times.
        if (armed && h.server.threads().some((t) => t.id === m.channelId)) {
          armed = false;
          h.server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 500, 6);
        }
      };
      h.server.events.on('messageCreate', onCreate);
      const { sent, ids, reply } = await askFor(h, 'متى سيزور شي روسيا؟');
      expect(ids.length).toBeGreaterThan(1);
      await eventually(() => (h.server.messagesIn(reply.id).length >= ids.length ? true : undefined), 15_000);
      await new Promise((r) => setTimeout(r, 300));
      h.server.events.off('messageCreate', onCreate);
      expect(armed).toBe(false);
      expect(sourceIdsOf(h, sent.token, reply.id)).toEqual(ids);
      expect(h.server.messagesIn(reply.id)).toHaveLength(ids.length);
    } finally {
      await h.close();
    }
  }, 30_000);

  it('a 403 on posting into threads: the rest as follow-ups without repeats, and no new thread for later answers', async () => {
    const h = await startHarness();
    try {
      let armed = true;
      const onCreate = (m: StoredMessage) => {
        if (armed && h.server.threads().some((t) => t.id === m.channelId)) {
          armed = false;
          h.server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 403, 1);
        }
      };
      h.server.events.on('messageCreate', onCreate);
      const first = await askFor(h, 'متى سيزور شي روسيا؟');
      await eventually(() => (sourceIdsOf(h, first.sent.token, first.reply.id).length >= first.ids.length ? true : undefined), 10_000);
      await new Promise((r) => setTimeout(r, 300));
      h.server.events.off('messageCreate', onCreate);
      expect(sourceIdsOf(h, first.sent.token, first.reply.id)).toEqual(first.ids);
      expect(h.server.threads()).toHaveLength(1);
      for (let i = 0; i < 4; i++) {
        const later = await askFor(h, 'ما موقف الصين من أوكرانيا؟');
        await eventually(() => (sourceIdsOf(h, later.sent.token, undefined).length >= later.ids.length ? true : undefined), 10_000);
      }
      expect(h.server.threads()).toHaveLength(1);
    } finally {
      await h.close();
    }
  }, 40_000);

  it('a full disk when remembering the thread still posts the sources into it', async () => {
    const h = await startHarness();
    try {
      // The disk is the one thing a test cannot fill for real: the store fails as SQLite does when it is full.
      h.bot.store.saveThread = async () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      };
      const { sent, ids, reply } = await askFor(h, 'متى سيزور شي روسيا؟');
      await eventually(() => (h.server.messagesIn(reply.id).length >= ids.length ? true : undefined), 10_000);
      expect(sourceIdsOf(h, sent.token, reply.id)).toEqual(ids);
      expect(h.logs.some((l) => l.msg.startsWith('could not remember the sources thread'))).toBe(true);
      expect(h.logs.some((l) => l.msg === 'interaction failed')).toBe(false);
    } finally {
      await h.close();
    }
  }, 30_000);

  it('a burst of HTTP 500 on the reply to a mention: the reply lands once', async () => {
    const h = await startHarness();
    try {
      h.server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 500, 12);
      const asked = await h.server.sendMessage({ content: 'متى سيزور شي روسيا؟', mentionBot: true });
      const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === asked.id, 15_000);
      expect(quotesIn(reply.content).length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.server.messagesIn(h.server.channelId).filter((m) => m.messageReference?.message_id === asked.id)).toHaveLength(1);
      expect(h.logs.some((l) => l.msg === 'message handling failed')).toBe(false);
    } finally {
      await h.close();
    }
  }, 30_000);

  it('a 429 on an interaction callback longer than its 3-second deadline is logged as a lost interaction', async () => {
    const server = await startDiscordServer({ port: 0, retryAfterSeconds: 4 });
    const dataDir = mkdtempSync(join(tmpdir(), 'article-bot-429-'));
    const { log, lines } = memoryLogger();
    const bot = await startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log });
    try {
      await server.waitForBot();
      server.failNext({ method: 'POST', route: /\/callback$/ }, 429);
      await server.sendSlashCommand({ name: 'about' });
      const line = await eventually(() => lines.find((l) => l.msg.includes('past the 3-second deadline')), 8_000);
      expect(line.level).toBe(50);
      expect(line.msg).toContain('interaction is lost');
    } finally {
      await bot.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('a token Discord rejects', () => {
  it('one HTTP 401 on thread creation: one fatal line naming the token, onFatal called, the bot stopped', async () => {
    const server = await startDiscordServer({ port: 0 });
    const dataDir = mkdtempSync(join(tmpdir(), 'article-bot-401-'));
    const { log, lines } = memoryLogger();
    const reasons: string[] = [];
    const bot = await startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log, onFatal: (reason) => reasons.push(reason) });
    try {
      await server.waitForBot();
      server.failNext({ method: 'POST', route: /\/threads$/ }, 401);
      await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
      await eventually(() => (reasons.length > 0 ? true : undefined), 8_000);
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(/rejected the bot token \(HTTP 401\)/);
      const fatal = lines.filter((l) => l.level === 60);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]!.msg).toContain('DISCORD_TOKEN');
    } finally {
      await bot.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('without onFatal, the bot stops itself after a gateway close 4004', async () => {
    const server = await startDiscordServer({ port: 0 });
    const dataDir = mkdtempSync(join(tmpdir(), 'article-bot-4004-'));
    const { log, lines } = memoryLogger();
    const bot = await startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log });
    try {
      await server.waitForBot();
      server.closeGateway(4004, 'Authentication failed');
      await eventually(() => (lines.some((l) => l.msg === 'bot stopped') ? true : undefined), 8_000);
      expect(lines.filter((l) => l.level === 60).map((l) => l.msg)).toEqual([expect.stringContaining('code 4004')]);
    } finally {
      await bot.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('floods (5 questions a minute per person)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterEach(async () => {
    await h?.close();
  });

  const settle = () => new Promise((r) => setTimeout(r, 600));
  const botPostsInChannel = () => h.server.messagesIn(h.server.channelId).filter((m) => m.authorId === h.server.botUserId);
  const reactions = (emoji: string) =>
    h.server.requests.filter((r) => r.method === 'PUT' && r.route.includes('/reactions/') && r.route.includes(emoji) && r.status < 300);
  const callbacks = (ids: string[]) => ids.map((id) => h.server.requests.find((r) => r.route.includes(`/interactions/${id}/`)));

  it('100 mentions from one person in a few seconds: 5 answers, one ⏳ reaction, no public notices', async () => {
    for (let i = 0; i < 100; i++) await h.server.sendMessage({ content: 'متى سيزور شي روسيا؟', mentionBot: true });
    await eventually(() => (botPostsInChannel().length >= 5 && reactions('⏳').length >= 1 ? true : undefined), 15_000);
    await settle();
    const posts = botPostsInChannel();
    expect(posts).toHaveLength(5);
    expect(posts.every((m) => quotesIn(m.content).length > 0)).toBe(true);
    expect(posts.some((m) => /Easy there|على مهلك/.test(m.content))).toBe(false);
    expect(reactions('⏳')).toHaveLength(1);
  }, 30_000);

  it('100 bare mentions: one short reply with examples, then a ❓ reaction while within the limit', async () => {
    for (let i = 0; i < 100; i++) await h.server.sendMessage({ content: '', mentionBot: true });
    await eventually(() => (reactions('⏳').length >= 1 ? true : undefined), 15_000);
    await settle();
    const posts = botPostsInChannel();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.content).toContain('What is this article about?');
    expect(posts[0]!.content).toContain('ما موضوع المقال؟');
    expect(reactions('❓').length).toBe(19);
    expect(reactions('⏳')).toHaveLength(1);
  }, 30_000);

  it('50 /summary length:long: one summary and its thread, the rest told privately', async () => {
    const sent: InjectedInteraction[] = [];
    for (let i = 0; i < 50; i++) sent.push(await h.server.sendSlashCommand({ name: 'summary', options: [{ name: 'length', value: 'long' }] }));
    const replies = await eventually(() => {
      const found = callbacks(sent.map((s) => s.interactionId));
      return found.every(Boolean) ? found : undefined;
    }, 15_000);
    await settle();
    const bodies = replies.map((r) => r!.body as { type: number; data?: { flags?: number } });
    expect(bodies.filter((b) => b.type === 5)).toHaveLength(1);
    expect(bodies.filter((b) => b.type === 4).every((b) => ((b.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL)).toBe(true);
    expect(h.server.threads()).toHaveLength(1);
  }, 30_000);

  it('/about and /source are limited too, privately', async () => {
    const sent: InjectedInteraction[] = [];
    for (let i = 0; i < 60; i++) sent.push(await h.server.sendSlashCommand({ name: i % 2 ? 'about' : 'source', options: i % 2 ? [] : [{ name: 'id', value: '1.1' }] }));
    const replies = await eventually(() => {
      const found = callbacks(sent.map((s) => s.interactionId));
      return found.every(Boolean) ? found : undefined;
    }, 15_000);
    const flags = replies.map((r) => ((r!.body as { data: { flags?: number } }).data.flags ?? 0) & EPHEMERAL);
    expect(flags.filter((f) => f === 0)).toHaveLength(20);
    expect(flags.filter((f) => f === EPHEMERAL)).toHaveLength(40);
  }, 30_000);

  const ask = (userId: string) => h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }], userId });
  const callbackOf = (sent: InjectedInteraction) =>
    eventually(() => callbacks([sent.interactionId])[0]?.body as { type: number; data?: { content?: string; flags?: number } } | undefined, 15_000);

  it('four people asking five times each do not silence a channel: a fifth is answered, and each refusal names its limit', async () => {
    const users = Array.from({ length: 5 }, (_, i) => h.server.addUser(`user${i}`));
    const sent: InjectedInteraction[] = [];
    for (const user of users.slice(0, 4)) for (let i = 0; i < 5; i++) sent.push(await ask(user.id));
    const replies = await Promise.all(sent.map(callbackOf));
    expect(replies.map((r) => r.type)).toEqual(sent.map(() => 5));

    const fifth = await callbackOf(await ask(users[4]!.id));
    expect(fifth.type).toBe(5);
    // one of the four again: told privately that it is their own limit, not the channel's
    const again = await callbackOf(await ask(users[0]!.id));
    expect(again.type).toBe(4);
    expect((again.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(again.data?.content).toMatch(/وصلت إلى حد أسئلتك/);

    // many more people: once the channel is past its ceiling, a newcomer is told it is the channel's limit
    let refused: { type: number; data?: { content?: string } } | undefined;
    for (let user = 5; user < 40 && !refused; user++) {
      const reply = await callbackOf(await ask(h.server.addUser(`crowd${user}`).id));
      if (reply.type === 4) refused = reply;
    }
    expect(refused?.data?.content).toMatch(/وصلت هذه القناة إلى حد الأسئلة/);
  }, 60_000);

  it('votes of many people are all kept and do not spend the questions of the channel', async () => {
    const first = await ask(h.server.userId);
    expect((await callbackOf(first)).type).toBe(5);
    const answer = await h.server.waitForMessage((m) => m.interaction?.id === first.interactionId && m.components.length > 0, 15_000);
    const voters = Array.from({ length: 300 }, (_, i) => h.server.addUser(`voter${i}`));
    const presses = [];
    for (const voter of voters) presses.push(await h.server.sendButton({ customId: `vote:up:${first.interactionId}`, messageId: answer.id, userId: voter.id }));
    await Promise.all(presses.map(callbackOf));
    expect(await h.bot.store.voteCounts(first.interactionId)).toEqual({ up: 300, down: 0 });
    // the same people still ask, up to their own limit
    const asked = [];
    for (const voter of voters.slice(0, 4)) for (let i = 0; i < 4; i++) asked.push(await ask(voter.id));
    expect((await Promise.all(asked.map(callbackOf))).map((r) => r.type)).toEqual(asked.map(() => 5));
  }, 60_000);
});

describe('a sources thread', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // Four answers in a row: on a busy shared machine one can take longer than the default wait.
  const REPLY_WAIT_MS = 15_000;

  it('stays quiet on small talk and answers questions and mentions', async () => {
    const asked = await h.server.sendMessage({ content: 'من سيزور روسيا الأسبوع المقبل؟', mentionBot: true });
    const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === asked.id, REPLY_WAIT_MS);
    await eventually(() => h.server.threads().find((t) => t.id === reply.id));
    // with chatter that opens with a question word or a request, which a first-word rule answered
    const chatter = ['شكرا', 'ما شاء الله جواب ممتاز', 'lol', 'great answer', '👍', 'هههههه', 'why not', 'who cares honestly', 'tell me about it', 'ليش لا'];
    const sentChatter: StoredMessage[] = [];
    for (const content of chatter) sentChatter.push(await h.server.sendMessage({ content, channelId: reply.id }));
    const question = await h.server.sendMessage({ content: 'ومتى؟', channelId: reply.id });
    await h.server.waitForMessage((m) => m.messageReference?.message_id === question.id, REPLY_WAIT_MS);
    // a question with the question word last and no question mark is still answered
    const late = await h.server.sendMessage({ content: 'الزيارة امتى بالظبط', channelId: reply.id });
    await h.server.waitForMessage((m) => m.messageReference?.message_id === late.id, REPLY_WAIT_MS);
    const mention = await h.server.sendMessage({ content: 'الصداقة بلا حدود', channelId: reply.id, mentionBot: true });
    await h.server.waitForMessage((m) => m.messageReference?.message_id === mention.id, REPLY_WAIT_MS);
    await new Promise((r) => setTimeout(r, 300));
    const chatterIds = new Set(sentChatter.map((m) => m.id));
    expect(h.server.messagesIn(reply.id).filter((m) => chatterIds.has(m.messageReference?.message_id ?? ''))).toHaveLength(0);
    expect(h.server.requests.filter((r) => r.route.includes('/reactions/') && [...chatterIds].some((id) => r.route.includes(id)))).toHaveLength(0);
  }, 60_000);
});

describe('the outbox of sources', () => {
  // An answerer that cites every sentence: 21 sources to post, plenty to interrupt.
  const citeEverything: AnswerService = {
    answer: async (index, question) => ({
      question,
      language: 'ar',
      answered: true,
      lead: 'كل جمل المقال:',
      citations: index.article.sentences.map((s) => makeCitation(index.article, s, 1)),
    }),
    summarise: async (index) => ({ text: '', citations: index.article.sentences.map((s) => makeCitation(index.article, s, 1)) }),
  };

  it('stopped while Discord fails the thread posts: the rest is counted in one line and posted after a restart, once each, in the same thread', async () => {
    const h = await startHarness({ answerService: citeEverything });
    // every sentence quoted: one passage, split between sentences into a few thread messages
    const total = renderSourceMessages(article, article.sentences.map((s) => makeCitation(article, s, 1)), 'ar').length;
    expect(total).toBeGreaterThan(1);
    try {
      let armed = true;
      const onCreate = (m: StoredMessage) => {
        if (armed && h.server.threads().some((t) => t.id === m.channelId) && h.server.messagesIn(m.channelId).length === 1) {
          armed = false;
          h.server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 500, 100_000);
        }
      };
      h.server.events.on('messageCreate', onCreate);
      const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'كل شيء؟' }] });
      const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
      await eventually(() => (h.server.requests.some((r) => r.status === 500) ? true : undefined), 10_000);
      h.server.events.off('messageCreate', onCreate);

      await h.restart(() => h.server.clearFaults());
      const left = h.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('outbox:'));
      expect(left).toMatchObject({ answers: 1, messages: total - 1 });

      const all = await eventually(() => {
        const messages = h.server.messagesIn(reply.id);
        return messages.length >= total ? messages : undefined;
      }, 15_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.server.threads()).toHaveLength(1);
      expect(h.server.messagesIn(reply.id)).toHaveLength(total);
      expect(all.flatMap((m) => quotesIn(m.content).map((q) => q.id))).toEqual(article.sentences.map((s) => s.id));
      for (const m of all) expectExactQuotes(m.content);
      expect(h.logs.some((l) => l.msg === 'outbox resumed')).toBe(true);
      expect(await h.bot.store.pendingSourceCount()).toEqual({ answers: 0, messages: 0 });
    } finally {
      await h.close();
    }
  }, 40_000);
});
