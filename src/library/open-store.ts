// The library store the settings ask for: DATA_DIR/library.sqlite by default, PostgreSQL when
// DATABASE_URL is set (the same database as the bot's memory). pg is loaded only then.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { LIBRARY_FILE } from './library.ts';
import { openSqliteLibraryStore } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

export async function openLibraryStore(config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL'>): Promise<LibraryStore> {
  if (!config.DATABASE_URL) return openSqliteLibraryStore(join(config.DATA_DIR, LIBRARY_FILE));
  const { openPostgresLibraryStore } = await import('./pg-store.ts');
  return openPostgresLibraryStore(config.DATABASE_URL);
}
