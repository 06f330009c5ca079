// Starts the sandbox from the command line: from the settings, one banner that says
// what is running and where, and a clean stop on SIGINT/SIGTERM.
import { ConfigError } from '../config.ts';
import { log } from '../log.ts';
import { exitOnSignals } from '../shutdown.ts';
import { startSandbox } from './sandbox.ts';
import { isLoopback } from './web.ts';
import type { Settings } from '../settings.ts';

export async function runSandbox(settings: Settings, reason?: string): Promise<void> {
  const { host, port } = settings.sandbox;
  log.level = settings.bot.LOG_LEVEL;
  if (!isLoopback(host)) {
    log.warn({ host }, 'the sandbox listens beyond this machine (SANDBOX_HOST); anyone who can reach it can use the bot');
  }
  const started = startSandbox({ config: settings.bot, llm: settings.llm, embeddings: settings.embeddings, host, port, log });
  const sandbox = await started.catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${port} is in use; set SANDBOX_PORT to another port (0 picks a free one)`);
    throw error;
  });
  const lines = [
    ...(reason ? [reason] : []),
    'SANDBOX: the bot is running against a local stand-in for Discord (no account needed).',
    `Open ${sandbox.url} and type /ask <question>, /summary, /source 4.1, /verify <quote>, /about or @bot <question>;`,
    '/article add with 📎 (a text file), a url: or the paste form adds an article, and /article use binds one to #general or #economy.',
    'Press Ctrl+C to stop. To use real Discord: create a bot at https://discord.com/developers/applications',
    '(Bot > Reset Token), put DISCORD_TOKEN=<token> in .env (see .env.example and the README), and run npm start.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  process.stdout.write(`\n${'='.repeat(width)}\n${lines.join('\n')}\n${'='.repeat(width)}\n\n`);

  exitOnSignals('the sandbox', () => sandbox.close());
}
