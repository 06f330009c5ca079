// Riding out a bad minute of Discord: an idempotent request that fails with a 5xx or a network error
// is tried again with growing pauses for as long as it can still matter (an interaction token lives
// 15 minutes), instead of giving up after discord.js's own three quick retries.
import type { Logger } from '../log.ts';

/** Pauses between attempts; the last one repeats until the deadline. */
export const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** An interaction token works for 15 minutes; stop a little before. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
const TOKEN_MARGIN_MS = 5_000;

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failure worth trying again: Discord's side (5xx) or the network, never a 4xx. */
export function isTransient(error: unknown): boolean {
  const e = error as { status?: unknown; name?: unknown; code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.status === 'number') return e.status >= 500;
  if (e?.name === 'AbortError') return true;
  return NETWORK_CODES.has(String(e?.code)) || NETWORK_CODES.has(String(e?.cause?.code));
}

/** The moment an interaction created at `createdAt` can no longer be answered (with a margin). */
export function interactionDeadline(createdAt: number): number {
  return createdAt + INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;
}

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts. */
  until: number;
  log: Logger;
  what: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Checked before each new attempt (shutting down). */
  shouldStop?: () => boolean;
}

export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const pause = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
      if (!isTransient(error) || now() + pause > options.until || options.shouldStop?.()) throw error;
      const status = (error as { status?: number }).status;
      options.log.warn({ what: options.what, attempt: attempt + 1, status, retryInMs: pause }, 'Discord failed; trying again');
      await sleep(pause);
      if (options.shouldStop?.()) throw error;
    }
  }
}
