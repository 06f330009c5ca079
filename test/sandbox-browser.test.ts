// The sandbox in a real browser: the page, the local Discord server and the real bot together.
// A person asks in Arabic and English, reads the exact quotes in the thread panel, follows up,
// votes and asks for a summary; whatever they type stays text.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Sandbox } from '../src/sandbox/sandbox.ts';
import { CHROMIUM, hasChromium, openSandboxPage, type SandboxPage } from './support/sandbox-page.ts';

const ARTICLE = 'articles/xi-putin-visit.ar.txt';
if (!hasChromium) console.warn(`sandbox browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const articleText = readFileSync(ARTICLE, 'utf8');

let opened: SandboxPage;
let sandbox: Sandbox;
let page: Page;

async function type(selector: string, text: string): Promise<void> {
  await page.locator(selector).fill(text);
  await page.locator(selector).press('Enter');
}

/** Bot messages in a list, by the list's id. */
const botMessages = (listId: string): Locator =>
  page.locator(`#${listId} li.message`).filter({ has: page.locator('.author.bot') });

/**
 * Every quote in the thread panel must be the article's own bytes for the id shown with it:
 * sentence ids are paragraph.sentence, paragraphs are the file's lines.
 */
async function checkThreadQuotes(): Promise<number> {
  return checkQuotes(page.locator('#thread-messages li.message'));
}

async function checkQuotes(messages: Locator): Promise<number> {
  // each quote is paired with the last id shown before it ("**[5.2]** ◀" then the quote)
  const items = await messages.evaluateAll((nodes) =>
    nodes.map((node) => {
      const pairs: { id: number[]; quote: string }[] = [];
      let lastId: number[] = [];
      for (const child of node.querySelector('.content')?.children ?? []) {
        if (child.tagName === 'BLOCKQUOTE') pairs.push({ id: lastId, quote: child.textContent ?? '' });
        else for (const m of (child.textContent ?? '').matchAll(/\[(\d+)\.(\d+)\]/g)) lastId = [Number(m[1]), Number(m[2])];
      }
      return pairs;
    }),
  );
  let checked = 0;
  const paragraphs = articleText.split('\n');
  for (const { id, quote } of items.flat()) {
    const [paragraph = 0] = id;
    const line = paragraphs[paragraph - 1] ?? '';
    // The quote is a contiguous slice of its paragraph's line in the file, byte for byte.
    expect(quote.length).toBeGreaterThan(10);
    expect(line.includes(quote), `[${id.join('.')}] ${quote}`).toBe(true);
    expect(articleText.slice(articleText.indexOf(quote), articleText.indexOf(quote) + quote.length)).toBe(quote);
    checked += 1;
  }
  return checked;
}

describe.skipIf(!hasChromium)('sandbox in a browser', () => {
  beforeAll(async () => {
    opened = await openSandboxPage({ name: 'sandbox-browser', viewport: { width: 1400, height: 900 } });
    ({ sandbox, page } = opened);
    // Offline by design: the page asks for nothing outside the sandbox.
    expect(opened.foreignRequests).toEqual([]);
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('answers an Arabic question with exact quotes in the thread panel, and a follow-up there', async () => {
    await type('#input', '/ask من دعا شي لزيارة موسكو؟');
    const answer = botMessages('messages').filter({ has: page.locator('blockquote') }).first();
    await answer.waitFor();
    await expect(answer.locator('.context-line').textContent()).resolves.toContain('/ask من دعا شي لزيارة موسكو؟');
    // The sources thread opens in the side panel with one quote per message.
    await page.locator('#thread-panel:not([hidden]) #thread-messages blockquote').first().waitFor();
    expect(await page.locator('#thread-name').textContent()).toContain('من دعا شي');
    expect(await checkThreadQuotes()).toBeGreaterThan(0);
    // Arabic runs right to left: the browser resolves dir="auto" to rtl.
    const direction = await page.locator('#thread-messages blockquote').first().evaluate((q) => getComputedStyle(q).direction);
    expect(direction).toBe('rtl');

    const before = await botMessages('thread-messages').count();
    await type('#thread-input', 'ومتى؟');
    await page.locator('#thread-messages li.message').filter({ hasText: 'ومتى؟' }).first().waitFor();
    await expect.poll(() => botMessages('thread-messages').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await checkThreadQuotes()).toBeGreaterThan(0);
  });

  it('answers an English question, left to right, with exact quotes whenever it cites', async () => {
    const threadsBefore = sandbox.discord.threads().length;
    await type('#input', '/ask Who invited Xi to visit Moscow?');
    const answer = botMessages('messages').filter({ has: page.locator('.context-line', { hasText: 'Who invited Xi' }) });
    await answer.locator('.content').waitFor();
    expect(await answer.locator('.context-line .typed').evaluate((n) => getComputedStyle(n).direction)).toBe('ltr');
    expect((await answer.locator('.content').textContent())?.trim().length).toBeGreaterThan(0);
    if ((await answer.locator('blockquote').count()) > 0) {
      await expect.poll(() => sandbox.discord.threads().length, { timeout: 15_000 }).toBeGreaterThan(threadsBefore);
      await page.locator('#thread-name', { hasText: 'Who invited Xi' }).waitFor();
      await page.locator('#thread-messages blockquote').first().waitFor();
      expect(await checkThreadQuotes()).toBeGreaterThan(0);
    }
  });

  it('records a 👍 vote and shows the ephemeral thanks', async () => {
    const answer = botMessages('messages').filter({ has: page.locator('button[data-custom-id]') }).first();
    const up = answer.locator('button[data-custom-id^="vote:up:"]');
    const customId = (await up.getAttribute('data-custom-id')) ?? '';
    // labelled, not emoji only (the answer was Arabic)
    expect(await up.textContent()).toContain('مفيد');
    expect(await up.getAttribute('aria-label')).toBe('مفيد');
    await up.click();
    await expect.poll(() => answer.locator('button[data-custom-id^="vote:up:"]').getAttribute('aria-pressed')).toBe('true');
    expect(await answer.locator('button[data-custom-id^="vote:down:"]').getAttribute('aria-pressed')).toBe('false');
    const thanks = page.locator('#messages li.message.ephemeral').last();
    await thanks.waitFor();
    expect(await thanks.locator('.ephemeral-note').textContent()).toContain('Only you can see this');
    // The vote reached the bot's store, for this person and this answer.
    const answerKey = customId.slice('vote:up:'.length);
    expect(await sandbox.bot.store.getVote(answerKey, sandbox.discord.userId)).toBe('up');
  });

  it('gives a cited summary', async () => {
    const threadsBefore = sandbox.discord.threads().length;
    await type('#input', '/summary short');
    const summary = botMessages('messages').filter({ has: page.locator('.context-line', { hasText: '/summary short' }) });
    await summary.locator('blockquote').first().waitFor();
    await expect.poll(() => sandbox.discord.threads().length, { timeout: 15_000 }).toBeGreaterThan(threadsBefore);
    await page.locator('#thread-messages blockquote').first().waitFor();
    expect(await checkThreadQuotes()).toBeGreaterThan(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/sandbox.png' });
  });

  it('shows typed HTML, script tags, unknown commands and very long input as text', async () => {
    await page.evaluate(() => {
      (window as unknown as { pwned?: number }).pwned = 0;
    });
    const script = '<script>window.pwned = 1</script>';
    const html = '<img src="x" onerror="window.pwned = 2"><b>bold?</b>';
    for (const text of [script, html, '/weather cairo']) {
      await type('#input', text);
      await page.locator('#messages li.message .content', { hasText: text }).first().waitFor();
    }
    await page.locator('#messages li.notice', { hasText: '/weather is not a command here' }).waitFor();
    // A mention goes to the bot, which replies; the typed markup still stays text.
    await type('#input', `@bot ${html}`);
    const reply = botMessages('messages').filter({ has: page.locator('.context-line', { hasText: '↪' }) }).last();
    await reply.waitFor();
    expect(await reply.locator('.context-line').textContent()).not.toMatch(/<@!?\d+>/);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(0);
    expect(await page.locator('#messages img, #messages script, #messages b').count()).toBe(0);

    // what the person posts (the bot may still be answering earlier messages meanwhile)
    const posted = () => page.locator('#messages li.message').filter({ hasNot: page.locator('.author.bot') }).count();
    const postedBefore = await posted();
    const noticesBefore = await page.locator('#messages li.notice').count();
    await type('#input', '   ');
    await type('#input', 'ب'.repeat(10_000));
    const notices = page.locator('#messages li.notice');
    // the earlier /weather notice is already there: wait for the new one, then read it
    await expect.poll(() => notices.count()).toBe(noticesBefore + 1);
    expect(await notices.last().textContent()).toContain('2,000');
    await type('#input', `/ask ${'س'.repeat(10_000)}`);
    await expect.poll(() => notices.count()).toBe(noticesBefore + 2);
    expect(await posted()).toBe(postedBefore);
  });

  it('suggests sentence ids from the bot while /source is typed, and shows the chosen sentence exactly', async () => {
    await page.locator('#input').fill('/source 4');
    const suggestion = page.locator('#suggestions:not([hidden]) button').first();
    await suggestion.waitFor();
    await suggestion.click();
    expect(await page.locator('#input').inputValue()).toMatch(/^\/source 4\.\d+$/);
    await page.locator('#input').press('Enter');
    const shown = botMessages('messages').filter({ has: page.locator('.context-line', { hasText: '/source 4.' }) });
    await shown.locator('blockquote').first().waitFor();
    expect(await checkQuotes(shown)).toBeGreaterThan(0);
  });

  it('does not bring the suggestions back when Enter comes right after the last key', async () => {
    await page.locator('#input').pressSequentially('/source 5', { delay: 10 });
    await page.locator('#input').press('Enter');
    await page.waitForTimeout(600); // past the 150 ms pause and the bot's answer to it
    expect(await page.locator('#suggestions').isHidden()).toBe(true);
  });

  it('checks a quote with /verify, and any message with its "Check quote in article" action', async () => {
    await type('#input', '/verify وتأتي الزيارة في الوقت الذي تحاول فيه الهند وضع نفسها كوسيط سلام');
    const verdict = botMessages('messages').filter({ has: page.locator('.context-line', { hasText: '/verify' }) }).first();
    await verdict.locator('blockquote').first().waitFor();
    expect(await verdict.textContent()).toContain('«الصين»');
    expect(await checkQuotes(verdict)).toBeGreaterThan(0);

    // a person's message, checked from the action on it: the verdict is shown to that person only
    const claim = 'بعد بضعة أسابيع، توغلت الدبابات الروسية في أوكرانيا';
    await type('#input', claim);
    const mine = page.locator('#messages li.message').filter({ hasText: claim }).last();
    // shown as Discord's message menu is: on the message pointed at, not on every message
    const action = mine.locator('.message-app', { hasText: 'Check quote in article' });
    await page.locator('#channel-name').hover();
    expect(await action.isVisible()).toBe(false);
    await mine.hover();
    expect(await action.isVisible()).toBe(true);
    await action.click();
    const privateVerdict = page.locator('#messages li.message.ephemeral').filter({ hasText: 'موجود في المقال حرفيا' }).last();
    await privateVerdict.locator('blockquote').first().waitFor();
    expect(await checkQuotes(privateVerdict)).toBeGreaterThan(0);
  });

  it('serves an icon', async () => {
    const response = await page.request.get(new URL('/favicon.ico', page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
  });

  it('shows the same conversation after a reload, threads included', async () => {
    const before = await page.locator('#messages li.message').count();
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#messages li.message').count()).toBe(before);
    expect(await page.locator('#messages .context-line', { hasText: '/ask من دعا شي لزيارة موسكو؟' }).count()).toBe(1);
    await page.locator('#messages .thread-link').first().click();
    await page.locator('#thread-panel:not([hidden]) #thread-messages blockquote').first().waitFor();
    expect(await checkThreadQuotes()).toBeGreaterThan(0);
  });
});
