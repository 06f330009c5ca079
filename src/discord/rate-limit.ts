// One limiter in front of everything a person can make the bot do: slash commands, mentions, messages in
// its threads, buttons and autocomplete. Each action costs what it makes the bot post, in "questions"
// (an answer with its sources thread is 1; a long summary with its thread is 3; /about a quarter), and
// each person and each channel has a budget per sliding minute. Small and bounded in memory.

export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterMs: number;
      /** Whose budget ran out. */
      scope: 'person' | 'channel';
      /** The first refusal of this person in this window: the one worth telling them about. */
      firstRefusal: boolean;
    };

export interface RateRequest {
  userId: string;
  /** The channel (for a thread: its parent) whose shared budget is also charged. */
  channelId?: string;
  /** In questions; see ACTION_COSTS. */
  cost: number;
}

export interface RateLimiter {
  take(request: RateRequest): RateDecision;
}

/** What each action costs, in questions (an answer with a sources thread = 1). */
export const ACTION_COSTS = {
  /** /ask, a mention, a follow-up in a thread: one answer and its sources. */
  answer: 1,
  'summary:short': 1.5,
  'summary:medium': 2,
  /** A long summary and a thread of eight or more sources. */
  'summary:long': 3,
  /** /source, /about, an unknown command: one reply, no thread. */
  lookup: 0.25,
  /** A bare mention (answered with a reaction). */
  empty: 0.25,
  /** A vote or any other button: a private reply. */
  button: 0.1,
  /** Suggestions while typing: many per command, each cheap. */
  autocomplete: 0.02,
} as const;

export type Action = keyof typeof ACTION_COSTS;

/** A channel may take this many times one person's budget per minute, whoever asks. */
export const CHANNEL_BUDGET_FACTOR = 4;

const WINDOW_MS = 60_000;
/** Beyond this many tracked people or channels, forget the quietest ones first. */
const MAX_TRACKED = 10_000;

interface Spent {
  times: number[];
  costs: number[];
  /** When this key was last refused (so a refusal is announced once per window). */
  refusedAt?: number;
}

class Window {
  private readonly spent = new Map<string, Spent>();
  constructor(
    private readonly budget: number,
    private readonly now: () => number,
  ) {}

  private current(key: string, t: number): Spent {
    const entry = this.spent.get(key) ?? { times: [], costs: [] };
    while (entry.times.length > 0 && t - entry.times[0]! >= WINDOW_MS) {
      entry.times.shift();
      entry.costs.shift();
    }
    return entry;
  }

  /** How long until `cost` more fits, or 0 if it fits now. */
  waitFor(key: string, cost: number): number {
    const t = this.now();
    const entry = this.current(key, t);
    let total = entry.costs.reduce((sum, c) => sum + c, 0);
    if (total + cost <= this.budget + 1e-9) return 0;
    for (let i = 0; i < entry.times.length; i++) {
      total -= entry.costs[i]!;
      if (total + cost <= this.budget + 1e-9) return Math.max(1, WINDOW_MS - (t - entry.times[i]!));
    }
    return WINDOW_MS;
  }

  charge(key: string, cost: number): void {
    const t = this.now();
    const entry = this.current(key, t);
    entry.times.push(t);
    entry.costs.push(cost);
    this.spent.delete(key); // re-insert so Map order is least recently active first
    this.spent.set(key, entry);
    if (this.spent.size > MAX_TRACKED) this.spent.delete(this.spent.keys().next().value!);
  }

  /** Marks a refusal; true when it is the first one since the window last let this key through in full. */
  refuse(key: string): boolean {
    const t = this.now();
    const entry = this.current(key, t);
    const first = entry.refusedAt === undefined || t - entry.refusedAt >= WINDOW_MS;
    if (first) entry.refusedAt = t;
    this.spent.set(key, entry);
    return first;
  }
}

/**
 * `perMinute` questions per person per minute (0 turns every limit off); a channel gets
 * CHANNEL_BUDGET_FACTOR times that, shared by everyone in it.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const people = new Window(perMinute, now);
  const channels = new Window(perMinute * CHANNEL_BUDGET_FACTOR, now);
  return {
    take({ userId, channelId, cost }) {
      if (perMinute <= 0) return { allowed: true };
      const personWait = people.waitFor(userId, cost);
      const channelWait = channelId ? channels.waitFor(channelId, cost) : 0;
      if (personWait > 0 || channelWait > 0) {
        const scope = personWait > 0 ? 'person' : 'channel';
        return { allowed: false, retryAfterMs: Math.max(personWait, channelWait), scope, firstRefusal: people.refuse(userId) };
      }
      people.charge(userId, cost);
      if (channelId) channels.charge(channelId, cost);
      return { allowed: true };
    },
  };
}
