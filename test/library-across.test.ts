// Questions to the whole library: the answer comes from the article that has it, quotes from several
// articles name theirs, and the check at the way out holds each quote to its own article's text.
import { describe, expect, it } from 'vitest';
import { openArticleIndex } from '../src/index/article-index.ts';
import { answerAcross } from '../src/qa/across.ts';
import { articleFromText } from '../src/text/article.ts';
import { renderAnswer, renderSourceMessages, toPayload } from '../src/discord/render.ts';
import { QuoteMismatchError } from '../src/qa/citations.ts';

const WHEAT_EGYPT = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.\nوقالت وزارة التموين إن المخزون يكفي ستة أشهر.\n';
const WHEAT_MOROCCO = 'القمح في المغرب\nارتفعت أسعار القمح في المغرب بنسبة 9 في المئة بعد تراجع الأمطار هذا الموسم.\nويستورد المغرب نصف حاجته من الخارج.\n';
const FOOTBALL = 'كرة القدم\nفاز المنتخب الوطني على ضيفه بثلاثة أهداف نظيفة في المباراة الودية مساء أمس.\nوسجل المهاجم هدفين في الشوط الأول.\n';

async function library() {
  const articles = [
    articleFromText(WHEAT_EGYPT, 'A1'),
    articleFromText(WHEAT_MOROCCO, 'A2'),
    articleFromText(FOOTBALL, 'A3'),
  ];
  const candidates = await Promise.all(articles.map(async (a) => ({ id: a.id, index: await openArticleIndex(a, { persist: false }) })));
  return { articles, candidates };
}

describe('answers across the library', () => {
  it('quotes every article that answers nearly as well, each quote naming its article and exact in it', async () => {
    const { articles, candidates } = await library();
    const answer = await answerAcross(candidates, 'بكم ارتفعت أسعار القمح؟');
    expect(answer.answered).toBe(true);
    const cited = new Set(answer.citations.map((c) => c.articleId));
    expect(cited).toEqual(new Set(['A1', 'A2']));
    for (const c of answer.citations) {
      const article = articles.find((a) => a.id === c.articleId)!;
      expect(c.text).toBe(article.text.slice(c.start, c.end));
    }
    expect(answer.lead).toMatch(/A1 \d+\.\d+/);
    const messages = [...renderAnswer(answer), ...renderSourceMessages(articles, answer.citations, 'ar')];
    expect(messages[0]!.content).toMatch(/\[A[12] \d+\.\d+\]/);
    for (const m of messages) expect(() => toPayload(m, articles)).not.toThrow();
  });

  it('answers from the one article that has it, and says when none has', async () => {
    const { candidates } = await library();
    const goals = await answerAcross(candidates, 'كم هدفاً سجل المهاجم في المباراة؟');
    expect(goals.answered).toBe(true);
    expect(new Set(goals.citations.map((c) => c.articleId))).toEqual(new Set(['A3']));
    const none = await answerAcross(candidates, 'ما هي عاصمة أستراليا؟');
    expect(none).toMatchObject({ answered: false, citations: [] });
    expect(none.lead).toContain('المكتبة');
  });

  it('refuses at the way out a quote put under the wrong article', async () => {
    const { articles, candidates } = await library();
    const answer = await answerAcross(candidates, 'كم هدفاً سجل المهاجم في المباراة؟');
    const misfiled = { ...answer, citations: answer.citations.map((c) => ({ ...c, articleId: 'A1' })) };
    expect(() => renderAnswer(misfiled).forEach((m) => toPayload(m, articles))).toThrow(QuoteMismatchError);
    const unnamed = { ...answer, citations: answer.citations.map((c) => ({ ...c, articleId: 'A9' })) };
    expect(() => renderAnswer(unnamed).forEach((m) => toPayload(m, articles))).toThrow(/names no article/);
  });
});
