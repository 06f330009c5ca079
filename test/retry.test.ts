// Back-off for idempotent Discord requests: 5xx and network failures are retried until the deadline, 4xx never.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, interactionDeadline, isTransient, retryTransient } from '../src/discord/retry.ts';

const log = pino({ level: 'silent' });

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t };
}

describe('retryTransient', () => {
  it('keeps trying through 5xx with growing pauses and returns the first success', async () => {
    const c = clock();
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls++;
        if (calls < 6) throw Object.assign(new Error('Internal Server Error'), { status: 500 });
        return 'ok';
      },
      { until: 60_000, log, what: 'test', now: c.now, sleep: c.sleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(6);
    expect(c.elapsed()).toBe(BACKOFF_MS.slice(0, 5).reduce((a, b) => a + b, 0));
  });

  it('gives up at the deadline (an interaction token lives 15 minutes)', async () => {
    const c = clock();
    const failing = async () => {
      throw Object.assign(new Error('Bad Gateway'), { status: 502 });
    };
    await expect(retryTransient(failing, { until: interactionDeadline(0), log, what: 'test', now: c.now, sleep: c.sleep })).rejects.toThrow('Bad Gateway');
    expect(c.elapsed()).toBeLessThanOrEqual(15 * 60_000);
    expect(c.elapsed()).toBeGreaterThan(14 * 60_000);
  });

  it('never retries a 4xx, and stops when asked', async () => {
    const c = clock();
    let calls = 0;
    const forbidden = async () => {
      calls++;
      throw Object.assign(new Error('Missing Permissions'), { status: 403 });
    };
    await expect(retryTransient(forbidden, { until: 60_000, log, what: 'test', now: c.now, sleep: c.sleep })).rejects.toThrow();
    expect(calls).toBe(1);
    let stop = false;
    calls = 0;
    const flaky = async () => {
      calls++;
      stop = true;
      throw Object.assign(new Error('x'), { status: 503 });
    };
    await expect(retryTransient(flaky, { until: 60_000, log, what: 'test', now: c.now, sleep: c.sleep, shouldStop: () => stop })).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('knows what is transient', () => {
    expect(isTransient({ status: 500 })).toBe(true);
    expect(isTransient({ status: 429 })).toBe(false);
    expect(isTransient({ name: 'AbortError' })).toBe(true);
    expect(isTransient({ cause: { code: 'ECONNRESET' } })).toBe(true);
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});
