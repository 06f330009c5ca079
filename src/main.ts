// npm start: configuration from .env, the article index, the bot, clean shutdown on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { startBot, type RunningBot } from './discord/bot.ts';
import { isTokenRejected, TOKEN_REJECTED } from './discord/fatal.ts';
import { log } from './log.ts';
import { exitAfter, exitOnSignals } from './shutdown.ts';
import { runSandbox } from './sandbox/run.ts';
import { ArticleError } from './text/article.ts';

/** Loads .env (if present) into process.env without overriding what is already set. */
function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

async function main(): Promise<void> {
  loadDotEnv();
  if (!process.env.DISCORD_TOKEN?.trim()) {
    // Nothing to log in with: show the bot in the local sandbox instead of stopping with an error.
    await runSandbox(process.env, 'No DISCORD_TOKEN is set, so `npm start` runs the sandbox instead of connecting to Discord.');
    return;
  }
  const config = loadConfig(process.env);
  log.level = config.LOG_LEVEL;

  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception'));

  // startBot reads LLM_PROVIDER and EMBEDDINGS itself. A rejected token or a final gateway close is
  // logged in one line by the bot; the process then exits non-zero rather than run half-deaf.
  let bot: RunningBot | undefined;
  const stopBot = () => bot?.stop() ?? Promise.resolve();
  bot = await startBot(config, {
    onFatal: () => {
      fatalReported = true;
      exitAfter('the bot', stopBot, 1);
    },
  });
  exitOnSignals('the bot', stopBot);
}

let fatalReported = false;

main().catch((error: unknown) => {
  if (fatalReported) return; // already said in one line, and exiting
  if (error instanceof ConfigError || error instanceof ArticleError) {
    process.stderr.write(`${error.message}\n`);
  } else if (isTokenRejected(error)) {
    log.fatal(TOKEN_REJECTED);
  } else {
    log.fatal({ err: error }, 'the bot could not start');
  }
  process.exit(1);
});
