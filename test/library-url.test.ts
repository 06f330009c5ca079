// Adding an article from a web page, served here by a local HTTP server with news-like HTML: the article
// found and laid out one paragraph per line, its title, outlet and date; and every way a page can fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFromUrl } from '../src/library/from-url.ts';
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

let server: Server;
let base = '';
const dir = mkdtempSync(join(tmpdir(), 'library-url-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/news') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
    if (path === '/moved') return void response.writeHead(301, { location: '/news' }).end();
    if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (path === '/slow') return void setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(NEWS), 2_000);
    if (path === '/pdf') return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
    if (path === '/empty') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav>الرئيسية</nav></body></html>');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('an article from a web page', () => {
  it('finds the article, one paragraph per line, with its title, outlet and date, after a redirect', async () => {
    const page = await articleFromUrl(`${base}/moved`);
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
    const page = await articleFromUrl(`${base}/news`);
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

  it('refuses endless redirects, a page that does not answer in time, what is not a web page, a page with no article and bad addresses', async () => {
    await expect(articleFromUrl(`${base}/loop`)).rejects.toThrow(/redirects more than/);
    await expect(articleFromUrl(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/did not answer in time/);
    await expect(articleFromUrl(`${base}/pdf`)).rejects.toThrow(/not a web page/);
    await expect(articleFromUrl(`${base}/empty`)).rejects.toThrow(/No article was found/);
    await expect(articleFromUrl(`${base}/missing`)).rejects.toThrow(/answered 404/);
    await expect(articleFromUrl(`${base}/news`, { maxBytes: 100 })).rejects.toThrow(/over 100 bytes/);
    await expect(articleFromUrl('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
    await expect(articleFromUrl('not a url')).rejects.toThrow(/not a web address/);
  });
});
