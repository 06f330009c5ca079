// Where the bot's memory is kept: a PostgreSQL URL in DATABASE_URL (shared by bot processes on several
// machines), else one SQLite file in DATA_DIR.
import { join } from 'node:path';
import { openSqliteBotStore } from './sqlite-store.ts';
import type { BotStore } from './store.ts';

const BOT_STORE_FILE = 'bot.sqlite';

export async function openBotStoreFor(config: { DATA_DIR: string; DATABASE_URL?: string | undefined }): Promise<BotStore> {
  if (!config.DATABASE_URL) return openSqliteBotStore(join(config.DATA_DIR, BOT_STORE_FILE));
  // pg is loaded only by deployments that use it
  const { openPostgresBotStore } = await import('./pg-store.ts');
  return openPostgresBotStore(config.DATABASE_URL);
}
