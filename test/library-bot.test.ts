// The library in Discord, through the real discord.js client against the local Discord server: adding
// by attachment, by the paste form and by URL (a local news page), who may change it, two channels
// bound to two articles answering differently, `all` citing two articles, removal, and a restart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/discord/bot.ts';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../src/emulator/discord-server.ts';
import { articleFromText, loadArticle } from '../src/text/article.ts';
import { strings } from '../src/strings.ts';
import { ARTICLE_PATH, botConfig, eventually, memoryIndex, memoryLogger } from './bot-harness.ts';

const EPHEMERAL = 1 << 6;
const EGYPT = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.\nوقالت وزارة التموين إن المخزون يكفي ستة أشهر.\n';
const MOROCCO = 'القمح في المغرب\nارتفعت أسعار القمح في المغرب بنسبة 9 في المئة بعد تراجع الأمطار هذا الموسم.\nويستورد المغرب نصف حاجته من الخارج.\n';
const PAGE_PARAGRAPHS = [
  'فاز المنتخب الوطني على ضيفه بثلاثة أهداف نظيفة في المباراة الودية التي أقيمت مساء أمس في العاصمة.',
  'وسجل المهاجم الشاب هدفين في الشوط الأول قبل أن يضيف المدافع الهدف الثالث من ركلة ركنية.',
  'وقال المدرب بعد المباراة إن الفريق جاهز للتصفيات المقبلة رغم غياب عدد من اللاعبين المصابين.',
];
const NEWS = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>فوز المنتخب | أخبار الملاعب</title><meta property="og:site_name" content="أخبار الملاعب">
<meta property="article:published_time" content="2026-11-29">
</head><body><nav><a href="/">الرئيسية</a></nav><article><h1>فوز المنتخب</h1>
${PAGE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article><footer>جميع الحقوق محفوظة</footer></body></html>`;

let web: Server;
let pageUrl = '';
let server: DiscordServer;
let bot: RunningBot;
let roleId = '';
const dataDir = mkdtempSync(join(tmpdir(), 'library-bot-'));
const { log } = memoryLogger();

const start = () => startBot(botConfig(server, dataDir, { LIBRARY_ROLE_ID: roleId, LIBRARY_ALLOW_PRIVATE_URLS: '1' }), { openIndex: memoryIndex, log });

beforeAll(async () => {
  web = createServer((request, response) => {
    if (request.url === '/match') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/match`;
  server = await startDiscordServer({ port: 0 });
  roleId = server.addRole('librarians');
  bot = await start();
  await server.waitForBot();
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** The reply to an interaction once it says what `done` looks for (a deferred reply is edited in place). */
function replyOf(interactionId: string, done: (content: string) => boolean = () => true): Promise<StoredMessage> {
  return server.waitForMessage((m) => m.interaction?.id === interactionId && m.content !== '' && !m.content.includes('⏳') && done(m.content), 10_000);
}

async function command(name: string, options: { name: string; value?: string | boolean; attachment?: { filename: string; content: Buffer | string } }[] = [], extra: { subcommand?: string; userId?: string; channelId?: string } = {}) {
  const sent = await server.sendSlashCommand({ name, options: options as never, ...extra });
  return sent.interactionId;
}

/** Every quote in a message ("[A2 1.1]" or "[1.1]" then a block quote) must be its article's exact text. */
function expectExactQuotes(content: string, articles: Record<string, string>, single?: string): string[] {
  const quotes = [...content.matchAll(/\[(?:(A\d+) )?(\d+\.\d+)\](?:\*\*)?[^\n]*\n> ([^\n]*)/g)];
  for (const [, articleId, sentenceId, text] of quotes) {
    const source = articleFromText(articles[articleId ?? single!]!);
    const sentence = source.sentences.find((s) => s.id === sentenceId)!;
    expect(text).toBe(source.text.slice(sentence.start, sentence.end));
  }
  return quotes.map((q) => (q[1] ? `${q[1]} ${q[2]}` : q[2]!));
}

const seed = loadArticle(ARTICLE_PATH).text;
const texts: Record<string, string> = { A1: seed };

describe('the article library in Discord', () => {
  it('lists the seed article as the first one, the one every channel asks', async () => {
    const reply = await replyOf(await command('article', [], { subcommand: 'list' }));
    expect(reply.content).toMatch(/1 article/);
    expect(reply.content).toMatch(/▶ 📰 .* · A1/);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('refuses a member without Manage Server privately, and adds nothing', async () => {
    const member = server.addUser('reader', { permissions: PermissionFlagsBits.SendMessages });
    const id = await command('article', [{ name: 'url', value: pageUrl }], { subcommand: 'add', userId: member.id });
    const reply = await replyOf(id);
    expect(reply.content).toContain('Only people with Manage Server or the library role');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await bot.context.shelf.library.store.list(server.guildId)).map((e) => e.id)).toEqual(['A1']);
  });

  it('adds a text file attachment, stored byte for byte, and says when it is indexed', async () => {
    const id = await command('article', [{ name: 'file', attachment: { filename: 'egypt.txt', content: EGYPT } }, { name: 'outlet', value: 'وكالة الأنباء' }], { subcommand: 'add' });
    const reply = await replyOf(id, (c) => c.includes('Ready'));
    expect(reply.content).toMatch(/Added: 📰 .القمح في مصر. · .*وكالة الأنباء.* · A2/);
    expect(reply.content).toContain('3 paragraphs');
    expect(await bot.context.shelf.library.store.text(server.guildId, 'A2')).toBe(EGYPT);
    texts.A2 = EGYPT;
  });

  it('refuses an attachment that is not UTF-8 text, adding nothing', async () => {
    const id = await command('article', [{ name: 'file', attachment: { filename: 'old.txt', content: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]) } }], { subcommand: 'add' });
    const reply = await replyOf(id);
    expect(reply.content).toContain('is not valid UTF-8 text');
    expect((await bot.context.shelf.library.store.list(server.guildId)).length).toBe(2);
  });

  it('refuses a saved web page attached as the article, saying how to add it, adding nothing', async () => {
    const html = '<!DOCTYPE html><html><head><title>خبر</title></head><body><p>ارتفعت أسعار القمح في مصر.</p></body></html>';
    const id = await command('article', [{ name: 'file', attachment: { filename: 'page.html', content: Buffer.from(html) } }], { subcommand: 'add' });
    const reply = await replyOf(id);
    expect(reply.content).toContain("web page's HTML");
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await bot.context.shelf.library.store.list(server.guildId)).length).toBe(2);
  });

  it('refuses a page that cannot be had, with the message every failed fetch gets, adding nothing', async () => {
    const reply = await replyOf(await command('article', [{ name: 'url', value: `${pageUrl}-gone` }], { subcommand: 'add' }));
    expect(reply.content).toContain('I could not get a web page from that address');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await bot.context.shelf.library.store.list(server.guildId)).length).toBe(2);
  });

  it('adds text pasted into the form, for a member with the library role', async () => {
    const librarian = server.addUser('librarian', { permissions: PermissionFlagsBits.SendMessages, roles: [roleId] });
    const id = await command('article', [], { subcommand: 'add', userId: librarian.id });
    const modal = await server.waitForModal(id);
    expect(modal.custom_id).toBe('article:paste');
    const submitted = await server.submitModal({ customId: 'article:paste', values: { text: MOROCCO, title: '', outlet: 'هسبريس', date: '2026-12-01' }, userId: librarian.id });
    const reply = await replyOf(submitted.interactionId, (c) => c.includes('Ready'));
    expect(reply.content).toMatch(/A3/);
    expect(await bot.context.shelf.library.store.text(server.guildId, 'A3')).toBe(MOROCCO);
    texts.A3 = MOROCCO;
  });

  it('shows a web page before adding it, then adds it with its title, outlet, date and link', async () => {
    const id = await command('article', [{ name: 'url', value: pageUrl }], { subcommand: 'add' });
    const preview = await replyOf(id, (c) => c.includes('Add this article'));
    expect(preview.content).toContain('فوز المنتخب');
    expect(preview.content).toContain('أخبار الملاعب');
    expect((await bot.context.shelf.library.store.list(server.guildId)).length).toBe(3); // nothing stored yet
    await server.sendButton({ customId: `article:add:${id}`, messageId: preview.id });
    const added = await replyOf(id, (c) => c.includes('Ready'));
    // its address as a short host name, never a link nor a literal <…>
    expect(added.content).toContain(` · ${new URL(pageUrl).hostname}`);
    expect(added.content).not.toContain('<http');
    texts.A4 = (await bot.context.shelf.library.store.text(server.guildId, 'A4'))!;
    expect(texts.A4).toContain(PAGE_PARAGRAPHS[1]);
  });

  it('answers in two channels bound to two articles, the answer first and its article named after it', async () => {
    const egyptChannel = server.addChannel('egypt');
    await replyOf(await command('article', [{ name: 'article', value: 'A2' }], { subcommand: 'use', channelId: egyptChannel }));
    const question = [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }];
    const inEgypt = await replyOf(await command('ask', question, { channelId: egyptChannel }), (c) => c.includes('>'));
    const egyptLines = inEgypt.content.split('\n');
    expect(egyptLines[0]).toMatch(/^\*\*السؤال:\*\*/);
    expect(egyptLines.find((l) => l.startsWith('-# 📰'))).toMatch(/القمح في مصر.* · A2/);
    expect(egyptLines.findIndex((l) => l.startsWith('-# 📰'))).toBeGreaterThan(egyptLines.findIndex((l) => l.startsWith('> ')));
    expect(expectExactQuotes(inEgypt.content, texts, 'A2').length).toBeGreaterThan(0);
    const inGeneral = await replyOf(await command('ask', [{ name: 'question', value: 'متى سيزور شي روسيا؟' }]), (c) => c.includes('>'));
    expect(inGeneral.content.split('\n').find((l) => l.startsWith('-# 📰'))).toMatch(/ · A1/);
    expect(expectExactQuotes(inGeneral.content, texts, 'A1').length).toBeGreaterThan(0);
  });

  it('asks the whole library with article:all, citing two articles as [A2 …] and [A3 …]', async () => {
    const id = await command('ask', [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }, { name: 'article', value: 'all' }]);
    const reply = await replyOf(id, (c) => c.includes('>'));
    const cited = expectExactQuotes(reply.content, texts);
    expect(new Set(cited.map((c) => c.split(' ')[0]))).toEqual(new Set(['A2', 'A3']));
    // the /source id of another article
    const source = await replyOf(await command('source', [{ name: 'id', value: cited[0]! }]));
    expect(source.content).toContain('◀');
    expect(expectExactQuotes(source.content, texts, cited[0]!.split(' ')[0]).length).toBeGreaterThan(0);
  });

  it('suggests articles, and all, as the article option is typed', async () => {
    const result = await server.sendAutocomplete({ name: 'ask', focused: 'article', options: [{ name: 'question', value: 'x' }, { name: 'article', value: '' }] });
    expect(result.choices.map((c) => c.value)).toEqual(['all', 'A1', 'A2', 'A3', 'A4']);
    // "A2 · ⁨title…⁩": the name isolated with its ellipsis inside, so brackets and "…" keep their ends in the list
    for (const choice of result.choices.slice(1)) {
      expect(choice.name).toMatch(/^A\d+ · \u2068[^\u2068\u2069]+\u2069$/u);
      expect(Array.from(choice.name).length).toBeLessThanOrEqual(100);
    }
  });

  it('removes an article after a confirmation: never quoted again, and its old thread says so', async () => {
    // a thread about A2 first
    const egyptChannel = server.addChannel('egypt-2');
    await replyOf(await command('article', [{ name: 'article', value: 'A2' }], { subcommand: 'use', channelId: egyptChannel }));
    const asked = await replyOf(await command('ask', [{ name: 'question', value: 'ماذا قالت وزارة التموين؟' }], { channelId: egyptChannel }), (c) => c.includes('>'));
    const thread = await eventually(() => server.threads().find((t) => t.id === asked.id));

    const confirm = await replyOf(await command('article', [{ name: 'article', value: 'A2' }], { subcommand: 'remove' }));
    expect(confirm.content).toContain('Remove');
    expect((await bot.context.shelf.library.store.list(server.guildId)).map((e) => e.id)).toContain('A2'); // not yet
    await server.sendButton({ customId: 'article:remove:A2', messageId: confirm.id });
    await server.waitForMessage((m) => m.id === confirm.id && m.content.startsWith('Removed'));
    expect((await bot.context.shelf.library.store.list(server.guildId)).map((e) => e.id)).not.toContain('A2');

    await server.sendMessage({ channelId: thread.id, content: "وكم يكفي المخزون؟" });
    const told = await server.waitForMessage((m) => m.channelId === thread.id && m.authorId === server.botUserId && m.content === strings('ar').articleRemovedHere);
    expect(told.content).not.toContain('>');
    // the channel that was bound to it asks the library's first article again
    const after = await replyOf(await command('ask', [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }], { channelId: egyptChannel }));
    expect(after.content).not.toMatch(/ · A2/);
    const all = await replyOf(await command('ask', [{ name: 'question', value: 'بكم ارتفعت أسعار القمح في مصر؟' }, { name: 'article', value: 'all' }]));
    expect(all.content).not.toContain('[A2 ');
  });

  it('remembers the library and the channels\' articles after a restart', async () => {
    const channel = server.addChannel('morocco');
    await replyOf(await command('article', [{ name: 'article', value: 'A3' }], { subcommand: 'use', channelId: channel }));
    await bot.stop();
    bot = await start();
    await server.waitForBot();
    const list = await replyOf(await command('article', [], { subcommand: 'list', channelId: channel }));
    expect(list.content).toMatch(/3 articles/);
    expect(list.content).toMatch(/▶ 📰 .القمح في المغرب/);
    const reply = await replyOf(await command('ask', [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }], { channelId: channel }), (c) => c.includes('>'));
    expect(reply.content.split('\n').find((l) => l.startsWith('-# 📰'))).toMatch(/ · A3/);
    expect(expectExactQuotes(reply.content, texts, 'A3').length).toBeGreaterThan(0);
  });
});
