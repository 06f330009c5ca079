// The library store the settings ask for: DATA_DIR/library.sqlite by default, PostgreSQL when
// LIBRARY_DATABASE_URL is set. pg is loaded only then, so the embedded default does not load it.
import { join } from 'node:path';
import type { Settings } from '../settings.ts';
import { LIBRARY_FILE } from './library.ts';
import { openSqliteLibraryStore } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

export async function openLibraryStore(settings: Pick<Settings, 'bot' | 'library'>): Promise<LibraryStore> {
  const url = settings.library.databaseUrl;
  if (!url) return openSqliteLibraryStore(join(settings.bot.DATA_DIR, LIBRARY_FILE));
  const { openPostgresLibraryStore } = await import('./pg-store.ts');
  return openPostgresLibraryStore(url);
}
