// The sandbox: the local Discord server, the real bot connected to it through DISCORD_API_URL
// exactly as it would connect to Discord, and the page that plays the person in its two channels.
import { join } from 'node:path';
import type { BotConfig, Config } from '../config.ts';
import { startBot, type RunningBot } from '../discord/bot.ts';
import type { EmbeddingsConfig, LlmConfig } from '../llm/config.ts';
import type { Logger } from '../log.ts';
import { startDiscordServer, type DiscordServer } from '../emulator/discord-server.ts';
import { HISTORY_LIMIT, openSandboxHistory } from './history.ts';
import { examplesFor } from './examples.ts';
import { startSandboxWeb } from './web.ts';

export interface SandboxOptions {
  /** The validated configuration; the token, API URL and guild are the sandbox's own. */
  config: Config;
  /** The chat model and the neural embedder, as the settings give them (the bot's defaults when unset). */
  llm?: LlmConfig;
  embeddings?: EmbeddingsConfig;
  host?: string;
  port?: number;
  log?: Logger;
  /** How many of the newest messages a restart brings back (default 500). */
  historyLimit?: number;
}

export interface Sandbox {
  /** The page to open in a browser. */
  url: string;
  discord: DiscordServer;
  bot: RunningBot;
  close(): Promise<void>;
}

/** Questions a minute in the sandbox, at least (RATE_LIMIT_PER_MINUTE=0 still turns the limit off). */
export const SANDBOX_RATE_LIMIT = 60;

/** The world's second text channel (the first is #general), so two channels can ask two articles. */
export const SECOND_CHANNEL = 'economy';

/** The sandbox's conversation, kept beside the sandbox bot's data (see history.ts). */
export const HISTORY_FILE = 'sandbox-history.sqlite';

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dataDir = join(options.config.DATA_DIR, 'sandbox');
  const history = openSandboxHistory(join(dataDir, HISTORY_FILE), options.historyLimit ?? HISTORY_LIMIT);
  const discord = await startDiscordServer(history.saved ? { saved: history.saved } : {}).catch((error: unknown) => {
    history.close();
    throw error;
  });
  history.record(discord);
  // an earlier run's world brings its channels back
  if (!discord.channels().some((c) => c.name === SECOND_CHANNEL)) discord.addChannel(SECOND_CHANNEL);
  let bot: RunningBot | undefined;
  try {
    const config: BotConfig = {
      ...options.config,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_APPLICATION_ID: discord.applicationId,
      REGISTER_COMMANDS: true,
      // the only person here is the one trying the bot: a limit meant for a busy server would stop them at once
      RATE_LIMIT_PER_MINUTE: options.config.RATE_LIMIT_PER_MINUTE === 0 ? 0 : Math.max(options.config.RATE_LIMIT_PER_MINUTE, SANDBOX_RATE_LIMIT),
      // Keep the sandbox's votes and threads apart from the real bot's (also when that is in PostgreSQL).
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
    };
    bot = await startBot(config, {
      ...(options.log ? { log: options.log } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
      ...(options.embeddings ? { embeddings: options.embeddings } : {}),
    });
    const web = await startSandboxWeb(discord, {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 3000,
      typed: { earlier: history.typed, save: (id, text) => history.saveTyped(id, text) },
      examples: examplesFor(options.config.ARTICLE_PATH),
    });
    const running = bot;
    return {
      url: web.url,
      discord,
      bot: running,
      async close() {
        await web.close();
        await running.stop();
        await discord.close();
        history.close();
      },
    };
  } catch (error) {
    await bot?.stop();
    await discord.close();
    history.close();
    throw error;
  }
}
