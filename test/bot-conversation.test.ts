// Conversations through the real bot (discord.js against the local Discord server): follow-ups in a sources
// thread and in a reply chain read in context and saying how they were read, "what happened next", questions
// about the whole article in /ask and in a thread, and a follow-up after a restart read from the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../src/emulator/discord-server.ts';
import { loadArticle } from '../src/text/article.ts';
import { ARTICLE_PATH, eventually, startHarness, type Harness } from './bot-harness.ts';
import { FSI, PDI } from '../src/discord/bidi.ts';

const article = loadArticle(ARTICLE_PATH);

/** The numbered quotes of a reply, each checked to be its sentence exactly. */
function quotes(content: string): string[] {
  const found = [...content.matchAll(/\*\*\d+ · \[(\d+\.\d+)\]\*\*\n> ([^\n]*)/g)];
  for (const [, id, text] of found) {
    const sentence = article.sentences.find((s) => s.id === id)!;
    expect(text).toBe(article.text.slice(sentence.start, sentence.end));
  }
  return found.map((m) => m[1]!);
}

function readingLine(content: string): string | undefined {
  return content.split('\n').find((line) => line.startsWith('-# Reading this as:') || line.startsWith('-# فهمت السؤال هكذا:'));
}

describe('conversations with the bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** /ask, then the answer message once its sources thread is known to the bot. */
  async function ask(question: string): Promise<StoredMessage> {
    const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
    await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200, 8_000);
    const answer = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
    await expect.poll(() => h.bot.store.getThread(answer.id)).toBeDefined();
    return answer;
  }

  async function say(content: string, where: { channelId?: string; replyTo?: string; mentionBot?: boolean }): Promise<StoredMessage> {
    const sent = await h.server.sendMessage({ content, ...where });
    return h.server.waitForMessage((m) => m.messageReference?.message_id === sent.id, 8_000);
  }

  it('three turns in a thread: a pronoun resolved to who the first was about, then what came next', async () => {
    const first = await ask('من هو وانغ يي؟');
    expect(quotes(first.content)[0]).toBe('12.1');
    expect(readingLine(first.content)).toBeUndefined(); // a first question needs no reading

    const second = await say('بماذا وعد هو؟', { channelId: first.id });
    expect(second.channelId).toBe(first.id);
    expect(quotes(second.content)[0]).toBe('13.1');
    // one short line says how it was read, isolated from the label
    expect(readingLine(second.content)).toBe(`-# فهمت السؤال هكذا: ${FSI}بماذا وعد وانغ يي؟${PDI}`);

    const third = await say('وماذا حدث بعد ذلك؟', { channelId: first.id });
    expect(quotes(third.content)).toEqual(['14.1']);
  });

  it('"what happened next" quotes the sentence after the one shown, in English too', async () => {
    const first = await ask('ماذا أعلن شي وبوتين في فبراير من العام الماضي؟');
    expect(quotes(first.content)[0]).toBe('7.1');
    const next = await say('what happened next?', { channelId: first.id });
    expect(quotes(next.content)).toEqual(['8.1']);
    expect(next.content).toContain('What the article says next');
  });

  it('a question about the whole article is answered with a cited overview, in /ask and in a thread', async () => {
    const overview = await ask('ما موضوع المقال؟');
    expect(overview.content).toContain('عمّ يتحدث المقال');
    expect(overview.content).not.toContain('ليس في المقال');
    expect(quotes(overview.content).length).toBeGreaterThan(0);

    const inThread = await say('What is this article about?', { channelId: overview.id });
    expect(inThread.content).toContain('What the article is about');
    expect(quotes(inThread.content).length).toBeGreaterThan(0);
  });

  it('a mention replying to an answer continues its conversation', async () => {
    const asked = await h.server.sendMessage({ content: 'من هو وانغ يي؟', mentionBot: true });
    const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === asked.id, 8_000);
    expect(quotes(reply.content)[0]).toBe('12.1');
    await expect.poll(() => h.bot.store.conversationOfMessage(reply.id)).toBe(reply.id);

    const followUp = await say('بماذا وعد هو؟', { replyTo: reply.id, mentionBot: true });
    expect(readingLine(followUp.content)).toContain('وانغ يي');
    expect(quotes(followUp.content)[0]).toBe('13.1');
  });

  it('after a restart, a follow-up is read from the stored conversation', async () => {
    const first = await ask('ماذا أعلن شي وبوتين في فبراير من العام الماضي؟');
    const next = await say('وماذا حدث بعد ذلك؟', { channelId: first.id });
    expect(quotes(next.content)).toEqual(['8.1']);

    await h.restart();
    expect((await h.bot.store.conversationTurns(first.id)).map((t) => t.shown[0])).toEqual(['7.1', '8.1']);
    const after = await say('وبعدين؟', { channelId: first.id });
    expect(quotes(after.content)).toEqual(['9.1']);
  });
});
