import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArticleError, articleFromText, findSentence, loadArticle } from '../src/text/article.ts';

const dir = mkdtempSync(join(tmpdir(), 'article-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadArticle', () => {
  it('loads the seed article with its id, title and hash', () => {
    const article = loadArticle('articles/xi-putin-visit.ar.txt');
    expect(article.id).toBe('xi-putin-visit.ar');
    expect(article.title.startsWith('(سي إن إن)')).toBe(true);
    expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a missing file', () => {
    expect(() => loadArticle(join(dir, 'nope.txt'))).toThrow(/does not exist/);
  });

  it('refuses a directory', () => {
    const sub = join(dir, 'a-folder');
    mkdirSync(sub);
    expect(() => loadArticle(sub)).toThrow(/not a file/);
  });

  it('refuses an empty file and a whitespace-only file', () => {
    expect(() => loadArticle(file('empty.txt', ''))).toThrow(/is empty/);
    expect(() => loadArticle(file('blank.txt', ' \n\n\t'))).toThrow(/empty/);
  });

  it('refuses binary content', () => {
    expect(() => loadArticle(file('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])))).toThrow(/binary/);
  });

  it('refuses text that is not UTF-8', () => {
    // "مرحبا" in Windows-1256
    expect(() => loadArticle(file('cp1256.txt', Buffer.from([0xe3, 0xd1, 0xcd, 0xc8, 0xc7])))).toThrow(/not valid UTF-8/);
  });

  it('throws ArticleError so callers can tell bad input from bugs', () => {
    expect(() => loadArticle(join(dir, 'nope.txt'))).toThrow(ArticleError);
  });

  it("keeps a byte-order mark as character 0, so offsets index the file's own text and the mark is never quoted", () => {
    const path = file('bom.txt', '\ufeffجملة أولى. جملة ثانية.');
    const article = loadArticle(path);
    const fileText = readFileSync(path, 'utf8'); // Node keeps the mark too
    expect(article.text).toBe(fileText);
    expect(article.sentences[0]!.start).toBe(1);
    for (const s of article.sentences) {
      expect(fileText.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).not.toContain('\ufeff');
    }
  });

  it('says a UTF-16 file is UTF-16, with the way to save it as UTF-8', () => {
    const text = 'جملة أولى. جملة ثانية.';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(() => loadArticle(file('utf16le.txt', le))).toThrow(/UTF-16; save it as UTF-8/);
    expect(() => loadArticle(file('utf16-ascii.txt', Buffer.from('Plain English text here.', 'utf16le')))).toThrow(/UTF-16/);
  });

  it("refuses a saved web page's HTML, as the library does", () => {
    expect(() => loadArticle(file('page.html', '<html><head><title>t</title></head><body><p>زار الرئيس موسكو.</p></body></html>'))).toThrow(
      /web page's HTML/,
    );
  });
});

describe('findSentence', () => {
  const article = articleFromText('أ. ب.\nج. د.\n', 'tiny');

  it('finds a sentence by its id, written in several ways', () => {
    for (const id of ['2.1', ' [2.1] ', '(2.1)', '٢.١', '۲.۱', '2،1', '2٫1']) {
      expect(findSentence(article, id)?.text, id).toBe('ج.');
    }
  });

  it('returns undefined for an id that does not exist', () => {
    expect(findSentence(article, '9.9')).toBeUndefined();
    expect(findSentence(article, 'abc')).toBeUndefined();
  });
});
