// Per-person limit on questions: a sliding one-minute window, small and bounded in memory.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  take(userId: string): RateDecision;
}

const WINDOW_MS = 60_000;
/** Beyond this many tracked people, forget the quietest ones first. */
const MAX_TRACKED = 10_000;

/** `perMinute` of 0 turns the limit off. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const recent = new Map<string, number[]>();
  return {
    take(userId) {
      if (perMinute <= 0) return { allowed: true };
      const t = now();
      const times = (recent.get(userId) ?? []).filter((at) => t - at < WINDOW_MS);
      if (times.length >= perMinute) {
        recent.set(userId, times);
        return { allowed: false, retryAfterMs: WINDOW_MS - (t - times[0]!) };
      }
      times.push(t);
      recent.delete(userId); // re-insert so Map order is least recently active first
      recent.set(userId, times);
      if (recent.size > MAX_TRACKED) recent.delete(recent.keys().next().value!);
      return { allowed: true };
    },
  };
}
