// The bot's scripts run as separate processes, as `npm start` runs them: tsx's loader in the script's own
// process (no wrapper process that would outlive a SIGKILL'd test run as an orphaned bot), from an empty
// working directory so that no .env can leak in, with the bot's settings taken only from the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { DiscordServer } from '../../src/emulator/discord-server.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX_LOADER = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(DISCORD_|ARTICLE_PATH|DATA_DIR|DATABASE_URL|EMBEDDINGS|RATE_LIMIT|LOG_LEVEL|REGISTER_COMMANDS|SHARD_COUNT|LLM_|OPENAI|ANTHROPIC)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a script of the project (e.g. src/main.ts) in `cwd` with these settings. */
export function run(script: string, cwd: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, script)], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // killed by a signal: -1, so that a test can tell it from a clean exit
  const exited = new Promise<number | null>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? -1 : null))));
  return { child, output: () => output, exited };
}

/** The promise, or an error naming `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The settings of a bot process against the local Discord server, its files in `dir`. */
export function botProcessEnv(server: DiscordServer, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.apiUrl,
    DISCORD_GUILD_ID: server.guildId,
    ARTICLE_PATH: join(ROOT, 'articles/xi-putin-visit.ar.txt'),
    EMBEDDINGS_DIR: join(dir, 'embeddings'),
    DATA_DIR: join(dir, 'data'),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** `npm start` as a process, once the local server has seen it log in (or its output when it exits first). */
export async function startBotProcess(server: DiscordServer, dir: string, env: Record<string, string>, running: Running[]): Promise<Running> {
  const r = run('src/main.ts', dir, env);
  running.push(r);
  await within(
    Promise.race([server.waitForBot(25_000), r.exited.then(() => Promise.reject(new Error(`exited early:\n${r.output()}`)))]),
    26_000,
    'bot start',
  );
  return r;
}
