import { pino, type Logger } from 'pino';

// Logs go to stderr so that stdout stays clean for answers and JSON lines.
export const log: Logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined, redact: ['token', '*.token', 'DISCORD_TOKEN'] },
  pino.destination(2),
);

export type { Logger };
