// One limiter in front of everything a person can make the bot do: slash commands, mentions, messages in
// its threads, buttons and autocomplete. Each action costs what it makes the bot post, in "questions"
// (an answer with its sources thread is 1; a long summary with its thread is 3; /about a quarter).
// Per person first: each has a budget of questions per sliding minute, and a separate one for clicks
// (votes and other buttons, autocomplete), which answer privately and so never spend the questions or
// the channel's budget. A channel shares a budget of questions too, but a few people cannot use it up:
// once it is spent, those who asked less than their fair share still get through, up to a ceiling.
// Small and bounded in memory.

export type RateScope = 'person' | 'channel' | 'clicks';

export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterMs: number;
      /** Which limit applied: the person's questions, the channel's, or the person's clicks. */
      scope: RateScope;
      /** The first refusal of this person in this window: the one worth telling them about. */
      firstRefusal: boolean;
    };

export interface RateRequest {
  userId: string;
  /** The channel (for a thread: its parent) whose shared budget is also charged. */
  channelId?: string;
  action: Action;
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

/** Actions answered privately: charged to the person's clicks, never to questions or the channel. */
const CLICKS: ReadonlySet<Action> = new Set(['button', 'autocomplete']);

/** A channel may take this many times one person's budget per minute, whoever asks. */
export const CHANNEL_BUDGET_FACTOR = 4;
/** Past its budget a channel still answers people under their fair share, up to this many times the budget. */
export const CHANNEL_CEILING_FACTOR = 2;

const WINDOW_MS = 60_000;
/** Beyond this many tracked people or channels, forget the quietest ones first. */
const MAX_TRACKED = 10_000;
const EPSILON = 1e-9;

interface Spent {
  times: number[];
  costs: number[];
  /** Who spent each (for a channel's fair shares). */
  who: string[];
  /** When this key was last refused (so a refusal is announced once per window). */
  refusedAt?: number;
}

class Window {
  private readonly spent = new Map<string, Spent>();
  constructor(private readonly now: () => number) {}

  /** What is spent within the last minute, oldest first (older spending is dropped). */
  current(key: string): Spent {
    const t = this.now();
    const entry = this.spent.get(key) ?? { times: [], costs: [], who: [] };
    while (entry.times.length > 0 && t - entry.times[0]! >= WINDOW_MS) {
      entry.times.shift();
      entry.costs.shift();
      entry.who.shift();
    }
    return entry;
  }

  /** How long until `fits(total after the oldest spending has gone)` holds; 0 if it holds now. */
  waitUntil(key: string, fits: (entry: Spent, from: number) => boolean): number {
    const t = this.now();
    const entry = this.current(key);
    for (let i = 0; i <= entry.times.length; i++) {
      if (fits(entry, i)) return i === 0 ? 0 : Math.max(1, WINDOW_MS - (t - entry.times[i - 1]!));
    }
    return WINDOW_MS;
  }

  charge(key: string, cost: number, who = ''): void {
    const entry = this.current(key);
    entry.times.push(this.now());
    entry.costs.push(cost);
    entry.who.push(who);
    this.spent.delete(key); // re-insert so Map order is least recently active first
    this.spent.set(key, entry);
    if (this.spent.size > MAX_TRACKED) this.spent.delete(this.spent.keys().next().value!);
  }

  /** Marks a refusal; true when it is the first one since the window last let this key through in full. */
  refuse(key: string): boolean {
    const t = this.now();
    const entry = this.current(key);
    const first = entry.refusedAt === undefined || t - entry.refusedAt >= WINDOW_MS;
    if (first) entry.refusedAt = t;
    this.spent.set(key, entry);
    return first;
  }
}

const sum = (values: number[], from = 0) => values.slice(from).reduce((total, c) => total + c, 0);

/**
 * `perMinute` questions per person per minute (0 turns every limit off), and as many in clicks; a channel
 * gets CHANNEL_BUDGET_FACTOR times that, shared fairly by everyone in it.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const questions = new Window(now);
  const clicks = new Window(now);
  const channels = new Window(now);
  const channelBudget = perMinute * CHANNEL_BUDGET_FACTOR;

  /** Within the channel's budget, or (up to the ceiling) within this person's fair share of it. */
  const channelFits = (userId: string, cost: number) => (entry: Spent, from: number) => {
    const total = sum(entry.costs, from) + cost;
    if (total <= channelBudget + EPSILON) return true;
    if (total > channelBudget * CHANNEL_CEILING_FACTOR + EPSILON) return false;
    const people = new Set(entry.who.slice(from)).add(userId).size;
    const mine = sum(entry.costs.filter((_, i) => i >= from && entry.who[i] === userId)) + cost;
    return mine <= channelBudget / people + EPSILON;
  };

  return {
    take({ userId, channelId, action }) {
      if (perMinute <= 0) return { allowed: true };
      const cost = ACTION_COSTS[action];
      const refuse = (scope: RateScope, retryAfterMs: number): RateDecision => ({
        allowed: false,
        retryAfterMs,
        scope,
        firstRefusal: (scope === 'clicks' ? clicks : questions).refuse(userId),
      });
      const fitsBudget = (entry: Spent, from: number) => sum(entry.costs, from) + cost <= perMinute + EPSILON;
      if (CLICKS.has(action)) {
        const wait = clicks.waitUntil(userId, fitsBudget);
        if (wait > 0) return refuse('clicks', wait);
        clicks.charge(userId, cost);
        return { allowed: true };
      }
      // The person's own limit first: someone over it is told so, whatever the channel.
      const personWait = questions.waitUntil(userId, fitsBudget);
      if (personWait > 0) return refuse('person', personWait);
      const channelWait = channelId ? channels.waitUntil(channelId, channelFits(userId, cost)) : 0;
      if (channelWait > 0) return refuse('channel', channelWait);
      questions.charge(userId, cost);
      if (channelId) channels.charge(channelId, cost, userId);
      return { allowed: true };
    },
  };
}
