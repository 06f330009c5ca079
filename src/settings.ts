// Every setting of every entry point, read in one place: the process environment over `.env` (which
// never overrides what is already set), validated section by section with messages a person can act
// on. The only module that reads process.env; the bot, the command lines, the sandbox, eval and bench
// all start from readSettings().
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parseConfig, SETTING_NAMES as BOT_NAMES, type Config } from './config.ts';
import { EMBEDDINGS_SETTING_NAMES, LLM_SETTING_NAMES, readEmbeddingsConfig, readLlmConfig, type EmbeddingsConfig, type LlmConfig } from './llm/config.ts';
import { LIBRARY_SETTING_NAMES, readLibrarySettings, type LibrarySettings } from './library/settings.ts';
import { PROJECT_ROOT } from './paths.ts';
import { readSandboxSettings, SANDBOX_SETTING_NAMES, type SandboxSettings } from './sandbox/settings.ts';

export type Env = Record<string, string | undefined>;

export interface Settings {
  /** Discord, the article, the index and data folders, the rate limit, the log level. */
  bot: Config;
  embeddings: EmbeddingsConfig;
  llm: LlmConfig;
  /** Where the article library is kept: SQLite in DATA_DIR, or PostgreSQL. */
  library: LibrarySettings;
  sandbox: SandboxSettings;
}

/** Every variable the settings read, for .env.example and the README's table (a test keeps them in step). */
export const SETTING_NAMES: readonly string[] = [...new Set([...BOT_NAMES, ...EMBEDDINGS_SETTING_NAMES, ...LLM_SETTING_NAMES, ...LIBRARY_SETTING_NAMES, ...SANDBOX_SETTING_NAMES])];

let cached: Env | undefined;

/** `.env` in the current folder, else in the project's folder (a service started from elsewhere still finds it). */
function envFile(): string | undefined {
  return ['.env', join(PROJECT_ROOT, '.env')].find((path) => existsSync(path));
}

/**
 * The environment with `.env` under it, read once per process. A variable set but blank in the environment
 * (`ARTICLE_PATH=` from a service manager) does not hide the file's value.
 */
export function environment(): Env {
  if (!cached) {
    const file = envFile();
    const fromFile: Env = file ? parseEnv(readFileSync(file, 'utf8')) : {};
    const set = Object.entries(process.env).filter(([name, value]) => value?.trim() || fromFile[name] === undefined);
    cached = { ...fromFile, ...Object.fromEntries(set) };
  }
  return cached;
}

/** All sections, validated; throws ConfigError naming each bad variable. */
export function readSettings(env: Env = environment()): Settings {
  return {
    bot: parseConfig(env),
    embeddings: readEmbeddingsConfig(env),
    llm: readLlmConfig(env),
    library: readLibrarySettings(env),
    sandbox: readSandboxSettings(env),
  };
}
