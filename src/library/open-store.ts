// The library store the settings ask for: DATA_DIR/library.sqlite by default, PostgreSQL when
// DATABASE_URL is set (the same database as the bot's memory). pg is loaded only then. A library from
// before servers had their own goes to DISCORD_GUILD_ID (the home server; '' without one).
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { LIBRARY_FILE } from './library.ts';
import { openSqliteLibraryStore } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

export async function openLibraryStore(config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL'> & { DISCORD_GUILD_ID?: string | undefined }): Promise<LibraryStore> {
  const options = { homeGuildId: config.DISCORD_GUILD_ID ?? '' };
  if (!config.DATABASE_URL) return openSqliteLibraryStore(join(config.DATA_DIR, LIBRARY_FILE), options);
  const { openPostgresLibraryStore } = await import('./pg-store.ts');
  return openPostgresLibraryStore(config.DATABASE_URL, options);
}
