// How the sandbox page lays text out, measured in a real browser: it fits a phone as well as a desktop,
// and lines that mix Arabic and English keep their order (checked by where the characters land on
// screen, not by markup alone). With SANDBOX_SCREENSHOT_DIR set, the phone's screenshot is saved there
// (docs/sandbox-phone.png comes from such a run; the desktop ones from test/sandbox-library.test.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Sandbox } from '../src/sandbox/sandbox.ts';
import { CHROMIUM, hasChromium, openSandboxPage, type SandboxPage } from './support/sandbox-page.ts';
import { renderAnswer } from '../src/discord/render.ts';
import { makeCitation } from '../src/qa/citations.ts';
import { articleFromText } from '../src/text/article.ts';

if (!hasChromium) console.warn(`sandbox display test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const SCREENSHOTS = process.env.SANDBOX_SCREENSHOT_DIR;
const PHONE = { width: 390, height: 844 };
const FSI = '\u2068';
const PDI = '\u2069';

let opened: SandboxPage;
let sandbox: Sandbox;
let page: Page;

async function type(text: string): Promise<void> {
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
}

const botMessages = (): Locator => page.locator('#messages li.message').filter({ has: page.locator('.author.bot') });

/**
 * Where on screen (the horizontal centre) the character at `offset` within the first occurrence of
 * `needle` is drawn, inside `node`'s text.
 */
function xOf(node: Locator, needle: string, offset = 0, last = false): Promise<number> {
  return node.evaluate(
    (root, [text, at, fromEnd]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let hit: [Text, number] | undefined;
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        const i = fromEnd ? t.data.lastIndexOf(text) : t.data.indexOf(text);
        if (i >= 0) {
          hit = [t, i];
          if (!fromEnd) break;
        }
      }
      if (!hit) throw new Error(`"${text}" is not on the page`);
      const range = document.createRange();
      range.setStart(hit[0], hit[1] + at);
      range.setEnd(hit[0], hit[1] + at + 1);
      const rect = range.getBoundingClientRect();
      return rect.left + rect.width / 2;
    },
    [needle, offset, last] as const,
  );
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `sandbox-${name}.png`) });
}

/** The element is drawn, and all of it lies inside the viewport. */
async function expectInViewport(node: Locator): Promise<void> {
  await expect(node.isVisible()).resolves.toBe(true);
  const box = await node.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

const scrollWidth = (): Promise<number> => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** The widest right edge of anything in the page, so a child poking out of a clipped box shows too. */
const rightmostEdge = (selector: string): Promise<number> =>
  page.locator(selector).evaluateAll((nodes) => Math.max(0, ...nodes.map((n) => n.getBoundingClientRect().right)));

describe.skipIf(!hasChromium)('the sandbox page, as displayed', () => {
  beforeAll(async () => {
    opened = await openSandboxPage({ name: 'sandbox-display', viewport: { width: 1280, height: 800 } });
    ({ sandbox, page } = opened);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('opens on a welcome with three questions to try in Arabic and in English, at both widths; one click asks it', async () => {
    const welcome = page.locator('#messages .welcome');
    await welcome.waitFor();
    const examples = welcome.locator('button.example');
    expect(await examples.count()).toBe(6);
    const directions = await examples.evaluateAll((nodes) => nodes.map((n) => getComputedStyle(n).direction));
    expect(directions).toEqual(['rtl', 'ltr', 'rtl', 'ltr', 'rtl', 'ltr']);
    // the command stays whole at the start of an Arabic example: "/ask" (its slash left of its "a"), right of the question
    const arabic = examples.first();
    expect(await xOf(arabic, '/ask', 0)).toBeLessThan(await xOf(arabic, '/ask', 1));
    expect(await xOf(arabic, '/ask', 1)).toBeGreaterThan(await xOf(arabic, 'متى'));
    await screenshot('welcome-desktop');
    await page.setViewportSize(PHONE);
    try {
      for (const example of await examples.all()) await expectInViewport(example);
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      await screenshot('welcome-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    const asked = (await arabic.textContent()) ?? '';
    await arabic.click();
    await botMessages().filter({ has: page.locator('.context-line', { hasText: asked.replace('/ask ', '') }) }).locator('blockquote').first().waitFor();
    expect(await welcome.count()).toBe(0);
  });

  it('shows an Arabic and an English answer side by side with the sources thread on a desktop', async () => {
    await type('/ask من دعا شي لزيارة موسكو؟');
    await botMessages().filter({ has: page.locator('blockquote') }).first().waitFor();
    await type('/ask Who invited Xi to visit Moscow?');
    await botMessages().filter({ has: page.locator('.context-line', { hasText: 'Who invited Xi' }) }).locator('.content').waitFor();
    await page.locator('#thread-name', { hasText: 'Who invited Xi' }).waitFor();
    await page.locator('#thread-messages blockquote').first().waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(1280);
    await expectInViewport(page.locator('#thread-input'));
  });

  it('fits a phone: no sideways scrolling, the input and Send in view, threads full screen on demand', async () => {
    await page.setViewportSize(PHONE);
    try {
      await onAPhone();
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  async function onAPhone(): Promise<void> {
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(await rightmostEdge('#messages li, #messages li *')).toBeLessThanOrEqual(PHONE.width);
    await expectInViewport(page.locator('#input'));
    await expectInViewport(page.locator('#composer button[type="submit"]'));
    await expectInViewport(page.locator('#attach'));
    // both channels can be reached from the strip at the top
    for (const link of await page.locator('#channel-list .channel-link').all()) await expectInViewport(link);
    // wide enough to type in
    expect((await page.locator('#input').boundingBox())!.width).toBeGreaterThan(PHONE.width / 2);

    // The bot's suggestions fit too.
    await page.locator('#input').fill('/source 4');
    await page.locator('#suggestions:not([hidden]) button').first().waitFor();
    expect(await rightmostEdge('#suggestions, #suggestions *')).toBeLessThanOrEqual(PHONE.width);
    await page.locator('#input').fill('');

    // A new answer on a phone leaves its thread closed; the thread link opens it over the channel.
    const threads = sandbox.discord.threads().length;
    await type('/ask متى سيزور شي روسيا؟');
    const answer = botMessages().filter({ has: page.locator('.context-line', { hasText: 'متى سيزور شي روسيا؟' }) });
    await answer.locator('.thread-link').waitFor();
    expect(sandbox.discord.threads().length).toBeGreaterThan(threads);
    expect(await page.locator('#thread-panel').isHidden()).toBe(true);
    expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
    await expectInViewport(answer.locator('button[data-custom-id^="vote:down:"]'));
    await answer.locator('.thread-link').click();
    await page.locator('#thread-panel:not([hidden]) #thread-messages blockquote').first().waitFor();
    await expectInViewport(page.locator('#thread-input'));
    await expectInViewport(page.locator('#thread-composer button[type="submit"]'));
    await expectInViewport(page.locator('#thread-close'));
    expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
    await page.locator('#thread-close').click();
    await expectInViewport(page.locator('#input'));

    // The bot's form (the paste form of /article add) fits the screen, its buttons in reach.
    await type('/article add');
    await page.locator('dialog#modal[open]').waitFor();
    await expectInViewport(page.locator('dialog#modal'));
    await expectInViewport(page.locator('dialog#modal button[type="submit"]'));
    expect(await rightmostEdge('dialog#modal, dialog#modal *')).toBeLessThanOrEqual(PHONE.width);
    await page.locator('#modal-cancel').click();

    // What the person sees after the Arabic and the English question: scroll back to them.
    await botMessages().filter({ has: page.locator('.context-line', { hasText: 'Who invited Xi' }) }).scrollIntoViewIfNeeded();
    await screenshot('phone');
  }

  it('shows an Arabic question that starts with @everyone @here in order, isolated from its label', async () => {
    await type('/ask @everyone @here من دعا شي لزيارة موسكو؟');
    const answer = botMessages().filter({ has: page.locator('.context-line', { hasText: 'everyone' }) }).filter({ has: page.locator('blockquote') });
    const line = answer.locator('.content > .line', { hasText: 'everyone' }).first();
    await line.waitFor();
    expect(await line.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
    const text = (await line.textContent()) ?? '';
    expect(text).toContain(FSI);
    expect(text).toContain(PDI);
    // "@everyone" reads left to right inside the Arabic line: its @ is drawn left of its e, and the
    // label (first in an Arabic line) is drawn right of the mention.
    expect(await xOf(line, '@\u200beveryone', 0)).toBeLessThan(await xOf(line, '@\u200beveryone', 2));
    expect(await xOf(line, '@\u200bhere', 0)).toBeLessThan(await xOf(line, '@\u200bhere', 2));
    expect(await xOf(line, 'everyone', 0)).toBeLessThan(await xOf(line, '@\u200bhere', 0));
    expect(await xOf(line, 'السؤال', 0)).toBeGreaterThan(await xOf(line, 'everyone', 0));
  });

  it('keeps a command whole inside an Arabic line: the /verify hint reads "/source id:…", at both widths', async () => {
    await type('/verify وتأتي الزيارة في الوقت الذي تحاول فيه الصين وضع نفسها كوسيط سلام'); // exact: the hint follows
    const verdict = botMessages().filter({ has: page.locator('.context-line', { hasText: '/verify' }) }).last();
    const hint = verdict.locator('.content .line', { hasText: '/source id:' }).first();
    await hint.waitFor();
    for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
      await page.setViewportSize(viewport);
      expect(await hint.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
      // the slash is drawn left of the "s" it belongs to, and the command left of the Arabic label before it
      expect(await xOf(hint, '/source', 0)).toBeLessThan(await xOf(hint, '/source', 1));
      expect(await xOf(hint, '/source', 1)).toBeLessThan(await xOf(hint, 'اقرأه', 0));
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('keeps the "!" of the Arabic thanks with its sentence in the English line', async () => {
    const answer = botMessages().filter({ has: page.locator('button[data-custom-id^="vote:up:"]') }).last();
    await answer.locator('button[data-custom-id^="vote:up:"]').click();
    const line = page.locator('#messages li.message.ephemeral .content .line', { hasText: 'Thanks for the' }).last();
    await line.waitFor();
    expect(await line.evaluate((n) => getComputedStyle(n).direction)).toBe('ltr');
    // right to left inside the isolate: the sentence's final "!" is drawn at its left end, after "·"
    const bang = await xOf(line, '!', 0, true);
    expect(bang).toBeLessThan(await xOf(line, 'شكرا', 0));
    expect(bang).toBeGreaterThan(await xOf(line, '·', 0));
  });

  it('takes a line\'s direction from its words, not from a mention in it', async () => {
    await type('@bot من دعا شي لزيارة موسكو؟');
    const mine = page.locator('#messages li.message').filter({ hasNot: page.locator('.author.bot') }).filter({ has: page.locator('.mention') }).last();
    const mention = mine.locator('.mention').first();
    await mention.waitFor();
    expect(await mention.getAttribute('dir')).toBe('auto');
    expect(await mention.evaluate((n) => getComputedStyle(n).unicodeBidi)).toBe('isolate');
    expect(await mine.locator('.content > .line').first().evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
    // "@Article Bot" keeps its @ on the left
    const name = (await mention.textContent()) ?? '';
    expect(await xOf(mention, name, 0)).toBeLessThan(await xOf(mention, name, 1));
  });
  it('shows escaped article text as Discord does: the article\'s characters, nothing formatted', async () => {
    const text = '# [عاجل](https://evil.example) **زيارة** مهمة\nوقال _المتحدث_ <@123456789012345678> إن ~~الزيارة~~ ناجحة `جدا` \\ @everyone.\n';
    const article = articleFromText(text, 'hostile');
    const citations = article.sentences.map((s) => makeCitation(article, s, 1));
    const [message] = renderAnswer({ question: 'ماذا قال؟', language: 'ar', answered: true, lead: 'يقول المقال:', citations });
    const shown = await page.evaluate((content) => {
      const root = (window as unknown as { renderMarkdown(t: string): HTMLElement }).renderMarkdown(content);
      const quotes = [...root.querySelectorAll('blockquote')];
      return {
        lines: quotes.flatMap((quote) => [...quote.children].map((n) => n.textContent)),
        styled: quotes.reduce((n, quote) => n + quote.querySelectorAll('strong, em, u, s, code, h1, h2, h3, .mention, a').length, 0),
      };
    }, message!.content);
    expect(shown.lines).toEqual(citations.map((c) => c.text));
    expect(shown.styled).toBe(0);
  });
});
