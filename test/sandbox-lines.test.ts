// Lines that mix scripts, as a browser draws them at a desktop's and a phone's width: the parts of each
// line land where a reader expects them (checked by where the characters are drawn, not by markup). The
// answer comes first, and with several articles a small line after it names the article.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, openSandboxPage, type SandboxPage } from './support/sandbox-page.ts';

if (!hasChromium) console.warn(`sandbox lines test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// a title as a page gives it: an outlet in brackets first, long enough to be cut with "…"
const TITLE = '(سي إن إن) الصين تعلن زيارة الرئيس إلى موسكو الأسبوع المقبل وسط توتر متزايد مع الغرب بشأن الحرب';
const TEXT = 'ارتفعت أسعار القمح في الأسواق العالمية بنسبة 12 في المئة هذا الشهر بسبب الجفاف.\nوقالت الوزارة إن المخزون يكفي ستة أشهر.';

let opened: SandboxPage;
let page: Page;
let web: Server;
let pageUrl = '';
// a news page served on 127.0.0.1 (the sandbox allows its own machine's pages)
const NEWS = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>(رويترز) القمح يرتفع في الأسواق</title>
<meta property="og:site_name" content="أخبار الاقتصاد"></head><body><article><h1>(رويترز) القمح يرتفع في الأسواق</h1>
<p>ارتفعت أسعار القمح في الأسواق العالمية بنسبة 12 في المئة هذا الشهر بسبب الجفاف في مناطق الإنتاج.</p>
<p>وقالت الوزارة إن المخزون يكفي ستة أشهر وإن الحكومة تتفاوض على شحنات جديدة من الخارج.</p>
<p>وتوقع خبراء أن تستقر الأسعار في الربيع المقبل إذا تحسن الطقس وانخفضت تكاليف الشحن.</p></article></body></html>`;

async function type(text: string): Promise<void> {
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
}

/** Where on screen the character at `offset` of the first `needle` in `node` is drawn: its centre and its line's top. */
function placeOf(node: Locator, needle: string, offset = 0): Promise<{ x: number; y: number }> {
  return node.evaluate(
    (root, [text, at]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        const i = t.data.indexOf(text);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(t, i + at);
        range.setEnd(t, i + at + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: Math.round(rect.top) };
      }
      throw new Error(`"${text}" is not on the page`);
    },
    [needle, offset] as const,
  );
}

/**
 * `first` is read before `then` in a line of direction `direction`: on the same line, further right (rtl) or
 * left (ltr); or on an earlier line when the line wraps, as on a phone.
 */
async function readsBefore(node: Locator, first: string, then: string, direction: 'rtl' | 'ltr'): Promise<void> {
  const a = await placeOf(node, first);
  const b = await placeOf(node, then);
  if (Math.abs(a.y - b.y) > 4) expect(a.y, `${first} on a line above ${then}`).toBeLessThan(b.y);
  else if (direction === 'rtl') expect(a.x, `${first} right of ${then}`).toBeGreaterThan(b.x);
  else expect(a.x, `${first} left of ${then}`).toBeLessThan(b.x);
}

async function atBothWidths(check: () => Promise<void>): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await check();
  }
  await page.setViewportSize(DESKTOP);
}

describe.skipIf(!hasChromium)('lines that mix scripts, in the browser', () => {
  beforeAll(async () => {
    web = createServer((_, response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/wheat`;
    opened = await openSandboxPage({ name: 'sandbox-lines', viewport: DESKTOP });
    ({ page } = opened);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
    web?.closeAllConnections();
    await new Promise((resolve) => web?.close(resolve));
  });

  it('with one article, the answer comes first and no line names the article', async () => {
    await type('/ask متى سيزور شي روسيا؟');
    const answer = page.locator('#messages li.message').filter({ has: page.locator('.author.bot') }).filter({ has: page.locator('blockquote') }).first();
    await answer.waitFor();
    expect(await answer.locator('.content > *').first().textContent()).toMatch(/^السؤال:/);
    expect(await answer.textContent()).not.toContain('📰');
  });

  it('an article suggestion keeps its id, its brackets and its "…" in their places', async () => {
    await type('/article add');
    const dialog = page.locator('dialog#modal[open]');
    await dialog.waitFor();
    await dialog.locator('textarea[name="text"]').fill(TEXT);
    await dialog.locator('input[name="title"]').fill(TITLE);
    await dialog.locator('button[type="submit"]').click();
    await page.locator('#messages li.message', { hasText: 'Ready' }).filter({ hasText: 'A2' }).waitFor({ timeout: 60_000 });

    await page.locator('#input').fill('/article use A');
    const suggestion = page.locator('#suggestions:not([hidden]) button', { hasText: 'A2 ·' });
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('…');
    await atBothWidths(async () => {
      // "A2 · " leads, left to right; the Arabic name after it runs right to left, its "(" at its start and
      // its "…" at its end, both inside the name
      await readsBefore(suggestion, 'A2', '(سي', 'ltr');
      await readsBefore(suggestion, 'A2', '…', 'ltr');
      await readsBefore(suggestion, '(سي', 'سي إن إن', 'rtl');
      await readsBefore(suggestion, 'سي إن إن', '…', 'rtl');
    });
    await page.locator('#input').fill('');
  });

  it('with several articles, one small line after the quotes names the article, its parts in order', async () => {
    await type('/ask article:A2 بكم ارتفعت أسعار القمح؟');
    const answer = page.locator('#messages li.message').filter({ has: page.locator('.context-line', { hasText: 'بكم ارتفعت' }) });
    const note = answer.locator('.content > .line.subtext', { hasText: '📰' });
    await note.waitFor();
    // after the quotes, not above them
    const quoteBottom = (await answer.locator('blockquote').last().boundingBox())!;
    expect((await note.boundingBox())!.y).toBeGreaterThan(quoteBottom.y);
    expect(await note.textContent()).toContain('…'); // the title cut to a readable length
    await atBothWidths(async () => {
      expect(await note.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
      // read right to left: the icon, the title from its "(" to its "…", then the id
      await readsBefore(note, '📰', '(سي', 'rtl');
      await readsBefore(note, '(سي', 'سي إن إن', 'rtl');
      await readsBefore(note, 'سي إن إن', '…', 'rtl');
      await readsBefore(note, '…', 'A2', 'rtl');
    });
  });

  it("a page's preview line reads in order: its title, outlet and host, with no stray id or bracket", async () => {
    await type(`/article add url:${pageUrl}`);
    const preview = page.locator('#messages li.message', { hasText: 'Add this article' }).last();
    const line = preview.locator('.content > .line', { hasText: '📰' }).first();
    await line.waitFor();
    const text = (await line.textContent()) ?? '';
    expect(text).not.toMatch(/\bnew\b|[<>‹›]/u);
    await atBothWidths(async () => {
      expect(await line.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
      await readsBefore(line, '📰', '(رويترز', 'rtl');
      await readsBefore(line, '(رويترز', 'القمح', 'rtl');
      await readsBefore(line, 'الأسواق', 'أخبار الاقتصاد', 'rtl');
      await readsBefore(line, 'أخبار الاقتصاد', '127.0.0.1', 'rtl');
    });
    await preview.locator('button', { hasText: 'Cancel' }).click();
  });

  it("the paste form's fields take their direction from what is typed in them, at both widths", async () => {
    await type('/article add');
    const dialog = page.locator('dialog#modal[open]');
    await dialog.waitFor();
    const title = dialog.locator('input[name="title"]');
    await atBothWidths(async () => {
      await title.fill('(سي إن إن) عنوان عربي');
      expect(await title.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
      await title.fill('An English title (CNN)');
      expect(await title.evaluate((n) => getComputedStyle(n).direction)).toBe('ltr');
    });
    await dialog.locator('#modal-cancel').click();
  });
});
