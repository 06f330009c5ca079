// Starts the real bot (startBot, as npm start does) against the local Discord-compatible server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { parseConfig, type BotConfig } from '../src/config.ts';
import { startBot, type RunningBot } from '../src/discord/bot.ts';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import type { AnswerService } from '../src/qa/service.ts';
import { loggerOptions } from '../src/log.ts';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { loadArticle, type Article } from '../src/text/article.ts';

export const ARTICLE_PATH = 'articles/xi-putin-visit.ar.txt';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger that keeps its lines, so tests can check that faults were logged. */
export function memoryLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  // The bot's own logger options (redaction included), writing into memory.
  const log = pino(loggerOptions('debug'), { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

const memoryIndexes = new Map<string, Promise<ArticleIndex>>();
/** Indexes kept in memory, each text's built once per test file (every bot started here shares the seed's). */
export function memoryIndex(article: Article): Promise<ArticleIndex> {
  let index = memoryIndexes.get(article.hash);
  if (!index) {
    index = openArticleIndex(article, { persist: false });
    memoryIndexes.set(article.hash, index);
  }
  return index;
}
export function seedIndex(): Promise<ArticleIndex> {
  return memoryIndex(loadArticle(ARTICLE_PATH));
}

export function botConfig(server: DiscordServer, dataDir: string, env: Record<string, string> = {}): BotConfig {
  return parseConfig({
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.apiUrl,
    DISCORD_GUILD_ID: server.guildId,
    ARTICLE_PATH,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...env,
  }) as BotConfig;
}

export interface Harness {
  server: DiscordServer;
  bot: RunningBot;
  dataDir: string;
  logs: LogLine[];
  /** Stops the bot and starts a fresh one on the same data directory (a restart); `between` runs while it is down. */
  restart(between?: () => void): Promise<RunningBot>;
  close(): Promise<void>;
}

export async function startHarness(options: { env?: Record<string, string>; answerService?: AnswerService } = {}): Promise<Harness> {
  const server = await startDiscordServer({ port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'article-bot-'));
  const { log, lines } = memoryLogger();
  const start = () =>
    startBot(botConfig(server, dataDir, options.env), {
      openIndex: memoryIndex,
      log,
      ...(options.answerService ? { answerService: options.answerService } : {}),
    });
  const harness: Harness = {
    server,
    bot: await start(),
    dataDir,
    logs: lines,
    async restart(between) {
      await harness.bot.stop();
      between?.();
      harness.bot = await start();
      await server.waitForBot();
      return harness.bot;
    },
    async close() {
      await harness.bot.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.waitForBot();
  return harness;
}

/** Polls until `check` returns a value (what the local server received, the bot stored). */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
