// The library's section of the settings (see settings.ts): where the articles are kept.
import { ConfigError } from '../config.ts';

export interface LibrarySettings {
  /** A postgres:// URL: the library shared by several bot processes; unset: DATA_DIR/library.sqlite. */
  databaseUrl?: string;
}

export const LIBRARY_SETTING_NAMES = ['LIBRARY_DATABASE_URL'] as const;

export function readLibrarySettings(env: Record<string, string | undefined>): LibrarySettings {
  const url = env.LIBRARY_DATABASE_URL?.trim();
  if (!url) return {};
  // the value is never echoed: it may hold a password
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConfigError('LIBRARY_DATABASE_URL must be empty (the embedded SQLite library) or a postgres:// URL');
  }
  return { databaseUrl: url };
}
