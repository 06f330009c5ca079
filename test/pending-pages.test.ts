// Pages waiting for Add: capped per person, per server and in all, each refusal naming its limit; a
// place is freed by an answer, a failed fetch or the end of the window.
import { describe, expect, it } from 'vitest';
import { PendingPages } from '../src/discord/pending-pages.ts';

const LIMITS = { perPerson: 2, perGuild: 3, total: 4, windowMs: 60_000 };

describe('pages waiting for Add', () => {
  it('refuses a third page from one person, a fourth in one server and a fifth in all, each saying which limit', () => {
    const pending = new PendingPages<string>(LIMITS);
    pending.reserve('a1', { userId: 'ann', guildId: 'g1' }, 0);
    pending.reserve('a2', { userId: 'ann', guildId: 'g1' }, 0);
    expect(() => pending.reserve('a3', { userId: 'ann', guildId: 'g2' }, 0)).toThrow(/You already have 2 pages waiting/);
    pending.reserve('b1', { userId: 'bob', guildId: 'g1' }, 0);
    expect(() => pending.reserve('b2', { userId: 'bob', guildId: 'g1' }, 0)).toThrow(/This server already has 3 pages waiting/);
    pending.reserve('c1', { userId: 'cy', guildId: 'g2' }, 0);
    expect(() => pending.reserve('d1', { userId: 'dee', guildId: 'g3' }, 0)).toThrow(/Too many pages are waiting/);
  });

  it('gives back a filled page once, frees the place of a failed fetch, and forgets pages past the window', () => {
    const pending = new PendingPages<string>(LIMITS);
    pending.reserve('a1', { userId: 'ann', guildId: 'g1' }, 0);
    pending.reserve('a2', { userId: 'ann', guildId: 'g1' }, 0);
    pending.fill('a1', 'page one', 10);
    expect(pending.take('a1', 20)).toBe('page one');
    expect(pending.take('a1', 20)).toBeUndefined();
    pending.release('a2');
    pending.reserve('a3', { userId: 'ann', guildId: 'g1' }, 30);
    pending.reserve('a4', { userId: 'ann', guildId: 'g1' }, 30);
    pending.fill('a3', 'page three', 30);
    expect(pending.take('a3', 30 + LIMITS.windowMs + 1)).toBeUndefined();
    // a4 has expired too, so ann has room again
    pending.reserve('a5', { userId: 'ann', guildId: 'g1' }, 30 + LIMITS.windowMs + 1);
    pending.reserve('a6', { userId: 'ann', guildId: 'g1' }, 30 + LIMITS.windowMs + 1);
  });
});
