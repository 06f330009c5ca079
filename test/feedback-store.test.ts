import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBotStore } from '../src/discord/store.ts';
import { parseVoteId, thanksFor } from '../src/discord/feedback.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'bot.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('votes', () => {
  it('keeps one vote per person per answer, changeable, and counts them', () => {
    const store = openBotStore(':memory:');
    expect(store.recordVote('a1', 'u1', 'up')).toBeUndefined();
    expect(store.recordVote('a1', 'u1', 'up')).toBe('up');
    expect(store.voteCounts('a1')).toEqual({ up: 1, down: 0 });
    expect(store.recordVote('a1', 'u1', 'down')).toBe('up');
    store.recordVote('a1', 'u2', 'down');
    store.recordVote('a2', 'u1', 'up');
    expect(store.voteCounts('a1')).toEqual({ up: 0, down: 2 });
    expect(store.getVote('a2', 'u1')).toBe('up');
    store.close();
  });

  it('survives closing and reopening the file (a restart), creating its directory', () => {
    const path = tempFile();
    const first = openBotStore(path);
    first.saveAnswer({ key: 'a1', question: 'متى؟', channelId: 'c', messageId: 'm', answered: true, citationIds: ['1.1'] });
    first.recordVote('a1', 'u1', 'down');
    first.saveThread({ threadId: 't1', channelId: 'c', question: 'متى سيزور شي روسيا؟', answerKey: 'a1', answerMessageId: 't1' });
    first.close();
    const second = openBotStore(path);
    expect(second.getVote('a1', 'u1')).toBe('down');
    expect(second.getAnswer('a1')).toEqual({ key: 'a1', question: 'متى؟', channelId: 'c', messageId: 'm', answered: true, citationIds: ['1.1'] });
    expect(second.getThread('t1')?.question).toBe('متى سيزور شي روسيا؟');
    expect(second.getThread('nope')).toBeUndefined();
    second.close();
    second.close(); // closing twice is harmless
  });
});

describe('vote buttons', () => {
  it('parses only well-formed vote ids', () => {
    expect(parseVoteId('vote:up:123')).toEqual({ vote: 'up', answerKey: '123' });
    expect(parseVoteId('vote:down:abc')).toEqual({ vote: 'down', answerKey: 'abc' });
    expect(parseVoteId('vote:sideways:1')).toBeUndefined();
    expect(parseVoteId('vote:up:')).toBeUndefined();
    expect(parseVoteId('other')).toBeUndefined();
  });

  it('thanks differently for a new, a repeated and a changed vote', () => {
    const texts = new Set([thanksFor('up', undefined), thanksFor('up', 'up'), thanksFor('down', 'up')]);
    expect(texts.size).toBe(3);
  });
});
