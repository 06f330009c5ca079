// npm start: configuration from .env, the article index, the bot, clean shutdown on SIGINT/SIGTERM.
import { setFlagsFromString } from 'node:v8';
import { ConfigError, requireToken } from './config.ts';
import { startBot, type RunningBot } from './discord/bot.ts';
import { isTokenRejected, TOKEN_REJECTED } from './discord/fatal.ts';
import { log } from './log.ts';
import { exitAfter, exitOnSignals } from './shutdown.ts';
import { runSandbox } from './sandbox/run.ts';
import { readSettings, runningAsShard } from './settings.ts';
import { ArticleError } from './text/article.ts';
import { DamagedFileError } from './sqlite-file.ts';

async function main(): Promise<void> {
  const settings = readSettings();
  if (!settings.bot.DISCORD_TOKEN) {
    // Nothing to log in with: show the bot in the local sandbox instead of stopping with an error.
    await runSandbox(settings, 'No DISCORD_TOKEN is set, so `npm start` runs the sandbox instead of connecting to Discord.');
    return;
  }
  const config = requireToken(settings.bot);
  log.level = config.LOG_LEVEL;

  if (config.SHARD_COUNT > 1 && !runningAsShard()) {
    const { runShards } = await import('./shards.ts');
    const shards = await runShards(config, log);
    exitOnSignals('the shards', () => shards.stop());
    return;
  }

  // A bot serving a library makes short-lived garbage with every article it opens; with V8's own growth its
  // heap grows to several times what is live before collecting (bench:bot-library).
  if (config.HEAP_GROWTH_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWTH_PERCENT}`);
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception'));

  // A rejected token or a final gateway close is logged in one line by the bot; the process then exits
  // non-zero rather than run half-deaf.
  let bot: RunningBot | undefined;
  const stopBot = () => bot?.stop() ?? Promise.resolve();
  bot = await startBot(config, {
    llm: settings.llm,
    embeddings: settings.embeddings,
    onFatal: () => {
      fatalReported = true;
      exitAfter('the bot', stopBot, 1);
    },
  });
  exitOnSignals('the bot', stopBot);
  // a shard whose manager is gone (even killed) stops too, rather than run on as an orphan
  if (runningAsShard()) process.once('disconnect', () => exitAfter('the bot', stopBot, 0));
}

let fatalReported = false;

main().catch((error: unknown) => {
  if (fatalReported) return; // already said in one line, and exiting
  if (error instanceof ConfigError || error instanceof ArticleError || error instanceof DamagedFileError) {
    process.stderr.write(`${error.message}\n`);
  } else if (isTokenRejected(error)) {
    log.fatal(TOKEN_REJECTED);
  } else {
    log.fatal({ err: error }, 'the bot could not start');
  }
  process.exit(1);
});
