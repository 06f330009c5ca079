// Web pages shown for confirmation, waiting for "Add" (kept in memory: after a restart, the page is
// fetched again). Each holds a page's article, so their number is capped per person, per server and in
// all; a place is taken before the page is fetched, so pages being fetched count too.
import { LibraryError } from '../library/library.ts';

export interface PendingLimits {
  perPerson: number;
  perGuild: number;
  total: number;
  /** How long a preview waits for its answer. */
  windowMs: number;
}

export const PENDING_LIMITS: PendingLimits = { perPerson: 2, perGuild: 5, total: 20, windowMs: 10 * 60_000 };

interface Pending<T> {
  userId: string;
  guildId: string;
  expires: number;
  /** Unset while the page is still being fetched. */
  value?: T;
}

export class PendingPages<T> {
  private readonly waiting = new Map<string, Pending<T>>();

  constructor(private readonly limits: PendingLimits = PENDING_LIMITS) {}

  /** Takes a place for a page about to be fetched, or throws LibraryError naming the limit that applies. */
  reserve(key: string, owner: { userId: string; guildId: string }, now = Date.now()): void {
    this.prune(now);
    const all = [...this.waiting.values()];
    const minutes = Math.round(this.limits.windowMs / 60_000);
    if (all.filter((p) => p.userId === owner.userId).length >= this.limits.perPerson) {
      throw new LibraryError(`You already have ${this.limits.perPerson} pages waiting for Add or Cancel: answer those first (they wait ${minutes} minutes at most).`);
    }
    if (all.filter((p) => p.guildId === owner.guildId).length >= this.limits.perGuild) {
      throw new LibraryError(`This server already has ${this.limits.perGuild} pages waiting for Add or Cancel: try again once they are answered (they wait ${minutes} minutes at most).`);
    }
    if (all.length >= this.limits.total) throw new LibraryError('Too many pages are waiting to be added right now: please try again in a few minutes.');
    this.waiting.set(key, { ...owner, expires: now + this.limits.windowMs });
  }

  /** The fetched page, waiting from now for its answer. */
  fill(key: string, value: T, now = Date.now()): void {
    const pending = this.waiting.get(key);
    if (pending) Object.assign(pending, { value, expires: now + this.limits.windowMs });
  }

  /** The page waiting under key, if it still is; its place is freed either way. */
  take(key: string, now = Date.now()): T | undefined {
    const pending = this.waiting.get(key);
    this.waiting.delete(key);
    return pending && pending.expires >= now ? pending.value : undefined;
  }

  /** Who is waiting under key (whoever started the add, in which server), if anyone. */
  owner(key: string): { userId: string; guildId: string } | undefined {
    const pending = this.waiting.get(key);
    return pending ? { userId: pending.userId, guildId: pending.guildId } : undefined;
  }

  release(key: string): void {
    this.waiting.delete(key);
  }

  private prune(now: number): void {
    for (const [key, pending] of this.waiting) if (pending.expires < now) this.waiting.delete(key);
  }
}
