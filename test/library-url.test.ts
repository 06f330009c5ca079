// Adding an article from a web page, served here by a local HTTP server with news-like HTML: the article
// found and laid out one paragraph per line, its title, outlet and date; every way a page can fail, with
// the same message for every fetch that fails; and pages that are binary, trickle, nest without end,
// take too long to read or are too large, each refused with a message of its own.
// The test server is on 127.0.0.1, so its address, and no other, is allowed (see library-url-private.test.ts).
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFromUrl, MAX_PAGE_BYTES, type PageOptions } from '../src/library/from-url.ts';
import { MAX_NESTING } from '../src/library/page-extract.ts';
import { UNREACHABLE } from '../src/library/page-fetch.ts';
import { openLibrary } from '../src/library/library.ts';
import { verifyQuote } from '../src/verify/verify.ts';
import { articleFromText } from '../src/text/article.ts';

const PARAGRAPHS = [
  'أعلنت وزارة الزراعة يوم الأحد أن إنتاج القمح ارتفع بنسبة 12 في المئة هذا الموسم بعد أمطار غزيرة.',
  'وقال الوزير إن الحكومة ستشتري المحصول بسعر ثابت لحماية المزارعين من تقلبات السوق العالمية.',
  'ويتوقع خبراء أن تنخفض أسعار الخبز في الأشهر المقبلة إذا استمر الطقس المعتدل حتى الصيف.',
];

const NEWS = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ارتفاع إنتاج القمح | أخبار الحقل</title>
<meta property="og:site_name" content="أخبار الحقل">
<meta property="article:published_time" content="2026-11-30T08:00:00Z">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a> <a href="/weather">طقس</a></nav>
<article><h1>ارتفاع إنتاج القمح</h1>
${PARAGRAPHS.map((p) => `<p>${p.replace('12', '<b>12</b>')}</p>`).join('\n')}
<ul><li><p>${'مشاركة الخبر'}</p></li></ul>
</article>
<aside>اقرأ أيضا: <a href="/x">خبر آخر</a></aside>
<footer>جميع الحقوق محفوظة</footer></body></html>`;

/** An article inside `depth` nested divs: the shape that makes Readability's time grow steeply. */
const nested = (depth: number) => NEWS.replace('<article>', `${'<div>'.repeat(depth)}<article>`).replace('</article>', `</article>${'</div>'.repeat(depth)}`);
const unreachable = new RegExp(UNREACHABLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

let server: Server;
/** Paths whose whole answer was sent: the fetch is over, what follows is reading. */
const sent: string[] = [];
let base = '';
const dir = mkdtempSync(join(tmpdir(), 'library-url-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    response.on('finish', () => sent.push(path));
    if (path === '/news') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
    if (path === '/moved') return void response.writeHead(301, { location: '/news' }).end();
    if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (path === '/slow') return void setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(NEWS), 2_000);
    if (path === '/pdf') return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
    if (path === '/gzip') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(NEWS));
    if (path === '/binary') return void response.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    if (path === '/trickle') {
      // headers at once, then a byte now and then: the time limit covers reading the body too
      response.writeHead(200, { 'content-type': 'text/html' });
      const drip = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(drip));
      return;
    }
    // body, the divs, then article, ul, li and p: within the limit
    if (path === '/nested-within') return void response.writeHead(200, { 'content-type': 'text/html' }).end(nested(MAX_NESTING - 5));
    if (path === '/nested') return void response.writeHead(200, { 'content-type': 'text/html' }).end(nested(2_000));
    if (path === '/huge') return void response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<p>خبر</p>'.repeat(MAX_PAGE_BYTES / 8)}</body></html>`);
    if (path === '/empty') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav>الرئيسية</nav></body></html>');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** The test server's address allowed, and no other; any option beside. */
const local = (address: string, options: PageOptions = {}) => articleFromUrl(address, { allowAddresses: ['127.0.0.1'], ...options });

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('an article from a web page', () => {
  it('finds the article, one paragraph per line, with its title, outlet and date, after a redirect', async () => {
    const page = await local(`${base}/moved`);
    expect(page).toMatchObject({ url: `${base}/news`, outlet: 'أخبار الحقل', published: '2026-11-30T08:00:00Z' });
    // the headline, not the page title with the site's name, and said once
    expect(page.title).toBe('ارتفاع إنتاج القمح');
    const lines = page.text.trimEnd().split('\n');
    expect(lines.filter((line) => line === page.title)).toEqual([page.title]);
    expect(lines[0]).toBe(page.title);
    for (const paragraph of PARAGRAPHS) expect(lines).toContain(paragraph);
    expect(page.text).not.toMatch(/الرئيسية|جميع الحقوق|اقرأ أيضا/);
  });

  it('is stored byte for byte, so what is quoted later is exactly what was added', async () => {
    const page = await local(`${base}/news`);
    const library = await openLibrary({ dataDir: join(dir, 'data'), seedArticlePath: 'articles/xi-putin-visit.ar.txt' });
    const books = await library.guild('');
    const { entry } = await books.addText(page.text, { title: page.title, outlet: page.outlet, published: page.published, url: page.url });
    expect(entry).toMatchObject({ id: 'A2', outlet: 'أخبار الحقل', url: `${base}/news` });
    const { article } = await books.article('A2');
    expect(article.text).toBe(page.text);
    expect(verifyQuote(article, PARAGRAPHS[1]!).verdict).toBe('exact');
    await library.close();
    expect(articleFromText(page.text).sentences.length).toBeGreaterThanOrEqual(PARAGRAPHS.length);
  });

  it('says the same for endless redirects, a page that does not answer in time or answers 404, and nothing listening', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failures = [local(`${base}/loop`), local(`${base}/slow`, { timeoutMs: 300 }), local(`${base}/missing`), local(`http://127.0.0.1:${closedPort}/news`)];
    const messages = await Promise.all(failures.map((failure) => failure.then(() => 'fetched', (error: Error) => error.message)));
    expect(messages).toEqual(messages.map(() => UNREACHABLE));
  });

  it('refuses what is not a web page, a page with no article, a page over the size limit and bad addresses, saying which', async () => {
    await expect(local(`${base}/pdf`)).rejects.toThrow(/not a web page/);
    await expect(local(`${base}/empty`)).rejects.toThrow(/No article was found/);
    await expect(local(`${base}/news`, { maxBytes: 100 })).rejects.toThrow(/over 100 bytes/);
    await expect(local('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
    await expect(local('not a url')).rejects.toThrow(/not a web address/);
  });

  it('reads a page sent compressed', async () => {
    expect((await local(`${base}/gzip`)).text).toBe((await local(`${base}/news`)).text);
  });
});

describe('pages that could hurt the bot', () => {
  it('refuses a binary page that calls itself HTML with a message saying so', async () => {
    await expect(local(`${base}/binary`)).rejects.toThrow(/not text: it holds binary data/);
  });

  it('ends a page that trickles its body within the time limit, with the fetch message', async () => {
    await expect(local(`${base}/trickle`, { timeoutMs: 500 })).rejects.toThrow(unreachable);
  });

  it(`refuses a page nested more than ${MAX_NESTING} deep before reading it, and reads one just within`, async () => {
    await expect(local(`${base}/nested`)).rejects.toThrow(new RegExp(`nests its elements more than ${MAX_NESTING} deep`));
    expect((await local(`${base}/nested-within`)).title).toBe('ارتفاع إنتاج القمح');
  });

  it('stops reading a page at the deadline, parsing included, and the next page is read as usual', { timeout: 60_000 }, async () => {
    // Without the nesting limit, 2,000 nested divs take Readability most of a minute (bench:pages): the page
    // is sent at once, so the deadline ends the worker while it parses (15 s leaves room to start one).
    sent.length = 0;
    await expect(local(`${base}/nested`, { maxNesting: 1_000_000, deadlineMs: 15_000 })).rejects.toThrow(/took more than 15 s to fetch and read/);
    expect(sent).toEqual(['/nested']);
    expect((await local(`${base}/news`)).title).toBe('ارتفاع إنتاج القمح');
  });

  it(`refuses a page over ${MAX_PAGE_BYTES.toLocaleString('en')} bytes without reading it all`, async () => {
    await expect(local(`${base}/huge`)).rejects.toThrow(new RegExp(`over ${MAX_PAGE_BYTES.toLocaleString('en')} bytes`));
  });
});
