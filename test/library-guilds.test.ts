// Two servers on one bot, through the real discord.js client against the local Discord server: each has a
// library of its own. The other server's admin can neither see, use, suggest nor remove the first's articles,
// the article they paste never answers the first server, and removing the seed there leaves it here. And the
// Cancel button of a page waiting to be added answers only to whoever started the add, or a manager.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/discord/bot.ts';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../src/emulator/discord-server.ts';
import { botConfig, eventually, memoryIndex, memoryLogger } from './bot-harness.ts';

const EPHEMERAL = 1 << 6;
const EGYPT = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.\nوقالت وزارة التموين إن المخزون يكفي ستة أشهر.\n';
// the other server's article: the same question's words, another figure
const RUMOUR = 'بيان القمح\nارتفعت أسعار القمح في مصر بنسبة 95 في المئة هذا الشهر كما يقول البيان.\nوقال البيان إن المخزون نفد تماما.\n';
const PAGE = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>فوز المنتخب</title></head><body><article><h1>فوز المنتخب</h1>
<p>فاز المنتخب الوطني على ضيفه بثلاثة أهداف نظيفة في المباراة الودية التي أقيمت مساء أمس في العاصمة.</p>
<p>وسجل المهاجم الشاب هدفين في الشوط الأول قبل أن يضيف المدافع الهدف الثالث من ركلة ركنية.</p>
<p>وقال المدرب بعد المباراة إن الفريق جاهز للتصفيات المقبلة رغم غياب عدد من اللاعبين المصابين.</p></article></body></html>`;

let web: Server;
let pageUrl = '';
let server: DiscordServer;
let bot: RunningBot;
let other: { guildId: string; channelId: string };
let mallory = '';
const dataDir = mkdtempSync(join(tmpdir(), 'library-guilds-'));
const { log } = memoryLogger();

beforeAll(async () => {
  web = createServer((request, response) => {
    if (request.url?.startsWith('/match')) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/match`;
  server = await startDiscordServer({ port: 0 });
  // the page is on this machine: a self-hoster's setting lets the bot fetch it
  bot = await startBot(botConfig(server, dataDir, { LIBRARY_ALLOW_PRIVATE_URLS: '1' }), { openIndex: memoryIndex, log });
  await server.waitForBot();
  other = server.addGuild('another server');
  mallory = server.addUser('mallory').id; // all permissions: the other server's admin
  await eventually(() => (bot.client.channels.cache.has(other.channelId) ? true : undefined));
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

function replyOf(interactionId: string, done: (content: string) => boolean = () => true): Promise<StoredMessage> {
  return server.waitForMessage((m) => m.interaction?.id === interactionId && m.content !== '' && !m.content.includes('⏳') && done(m.content), 10_000);
}

type Option = { name: string; value?: string; attachment?: { filename: string; content: string } };
async function command(name: string, options: Option[] = [], extra: { subcommand?: string; userId?: string; channelId?: string } = {}) {
  return (await server.sendSlashCommand({ name, options: options as never, ...extra })).interactionId;
}
/** As the other server's admin, in its channel. */
const there = (extra: { subcommand?: string } = {}) => ({ userId: mallory, channelId: other.channelId, ...extra });
const ids = async (guildId: string) => (await bot.context.shelf.library.store.list(guildId)).map((e) => e.id);

describe('two servers on one bot', () => {
  it("gives each server the seed as its first article, and adds an article to this server's library only", async () => {
    const added = await replyOf(await command('article', [{ name: 'file', attachment: { filename: 'egypt.txt', content: EGYPT } }], { subcommand: 'add' }), (c) => c.includes('Ready'));
    expect(added.content).toMatch(/Added: 📰 .القمح في مصر.* · A2/);
    const list = await replyOf(await command('article', [], there({ subcommand: 'list' })));
    expect(list.content).toMatch(/1 article\b/);
    expect(list.content).toMatch(/▶ 📰 .* · A1/);
    expect(list.content).not.toContain('القمح في مصر');
    expect(await ids(server.guildId)).toEqual(['A1', 'A2']);
    expect(await ids(other.guildId)).toEqual(['A1']);
  });

  it("does not suggest, use, ask or remove this server's article from the other server", async () => {
    const suggested = await server.sendAutocomplete({ name: 'ask', focused: 'article', options: [{ name: 'question', value: 'x' }, { name: 'article', value: '' }], ...there() });
    expect(suggested.choices.map((c) => c.value)).toEqual(['all', 'A1']);
    const use = await replyOf(await command('article', [{ name: 'article', value: 'A2' }], there({ subcommand: 'use' })));
    expect(use.content).toContain('There is no article "A2"');
    expect(use.flags & EPHEMERAL).toBe(EPHEMERAL);
    const asked = await replyOf(await command('ask', [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }, { name: 'article', value: 'A2' }], there()));
    expect(asked.content).toContain('no article "A2"');
    expect(asked.content).not.toContain('12');
    const remove = await replyOf(await command('article', [{ name: 'article', value: 'A2' }], there({ subcommand: 'remove' })));
    expect(remove.content).toContain('There is no article "A2"');
    expect(remove.components).toEqual([]);
    expect(await ids(server.guildId)).toEqual(['A1', 'A2']);
    expect(await bot.context.shelf.library.store.binding({ guildId: other.guildId, channelId: other.channelId })).toBeUndefined();
  });

  it("never answers this server from the article the other server's admin pasted", async () => {
    const opened = await command('article', [], there({ subcommand: 'add' }));
    await server.waitForModal(opened);
    const submitted = await server.submitModal({ customId: 'article:paste', values: { text: RUMOUR, title: '', outlet: '', date: '' }, userId: mallory });
    const added = await replyOf(submitted.interactionId, (c) => c.includes('Ready'));
    expect(added.content).toMatch(/ · A2\b/); // A2 of the other server: ids are each server's own
    await replyOf(await command('article', [{ name: 'article', value: 'A2' }, { name: 'for', value: 'server' }], there({ subcommand: 'use' })));

    const question = [{ name: 'question', value: 'بكم ارتفعت أسعار القمح في مصر؟' }];
    const all = await replyOf(await command('ask', [...question, { name: 'article', value: 'all' }]), (c) => c.includes('>'));
    const byId = await replyOf(await command('ask', [...question, { name: 'article', value: 'A2' }]), (c) => c.includes('>'));
    const plain = await replyOf(await command('ask', question));
    for (const reply of [all, byId, plain]) {
      expect(reply.content).not.toContain('95');
      expect(reply.content).not.toContain('البيان');
    }
    expect(byId.content).toContain('12 في المئة');
    // and the other server is answered from its own
    const theirs = await replyOf(await command('ask', question, there()), (c) => c.includes('>'));
    expect(theirs.content).toContain('95 في المئة');
  });

  it('removes the seed from the other server only', async () => {
    const confirm = await replyOf(await command('article', [{ name: 'article', value: 'A1' }], there({ subcommand: 'remove' })));
    await server.sendButton({ customId: 'article:remove:A1', messageId: confirm.id, userId: mallory });
    await server.waitForMessage((m) => m.id === confirm.id && m.content.startsWith('Removed'));
    expect(await ids(other.guildId)).toEqual(['A2']);
    expect(await ids(server.guildId)).toEqual(['A1', 'A2']);
    const here = await replyOf(await command('ask', [{ name: 'question', value: 'متى سيزور شي روسيا؟' }]), (c) => c.includes('>'));
    expect(here.content.split('\n').find((l) => l.startsWith('-# 📰'))).toMatch(/ · A1/);
    const list = await replyOf(await command('article', [], { subcommand: 'list' }));
    expect(list.content).toMatch(/2 articles/);
  });
});

describe('the Cancel button of a page waiting to be added', () => {
  it('is refused to a member who neither started the add nor may change the library, and the page can still be added', async () => {
    const id = await command('article', [{ name: 'url', value: pageUrl }], { subcommand: 'add' });
    const preview = await replyOf(id, (c) => c.includes('Add this article'));
    const reader = server.addUser('reader', { permissions: PermissionFlagsBits.SendMessages }).id;
    const pressed = await server.sendButton({ customId: `article:cancel:${id}`, messageId: preview.id, userId: reader });
    const refused = await replyOf(pressed.interactionId);
    expect(refused.content).toContain('Only people with Manage Server');
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await server.waitForMessage((m) => m.id === preview.id)).content).toContain('Add this article');
    await server.sendButton({ customId: `article:add:${id}`, messageId: preview.id });
    const added = await replyOf(id, (c) => c.includes('Ready'));
    expect(added.content).toContain('فوز المنتخب');
  });

  it('cancels for whoever started the add', async () => {
    const id = await command('article', [{ name: 'url', value: `${pageUrl}?again` }], { subcommand: 'add' });
    const preview = await replyOf(id, (c) => c.includes('Add this article'));
    await server.sendButton({ customId: `article:cancel:${id}`, messageId: preview.id });
    await server.waitForMessage((m) => m.id === preview.id && m.content.startsWith('Cancelled'));
  });
});

