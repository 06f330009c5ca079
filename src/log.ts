import { writeSync } from 'node:fs';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { environment } from './settings.ts';
import { readableDestination } from './log-format.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level to start with; a bad LOG_LEVEL falls back to info here and is reported by the configuration check. */
export function startLevel(value: string | undefined): LogLevel {
  const wanted = value?.trim().toLowerCase();
  return LOG_LEVELS.find((level) => level === wanted) ?? 'info';
}

// Interaction tokens and webhook tokens are credentials for 15 minutes (webhooks: for ever); the bot
// token is the bot. None of them may reach a log line, whatever field or message they hide in.
// Whatever the id before it (a forged one need not be a number), and tokens by their shape wherever they are.
const SECRETS: [RegExp, string][] = [
  [/(\/(?:webhooks|interactions)\/[^/\s?#"'<>]+\/)[^/\s?#"'<>]+/gu, '$1[redacted]'],
  // an interaction token is base64 of "interaction:…", so it starts the same way every time
  [/aW50ZXJhY3Rpb24[\w.:=%-]*/gu, '[redacted token]'],
  [/\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}\b/gu, '[redacted token]'],
  [/(\bBot\s+)[\w.-]{20,}/gu, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  return SECRETS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * An error as a log field: pino's usual shape, without the request body (it holds what people asked and
 * what the bot was about to post) and with every token in it redacted.
 */
function serialiseError(error: Error, depth: number): unknown {
  const serialised = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const { requestBody: _requestBody, ...rest } = serialised;
  return redactDeep({ ...rest }, depth + 1);
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 6) return value;
  if (value instanceof Error) return serialiseError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, depth + 1);
    return out;
  }
  return value;
}

/** The options every logger of the bot uses (tests build theirs from the same, so they see what is logged). */
export function loggerOptions(level: string = startLevel(environment().LOG_LEVEL)): LoggerOptions {
  return {
    level,
    base: undefined,
    redact: ['token', '*.token', 'DISCORD_TOKEN'],
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // log.error(error) keeps pino's shape: the error under `err` and its message as the line's message.
        const merged = first instanceof Error ? { err: redactDeep(first) } : redactDeep(first);
        const more = rest.map((arg) => redactDeep(arg));
        if (first instanceof Error && more.length === 0) more.push(redactSecrets(first.message));
        return method.apply(this, [merged, ...more] as Parameters<typeof method>);
      },
    },
  };
}

/**
 * Writes each line straight to stderr. If the reader has gone (EPIPE) logging stops quietly; a full pipe
 * is retried briefly and the line dropped. Unlike a buffered destination, nothing is left to flush at
 * exit, so process.exit can never loop on a broken pipe.
 */
export function stderrDestination(fd = 2): DestinationStream {
  let gone = false;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return {
    write(line: string) {
      if (gone) return;
      let data = Buffer.from(line);
      for (let attempt = 0; attempt < 20 && data.length > 0; attempt++) {
        try {
          data = data.subarray(writeSync(fd, data));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EAGAIN' && code !== 'EBUSY') {
            gone = true;
            return;
          }
          Atomics.wait(pause, 0, 0, 5);
        }
      }
    },
  };
}

/**
 * Where the bot logs: stderr, as readable lines when a person watches it on a terminal (coloured unless
 * NO_COLOR is set), as JSON lines for anything that reads them (a pipe, a file, a log collector).
 */
export function logDestination(stream: { isTTY?: boolean; fd: number } = process.stderr, env = environment()): DestinationStream {
  const raw = stderrDestination(stream.fd);
  if (!stream.isTTY) return raw;
  return readableDestination(raw, { colour: !env.NO_COLOR && env.TERM !== 'dumb' });
}

// Logs go to stderr so that stdout stays clean for answers and JSON lines.
export const log: Logger = pino(loggerOptions(), logDestination());

export type { Logger };
