// The bot's section of the settings (see settings.ts): validated, with messages a person can act on.
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ARTICLE_PATH } from './paths.ts';

const SNOWFLAKE = /^\d{15,22}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings in .env mean "not set", so defaults still apply. */
export const blankAsUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

const schema = z.object({
  DISCORD_TOKEN: optional(z.string().trim().min(1)),
  DISCORD_GUILD_ID: optional(z.string().trim().regex(SNOWFLAKE, 'must be a numeric server (guild) id, e.g. 123456789012345678')),
  DISCORD_APPLICATION_ID: optional(z.string().trim().regex(SNOWFLAKE, 'must be a numeric application id')),
  DISCORD_API_URL: optional(z.string().trim().url('must be a URL such as https://discord.com/api')).transform(
    (url) => (url ?? 'https://discord.com/api').replace(/\/+$/, ''),
  ),
  ARTICLE_PATH: optional(z.string().trim()).transform((p) => p ?? DEFAULT_ARTICLE_PATH),
  /** Unset: DATA_DIR/indexes (see indexDirOf). */
  EMBEDDINGS_DIR: optional(z.string().trim()),
  DATA_DIR: optional(z.string().trim()).transform((p) => p ?? 'data'),
  /** Unset: the bot's memory is DATA_DIR/bot.sqlite; a postgres:// URL: PostgreSQL, shared by bot processes on several machines. */
  DATABASE_URL: optional(
    z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL, e.g. postgres://sanad:password@db.example:5432/sanad'),
  ),
  RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int('must be a whole number').min(0, 'must be 0 (off) or more')).transform(
    (n) => n ?? 5,
  ),
  /** Members with this role may change the library, besides those with Manage Server. */
  LIBRARY_ROLE_ID: optional(z.string().trim().regex(SNOWFLAKE, 'must be a numeric role id')),
  /** 1: `/article add url:` may fetch from private and local networks too (a self-hoster's own); off: public addresses only. */
  LIBRARY_ALLOW_PRIVATE_URLS: optional(z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 (on) or 0 (off)' })).transform((v) => v === '1' || v === 'true'),
  /** 2 or more: `npm start` runs one bot process per shard (discord.js's ShardingManager); unset: one process. */
  SHARD_COUNT: optional(z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(64, 'must be at most 64')).transform(
    (n) => n ?? 1,
  ),
  /** How far V8 lets the heap grow past what is live before collecting, in percent; 0: V8's own (up to 300%). */
  HEAP_GROWTH_PERCENT: optional(z.coerce.number().int('must be a whole number').min(0, 'must be 0 (V8\'s own) or more').max(400, 'must be at most 400')).transform(
    (n) => n ?? 50,
  ),
  REGISTER_COMMANDS: optional(z.enum(['true', 'false'], { message: 'must be true or false' })).transform((v) => v !== 'false'),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })).transform((v) => v ?? 'info'),
});

export type Config = z.infer<typeof schema>;
export const SETTING_NAMES = Object.keys(schema.shape);
/** A configuration that can log in. */
export type BotConfig = Config & { DISCORD_TOKEN: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Raised when everything is valid except that no token is set; `message` explains how to get one. */
export class MissingTokenError extends ConfigError {
  override name = 'MissingTokenError';
  constructor() {
    super(missingTokenMessage());
  }
}

function missingTokenMessage(): string {
  return [
    'DISCORD_TOKEN is not set, so the bot cannot log in to Discord.',
    '',
    'To get a token:',
    '  1. Open https://discord.com/developers/applications and create an application ("New Application").',
    '  2. In "Bot", press "Reset Token" and copy the token. Turn on "Message Content Intent" on the same page.',
    '  3. In "OAuth2 > URL Generator", tick the scopes "bot" and "applications.commands" and the permissions',
    '     Send Messages, Create Public Threads, Send Messages in Threads and Read Message History;',
    '     open the generated URL to add the bot to your server.',
    '  4. Copy .env.example to .env and put the token there: DISCORD_TOKEN=your-token',
    '     (set DISCORD_GUILD_ID to your server id so the commands appear at once).',
  ].join('\n');
}

/** Where article indexes are kept: EMBEDDINGS_DIR, else the data folder's indexes/, so the bot, the sandbox and
 *  the terminal on one data folder share one index per article (and a file outside the project is indexed there). */
export function indexDirOf(config: Pick<Config, 'EMBEDDINGS_DIR' | 'DATA_DIR'>): string {
  return config.EMBEDDINGS_DIR ?? join(config.DATA_DIR, 'indexes');
}

/** Validates without requiring a token (deploy tools and the sandbox may not need one). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The configuration (.env or environment) is not valid:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** A configuration that can log in; throws MissingTokenError (with instructions) when no token is set. */
export function requireToken(config: Config): BotConfig {
  if (!config.DISCORD_TOKEN) throw new MissingTokenError();
  return config as BotConfig;
}

/** Validates and requires a token. */
export function loadConfig(env: Record<string, string | undefined>): BotConfig {
  return requireToken(parseConfig(env));
}
