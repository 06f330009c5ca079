// The article library in its embedded store: texts kept byte for byte, the seed article first, the same
// text once, removal for good; and from the terminal: add, list, remove, and asking one article by id.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryError, openLibrary } from '../src/library/library.ts';
import { ArticleError, loadArticle } from '../src/text/article.ts';
import { startBot } from '../src/discord/bot.ts';
import { startDiscordServer } from '../src/emulator/discord-server.ts';
import { indexName } from '../src/index/article-index.ts';
import { readEmbeddingsConfig } from '../src/llm/config.ts';
import { botConfig, memoryLogger } from './bot-harness.ts';

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
  it('starts with the seed article, keeps texts byte for byte, stores the same text once, and removes for good', async () => {
    const dataDir = join(dir, 'data-a');
    const library = await openLibrary({ dataDir, seedArticlePath: SEED });
    const books = await library.guild('');
    expect((await books.list()).map((e) => e.id)).toEqual(['A1']);
    const added = await books.addFile(file('wheat.txt', WHEAT), { outlet: 'Test News', published: '2026-12-01' });
    expect(added).toMatchObject({ added: true, entry: { id: 'A2', title: 'تقرير القمح', outlet: 'Test News' } });
    expect((await books.addText(WHEAT)).added).toBe(false);
    expect((await books.article('a2')).article.text).toBe(WHEAT);
    expect(await books.remove('A2')).toBe(true);
    await expect(books.article('A2')).rejects.toThrow(LibraryError);
    expect((await books.addText(`${WHEAT}\nسطر آخر.`)).entry.id).toBe('A3'); // ids are never reused
    await library.close();

    const reopened = await openLibrary({ dataDir, seedArticlePath: SEED });
    const again = await reopened.guild('');
    expect((await again.list()).map((e) => e.id)).toEqual(['A1', 'A3']);
    expect((await again.list({ includeRemoved: true })).find((e) => e.id === 'A2')?.removedAt).toBeGreaterThan(0);
    await reopened.close();
  });

  it('refuses what cannot be an article, adding nothing', async () => {
    const library = await openLibrary({ dataDir: join(dir, 'data-b'), seedArticlePath: SEED });
    const books = await library.guild('');
    await expect(books.addFile(file('empty.txt', ''))).rejects.toThrow(ArticleError);
    await expect(books.addFile(file('binary.bin', Buffer.from([0x7f, 0x45, 0, 1])))).rejects.toThrow(/binary/);
    await expect(books.addFile(file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])))).rejects.toThrow(/UTF-8/);
    await expect(books.addText('   \n ')).rejects.toThrow(ArticleError);
    await expect(books.addFile(file('saved.html', '<!DOCTYPE html><html><body><p>زار الرئيس موسكو.</p></body></html>'))).rejects.toThrow(/web page's HTML/);
    await expect(books.addText('<div class="story"><p>زار الرئيس الصيني موسكو.</p><p>وقال إن العلاقات قوية.</p></div>')).rejects.toThrow(LibraryError);
    await expect(books.article('A99')).rejects.toThrow(/no article "A99"/);
    expect((await books.list()).map((e) => e.id)).toEqual(['A1']);
    await library.close();
  });

  it('takes a news text that mentions a tag as text', async () => {
    const library = await openLibrary({ dataDir: join(dir, 'data-tags'), seedArticlePath: SEED });
    const books = await library.guild('');
    const text = 'قال الباحث إن وسم <script> في صفحات الويب يمكن أن يحمل شيفرة ضارة.\nوأضاف أن المتصفحات تحمي المستخدمين.\n';
    const { added, entry } = await books.addText(text);
    expect(added).toBe(true);
    expect(await library.store.text('', entry.id)).toBe(text);
    await library.close();
  });

  it('asks, in a place, its own article, else its channel\'s, else the server\'s default, else the first', async () => {
    const library = await openLibrary({ dataDir: join(dir, 'data-c'), seedArticlePath: SEED });
    const books = await library.guild('1');
    const { entry: wheat } = await books.addText(WHEAT);
    const { entry: other } = await books.addText(`${WHEAT}\nسطر ثالث.`);
    const place = { channelId: 'thread-1', parentId: 'channel-1' };
    expect((await books.articleFor(place))?.id).toBe('A1');
    await books.bind(null, wheat.id);
    expect((await books.articleFor(place))?.id).toBe(wheat.id);
    expect((await (await library.guild('2')).articleFor({ channelId: 'x' }))?.id).toBe('A1'); // another server
    await books.bind('channel-1', other.id);
    expect((await books.articleFor(place))?.id).toBe(other.id);
    await books.bind('thread-1', 'A1');
    expect((await books.articleFor(place))?.id).toBe('A1');
    // removing an article drops its bindings: the place falls back to the next one
    await books.remove(other.id);
    expect((await books.articleFor({ ...place, channelId: 'thread-2' }))?.id).toBe(wheat.id);
    await library.close();
  });
});

function run(script: string, args: string[], dataDir: string, env: Record<string, string> = { EMBEDDINGS_DIR: join(dataDir, 'index') }): Promise<{ code: number; stdout: string; stderr: string }> {
  const { EMBEDDINGS_DIR: _unset, ...inherited } = process.env;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('scripts/run.mjs'), script, ...args],
      { env: { ...inherited, DATA_DIR: dataDir, EMBEDDINGS: 'lexical', ...env }, timeout: 30_000 },
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
    const answer = JSON.parse(ask.stdout) as { answered: boolean; citations: { start: number; end: number; text: string }[]; articles: unknown };
    expect(answer.answered).toBe(true);
    expect(answer.articles).toEqual([{ id: 'A2', title: 'تقرير القمح', outlet: 'Test News' }]);
    const readable = await run('src/cli/ask.ts', ['--article-id', 'A2', 'لماذا ارتفعت أسعار القمح؟'], dataDir);
    expect(readable.stdout.split('\n')[0]).toBe('📰 A2  تقرير القمح  (Test News)');
    for (const c of answer.citations) expect(c.text).toBe(WHEAT.slice(c.start, c.end));

    const verify = await run('src/cli/verify.ts', ['--json', '--article-id', 'A2', 'ارتفعت أسعار القمح في الأسواق العالمية'], dataDir);
    expect(JSON.parse(verify.stdout)).toMatchObject({ verdict: 'exact', spans: [{ id: '2.1' }] });

    const summary = await run('src/cli/summary.ts', ['--json', '--article-id', 'A2', '--length', 'short'], dataDir);
    const summarised = JSON.parse(summary.stdout) as { citations: { start: number; end: number; text: string }[]; articles: { id: string }[] };
    expect(summarised.articles.map((a) => a.id)).toEqual(['A2']);
    const cited = summarised.citations;
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) expect(c.text).toBe(WHEAT.slice(c.start, c.end));

    // across the library: the wheat question is answered from A2, and its quotes say so
    const all = await run('src/cli/ask.ts', ['--json', '--article-id', 'all', 'لماذا ارتفعت أسعار القمح؟'], dataDir);
    const across = JSON.parse(all.stdout) as { answered: boolean; citations: { articleId: string; start: number; end: number; text: string }[]; articles: { id: string }[] };
    expect(across.answered).toBe(true);
    expect(across.citations.map((c) => c.articleId)).toContain('A2');
    // each article quoted is named once, in the order of its first quote
    expect(across.articles.map((a) => a.id)).toEqual([...new Set(across.citations.map((c) => c.articleId))]);
    for (const c of across.citations.filter((q) => q.articleId === 'A2')) expect(c.text).toBe(WHEAT.slice(c.start, c.end));

    const list = await run('src/cli/library.ts', ['list', '--json'], dataDir);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['A1', 'A2']);
    expect((await run('src/cli/library.ts', ['remove', 'A2'], dataDir)).code).toBe(0);
    const gone = await run('src/cli/ask.ts', ['--article-id', 'A2', 'لماذا؟'], dataDir);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('removed');
    const unknown = await run('src/cli/library.ts', ['remove', 'A7'], dataDir);
    expect(unknown.code).toBe(1);
  });

  it("acts on one server's library with --guild, and on the home server's without it", async () => {
    const dataDir = join(dir, 'data-cli-guild');
    const wheat = file('wheat-guild.txt', WHEAT);
    const add = await run('src/cli/library.ts', ['add', wheat, '--guild', '123456789012345678', '--json'], dataDir);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 'A2', added: true });
    const there = await run('src/cli/library.ts', ['list', '--json', '--guild', '123456789012345678'], dataDir);
    expect((JSON.parse(there.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['A1', 'A2']);
    const home = await run('src/cli/library.ts', ['list', '--json'], dataDir);
    expect((JSON.parse(home.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['A1']);
    expect((await run('src/cli/library.ts', ['remove', 'A2'], dataDir)).code).toBe(1); // not the home server's
    const bad = await run('src/cli/library.ts', ['list', '--guild', 'x; DROP'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--guild takes a numeric server id');
  });

  it('one index per article for the bot and the terminal on one data folder, wherever the article file is', async () => {
    const dataDir = join(dir, 'data-shared');
    const server = await startDiscordServer({ port: 0 });
    const bot = await startBot(botConfig(server, dataDir), { embeddings: readEmbeddingsConfig({ EMBEDDINGS: 'lexical' }), log: memoryLogger().log });
    try {
      await server.waitForBot();
      await bot.context.shelf.open(server.guildId, 'A1'); // the bot's seed, A1 of its library
      // the terminal, asking the same text as a file (a copy outside the project) and as the library's A1
      const outside = file('seed-copy.txt', readFileSync(SEED));
      expect((await run('src/cli/ask.ts', ['--article', outside, 'متى؟'], dataDir, {})).code).toBe(0);
      expect((await run('src/cli/ask.ts', ['--article-id', 'A1', 'متى؟'], dataDir, {})).code).toBe(0);
    } finally {
      await bot.stop();
      await server.close();
    }
    const indexes = readdirSync(join(dataDir, 'indexes'));
    expect(indexes).toEqual([indexName(loadArticle(SEED))]);
    expect(existsSync(join(dir, 'indexes'))).toBe(false); // nothing beside the outside file
  });
});
