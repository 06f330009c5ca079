// /verify and "Check quote in article" through the real discord.js client against the local Discord server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../src/text/article.ts';
import { ARTICLE_PATH, startHarness, type Harness } from './bot-harness.ts';

const article = loadArticle(ARTICLE_PATH);
const EPHEMERAL = 1 << 6;
const sentence = (id: string) => article.sentences.find((s) => s.id === id)!;

interface Reply {
  content: string;
  flags?: number;
  allowed_mentions?: { parse: string[] };
}

describe('checking a quote in Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function replyTo(interactionId: string): Promise<Reply> {
    const callback = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${interactionId}/`) && r.route.endsWith('/callback'), 5_000);
    return (callback.body as { data: Reply }).data;
  }

  async function verify(text: string, extra: { private?: boolean } = {}): Promise<Reply> {
    const options: { name: string; value: string | boolean }[] = [{ name: 'text', value: text }];
    if (extra.private !== undefined) options.push({ name: 'private', value: extra.private });
    const sent = await h.server.sendSlashCommand({ name: 'verify', options });
    return replyTo(sent.interactionId);
  }

  it('registers /verify with a required text option and a message command', () => {
    const commands = h.server.commands().guild;
    const verifyCommand = commands.find((c) => c.name === 'verify') as { options: { name: string; required?: boolean }[] } | undefined;
    expect(verifyCommand?.options.find((o) => o.name === 'text')?.required).toBe(true);
    expect(commands.find((c) => c.name === 'Check quote in article')).toMatchObject({ type: 3 });
  });

  it('/verify: an exact quote is shown as the article writes it, publicly, with its id and a way to read it in context', async () => {
    const reply = await verify(`«${sentence('9.1').text}»`);
    expect(reply.content).toContain('موجود في المقال حرفيا');
    expect(reply.content).toContain(`**[9.1]**\n> ${sentence('9.1').text}`);
    expect(reply.content).toContain('/source id:9.1');
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('/verify: an altered quote is close, with the change said in words and the article\'s own text', async () => {
    const reply = await verify(`لم ${sentence('5.2').text}`, { private: true });
    expect(reply.content).toContain('نفي مضاف');
    expect(reply.content).toContain(`> ${sentence('5.2').text}`);
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('/verify: text not in the article, English text and blank text each get their own answer, and nothing pings', async () => {
    expect((await verify('@everyone كرة القدم رياضة شعبية جدا في البرازيل')).content).toContain('ليس في المقال');
    expect((await verify('What did China refuse to condemn?')).content).toContain('I can only check Arabic quotes');
    const blank = await verify('   ');
    expect(blank.content).toContain('There is no text to check');
    expect((blank.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const all = h.server.requests.filter((r) => r.route.includes('/callback')).map((r) => JSON.stringify(r.body));
    expect(all.join('\n')).not.toMatch(/(?<!\u200b)@everyone/);
  });

  it('"Check quote in article" on someone\'s message answers privately about what that message says', async () => {
    const message = await h.server.sendMessage({ content: `> ${sentence('12.1').text.replace('وانغ', 'ماو')}\n<@${h.server.userId}> قال هذا` });
    const sent = await h.server.sendMessageCommand({ name: 'Check quote in article', messageId: message.id });
    const reply = await replyTo(sent.interactionId);
    expect(reply.content).toContain('قريب، لكنه ليس ما يقوله المقال');
    expect(reply.content).toContain('«وانغ»');
    expect(reply.content).toContain(`> ${sentence('12.1').text}`);
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });
});
