import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MissingTokenError, parseConfig } from '../src/config.ts';
import { ACTION_COSTS, CHANNEL_BUDGET_FACTOR, CHANNEL_CEILING_FACTOR, createRateLimiter } from '../src/discord/rate-limit.ts';
import { mentionsUser, stripMention } from '../src/discord/messages.ts';
import { prepareQuestion } from '../src/qa/question.ts';
import type { GatewayMessageCreateDispatchData } from 'discord.js';

describe('config', () => {
  it('applies defaults', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'abc' });
    expect(config.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(5);
    expect(config.DATA_DIR).toBe('data');
    expect(config.REGISTER_COMMANDS).toBe(true);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.HEAP_GROWTH_PERCENT).toBe(50);
  });

  it('refuses a heap growth that is not a whole percentage from 0 to 400, saying which setting', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc', HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
    for (const bad of ['-1', '401', '12.5', 'lots']) {
      expect(() => loadConfig({ DISCORD_TOKEN: 'abc', HEAP_GROWTH_PERCENT: bad })).toThrow(/HEAP_GROWTH_PERCENT/);
    }
  });

  it('treats empty values as unset and trims a trailing slash from the API URL', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'abc', DISCORD_GUILD_ID: '', DISCORD_API_URL: 'http://127.0.0.1:5/api/' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBe('http://127.0.0.1:5/api');
  });

  it('explains a missing token: how to create a bot and where to put the token', () => {
    expect(() => loadConfig({})).toThrow(MissingTokenError);
    try {
      loadConfig({ DISCORD_TOKEN: '  ' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('discord.com/developers/applications');
      expect(message).toContain('.env');
      expect(message).toContain('applications.commands');
    }
    expect(parseConfig({}).DISCORD_TOKEN).toBeUndefined();
  });

  it('lists every invalid value by name, never echoing the token', () => {
    try {
      loadConfig({ DISCORD_TOKEN: 'secret-token-value', DISCORD_GUILD_ID: 'my server', RATE_LIMIT_PER_MINUTE: 'lots', LOG_LEVEL: 'loud', DISCORD_API_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['DISCORD_GUILD_ID', 'RATE_LIMIT_PER_MINUTE', 'LOG_LEVEL', 'DISCORD_API_URL']) expect(message).toContain(name);
      expect(message).not.toContain('secret-token-value');
    }
  });
});

describe('rate limiter', () => {
  const ask = (userId: string, channelId?: string) => ({ userId, action: 'answer' as const, ...(channelId ? { channelId } : {}) });
  const vote = (userId: string) => ({ userId, action: 'button' as const, channelId: 'c1' });

  it('allows N a minute per person, then says how long to wait', () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    expect(limiter.take(ask('a')).allowed).toBe(true);
    now = 10_000;
    expect(limiter.take(ask('a')).allowed).toBe(true);
    expect(limiter.take(ask('b')).allowed).toBe(true);
    const refused = limiter.take(ask('a'));
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000, scope: 'person', firstRefusal: true });
    expect(limiter.take(ask('a'))).toMatchObject({ allowed: false, firstRefusal: false });
    now = 60_001;
    expect(limiter.take(ask('a')).allowed).toBe(true);
  });

  it('is off at 0', () => {
    const limiter = createRateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take(ask('a')).allowed).toBe(true);
  });

  it('charges by cost: a long summary costs more than /about', () => {
    const limiter = createRateLimiter(5, () => 0);
    let summaries = 0;
    while (limiter.take({ userId: 'a', action: 'summary:long' }).allowed) summaries++;
    let lookups = 0;
    while (limiter.take({ userId: 'b', action: 'lookup' }).allowed) lookups++;
    expect(summaries).toBe(1);
    expect(lookups).toBe(20);
    expect(ACTION_COSTS['summary:long']).toBeGreaterThan(ACTION_COSTS.lookup);
  });

  it('caps a channel as well as each person, but a few people cannot use it up', () => {
    const limiter = createRateLimiter(5, () => 0);
    // four people ask five times each: the channel's budget (CHANNEL_BUDGET_FACTOR people's worth) is spent
    for (let user = 0; user < 4; user++) for (let i = 0; i < 5; i++) expect(limiter.take(ask(`u${user}`, 'c1')).allowed).toBe(true);
    // a fifth person is still answered (within a fair share), and the four are told it is their own limit
    expect(limiter.take(ask('u4', 'c1')).allowed).toBe(true);
    expect(limiter.take(ask('u0', 'c1'))).toMatchObject({ allowed: false, scope: 'person' });
    // many more people: past the ceiling everyone is refused, and told it is the channel's limit
    let answered = 21;
    for (let user = 4; user < 40; user++) for (let i = 0; i < 5; i++) if (limiter.take(ask(`u${user}`, 'c1')).allowed) answered++;
    expect(answered).toBeLessThanOrEqual(5 * CHANNEL_BUDGET_FACTOR * CHANNEL_CEILING_FACTOR);
    expect(answered).toBeGreaterThan(5 * CHANNEL_BUDGET_FACTOR);
    const refused = limiter.take(ask('newcomer', 'c1'));
    expect(refused).toMatchObject({ allowed: false, scope: 'channel' });
    expect(limiter.take(ask('newcomer', 'c2')).allowed).toBe(true);
  });

  it('past the channel budget, one person cannot take more than a fair share of it', () => {
    const limiter = createRateLimiter(5, () => 0);
    for (let user = 0; user < 4; user++) for (let i = 0; i < 5; i++) limiter.take(ask(`u${user}`, 'c1'));
    let late = 0;
    for (let i = 0; i < 5; i++) if (limiter.take(ask('late', 'c1')).allowed) late++;
    expect(late).toBe(4); // 20 questions shared by five people
    expect(limiter.take(ask('late', 'c1'))).toMatchObject({ allowed: false, scope: 'channel' });
  });

  it('votes have a budget of their own: they spend neither questions nor the channel', () => {
    let now = 0;
    const limiter = createRateLimiter(5, () => now);
    for (let user = 0; user < 1000; user++) expect(limiter.take(vote(`v${user}`)).allowed).toBe(true);
    let votes = 0;
    while (limiter.take(vote('a')).allowed) votes++;
    expect(votes).toBe(Math.round(5 / ACTION_COSTS.button));
    expect(limiter.take(vote('a'))).toMatchObject({ allowed: false, scope: 'clicks' });
    // still five questions for the person who voted, and the channel's whole budget for others
    for (let i = 0; i < 5; i++) expect(limiter.take(ask('a', 'c1')).allowed).toBe(true);
    now = 60_000;
    expect(limiter.take(vote('a')).allowed).toBe(true);
  });
});

describe('questions from messages', () => {
  const message = (content: string, mentions: { id: string }[] = []) => ({ content, mentions }) as unknown as GatewayMessageCreateDispatchData;

  it('recognises a mention of the bot and strips it', () => {
    expect(mentionsUser(message('<@42> متى؟'), '42')).toBe(true);
    expect(mentionsUser(message('hello', [{ id: '42' }]), '42')).toBe(true);
    expect(mentionsUser(message('<@421> hi'), '42')).toBe(false);
    expect(stripMention('<@!42> متى؟ <@42>', '42')).toBe('متى؟');
  });

  it('prepares empty, long and English questions', () => {
    expect(prepareQuestion('   ').empty).toBe(true);
    expect(prepareQuestion('؟؟ !!').empty).toBe(true);
    const long = prepareQuestion('س'.repeat(6000));
    expect(long.shortened).toBe(true);
    expect(long.question.length).toBe(1000);
    expect(prepareQuestion('When will Xi visit?').language).toBe('en');
  });
});
