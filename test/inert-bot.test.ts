// A hostile article through the real discord.js client against the local Discord server: pasted with a
// masked phishing link, @everyone, a user mention, a heading, bold text and invisible controls. Text with
// NUL is refused; otherwise the controls are removed and named in the reply, and every public answer,
// sources thread and suggestion shows the article's characters inert: no live link, no ping, no markup.
// Error replies that repeat what was typed (links, bidi, broken characters) are inert too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/discord/bot.ts';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../src/emulator/discord-server.ts';
import { escapeInert, renderedText } from '../src/discord/inert.ts';
import { articleFromText } from '../src/text/article.ts';
import { strings } from '../src/strings.ts';
import { botConfig, eventually, memoryIndex, memoryLogger } from './bot-harness.ts';
import { liveMarkup } from './support/live-markup.ts';

const EPHEMERAL = 1 << 6;
const LINES = [
  '# [تحديث عاجل](https://evil.example/login) زيارة الوزير إلى القاهرة @everyone',
  'وقال المتحدث باسم الوزارة <@123456789012345678> إن **الزيارة** ناجحة\u202E جدا، ودعا @here إلى متابعة discord.gg/evil للتفاصيل.',
  '- وأضاف المتحدث أن الوزير\u001B[2J سيلتقي نظيره في العاصمة https://evil.example/x غدا.',
];
const HOSTILE = `${LINES.join('\n')}\n`;
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066\u2067]|[\uD800-\uDFFF]/u;

let server: DiscordServer;
let bot: RunningBot;
const dataDir = mkdtempSync(join(tmpdir(), 'inert-bot-'));
const { log } = memoryLogger();

beforeAll(async () => {
  server = await startDiscordServer({ port: 0 });
  bot = await startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log });
  await server.waitForBot();
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function replyOf(interactionId: string, done: (content: string) => boolean = () => true): Promise<StoredMessage> {
  return server.waitForMessage((m) => m.interaction?.id === interactionId && m.content !== '' && !m.content.includes('⏳') && done(m.content), 10_000);
}

async function paste(text: string, title = ''): Promise<StoredMessage> {
  const sent = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [] });
  await server.waitForModal(sent.interactionId);
  const submitted = await server.submitModal({ customId: 'article:paste', values: { text, title, outlet: '', date: '' } });
  return replyOf(submitted.interactionId, (c) => c.includes('Ready') || !c.startsWith('Added'));
}

/** Each quote in a message ("[1.1]" then its block quote) as shown, with the sentence it names. */
function shownQuotes(content: string): { id: string; line: string }[] {
  return [...content.matchAll(/\[(\d+\.\d+)\](?:\*\*)?[^\n]*\n> ([^\n]*)/gu)].map((m) => ({ id: m[1]!, line: m[2]! }));
}

function expectInertQuotes(message: StoredMessage, stored: string): number {
  const article = articleFromText(stored);
  const quotes = shownQuotes(message.content);
  for (const { id, line } of quotes) {
    const sentence = article.sentences.find((s) => s.id === id)!;
    // what a Discord client shows is the article's own characters, byte for byte
    expect(renderedText(line)).toBe(stored.slice(sentence.start, sentence.end));
    expect(liveMarkup(line), line).toEqual([]);
  }
  expect(message.pings).toEqual([]);
  expect(message.allowedMentions?.parse).toEqual([]);
  expect(message.content).not.toMatch(RAW_CONTROL);
  return quotes.length;
}

describe('a hostile article', () => {
  it('pasted with NUL is refused with the reason, adding nothing', async () => {
    const reply = await paste(HOSTILE.replace('جدا،', 'جدا\u0000،'));
    expect(reply.content).toContain('The pasted text contains NUL characters');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await bot.context.shelf.library.store.list(server.guildId)).map((e) => e.id)).toEqual(['A1']);
  });

  it('of emoji only is refused with the reason, adding nothing', async () => {
    const reply = await paste('😀🎉👍\n🔥🔥🔥\n');
    expect(reply.content).toContain('has no words');
    expect((await bot.context.shelf.library.store.list(server.guildId)).map((e) => e.id)).toEqual(['A1']);
  });

  let stored = '';

  it('is added without its invisible controls, and the reply names what was removed', async () => {
    const reply = await paste(HOSTILE, 'عنوان\u202E [مزيف](https://evil.example)');
    expect(reply.content).toMatch(/Removed 3 invisible control characters \(U\+202E right-to-left override ×2, U\+001B ESC, a terminal escape ×1\)/u);
    expect(reply.content).toContain('A2');
    stored = (await bot.context.shelf.library.store.text(server.guildId, 'A2'))!;
    expect(stored).toBe(HOSTILE.replace('\u202E', '').replace('\u001B', ''));
    // the title the person gave shows as written, inert
    const title = /📰 \u2068(.*?)\u2069 · /u.exec(reply.content)![1]!.replace(/[\u2068\u2069]/gu, '');
    expect(renderedText(title)).toBe('عنوان [مزيف](https://evil.example)');
    expect(liveMarkup(title)).toEqual([]);
    expect(reply.pings).toEqual([]);
  });

  it('answers in public with quotes a reader sees as written, with no live link, ping or markup; the sources thread too', async () => {
    const channel = server.addChannel('news');
    await replyOf((await server.sendSlashCommand({ name: 'article', subcommand: 'use', options: [{ name: 'article', value: 'A2' }], channelId: channel })).interactionId);
    const asked = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'ماذا قال المتحدث عن الزيارة والوزير؟' }], channelId: channel });
    const answer = await replyOf(asked.interactionId, (c) => c.includes('> '));
    expect(answer.flags & EPHEMERAL).toBe(0);
    expect(expectInertQuotes(answer, stored)).toBeGreaterThan(0);

    const thread = await eventually(() => server.threads().find((t) => t.id === answer.id));
    const context = await eventually(() => {
      const posted = server.messagesIn(thread.id).filter((m) => m.authorId === server.botUserId && m.content.includes('> '));
      return posted.length > 0 ? posted : undefined;
    }, 10_000);
    let quotes = 0;
    for (const message of context) quotes += expectInertQuotes(message, stored);
    // the sentence before or after a quote is there too: the headline's masked link is shown, inert
    expect(quotes).toBeGreaterThan(1);
    expect(context.some((m) => m.content.includes('\\[تحديث عاجل\\](https\\://evil.example/login)'))).toBe(true);
  });

  it('"Check quote in article" on a message quoting the bot\'s escaped text finds the article\'s exact words', async () => {
    const channel = server.addChannel('checks');
    await replyOf((await server.sendSlashCommand({ name: 'article', subcommand: 'use', options: [{ name: 'article', value: 'A2' }], channelId: channel })).interactionId);
    const second = articleFromText(stored).sentences.find((s) => s.id === '2.1')!;
    // the quote line as the bot posts it, quoted back by a person
    const message = await server.sendMessage({ channelId: channel, content: `> ${escapeInert(second.text)}` });
    const sent = await server.sendMessageCommand({ name: 'Check quote in article', messageId: message.id });
    const reply = await replyOf(sent.interactionId);
    expect(reply.content).toContain(strings('ar').exact);
    // the text checked is what the reader saw: shown back without the escapes' backslashes
    const checked = reply.content.split('\n').find((line) => line.startsWith(`**${strings('ar').checked}:**`))!;
    expect(renderedText(checked)).not.toContain('\\');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('is suggested as the article option is typed without its controls', async () => {
    const result = await server.sendAutocomplete({ name: 'ask', focused: 'article', options: [{ name: 'question', value: 'x' }, { name: 'article', value: 'A2' }] });
    expect(result.choices.map((c) => c.name)).toEqual(['A2 · \u2068عنوان [مزيف](https://evil.example)\u2069']);
    for (const choice of result.choices) expect(choice.name).not.toMatch(RAW_CONTROL);
  });
});

describe('error replies', () => {
  it('repeat what was typed inert: no live link, no bidi override, no broken character', async () => {
    for (const typed of ['https://evil.example', '\u202Eevil\u202C A2', 'x\uD800y', '<@123456789012>']) {
      const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى؟' }, { name: 'article', value: typed }] });
      const reply = await replyOf(sent.interactionId);
      expect(reply.content, JSON.stringify(typed)).toContain('There is no article');
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.content).not.toMatch(RAW_CONTROL);
      expect(reply.content).not.toMatch(/https?:\/\/|<@\d/u);
      expect(reply.pings).toEqual([]);
    }
  });
});
