// Control characters when an article is added: invisible ones (ESC, bidi overrides, C1) removed and named,
// so the stored text, its offsets and its quotes are of the text without them; damaged text (NUL, a broken
// character) and text without a letter refused, adding nothing. And the terminal never receives them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../src/library/library.ts';
import { ArticleError, articleFromText } from '../src/text/article.ts';
import { articleCharacters, describeRemoved } from '../src/text/controls.ts';
import { terminalSafe } from '../src/cli/terminal.ts';
import { articleFromHtml } from '../src/library/page-extract.ts';

const dir = mkdtempSync(join(tmpdir(), 'article-controls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 'articles/xi-putin-visit.ar.txt';

const CLEAN = 'زيارة الرئيس\nوصل الرئيس إلى موسكو صباح اليوم في زيارة رسمية تستمر ثلاثة أيام.\n';
// the same text with an override, a terminal escape, a C1 control (CSI) and DEL tucked in
const TRICKED = 'زيارة \u202Eالرئيس\u202C\nوصل الرئيس\u001B[2J إلى موسكو\u009B صباح اليوم في زيارة\u007F رسمية تستمر ثلاثة أيام.\n';

describe('articleCharacters', () => {
  it('removes invisible controls, keeps tabs and line breaks, and counts what it removed', () => {
    const { text, removed } = articleCharacters(TRICKED, 'The text');
    expect(text).toBe(CLEAN.replace('الرئيس إلى', 'الرئيس[2J إلى'));
    expect(removed).toEqual([
      { char: '\u202E', count: 1 },
      { char: '\u202C', count: 1 },
      { char: '\u001B', count: 1 },
      { char: '\u009B', count: 1 },
      { char: '\u007F', count: 1 },
    ]);
    expect(articleCharacters('سطر\tأول\r\nسطر ثان', 'x')).toEqual({ text: 'سطر\tأول\r\nسطر ثان', removed: [] });
    expect(describeRemoved(removed)).toMatch(/^Removed 5 invisible control characters \(U\+202E right-to-left override ×1, .*U\+001B ESC.*\)/u);
    expect(describeRemoved([])).toBeUndefined();
  });

  it('refuses NUL, broken characters and text without a letter, saying why', () => {
    expect(() => articleCharacters('قال\u0000 الرئيس.', 'The pasted text')).toThrow(/The pasted text contains NUL/);
    expect(() => articleCharacters('قال \uD83D الرئيس.', 'The pasted text')).toThrow(/broken character/);
    for (const text of ['😀😀😀\n🎉🎉', '!!! ... ؟؟؟', '2023 2024', '\u202E\u001B'])
      expect(() => articleCharacters(text, 'The text'), JSON.stringify(text)).toThrow(/has no words/);
    expect(() => articleCharacters('😀 قال الرئيس 😀', 'x')).not.toThrow();
  });
});

describe('adding to the library', () => {
  it('stores the text without the controls, its quotes exact slices of what is stored, and says what was removed', async () => {
    const opened = await openLibrary({ dataDir: join(dir, 'data-a'), seedArticlePath: SEED });
    const library = await opened.guild('');
    const result = await library.addText(TRICKED, { title: 'عنوان\u202E\u001B]0;pwned\u0007', outlet: 'وكالة\u0085' });
    expect(result.added).toBe(true);
    const stored = (await opened.store.text('', result.entry.id))!;
    expect(stored).not.toMatch(/[\u001B\u007F\u009B\u202A-\u202E]/u);
    expect(stored).toBe(articleCharacters(TRICKED, 'x').text);
    expect(result.entry).toMatchObject({ title: 'عنوان]0;pwned', outlet: 'وكالة' });
    expect(result.removed.map((r) => r.char)).toEqual(['\u202E', '\u202C', '\u001B', '\u009B', '\u007F', '\u0007', '\u0085']);
    const { article } = await library.article(result.entry.id);
    for (const s of article.sentences) expect(s.text).toBe(stored.slice(s.start, s.end));
    expect(article.hash).toBe(articleFromText(stored).hash);
    // the same words with or without the controls are one article
    expect((await library.addText(articleCharacters(TRICKED, 'x').text)).added).toBe(false);
    await opened.close();
  });

  it('refuses pasted text with NUL and an emoji-only article, adding nothing', async () => {
    const opened = await openLibrary({ dataDir: join(dir, 'data-b'), seedArticlePath: SEED });
    const library = await opened.guild('');
    await expect(library.addText('وصل الرئيس\u0000 إلى موسكو.', {}, 'The pasted text')).rejects.toThrow(ArticleError);
    await expect(library.addText('😀🎉👍\n🔥🔥', {}, 'The pasted text')).rejects.toThrow(/The pasted text has no words/);
    expect((await library.list()).map((e) => e.id)).toEqual(['A1']);
    await opened.close();
  });
});

describe('a web page', () => {
  it('is added without the controls in its text and title, named as the page in what was removed', async () => {
    const paragraphs = [
      'وصل الرئيس إلى موسكو صباح اليوم\u202E في زيارة رسمية تستمر ثلاثة أيام يلتقي خلالها كبار المسؤولين في الحكومة.',
      'وقال المتحدث باسم الرئاسة إن الزيارة\u001B[31m تهدف إلى تعزيز التعاون الاقتصادي والتجاري بين البلدين الجارين.',
      'وأضاف أن الجانبين سيوقعان عددا من الاتفاقيات في مجالات الطاقة والنقل والتعليم خلال الأيام المقبلة.',
    ];
    const html = `<!doctype html><html><head><title>زيارة\u202E [رسمية](https://evil.example)</title></head><body><article><h1>زيارة\u202E [رسمية](https://evil.example)</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const page = articleFromHtml(html, 'https://news.example/visit');
    const opened = await openLibrary({ dataDir: join(dir, 'data-page'), seedArticlePath: SEED });
    const library = await opened.guild('');
    const { entry, removed } = await library.addText(page.text, { title: page.title, outlet: page.outlet, url: page.url }, 'That page');
    expect(entry.title).toBe('زيارة [رسمية](https://evil.example)');
    expect(await opened.store.text('', entry.id)).not.toMatch(/[\u001B\u202E]/u);
    expect(describeRemoved(removed)).toMatch(/U\+202E right-to-left override ×3, U\+001B ESC, a terminal escape ×1/u);
    await opened.close();
  });
});

function run(script: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('scripts/run.mjs'), script, ...args],
      { env: { ...process.env, DATA_DIR: dataDir, EMBEDDINGS: 'lexical', EMBEDDINGS_DIR: join(dataDir, 'index') }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

describe('the terminal', () => {
  it('writes controls as visible \\uXXXX, which is also a JSON escape of the same value', () => {
    expect(terminalSafe('a\u001B[31mb\u202Ec\r\n\td')).toBe('a\\u001b[31mb\\u202ec\\u000d\n\td');
    expect(JSON.parse(terminalSafe(JSON.stringify({ t: 'x\u009B\u007F\u202E' })))).toEqual({ t: 'x\u009B\u007F\u202E' });
  });

  it('npm run library add names what it removed; ask on a raw file never prints its escapes', async () => {
    const dataDir = join(dir, 'data-cli');
    const path = join(dir, 'tricked.txt');
    writeFileSync(path, TRICKED);
    const add = await run('src/cli/library.ts', ['add', path, '--title', 'عنوان\u001B]0;pwned\u0007'], dataDir);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Added: A2 {2}عنوان\]0;pwned\nRemoved 7 invisible control characters/u);
    expect(add.stdout).not.toMatch(RAW_CONTROL);
    // a file asked directly is not a library article: its text is quoted as it is, so the terminal is guarded
    const ask = await run('src/cli/ask.ts', ['--article', path, 'أين وصل الرئيس؟'], dataDir);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain('\\u001b[2J');
    expect(ask.stdout).not.toMatch(RAW_CONTROL);
  });
});
