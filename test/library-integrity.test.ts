// Nothing damaged is used in silence: an article whose stored bytes changed is refused (one line names the
// file) until it is added again, vectors whose bytes changed are made again with a warning, and a damaged
// SQLite page in bot.sqlite or library.sqlite stops start-up with one line instead of a bot that fails
// every interaction. Real stores, the real bot through discord.js, and `npm start` as a process.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBot } from '../src/discord/bot.ts';
import { openSqliteBotStore } from '../src/discord/sqlite-store.ts';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../src/emulator/discord-server.ts';
import { openArticleIndex } from '../src/index/article-index.ts';
import { LIBRARY_FILE, openLibrary } from '../src/library/library.ts';
import { openSqliteLibraryStore } from '../src/library/sqlite-store.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import { DamagedFileError } from '../src/sqlite-file.ts';
import { articleFromText } from '../src/text/article.ts';
import { ARTICLE_PATH, botConfig, memoryIndex, memoryLogger } from './bot-harness.ts';
import { run, within } from './support/bot-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'library-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HARVEST = 'حصاد القمح\nبدأ موسم حصاد القمح في الصعيد مبكرا هذا العام.\nوقالت الوزارة إن إنتاج عام 2023 بلغ تسعة ملايين طن.\n';

/** Bytes of a SQLite file changed in place, as a bad disk or a stray write would. */
function replaceInFile(path: string, from: string, to: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(from));
  expect(at).toBeGreaterThan(0);
  Buffer.from(to).copy(bytes, at);
  writeFileSync(path, bytes);
}

/** A page of a table's b-tree overwritten past its header. */
function damageTable(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const { rootpage, size } = db.prepare<[string], { rootpage: number; size: number }>(
    "SELECT rootpage, (SELECT page_size FROM pragma_page_size) AS size FROM sqlite_master WHERE name = ?",
  ).get(table)!;
  db.close();
  const bytes = readFileSync(path);
  bytes.fill(0x55, (rootpage - 1) * size + 100, rootpage * size);
  writeFileSync(path, bytes);
}

function replyOf(server: DiscordServer, interactionId: string, done: (content: string) => boolean = () => true): Promise<StoredMessage> {
  return server.waitForMessage((m) => m.interaction?.id === interactionId && m.content !== '' && !m.content.includes('⏳') && done(m.content), 10_000);
}

describe('an article whose stored text changed', () => {
  it('is not quoted, with one line naming library.sqlite, until the same text is added again', async () => {
    const server = await startDiscordServer({ port: 0 });
    const dataDir = join(dir, 'text');
    const { log, lines } = memoryLogger();
    const start = () => startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log });
    let bot = await start();
    try {
      await server.waitForBot();
      const ask = async (article: string) => {
        const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'كم بلغ إنتاج القمح عام 2023؟' }, { name: 'article', value: article }] as never });
        return replyOf(server, sent.interactionId);
      };
      const sent = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'file', attachment: { filename: 'harvest.txt', content: HARVEST } }] as never });
      await replyOf(server, sent.interactionId, (c) => c.includes('Ready'));
      expect((await ask('A2')).content).toContain('تسعة ملايين');
      await bot.stop();

      replaceInFile(join(dataDir, LIBRARY_FILE), 'عام 2023 بلغ', 'عام 2099 بلغ');
      bot = await start();
      await server.waitForBot();
      for (const article of ['A2', 'all']) {
        const reply = await ask(article);
        expect(reply.content).not.toContain('2099');
        if (article === 'A2') {
          expect(reply.content).toContain('has changed since it was added');
          expect(reply.flags & (1 << 6)).toBe(1 << 6);
        }
      }
      const damaged = lines.filter((l) => l.level === 50 && l.msg.includes('does not match its hash'));
      expect(damaged.length).toBeGreaterThan(0);
      expect(damaged[0]!.msg).toContain(join(dataDir, LIBRARY_FILE));
      expect(damaged[0]!.msg).not.toContain('\n');

      // added again, the text is whole again
      const again = await server.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'file', attachment: { filename: 'harvest.txt', content: HARVEST } }] as never });
      expect((await replyOf(server, again.interactionId, (c) => c.includes('Ready'))).content).toContain('Already in the library');
      const whole = await ask('A2');
      expect(whole.content).toContain('عام 2023 بلغ تسعة ملايين طن');
    } finally {
      await bot.stop();
      await server.close();
    }
  });
});

describe('stored vectors whose bytes changed', () => {
  it('are refused with a warning naming the file, made again, and replaced: answers stay what they were', async () => {
    const path = join(dir, 'vectors', LIBRARY_FILE);
    mkdirSync(join(dir, 'vectors'), { recursive: true });
    const article = articleFromText(HARVEST, 'A2');
    const question = 'كم بلغ إنتاج القمح؟';
    const store = openSqliteLibraryStore(path);
    const first = await openArticleIndex(article, { persist: false, stash: store });
    const expected = await extractiveAnswerService.answer(first, question);
    await store.close();

    const db = new Database(path);
    const row = db.prepare<[], { data: Buffer }>("SELECT data FROM vectors WHERE signal = 'lexical'").get()!;
    const quarter = row.data.length / 4;
    const rotated = Buffer.concat([row.data.subarray(quarter), row.data.subarray(0, quarter)]);
    db.close();
    for (const damaged of [rotated, Buffer.alloc(row.data.length)]) {
      const writer = new Database(path);
      writer.prepare("UPDATE vectors SET data = ? WHERE signal = 'lexical'").run(damaged);
      writer.close();
      const { log, lines } = memoryLogger();
      const reopened = openSqliteLibraryStore(path);
      const index = await openArticleIndex(article, { persist: false, stash: reopened, log });
      const warned = lines.filter((l) => l.level === 40 && String(l.err).includes('do not match their checksum'));
      expect(warned).toHaveLength(1);
      expect(String(warned[0]!.err)).toContain(path);
      const answer = await extractiveAnswerService.answer(index, question);
      expect(answer.citations.map((c) => c.id)).toEqual(expected.citations.map((c) => c.id));
      // made again and saved in their place
      const key = { articleId: 'A2', articleHash: article.hash, signal: 'lexical' as const, embedderId: first.signals[0]!.embedderId, units: first.chunks.length };
      expect(await reopened.load(key)).toBeDefined();
      await reopened.close();
    }
  });
});

describe('a damaged SQLite page', () => {
  it('in library.sqlite stops the bot starting, in one line naming the file and what to do', async () => {
    const dataDir = join(dir, 'library-page');
    const library = await openLibrary({ dataDir, seedArticlePath: ARTICLE_PATH });
    const books = await library.guild('');
    for (let i = 0; i < 30; i++) await books.addText(`${HARVEST}سطر ${i} يضيف جملة أخرى عن الحصاد.\n`);
    await library.close();
    damageTable(join(dataDir, LIBRARY_FILE), 'guild_articles');
    const server = await startDiscordServer({ port: 0 });
    try {
      const failure = await startBot(botConfig(server, dataDir), { openIndex: memoryIndex, log: memoryLogger().log }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DamagedFileError);
      expect((failure as Error).message).toMatch(new RegExp(`^${join(dataDir, LIBRARY_FILE).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\(.+\\): restore it from a backup`));
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      await server.close();
    }
  });

  it('in bot.sqlite makes `npm start` exit with that line instead of reporting ready', async () => {
    const dataDir = join(dir, 'bot-page');
    const store = openSqliteBotStore(join(dataDir, 'bot.sqlite'));
    for (let i = 0; i < 200; i++) {
      await store.saveAnswer({ key: `k${i}`, question: 'متى سيزور شي روسيا؟ '.repeat(5), channelId: 'c', messageId: `m${i}`, answered: true, citationIds: ['1.1'], articleId: 'A1' });
    }
    await store.close();
    damageTable(join(dataDir, 'bot.sqlite'), 'answers');
    const server = await startDiscordServer({ port: 0 });
    try {
      const bot = run('src/main.ts', dataDir, {
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        DISCORD_GUILD_ID: server.guildId,
        ARTICLE_PATH: resolve(ARTICLE_PATH),
        DATA_DIR: dataDir,
        EMBEDDINGS: 'lexical',
        EMBEDDINGS_DIR: join(dataDir, 'index'),
        LOG_LEVEL: 'info',
      });
      expect(await within(bot.exited, 60_000, 'the bot exiting')).toBe(1);
      const said = bot.output().trim().split('\n').filter((line) => line.includes('bot.sqlite'));
      expect(said).toEqual([expect.stringMatching(/bot\.sqlite is damaged \(.+\): restore it from a backup/)]);
      expect(bot.output()).not.toContain('bot ready');
      expect(server.requests.some((r) => r.route.includes('/gateway'))).toBe(false);
    } finally {
      await server.close();
    }
  }, 90_000);
});
