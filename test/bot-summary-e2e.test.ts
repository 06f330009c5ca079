// /summary end to end: the real bot (discord.js) against the local Discord-compatible server, at each length and with
// topics in Arabic and English; every sources thread shows each article sentence once, its quoted ones marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../src/text/article.ts';
import { ARTICLE_PATH, eventually, startHarness, type Harness } from './bot-harness.ts';

const article = loadArticle(ARTICLE_PATH);

/** Every quoted sentence of a message: `**n · [id]**`, `**[id]** ◀` or `-# [id]`, then `> text`. */
function quotesIn(content: string): { id: string; text: string; marked: boolean }[] {
  return [...content.matchAll(/(?:\*\*(?:\d+ · )?|-# )\[(\d+\.\d+)\](?:\*\*)?( ◀)?[^\n]*\n> ([^\n]*)/g)].map((m) => ({ id: m[1]!, marked: m[2] !== undefined, text: m[3]! }));
}

function expectExact(quote: { id: string; text: string }): void {
  const sentence = article.sentences.find((s) => s.id === quote.id);
  expect(sentence, `sentence ${quote.id}`).toBeDefined();
  expect(quote.text).toBe(article.text.slice(sentence!.start, sentence!.end));
}

describe('/summary through discord.js', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function summary(options: { name: string; value: string }[]) {
    const sent = await h.server.sendSlashCommand({ name: 'summary', options });
    const edit = await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200, 8_000);
    const quotes = quotesIn((edit.body as { content: string }).content);
    for (const quote of quotes) expectExact(quote);
    return { sent, quotes };
  }

  /** The sources thread once every quoted sentence is marked in it. */
  async function threadOf(interactionId: string, quoted: readonly string[]) {
    const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === interactionId));
    const thread = await eventually(() => h.server.threads().find((t) => t.id === reply.id));
    return eventually(() => {
      const shown = h.server.messagesIn(thread.id).flatMap((m) => quotesIn(m.content));
      return shown.filter((q) => q.marked).length >= quoted.length ? shown : undefined;
    });
  }

  for (const options of [
    [{ name: 'length', value: 'short' }],
    [{ name: 'length', value: 'medium' }],
    [{ name: 'length', value: 'long' }],
    [{ name: 'topic', value: 'أوكرانيا' }],
    [{ name: 'topic', value: 'Wang Yi' }],
  ]) {
    it(`${JSON.stringify(options)}: a thread that shows each sentence once, the quoted ones marked, all exact`, async () => {
      const { sent, quotes } = await summary(options);
      expect(quotes.length).toBeGreaterThan(0);
      const shown = await threadOf(sent.interactionId, quotes.map((q) => q.id));
      const ids = shown.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(shown.filter((q) => q.marked).map((q) => q.id).sort()).toEqual(quotes.map((q) => q.id).sort());
      for (const quote of shown) expectExact(quote);
    });
  }

  it('medium reaches past the opening sentences and long past the middle of the article', async () => {
    const positionsOf = async (length: string) => {
      const { quotes } = await summary([{ name: 'length', value: length }]);
      return quotes.map((q) => article.sentences.findIndex((s) => s.id === q.id));
    };
    const medium = await positionsOf('medium');
    expect(Math.max(...medium)).toBeGreaterThanOrEqual(medium.length); // not the first five sentences
    expect(Math.max(...(await positionsOf('long')))).toBeGreaterThanOrEqual(article.sentences.length / 2);
  });

  for (const topic of ['كرة القدم', 'football']) {
    it(`an off-topic topic (${topic}) is refused with no quotes and no thread`, async () => {
      const { sent, quotes } = await summary([{ name: 'topic', value: topic }]);
      expect(quotes).toHaveLength(0);
      const reply = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
      expect(reply.content).toContain(topic);
      // the answers before it have their threads by now; none starts from this reply
      await new Promise((r) => setTimeout(r, 300));
      expect(h.server.threads().some((t) => t.id === reply.id)).toBe(false);
    });
  }
});
