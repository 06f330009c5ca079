// The real bot (startBot, discord.js 14) against the local Discord-compatible server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest, StoredMessage } from '../src/emulator/discord-server.ts';
import { loadArticle } from '../src/text/article.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../src/discord/bot.ts';
import { ARTICLE_PATH, botConfig, memoryLogger, eventually, memoryIndex, startHarness, type Harness } from './bot-harness.ts';
import type { AnswerService } from '../src/qa/service.ts';
import { makeCitation } from '../src/qa/citations.ts';

const article = loadArticle(ARTICLE_PATH);
const EPHEMERAL = 1 << 6;

/** Numbered quotes in an answer: `**n · [id]**` then `> quote`. */
function quotesIn(content: string): { id: string; text: string }[] {
  return [...content.matchAll(/(?:\*\*(?:\d+ · )?|-# )\[(\d+\.\d+)\](?:\*\*)?[^\n]*\n> ([^\n]*)/g)].map((m) => ({ id: m[1]!, text: m[2]! }));
}

/** The sentence a sources message is about: the one marked ◀ between its neighbours. */
function markedIn(content: string): string | undefined {
  return /\*\*\[(\d+\.\d+)\]\*\* ◀/.exec(content)?.[1];
}

function expectExactQuotes(content: string): { id: string; text: string }[] {
  const quotes = quotesIn(content);
  for (const quote of quotes) {
    const sentence = article.sentences.find((s) => s.id === quote.id);
    expect(sentence, `sentence ${quote.id}`).toBeDefined();
    expect(quote.text).toBe(article.text.slice(sentence!.start, sentence!.end));
  }
  return quotes;
}

/** The message payloads the bot sent: channel posts, webhook posts/edits and callback data. */
function sentPayloads(requests: RecordedRequest[]): { route: string; body: Record<string, unknown> }[] {
  return requests.flatMap((r) => {
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.route.endsWith('/callback')) {
      const data = body.data as Record<string, unknown> | undefined;
      return body.type === 4 && data ? [{ route: r.route, body: data }] : [];
    }
    const sendsMessage =
      (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route)) ||
      (r.method === 'POST' && /^\/webhooks\//.test(r.route)) ||
      (r.method === 'PATCH' && /^\/webhooks\/.*\/messages\//.test(r.route));
    return sendsMessage ? [{ route: r.route, body }] : [];
  });
}

describe('the bot against a local Discord server', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function ask(question: string, extra: { private?: boolean; userId?: string } = {}) {
    const options: { name: string; value: string | boolean }[] = [{ name: 'question', value: question }];
    if (extra.private !== undefined) options.push({ name: 'private', value: extra.private });
    const sent = await h.server.sendSlashCommand({ name: 'ask', options, ...(extra.userId ? { userId: extra.userId } : {}) });
    const callback = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`), 5_000);
    return { sent, callback };
  }

  async function originalEdit(token: string): Promise<RecordedRequest> {
    return h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(token) && r.route.endsWith('/@original') && r.status === 200, 8_000);
  }

  async function sourcesThreadOf(messageId: string, count: number): Promise<StoredMessage[]> {
    const thread = await eventually(() => h.server.threads().find((t) => t.id === messageId));
    return eventually(() => {
      const messages = h.server.messagesIn(thread.id);
      return messages.length >= count ? messages : undefined;
    });
  }

  it('registers its commands in the guild at start', () => {
    const names = h.server.commands().guild.map((c) => c.name).sort();
    expect(names).toEqual(['Check quote in article', 'about', 'article', 'ask', 'source', 'summary', 'verify']);
  });

  it('/ask defers at once, edits in numbered exact quotes, and puts each source in context, one per message, in a thread', async () => {
    const question = 'متى سيزور شي روسيا؟';
    const { sent, callback } = await ask(question);
    expect((callback.body as { type: number }).type).toBe(5);
    // with_response: the deferred message's id comes back, so its sources are promised before it is edited
    expect(callback.status).toBe(200);
    expect(callback.query.with_response).toBe('true');
    expect(callback.at - sent.dispatchedAt).toBeLessThan(3_000);
    const edit = await originalEdit(sent.token);
    const content = (edit.body as { content: string }).content;
    const quotes = expectExactQuotes(content);
    expect(quotes.length).toBeGreaterThan(0);
    expect(content).toContain(question);
    // with one article in the library the answer comes first: no line naming the article
    expect(content.split('\n')[0]).toBe(`**السؤال:** \u2068${question}\u2069`);
    expect(content).not.toContain('📰');

    const interaction = await eventually(() => [...h.server.messagesIn(h.server.channelId)].reverse().find((m) => m.interaction?.id === sent.interactionId));
    const sources = await sourcesThreadOf(interaction.id, quotes.length);
    expect(h.server.threads().find((t) => t.id === interaction.id)?.name).toBe(question);
    expect(sources).toHaveLength(quotes.length);
    sources.forEach((message, i) => {
      // each source is the quoted sentence, marked, between its neighbours
      expectExactQuotes(message.content);
      expect(message.content).toContain(`**[${quotes[i]!.id}]** ◀`);
    });
    expect(interaction.components).toHaveLength(1);
  });

  it('/ask private:true answers ephemerally with the sources in the same reply, and no thread', async () => {
    const threadsBefore = h.server.threads().length;
    const { sent, callback } = await ask('ماذا قال الكرملين عن المحادثات؟', { private: true });
    expect(((callback.body as { data: { flags: number } }).data.flags & EPHEMERAL) !== 0).toBe(true);
    const edit = await originalEdit(sent.token);
    expect(expectExactQuotes((edit.body as { content: string }).content).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.server.threads()).toHaveLength(threadsBefore);
  });

  it('/summary gives cited sentences with their sources in a thread', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'summary', options: [{ name: 'length', value: 'short' }] });
    const edit = await originalEdit(sent.token);
    const quotes = expectExactQuotes((edit.body as { content: string }).content);
    expect(quotes.length).toBeGreaterThan(0);
    const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
    // windows that overlap make one passage: as many messages as passages, every quote marked once
    const sources = await sourcesThreadOf(reply.id, 1);
    const marked = await eventually(() => {
      const all = h.server.messagesIn(reply.id).flatMap((m) => [...m.content.matchAll(/\*\*\[(\d+\.\d+)\]\*\* ◀/g)].map((x) => x[1]!));
      return all.length >= quotes.length ? all : undefined;
    });
    expect(marked).toEqual(quotes.map((q) => q.id));
    expect(markedIn(sources[0]!.content)).toBe(quotes[0]!.id);
  });

  it('/summary length:long keeps every message within 2,000 characters', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'summary', options: [{ name: 'length', value: 'long' }] });
    const edit = await originalEdit(sent.token);
    const content = (edit.body as { content: string }).content;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(expectExactQuotes(content).length).toBeGreaterThan(2);
  });

  it('/summary with a topic the article does not cover says so', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'summary', options: [{ name: 'topic', value: 'football world cup' }] });
    const edit = await originalEdit(sent.token);
    const content = (edit.body as { content: string }).content;
    expect(content.length).toBeGreaterThan(0);
    expect(quotesIn(content)).toHaveLength(0);
  });

  it('/source shows the sentence exactly with the ones before and after; unknown ids get a private hint', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'source', options: [{ name: 'id', value: '5.1' }] });
    const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`));
    const data = (reply.body as { type: number; data: { content: string } }).data;
    expect(expectExactQuotes(data.content).map((q) => q.id)).toEqual(['4.1', '5.1', '5.2']);

    const unknown = await h.server.sendSlashCommand({ name: 'source', options: [{ name: 'id', value: '99.9' }] });
    const hint = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${unknown.interactionId}/`));
    const hintData = (hint.body as { data: { content: string; flags: number } }).data;
    expect(hintData.content).toContain('99.9');
    expect(hintData.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('/source autocompletes sentence ids with the start of each sentence', async () => {
    const result = await h.server.sendAutocomplete({ name: 'source', focused: 'id', options: [{ name: 'id', value: '1' }] });
    const ids = result.choices.map((c) => c.value);
    expect(ids).toContain('1.1');
    expect(ids).toContain('16.1');
    expect(result.choices[0]!.name).toContain(article.sentences[0]!.text.slice(0, 20));
  });

  it('/about names the article and its size', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'about' });
    const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`));
    const content = (reply.body as { data: { content: string } }).data.content;
    expect(content).toContain(`${article.paragraphs.length} paragraphs`);
    expect(content).toContain(`${article.sentences.length} sentences`);
    expect(content).toMatch(/📰 .*A1/); // the library's first article is the configured one
  });

  it('answers a mention as a reply with a sources thread, and follow-ups there that add what was not shown, also after a restart', async () => {
    const question = 'لماذا زار وانغ يي موسكو؟';
    const asked = await h.server.sendMessage({ content: question, mentionBot: true });
    const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === asked.id);
    const shown = expectExactQuotes(reply.content).map((q) => q.id);
    expect(shown.length).toBeGreaterThan(0);
    await sourcesThreadOf(reply.id, 1);

    // Alone, "ولماذا؟" ("and why?") has nothing to search for; in the thread it borrows the thread's question.
    const alone = await h.server.sendMessage({ content: 'ولماذا؟', mentionBot: true });
    const aloneReply = await h.server.waitForMessage((m) => m.messageReference?.message_id === alone.id);
    expect(quotesIn(aloneReply.content)).toHaveLength(0);

    const followUp = await h.server.sendMessage({ content: 'ولماذا؟', channelId: reply.id });
    const answer = await h.server.waitForMessage((m) => m.messageReference?.message_id === followUp.id);
    expect(answer.channelId).toBe(reply.id);
    const more = expectExactQuotes(answer.content).map((q) => q.id);
    expect(more.length).toBeGreaterThan(0);
    expect(more.filter((id) => shown.includes(id))).toEqual([]); // nothing repeated

    // After a restart the thread still knows what it showed: asked again, nothing is repeated.
    await h.restart();
    const again = await h.server.sendMessage({ content: 'ولماذا؟', channelId: reply.id });
    const afterRestart = await h.server.waitForMessage((m) => m.messageReference?.message_id === again.id);
    expect(afterRestart.channelId).toBe(reply.id);
    const third = quotesIn(afterRestart.content).map((q) => q.id);
    expect(third.filter((id) => [...shown, ...more].includes(id))).toEqual([]);
    if (third.length === 0) expect(afterRestart.content).toContain('لا يقول المقال عن هذا أكثر مما في الاقتباسات أعلاه');
  });

  it('ignores ordinary channel messages that do not mention it', async () => {
    const before = h.server.requests.length;
    await h.server.sendMessage({ content: 'مرحبا بالجميع' });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.server.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('stores a vote per person, changeable, thanks privately, and keeps it across a restart', async () => {
    const { sent } = await ask('لماذا يزور شي موسكو؟');
    await originalEdit(sent.token);
    const answerMessage = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId && m.components.length > 0));
    const vote = await h.server.sendButton({ customId: `vote:up:${sent.interactionId}`, messageId: answerMessage.id });
    const thanks = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${vote.interactionId}/`));
    const data = (thanks.body as { type: number; data: { flags: number; content: string } }).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toContain('👍');

    await h.restart();
    expect(await h.bot.store.getVote(sent.interactionId, h.server.userId)).toBe('up');
    const change = await h.server.sendButton({ customId: `vote:down:${sent.interactionId}`, messageId: answerMessage.id });
    await h.server.waitForRequest((r) => r.route.includes(`/interactions/${change.interactionId}/`));
    await expect.poll(() => h.bot.store.getVote(sent.interactionId, h.server.userId)).toBe('down');
    expect(await h.bot.store.voteCounts(sent.interactionId)).toEqual({ up: 0, down: 1 });
  });

  it('posts the sources as follow-ups when it may not create threads, and logs it', async () => {
    h.server.denyThreadCreation(true);
    try {
      const { sent } = await ask('ما موقف الصين من أوكرانيا؟');
      const edit = await originalEdit(sent.token);
      const quotes = quotesIn((edit.body as { content: string }).content);
      expect(quotes.length).toBeGreaterThan(0);
      const followUps = await eventually(() => {
        const posts = h.server.requests.filter((r) => r.method === 'POST' && r.route.startsWith('/webhooks/') && r.route.includes(sent.token) && r.status === 200);
        return posts.length >= quotes.length ? posts : undefined;
      });
      expect(followUps.map((r) => markedIn((r.body as { content: string }).content))).toEqual(quotes.map((q) => q.id));
      expect(h.logs.some((l) => l.msg.includes('could not start a sources thread'))).toBe(true);
    } finally {
      h.server.denyThreadCreation(false);
    }
  });

  it('rides out a 429 and a 500 from REST', async () => {
    h.server.failNext({ method: 'PATCH', route: /@original/ }, 429);
    const first = await ask('ما هي الوثائق التي سيتم التوقيع عليها؟');
    await originalEdit(first.sent.token);
    expect(h.server.requests.some((r) => r.status === 429 && r.route.includes(first.sent.token))).toBe(true);
    expect(h.logs.some((l) => l.msg.includes('rate limited'))).toBe(true);

    h.server.failNext({ method: 'PATCH', route: /@original/ }, 500);
    const second = await ask('ما هي الوثائق التي سيتم التوقيع عليها؟');
    await originalEdit(second.sent.token);
    expect(h.server.requests.some((r) => r.status === 500 && r.route.includes(second.sent.token))).toBe(true);
  });

  it('rides out a 429 on thread creation', async () => {
    h.server.failNext({ method: 'POST', route: /\/threads$/ }, 429);
    const { sent } = await ask('ما موقف الصين من أوكرانيا؟');
    await originalEdit(sent.token);
    const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
    await sourcesThreadOf(reply.id, 1);
    expect(h.server.requests.some((r) => r.status === 429 && r.route.endsWith('/threads'))).toBe(true);
  });

  it('logs a REST failure it cannot retry past and keeps answering', async () => {
    // A 403 is not worth retrying (5xx are, for as long as the token lives); the answer's edit and the
    // error notice's edit both fail.
    h.server.failNext({ method: 'PATCH', route: /@original/ }, 403, 2);
    const failed = await ask('هل سيناقش شي وبوتين التعاون؟');
    await eventually(() => (h.logs.some((l) => l.msg === 'could not tell the user about the failure' && String(l.interactionId) === failed.sent.interactionId) ? true : undefined), 15_000);
    expect(h.logs.some((l) => l.msg === 'interaction failed' && String(l.interactionId) === failed.sent.interactionId)).toBe(true);
    const ok = await ask('هل سيناقش شي وبوتين التعاون؟');
    await originalEdit(ok.sent.token);
  }, 30_000);

  it('logs an expired interaction and keeps running', async () => {
    const expired = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى؟' }], ageMs: 16 * 60_000 });
    await eventually(() => (h.logs.some((l) => l.msg === 'interaction failed' && String(l.interactionId) === expired.interactionId) ? true : undefined));
    const { sent } = await ask('متى سيزور شي روسيا؟');
    await originalEdit(sent.token);
  });

  it('logs an interaction another instance already answered, and keeps running', async () => {
    // Two instances on one token both receive the interaction; Discord lets only the first acknowledge it.
    const second = memoryLogger();
    const dir = mkdtempSync(join(tmpdir(), 'article-bot-second-'));
    const twin = await startBot(botConfig(h.server, dir, { REGISTER_COMMANDS: 'false' }), { openIndex: memoryIndex, log: second.log });
    try {
      const { sent } = await ask('متى سيزور شي روسيا؟');
      await originalEdit(sent.token);
      const refused = await eventually(() =>
        [...h.logs, ...second.lines].find((l) => l.msg === 'interaction failed' && String(l.interactionId) === sent.interactionId),
      );
      expect(JSON.stringify(refused.err)).toMatch(/already been acknowledged|Unknown interaction/);
      const acks = h.server.requests.filter((r) => r.route.includes(`/interactions/${sent.interactionId}/`));
      expect(acks.filter((r) => r.status < 300)).toHaveLength(1);
    } finally {
      await twin.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const after = await ask('متى سيزور شي روسيا؟');
    await originalEdit(after.sent.token);
  });

  it('resumes after the gateway connection drops, and reconnects when the session cannot be resumed', async () => {
    const resumedBefore = h.logs.filter((l) => l.msg === 'gateway resumed').length;
    h.server.dropGatewayConnection();
    await eventually(() => (h.logs.filter((l) => l.msg === 'gateway resumed').length > resumedBefore ? true : undefined), 10_000);
    expect(h.logs.some((l) => l.msg === 'gateway reconnecting' || l.msg === 'gateway disconnected')).toBe(true);
    const first = await ask('متى سيزور شي روسيا؟');
    await originalEdit(first.sent.token);

    h.server.dropGatewayConnection({ resumable: false });
    await new Promise((r) => setTimeout(r, 200));
    await h.server.waitForBot(10_000);
    const second = await ask('متى سيزور شي روسيا؟');
    await originalEdit(second.sent.token);
  }, 25_000);

  describe('bad input', () => {
    it('an empty question gets a private hint, not a crash', async () => {
      const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: '   ' }] });
      const reply = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`));
      const body = reply.body as { type: number; data: { flags: number; content: string } };
      expect(body.type).toBe(4);
      expect(body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(body.data.content.length).toBeGreaterThan(10);
    });

    it('a 6,000-character question is answered from its start, within message limits', async () => {
      const { sent } = await ask(`متى سيزور شي روسيا؟ ${'كلام '.repeat(1200)}`.slice(0, 6000));
      const edit = await originalEdit(sent.token);
      const content = (edit.body as { content: string }).content;
      expect(content.length).toBeLessThanOrEqual(2000);
      expect(content).toMatch(/طويل جدا|very long/);
    });

    it('a question with @everyone and a role mention pings nobody', async () => {
      const { sent } = await ask('@everyone <@&123456789012345678> متى سيزور شي روسيا؟');
      const edit = await originalEdit(sent.token);
      const content = (edit.body as { content: string }).content;
      expect(content).not.toContain('@everyone');
      expect(content).not.toMatch(/<@&\d/);
      const mention = await h.server.sendMessage({ content: '@everyone متى سيزور شي روسيا؟', mentionBot: true });
      const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === mention.id);
      expect(reply.pings).toEqual([]);
    });

    it('an English question gets an English lead with the Arabic quotes', async () => {
      const { sent } = await ask('When will Xi visit Russia?');
      const content = ((await originalEdit(sent.token)).body as { content: string }).content;
      expect(content).toContain('Question:');
      expectExactQuotes(content);
    });

    it('an off-topic question is told the article does not say, without quotes or thread', async () => {
      const { sent } = await ask('What is the best recipe for chocolate cake?');
      const content = ((await originalEdit(sent.token)).body as { content: string }).content;
      expect(quotesIn(content)).toHaveLength(0);
      expect(content.length).toBeGreaterThan(10);
    });
  });

  it('sent every message with allowed_mentions parse [] and no message pinged anyone', () => {
    const payloads = sentPayloads(h.server.requests);
    expect(payloads.length).toBeGreaterThan(20);
    for (const { route, body } of payloads) expect(body.allowed_mentions, route).toMatchObject({ parse: [] });
    const channels = [h.server.channelId, ...h.server.threads().map((t) => t.id)];
    const botMessages = channels.flatMap((id) => h.server.messagesIn(id)).filter((m) => m.authorId === h.server.botUserId);
    expect(botMessages.length).toBeGreaterThan(5);
    expect(botMessages.every((m) => m.pings.length === 0)).toBe(true);
  });
});

describe('long answers', () => {
  let h: Harness;
  // An answerer that cites every sentence of the article: an answer far over one message.
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
  beforeAll(async () => {
    h = await startHarness({ answerService: citeEverything });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are split between quotes into messages of at most 2,000 characters, every quote whole and exact', async () => {
    const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'كل شيء؟' }] });
    await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.status === 200);
    const parts = await eventually(() => {
      const found = h.server.messagesIn(h.server.channelId).filter((m) => m.interaction?.id === sent.interactionId);
      return quotesIn(found.map((m) => m.content).join('\n')).length === article.sentences.length ? found : undefined;
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.content.length).toBeLessThanOrEqual(2000);
      expect(part.content.split('\n').filter((line) => line.startsWith('> ')).length).toBe(quotesIn(part.content).length);
      expectExactQuotes(part.content);
    }
    const ids = quotesIn(parts.map((m) => m.content).join('\n')).map((q) => q.id);
    expect(ids).toEqual(article.sentences.map((s) => s.id));
    // every sentence quoted: the windows make one passage, each sentence shown once and marked, split between sentences
    const marked = await eventually(() => {
      const thread = h.server.threads().find((t) => t.id === parts[0]!.id);
      const messages = thread ? h.server.messagesIn(thread.id) : [];
      const ids = messages.flatMap((m) => [...m.content.matchAll(/\*\*\[(\d+\.\d+)\]\*\* ◀/g)].map((x) => x[1]!));
      return ids.length === article.sentences.length ? { ids, messages } : undefined;
    });
    expect(marked.ids).toEqual(article.sentences.map((s) => s.id));
    for (const m of marked.messages) expect(m.content.length).toBeLessThanOrEqual(2000);
  });
});

describe('the per-person rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the third question in a minute with a friendly private message', async () => {
    const other = h.server.addUser('omar');
    const replies = [];
    for (const userId of [h.server.userId, h.server.userId, h.server.userId, other.id]) {
      const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }], userId });
      replies.push(await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`)));
    }
    const types = replies.map((r) => (r.body as { type: number }).type);
    expect(types).toEqual([5, 5, 4, 5]);
    const limited = (replies[2]!.body as { data: { flags: number; content: string } }).data;
    expect(limited.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(limited.content).toMatch(/حاول مرة أخرى|try again/);
  });
});
