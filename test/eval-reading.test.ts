// The reading table: hit against characters shown for the bot and for the LangChain chunk retriever, scored by
// the same rule; the peer's chunks are found back in the article by their offsets.
import { describe, expect, it } from 'vitest';
import { ChunkPeer, locate } from '../src/eval/peer.ts';
import { addReading, emptyReading, hitAtBudget, readingRow, readingTable } from '../src/eval/reading.ts';
import { LexicalEmbeddings } from '../src/index/lexical-embeddings.ts';

const text = [
  'يجري النهر في الوادي الأخضر منذ آلاف السنين. ويبلغ طول النهر ثلاثمئة كيلومتر من منبعه إلى مصبه.',
  'تعيش في النهر أسماك كثيرة، ويصطادها أهل القرى المجاورة كل صباح.',
  'يرتفع الجبل المطل على الوادي ألفي متر، ويكسوه الثلج في الشتاء.',
].join('\n');

describe('the LangChain chunk retriever', () => {
  it('splits the article into chunks that are its own text at their offsets, and returns the best first', async () => {
    const embeddings = new LexicalEmbeddings({ fitOn: text.split('\n') });
    const peer = await ChunkPeer.build(text, 80, embeddings);
    const top = await peer.top(await embeddings.embedQuery('أين تعيش الأسماك؟'), 2);
    expect(top).toHaveLength(2);
    for (const span of top) expect(span.end - span.start).toBeLessThanOrEqual(80);
    expect(text.slice(top[0]!.start, top[0]!.end)).toContain('أسماك');
  });

  it('locates overlapping chunks in order and refuses a chunk that is not in the text', () => {
    expect(locate('abcabc', ['abc', 'bca', 'abc'])).toEqual([
      { start: 0, end: 3 },
      { start: 1, end: 4 },
      { start: 3, end: 6 },
    ]);
    expect(() => locate('abc', ['xyz'])).toThrow(/not in the article/);
  });
});

describe('hit against characters shown', () => {
  it('counts a hit when any span shown overlaps a gold answer, and a refusal as nothing shown', () => {
    const t = emptyReading();
    addReading(t, [{ start: 0, end: 100 }], [{ start: 50, end: 55 }]);
    addReading(t, [{ start: 0, end: 100 }, { start: 100, end: 150 }], [{ start: 120, end: 125 }]);
    addReading(t, [], [{ start: 0, end: 5 }]);
    addReading(t, [{ start: 0, end: 50 }], [{ start: 60, end: 65 }]);
    const row = readingRow('bot', 'bot', t);
    expect(row.hit).toBe(0.5);
    expect(row.meanCharacters).toBe(300 / 4);
    expect(row.passagesPerAnswer).toBe(4 / 3);
  });

  it("reads the bot's curve at a peer's budget, between its points and flat after the last", () => {
    const bot = [
      { view: 'first', side: 'bot' as const, hit: 0.7, meanCharacters: 100, passagesPerAnswer: 1 },
      { view: 'two', side: 'bot' as const, hit: 0.9, meanCharacters: 300, passagesPerAnswer: 2 },
    ];
    expect(hitAtBudget(bot, 50)).toBeUndefined();
    expect(hitAtBudget(bot, 200)).toBeCloseTo(0.8);
    expect(hitAtBudget(bot, 400)).toBe(0.9);
    const table = readingTable([...bot, { view: 'peer', side: 'peer', hit: 0.75, meanCharacters: 200, passagesPerAnswer: 1 }]);
    expect(table).toContain('| peer | 0.750 | 200 | 1.00 | 0.800 (+0.050) |');
  });
});
