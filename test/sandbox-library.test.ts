// The article library in the sandbox, in a real browser against the real bot: an article added with the
// file button (or dropped), one pasted into the bot's form, #economy bound to one of them with /article
// use, the two channels answering from two articles, article:all citing both new articles, and a web
// page added by url: after its preview. With SANDBOX_SCREENSHOT_DIR set, docs/sandbox-desktop.png and
// docs/sandbox-library.png come from here.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Sandbox } from '../src/sandbox/sandbox.ts';
import { articleFromText, loadArticle } from '../src/text/article.ts';
import { MAX_ARTICLE_BYTES } from '../src/text/article.ts';
import { CHROMIUM, hasChromium, openSandboxPage, type SandboxPage } from './support/sandbox-page.ts';

if (!hasChromium) console.warn(`sandbox library test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const SCREENSHOTS = process.env.SANDBOX_SCREENSHOT_DIR;

const EGYPT = [
  'القمح في مصر',
  'ارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.',
  'وقالت وزارة التموين إن المخزون يكفي ستة أشهر.',
  'وأضافت الوزارة أن سعر رغيف الخبز المدعم لن يتغير حتى نهاية السنة المالية.',
  '',
].join('\n');
// Long enough to be a real paste (over 2,000 characters), within the form's 4,000.
const MOROCCO = [
  'القمح في المغرب',
  'ارتفعت أسعار القمح في المغرب بنسبة 9 في المئة بعد تراجع الأمطار هذا الموسم.',
  'ويستورد المغرب نصف حاجته من الخارج.',
  'وقال مزارعون في منطقة الغرب إن الموسم الحالي هو الأصعب منذ سنوات، إذ لم تتجاوز الأمطار نصف المعدل المعتاد في فصل الشتاء.',
  'وأعلنت الحكومة عن دعم جديد لمستوردي القمح الطري حتى نهاية السنة، بهدف الحفاظ على سعر الخبز المدعم في المخابز.',
  'ويرى خبراء أن تنويع مصادر الاستيراد بات ضرورة، بعد أن أدت الأزمات في منطقة البحر الأسود إلى اضطراب الإمدادات.',
  'وتسعى وزارة الفلاحة إلى توسيع المساحات المسقية، واعتماد بذور تتحمل الجفاف في السهول الداخلية.',
  'وفي الأسواق الشعبية، اشتكى مستهلكون من ارتفاع أسعار الدقيق والسميد خلال الأسابيع الأخيرة.',
  'وقال تاجر في الدار البيضاء إن الطلب على الدقيق تراجع قليلا، لكن الأسر ما زالت تشتري حاجتها الأساسية.',
  'ويتوقع المكتب الوطني للإحصاء أن يبقى التضخم في المواد الغذائية مرتفعا حتى الربيع المقبل.',
  'وأشار تقرير للبنك المركزي إلى أن الجفاف المتكرر يضغط على النمو في القطاع الفلاحي الذي يشغل عددا كبيرا من السكان.',
  'ودعت جمعيات حماية المستهلك إلى مراقبة الأسعار في الأسواق، ومحاربة المضاربة في الحبوب ومشتقاتها.',
  'وفي المقابل، تحسنت صادرات الفواكه والخضر بفضل الطلب الأوروبي، ما خفف قليلا من أثر ارتفاع فاتورة الحبوب.',
  'وتعمل السلطات على بناء مخازن جديدة في الموانئ لاستقبال شحنات القمح المستورد في وقت أقصر وبكلفة أقل.',
  'ويأمل الفلاحون أن تعود الأمطار في الخريف المقبل، حتى يتمكنوا من زرع أراضيهم في موعدها.',
  'وقال مسؤول في الغرفة الفلاحية إن برامج التأمين ضد الجفاف تحتاج إلى توسيع لتشمل صغار المزارعين.',
  'ويشكل الخبز المادة الأساسية على موائد الأسر المغربية، لذلك تتابع الحكومة أسعاره عن قرب.',
  'وتبقى أسعار القمح في الأسواق العالمية رهينة بحالة الطقس في الدول المنتجة الكبرى وبكلفة النقل البحري.',
  'وختم التقرير بأن الأشهر المقبلة ستكون حاسمة لمعرفة حجم المحصول الوطني وحاجة البلاد إلى الاستيراد.',
  'ويرى اقتصاديون أن الاستثمار في تحلية مياه البحر قد يفتح الباب أمام زراعات جديدة في المناطق الجافة.',
  'وفي الجنوب، لجأ مربو الماشية إلى بيع جزء من قطعانهم بعد ارتفاع أسعار الأعلاف والشعير في الأسواق المحلية.',
  'وأكدت وزارة الاقتصاد أن مخزون الحبوب الحالي يغطي حاجة البلاد لأربعة أشهر على الأقل، وأن الشحنات المقبلة مؤمنة.',
  'ويطالب برلمانيون بخطة وطنية للأمن الغذائي تجمع بين دعم الإنتاج المحلي وتنظيم الاستيراد وحماية القدرة الشرائية.',
  'ومن المنتظر أن يناقش مجلس الحكومة الأسبوع المقبل مرسوما يمدد الإعفاء من الرسوم الجمركية على واردات القمح.',
  '',
].join('\n');

const NEWS = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>فوز المنتخب | أخبار الملاعب</title><meta property="og:site_name" content="أخبار الملاعب">
<meta property="article:published_time" content="2026-11-29"></head><body><article><h1>فوز المنتخب</h1>
<p>فاز المنتخب الوطني على ضيفه بثلاثة أهداف نظيفة في المباراة الودية التي أقيمت مساء أمس في العاصمة.</p>
<p>وسجل المهاجم الشاب هدفين في الشوط الأول قبل أن يضيف المدافع الهدف الثالث من ركلة ركنية.</p>
<p>وقال المدرب بعد المباراة إن الفريق جاهز للتصفيات المقبلة رغم غياب عدد من اللاعبين المصابين.</p>
</article></body></html>`;

let opened: SandboxPage;
let sandbox: Sandbox;
let page: Page;
const texts: Record<string, string> = {};

async function type(text: string): Promise<void> {
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
}

const botMessages = (): Locator => page.locator('#messages li.message').filter({ has: page.locator('.author.bot') });

/** The bot's reply to what was typed (the line shown above it), once it holds `done`. */
function replyTo(typed: string, done: string | RegExp): Locator {
  return botMessages().filter({ has: page.locator('.context-line', { hasText: typed }) }).filter({ hasText: done }).last();
}

async function showChannel(name: string): Promise<void> {
  await page.locator('#channel-list .channel-link', { hasText: `# ${name}` }).click();
  await expect.poll(() => page.locator('#channel-name').textContent()).toBe(name);
}

/** Every "[A2 1.1]" or "[1.1]" with its quote after it: each quote is its article's exact text. */
async function citedIn(answer: Locator, single?: string): Promise<string[]> {
  const pairs = await answer.evaluate((node) => {
    const found: { id: string; quote: string }[] = [];
    let lastId = '';
    for (const child of node.querySelector('.content')?.children ?? []) {
      if (child.tagName === 'BLOCKQUOTE') found.push({ id: lastId, quote: child.textContent ?? '' });
      else for (const m of (child.textContent ?? '').matchAll(/\[((?:A\d+ )?\d+\.\d+)\]/g)) lastId = m[1]!;
    }
    return found;
  });
  for (const { id, quote } of pairs) {
    const [articleId, sentenceId] = id.includes(' ') ? id.split(' ') : [single!, id];
    const article = articleFromText(texts[articleId!]!);
    const sentence = article.sentences.find((s) => s.id === sentenceId);
    expect(sentence, id).toBeDefined();
    expect(quote, id).toBe(article.text.slice(sentence!.start, sentence!.end));
  }
  return pairs.map((p) => p.id);
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `sandbox-${name}.png`) });
}

/**
 * A screenshot whose channel shows exactly the messages from `first` to the newest: the window is made
 * as tall as they need (the message list takes any change in height), then put back.
 */
async function screenshotFrom(first: Locator, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const size = page.viewportSize()!;
  const { shown, needed } = await first.evaluate((node) => {
    const list = node.closest('.messages')!;
    const top = node.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    return { shown: list.clientHeight, needed: list.scrollHeight - top };
  });
  await page.setViewportSize({ width: size.width, height: Math.round(size.height + needed - shown) });
  await page.locator('#messages').evaluate((list) => {
    list.scrollTop = list.scrollHeight;
  });
  try {
    await screenshot(name);
  } finally {
    await page.setViewportSize(size);
  }
}

describe.skipIf(!hasChromium)('the article library in the sandbox', () => {
  beforeAll(async () => {
    opened = await openSandboxPage({ name: 'sandbox-library', viewport: { width: 1280, height: 800 } });
    ({ sandbox, page } = opened);
    texts.A1 = loadArticle('articles/xi-putin-visit.ar.txt').text;
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('lists two text channels, #general shown first', async () => {
    expect(await page.locator('#channel-list .channel-link').allTextContents()).toEqual(['# general', '# economy']);
    expect(await page.locator('#channel-list .channel-link.active').textContent()).toBe('# general');
  });

  it('adds an article from the file button: the file shown in the composer, then sent with /article add', async () => {
    await page.locator('#file-input').setInputFiles({ name: 'egypt.txt', mimeType: 'text/plain', buffer: Buffer.from(EGYPT) });
    await expect.poll(() => page.locator('#attachment-name').textContent()).toBe('egypt.txt');
    expect(await page.locator('#attachment').isVisible()).toBe(true);
    // the command that takes a file is filled in, ready to send
    expect(await page.locator('#input').inputValue()).toBe('/article add');
    await page.locator('#input').press('End');
    await page.locator('#input').pressSequentially(' outlet: وكالة الأنباء');
    await page.locator('#input').press('Enter');
    const added = replyTo('/article add outlet: وكالة الأنباء 📎 egypt.txt', 'Ready');
    await added.waitFor({ timeout: 60_000 });
    expect(await added.textContent()).toMatch(/Added: 📰 .القمح في مصر. · .*وكالة الأنباء.* · A2/);
    expect(await page.locator('#attachment').isHidden()).toBe(true);
    // stored byte for byte
    expect(await sandbox.bot.context.shelf.library.store.text(sandbox.discord.guildId, 'A2')).toBe(EGYPT);
    texts.A2 = EGYPT;
  });

  it('refuses a file over the article size limit, and lets an attached file be removed', async () => {
    const big = Buffer.alloc(MAX_ARTICLE_BYTES + 1, 0x61);
    await page.locator('#file-input').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
    await page.locator('#messages li.notice', { hasText: 'Not attached: "big.txt" is 5,000,001 bytes' }).waitFor();
    expect(await page.locator('#messages li.notice').last().textContent()).toContain('at most 5,000,000 bytes');
    expect(await page.locator('#attachment').isHidden()).toBe(true);

    // a file's name is text, never markup
    const named = '<img src=x onerror="window.pwned=1">.txt';
    await page.locator('#file-input').setInputFiles({ name: named, mimeType: 'text/plain', buffer: Buffer.from('x\n') });
    await expect.poll(() => page.locator('#attachment-name').textContent()).toBe(named);
    expect(await page.locator('#attachment img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.locator('#attachment-remove').click();

    await page.locator('#input').fill('');
    await page.locator('#file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('ملاحظة\n') });
    await page.locator('#attachment').waitFor();
    // a file with a command that takes none is not sent, and stays attached
    await type('/ask من دعا شي؟');
    await page.locator('#messages li.notice', { hasText: '/ask takes no file' }).waitFor();
    expect(await page.locator('#attachment-name').textContent()).toBe('notes.txt');
    await page.locator('#attachment-remove').click();
    expect(await page.locator('#attachment').isHidden()).toBe(true);
    expect((await sandbox.bot.context.shelf.library.store.list(sandbox.discord.guildId)).map((e) => e.id)).toEqual(['A1', 'A2']);
  });

  it('attaches a file dropped on the page', async () => {
    // Playwright cannot drag a file in from the desktop; the page gets the same drop event a person's would give
    await page.evaluate(() => {
      const files = new DataTransfer();
      files.items.add(new File(['القمح\n'], 'dropped.txt', { type: 'text/plain' }));
      document.querySelector('#messages')!.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.locator('#attachment-name').textContent()).toBe('dropped.txt');
    await page.locator('#attachment-remove').click();
    await page.locator('#input').fill('');
  });

  it('adds an article pasted into the form the bot opens', async () => {
    await type('/article add');
    const dialog = page.locator('dialog#modal[open]');
    await dialog.waitFor();
    expect(await dialog.locator('#modal-title').textContent()).toBe('Add an article');
    const text = dialog.locator('textarea[name="text"]');
    expect(await dialog.locator('label', { has: page.locator('.required') }).allTextContents()).toEqual(['Text, one paragraph per line *']);
    expect(await text.getAttribute('dir')).toBe('auto');
    expect(await text.getAttribute('maxlength')).toBe('4000');
    expect(await dialog.locator('input[name="outlet"]').getAttribute('maxlength')).toBe('100');

    // pasted, as a person would, through the clipboard
    expect(MOROCCO.length).toBeGreaterThan(2_000);
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((t) => navigator.clipboard.writeText(t), MOROCCO);
    await text.focus();
    await page.keyboard.press('Control+V');
    expect(await text.inputValue()).toBe(MOROCCO);
    expect(await text.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
    expect(await dialog.locator('.modal-counter').first().textContent()).toBe(`${[...MOROCCO].length.toLocaleString('en')} / 4,000`);
    await dialog.locator('input[name="outlet"]').fill('هسبريس');
    await dialog.locator('input[name="date"]').fill('2026-12-01');
    await dialog.locator('button[type="submit"]').click();
    expect(await page.locator('dialog#modal').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);

    const added = botMessages().filter({ hasText: /Ready.*/ }).filter({ hasText: 'A3' }).last();
    await added.waitFor({ timeout: 60_000 });
    expect(await added.textContent()).toMatch(/Added: 📰 .القمح في المغرب. · .*هسبريس.* · .*2026-12-01.* · A3/);
    expect(await sandbox.bot.context.shelf.library.store.text(sandbox.discord.guildId, 'A3')).toBe(MOROCCO);
    texts.A3 = MOROCCO;
  });

  it('closes the form on Cancel, adding nothing', async () => {
    await type('/article add');
    const dialog = page.locator('dialog#modal[open]');
    await dialog.waitFor();
    await dialog.locator('textarea[name="text"]').fill('نص لن يضاف');
    await dialog.locator('#modal-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await sandbox.bot.context.shelf.library.store.list(sandbox.discord.guildId)).map((e) => e.id)).toEqual(['A1', 'A2', 'A3']);
  });

  it('suggests the library\'s articles for article:, under /ask and under /article use', async () => {
    await page.locator('#input').fill('/ask article: ');
    const first = page.locator('#suggestions:not([hidden]) button').first();
    await first.waitFor();
    expect(await page.locator('#suggestions button').allTextContents()).toEqual([
      'all · the whole library (3 articles)',
      expect.stringMatching(/^A1 · /),
      // each name isolated, its own ellipsis inside, so its brackets and its end stay its own
      'A2 · \u2068القمح في مصر\u2069',
      'A3 · \u2068القمح في المغرب\u2069',
    ]);
    await page.locator('#suggestions button', { hasText: 'A3 ·' }).click();
    expect(await page.locator('#input').inputValue()).toBe('/ask article: A3');

    await page.locator('#input').fill('/article use A');
    await page.locator('#suggestions:not([hidden]) button', { hasText: 'A2 ·' }).click();
    expect(await page.locator('#input').inputValue()).toBe('/article use A2');
    await page.locator('#input').fill('');
  });

  it('binds #economy to one article with /article use: the two channels answer from two articles', async () => {
    await showChannel('economy');
    expect(await page.locator('#messages li.message').allTextContents()).toEqual([]); // #general's messages stay there
    await type('/article use A2');
    await replyTo('/article use A2', 'A2').waitFor();
    const question = 'بكم ارتفعت أسعار القمح؟';
    await type(`/ask ${question}`);
    const inEconomy = replyTo(question, '📰').filter({ has: page.locator('blockquote') });
    await inEconomy.waitFor();
    // the answer first, then the small line naming its article
    const economyLine = (await inEconomy.locator('.content > .line.subtext', { hasText: '📰' }).first().textContent()) ?? '';
    expect(economyLine).toMatch(/^📰 .القمح في مصر. · .* · A2/);
    expect((await citedIn(inEconomy, 'A2')).length).toBeGreaterThan(0);

    await showChannel('general');
    const other = 'متى سيزور شي روسيا؟';
    await type(`/ask ${other}`);
    const inGeneral = replyTo(other, '📰').filter({ has: page.locator('blockquote') });
    await inGeneral.waitFor();
    const generalLine = (await inGeneral.locator('.content > .line.subtext', { hasText: '📰' }).first().textContent()) ?? '';
    expect(generalLine).toMatch(/ · A1\b/);
    expect(generalLine).not.toBe(economyLine);
    expect((await citedIn(inGeneral, 'A1')).length).toBeGreaterThan(0);
    // #economy's question and answer are not in #general
    expect(await page.locator('#messages .context-line', { hasText: question }).count()).toBe(0);
  });

  it('shows the library with /article list, ▶ marking the article of the channel it is asked in', async () => {
    await type('/article list');
    const inGeneral = replyTo('/article list', '3 articles');
    await inGeneral.waitFor();
    expect(await inGeneral.textContent()).toMatch(/▶ 📰 .* · A1/);

    await showChannel('economy');
    await type('/article list');
    const list = replyTo('/article list', '3 articles');
    await list.waitFor();
    expect(await list.textContent()).toMatch(/▶ 📰 .القمح في مصر. · .* · A2/);
    // #economy's answer naming its article, its sources thread beside it, and the library under it
    await page.locator('#messages .thread-link').last().click();
    await page.locator('#thread-panel:not([hidden]) #thread-messages blockquote').first().waitFor();
    await list.scrollIntoViewIfNeeded();
    await screenshot('desktop');
  });

  it('asks the whole library with article:all, citing two articles by their ids', async () => {
    await showChannel('general');
    const question = 'بكم ارتفعت أسعار القمح؟';
    await type(`/ask article:all ${question}`);
    const answer = replyTo(`article:all ${question}`, '📰').filter({ has: page.locator('blockquote') });
    await answer.waitFor();
    const cited = await citedIn(answer);
    expect(new Set(cited.map((id) => id.split(' ')[0]))).toEqual(new Set(['A2', 'A3']));
    expect(await answer.textContent()).toMatch(/\[A2 \d+\.\d+\]/);
    expect(await answer.textContent()).toMatch(/\[A3 \d+\.\d+\]/);
    // an id line reads with its Arabic message, not left to right because of its "A"
    const idLine = answer.locator('.content > .line', { hasText: /^\d+ · \[A\d+ / }).first();
    expect(await idLine.evaluate((n) => getComputedStyle(n).direction)).toBe('rtl');
    await page.locator('#thread-close').click();
    // the library's list and this answer, from the list's first line to the answer's last
    await screenshotFrom(replyTo('/article list', '3 articles'), 'library');
  });

  it('keeps each channel\'s messages after a reload, and marks a channel with news', async () => {
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#messages .context-line', { hasText: '/article use A2' }).count()).toBe(0);
    await showChannel('economy');
    await page.locator('#messages .context-line', { hasText: '/article use A2' }).waitFor();
    expect(await page.locator('#messages .context-line', { hasText: '/ask بكم ارتفعت أسعار القمح؟' }).count()).toBe(1);

    // a message arriving in #general while #economy is shown marks #general
    await sandbox.discord.sendMessage({ content: 'مرحبا', channelId: sandbox.discord.channelId });
    await page.locator('#channel-list .channel-link.unread', { hasText: '# general' }).waitFor();
    await showChannel('general');
    expect(await page.locator('#channel-list .channel-link.unread').count()).toBe(0);
  });

  it('adds a web page from /article add url:, shown first with Add and Cancel', async () => {
    const news = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
    });
    await new Promise<void>((resolve) => news.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(news.address() as AddressInfo).port}/match`;
      await type(`/article add url: ${url}`);
      const preview = replyTo('/article add url:', 'Add this article');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('فوز المنتخب');
      expect((await sandbox.bot.context.shelf.library.store.list(sandbox.discord.guildId)).length).toBe(3); // nothing stored yet
      await preview.locator('button', { hasText: 'Add' }).click();
      await replyTo('/article add url:', 'Ready').waitFor({ timeout: 60_000 });
      expect(await replyTo('/article add url:', 'Ready').textContent()).toMatch(/فوز المنتخب.* · A4/);
      expect(await sandbox.bot.context.shelf.library.store.text(sandbox.discord.guildId, 'A4')).toContain('فاز المنتخب الوطني');
    } finally {
      news.closeAllConnections();
      await new Promise((resolve) => news.close(resolve));
    }
  });
});
