// Hostile web pages through the real bot (discord.js against the local Discord server): a page of 2,000
// nested divs added while other members ask, whose questions are still acknowledged within Discord's
// window (the local server refuses a late one, as Discord does) and answered; a binary page and one that
// trickles, each told plainly; and the cap on pages waiting for Add, per person.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../src/emulator/discord-server.ts';
import { PENDING_LIMITS } from '../src/discord/pending-pages.ts';
import { startHarness, type Harness } from './bot-harness.ts';

const PARAGRAPHS = [
  'أعلنت الهيئة العامة للأرصاد أن درجات الحرارة ستنخفض بشكل ملحوظ خلال الأيام الثلاثة المقبلة في معظم المناطق.',
  'وتوقعت الهيئة هطول أمطار رعدية على المرتفعات الغربية مع رياح نشطة قد تثير الغبار في المناطق المفتوحة.',
  'ونصحت السائقين بتوخي الحذر على الطرق السريعة وتجنب الوديان أثناء جريان السيول حفاظا على سلامتهم.',
];
const page = (depth: number, title: string) => `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>${title}</title></head><body>
${'<div>'.repeat(depth)}<article><h1>${title}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>${'</div>'.repeat(depth)}</body></html>`;

let web: Server;
let base = '';
let harness: Harness;

beforeAll(async () => {
  web = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/binary') return void response.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    if (path === '/trickle') {
      response.writeHead(200, { 'content-type': 'text/html' });
      const drip = setInterval(() => response.write(' '), 100);
      return void response.on('close', () => clearInterval(drip));
    }
    if (path === '/untitled') {
      const body = `<!doctype html><html lang="ar"><head><meta charset="utf-8"></head><body><article>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
      return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    }
    if (path === '/nested') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(2_000, 'طقس بارد'));
    // a different page at every address, so each preview is a page of its own
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(3, `طقس ${path.slice(1)}`));
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  // the pages are served on 127.0.0.1, as a self-hoster's own network would be
  harness = await startHarness({ env: { LIBRARY_ALLOW_PRIVATE_URLS: '1' } });
});

afterAll(async () => {
  await harness?.close();
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
});

function replyOf(interactionId: string, done: (content: string) => boolean): Promise<StoredMessage> {
  return harness.server.waitForMessage((m) => m.interaction?.id === interactionId && done(m.content), 60_000);
}

/** The status the local server gave the interaction's first callback (10062 "Unknown interaction" once too late). */
async function ackStatus(interactionId: string): Promise<number> {
  const ack = await harness.server.waitForRequest((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`), 60_000);
  return ack.status;
}

describe('a page without a title', () => {
  it('is previewed with a word that it has none and how to give it one', async () => {
    const added = await harness.server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/untitled` }] });
    const preview = await replyOf(added.interactionId, (c) => c.includes('Add this article'));
    expect(preview.content).toContain('No title was found on this page');
    expect(preview.content).toContain('title:');
    // cancelled, so the person's place among pages waiting for Add is free again
    await harness.server.sendButton({ customId: `article:cancel:${added.interactionId}`, messageId: preview.id });
    await harness.server.waitForMessage((m) => m.id === preview.id && m.content.startsWith('Cancelled'));
  });
});

describe('hostile web pages in Discord', () => {
  it('reads a page of 2,000 nested divs away from the bot: ten members asking meanwhile are acknowledged and answered', async () => {
    const { server } = harness;
    const added = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/nested` }] });
    const members = Array.from({ length: 10 }, (_, i) => server.addUser(`reader${i}`));
    const asked = await Promise.all(
      members.map((member) => server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }], userId: member.id })),
    );
    const statuses = await Promise.all(asked.map((ask) => ackStatus(ask.interactionId)));
    expect(statuses.every((status) => status < 300), `acks: ${statuses.join(', ')}`).toBe(true);
    const answers = await Promise.all(asked.map((ask) => replyOf(ask.interactionId, (c) => c.includes('\n> '))));
    expect(answers).toHaveLength(10);
    const refusal = await replyOf(added.interactionId, (c) => c !== '');
    expect(refusal.content).toMatch(/nests its elements more than \d+ deep/);
    expect(refusal.content).not.toContain('Something went wrong');
    expect((await harness.bot.context.shelf.library.store.list(harness.server.guildId)).map((e) => e.id)).toEqual(['A1']);
  });

  it('tells the person plainly when a page is binary or trickles past the time limit', { timeout: 90_000 }, async () => {
    const { server } = harness;
    const [binary, trickle] = await Promise.all(
      ['binary', 'trickle'].map((path) => server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/${path}` }] })),
    );
    expect((await replyOf(binary!.interactionId, (c) => c !== '')).content).toContain('not text: it holds binary data');
    expect((await replyOf(trickle!.interactionId, (c) => c !== '')).content).toContain('I could not get a web page from that address');
  });

  it(`keeps at most ${PENDING_LIMITS.perPerson} pages waiting for Add per person, saying so, and frees a place on Cancel`, async () => {
    const { server } = harness;
    const previews: StoredMessage[] = [];
    const ids: string[] = [];
    for (let i = 0; i < PENDING_LIMITS.perPerson; i++) {
      const { interactionId } = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/day${i}` }] });
      previews.push(await replyOf(interactionId, (c) => c.includes('Add this article')));
      ids.push(interactionId);
    }
    const over = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/one-more` }] });
    expect((await replyOf(over.interactionId, (c) => c !== '')).content).toContain(`You already have ${PENDING_LIMITS.perPerson} pages waiting for Add or Cancel`);
    // another person is not held up by this one's previews
    const other = server.addUser('editor');
    const theirs = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/theirs` }], userId: other.id });
    expect((await replyOf(theirs.interactionId, (c) => c !== '')).content).toContain('Add this article');
    await server.sendButton({ customId: `article:cancel:${ids[0]}`, messageId: previews[0]!.id });
    await replyOf(ids[0]!, (c) => c.startsWith('Cancelled'));
    const again = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'url', value: `${base}/again` }] });
    expect((await replyOf(again.interactionId, (c) => c !== '')).content).toContain('Add this article');
  });
});
