// The article library in its embedded store: texts kept byte for byte, the seed article first, the same
// text once, removal for good; and from the terminal: add, list, remove, and asking one article by id.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryError, openLibrary } from '../src/library/library.ts';
import { ArticleError } from '../src/text/article.ts';

const dir = mkdtempSync(join(tmpdir(), 'library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 'articles/xi-putin-visit.ar.txt';
// odd bytes on purpose: a CRLF line end, a non-breaking space, tatweel and diacritics
const WHEAT = 'تقرير القمح\r\nارتفعت أسعارُ القمـح في الأسواق\u00a0العالمية بنسبة 12 في المئة هذا الشهر بسبب الجفاف.\n';

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('the library', () => {
  it('starts with the seed article, keeps texts byte for byte, stores the same text once, and removes for good', () => {
    const dataDir = join(dir, 'data-a');
    const library = openLibrary({ dataDir, seedArticlePath: SEED });
    expect(library.store.list().map((e) => e.id)).toEqual(['A1']);
    const added = library.addFile(file('wheat.txt', WHEAT), { outlet: 'Test News', published: '2026-12-01' });
    expect(added).toMatchObject({ added: true, entry: { id: 'A2', title: 'تقرير القمح', outlet: 'Test News' } });
    expect(library.addText(WHEAT).added).toBe(false);
    expect(library.article('a2').article.text).toBe(WHEAT);
    expect(library.store.remove('A2')).toBe(true);
    expect(() => library.article('A2')).toThrow(LibraryError);
    expect(library.addText(`${WHEAT}\nسطر آخر.`).entry.id).toBe('A3'); // ids are never reused
    library.close();

    const reopened = openLibrary({ dataDir, seedArticlePath: SEED });
    expect(reopened.store.list().map((e) => e.id)).toEqual(['A1', 'A3']);
    expect(reopened.store.list({ includeRemoved: true }).find((e) => e.id === 'A2')?.removedAt).toBeGreaterThan(0);
    reopened.close();
  });

  it('refuses what cannot be an article, adding nothing', () => {
    const library = openLibrary({ dataDir: join(dir, 'data-b'), seedArticlePath: SEED });
    expect(() => library.addFile(file('empty.txt', ''))).toThrow(ArticleError);
    expect(() => library.addFile(file('binary.bin', Buffer.from([0x7f, 0x45, 0, 1])))).toThrow(/binary/);
    expect(() => library.addFile(file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])))).toThrow(/UTF-8/);
    expect(() => library.addText('   \n ')).toThrow(ArticleError);
    expect(() => library.article('A99')).toThrow(/no article "A99"/);
    expect(library.store.list().map((e) => e.id)).toEqual(['A1']);
    library.close();
  });
});

function run(script: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('scripts/run.mjs'), script, ...args],
      { env: { ...process.env, DATA_DIR: dataDir, EMBEDDINGS: 'lexical', EMBEDDINGS_DIR: join(dataDir, 'index') }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run library', () => {
  it('adds, lists and removes articles; ask, summary and verify --article-id work on the stored text', async () => {
    const dataDir = join(dir, 'data-cli');
    const wheat = file('wheat-cli.txt', WHEAT);
    const add = await run('src/cli/library.ts', ['add', wheat, '--outlet', 'Test News', '--json'], dataDir);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 'A2', added: true });

    const ask = await run('src/cli/ask.ts', ['--json', '--article-id', 'A2', 'لماذا ارتفعت أسعار القمح؟'], dataDir);
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout) as { answered: boolean; citations: { start: number; end: number; text: string }[] };
    expect(answer.answered).toBe(true);
    for (const c of answer.citations) expect(c.text).toBe(WHEAT.slice(c.start, c.end));

    const verify = await run('src/cli/verify.ts', ['--json', '--article-id', 'A2', 'ارتفعت أسعار القمح في الأسواق العالمية'], dataDir);
    expect(JSON.parse(verify.stdout)).toMatchObject({ verdict: 'exact', spans: [{ id: '2.1' }] });

    const summary = await run('src/cli/summary.ts', ['--json', '--article-id', 'A2', '--length', 'short'], dataDir);
    const cited = (JSON.parse(summary.stdout) as { citations: { start: number; end: number; text: string }[] }).citations;
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) expect(c.text).toBe(WHEAT.slice(c.start, c.end));

    const list = await run('src/cli/library.ts', ['list', '--json'], dataDir);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['A1', 'A2']);
    expect((await run('src/cli/library.ts', ['remove', 'A2'], dataDir)).code).toBe(0);
    const gone = await run('src/cli/ask.ts', ['--article-id', 'A2', 'لماذا؟'], dataDir);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('removed');
    const unknown = await run('src/cli/library.ts', ['remove', 'A7'], dataDir);
    expect(unknown.code).toBe(1);
  });
});
