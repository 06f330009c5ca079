// Starts the sandbox from the command line: settings from the environment, one banner that says
// what is running and where, and a clean stop on SIGINT/SIGTERM.
import { ConfigError, parseConfig } from '../config.ts';
import { log } from '../log.ts';
import { exitOnSignals } from '../shutdown.ts';
import { startSandbox } from './sandbox.ts';
import { isLoopback } from './web.ts';

export interface SandboxSettings {
  host: string;
  port: number;
}

function sandboxSettings(env: Record<string, string | undefined>): SandboxSettings {
  const host = env.SANDBOX_HOST?.trim() || '127.0.0.1';
  const rawPort = env.SANDBOX_PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    throw new ConfigError(`SANDBOX_PORT must be a port number from 0 to 65535 (got "${rawPort}")`);
  }
  return { host, port };
}

export async function runSandbox(env: Record<string, string | undefined> = process.env, reason?: string): Promise<void> {
  const settings = sandboxSettings(env);
  const config = parseConfig(env);
  log.level = config.LOG_LEVEL;
  if (!isLoopback(settings.host)) {
    log.warn({ host: settings.host }, 'the sandbox listens beyond this machine (SANDBOX_HOST); anyone who can reach it can use the bot');
  }
  const sandbox = await startSandbox({ config, host: settings.host, port: settings.port, log }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${settings.port} is in use; set SANDBOX_PORT to another port (0 picks a free one)`);
    throw error;
  });
  const lines = [
    ...(reason ? [reason] : []),
    'SANDBOX: the bot is running against a local stand-in for Discord (no account needed).',
    `Open ${sandbox.url} and type /ask <question>, /summary, /source 4.1, /about or @bot <question>.`,
    'Press Ctrl+C to stop. To use real Discord: create a bot at https://discord.com/developers/applications',
    '(Bot > Reset Token), put DISCORD_TOKEN=<token> in .env (see .env.example and the README), and run npm start.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  process.stdout.write(`\n${'='.repeat(width)}\n${lines.join('\n')}\n${'='.repeat(width)}\n\n`);

  exitOnSignals('the sandbox', () => sandbox.close());
}
