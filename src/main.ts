// npm start: configuration from .env, the article index, the bot, clean shutdown on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { startBot, type StartBotOptions } from './discord/bot.ts';
import { log } from './log.ts';
import { exitOnSignals } from './shutdown.ts';
import { runSandbox } from './sandbox/run.ts';
import { ArticleError } from './text/article.ts';

/** Loads .env (if present) into process.env without overriding what is already set. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/**
 * A chat model (LLM_PROVIDER) or a neural embedder (EMBEDDINGS), only when configured: their libraries
 * are loaded on demand, so the default offline bot stays small.
 */
async function optionalModels(env: NodeJS.ProcessEnv): Promise<StartBotOptions> {
  const chosen = (name: string, offline: string) => ![undefined, '', offline].includes(env[name]?.trim().toLowerCase());
  if (!chosen('LLM_PROVIDER', 'none') && !chosen('EMBEDDINGS', 'lexical')) return {};
  const { answerServiceFromEnv, embeddingsFromEnv } = await import('./llm/from-env.ts');
  const { embeddings, embedderId } = await embeddingsFromEnv(env, { log });
  return {
    answerService: answerServiceFromEnv(env, { log }),
    indexOptions: { ...(embeddings ? { embeddings } : {}), ...(embedderId ? { embedderId } : {}) },
  };
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

  const bot = await startBot(config, await optionalModels(process.env));
  exitOnSignals('the bot', () => bot.stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ArticleError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    log.fatal({ err: error }, 'the bot could not start');
  }
  process.exit(1);
});
