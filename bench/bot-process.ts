// The bot as the bot benchmarks run it: src/main.ts in its own process (as `npm start` runs it) against the
// local Discord server, so that its memory is its own; its log (stderr) is kept for the benchmark to read.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { DiscordServer } from '../src/emulator/discord-server.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Starts the bot on `dir` (its data and index folders inside); resolves once it is on the gateway. */
export async function startBotProcess(server: DiscordServer, dir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'src/main.ts')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guildId,
      EMBEDDINGS_DIR: join(dir, 'embeddings'),
      DATA_DIR: join(dir, 'data'),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  /** SIGTERM, then SIGKILL if it has not stopped within 10 s. */
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    await Promise.race([server.waitForBot(60_000), exited.then(() => Promise.reject(new Error(`the bot exited:\n${log}`)))]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, exited, log: () => log, stop };
}
