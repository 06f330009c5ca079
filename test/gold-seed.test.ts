// Hand-written questions about the seed article, asked the way people ask them: they measure the
// answering core, they are not used to tune it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { answerQuestion } from '../src/qa/answer.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import type { Answer } from '../src/qa/types.ts';
import { loadArticle } from '../src/text/article.ts';

interface GoldQuestion {
  question: string;
  style?: string;
  language?: 'ar' | 'en';
  expected?: string[];
  abstain?: boolean;
  /** Shares the article's names and words but is not answered by it. */
  nearTopic?: boolean;
  previous?: string;
}

interface GoldFile {
  article: string;
  questions: GoldQuestion[];
  followUps: GoldQuestion[];
}

const gold = JSON.parse(readFileSync('test/fixtures/seed-gold.json', 'utf8')) as GoldFile;
const TOP = 3;
const MIN_ARABIC_HIT_RATE = 0.8;

const languageOf = (q: GoldQuestion) => q.language ?? 'ar';
const answerable = (language: 'ar' | 'en') =>
  gold.questions.filter((q) => !q.abstain && languageOf(q) === language);
const offTopic = gold.questions.filter((q) => q.abstain && !q.nearTopic);
const nearTopic = gold.questions.filter((q) => q.abstain && q.nearTopic);

let index: ArticleIndex;
const answers = new Map<GoldQuestion, Answer>();
const report: string[] = [];

function hits(q: GoldQuestion): boolean {
  const answer = answers.get(q)!;
  const top = answer.citations.slice(0, TOP).map((c) => c.id);
  return answer.answered && (q.expected ?? []).some((id) => top.includes(id));
}

function hitRate(questions: GoldQuestion[]): number {
  return questions.filter(hits).length / questions.length;
}

beforeAll(async () => {
  index = await openArticleIndex(loadArticle(gold.article), { persist: false });
  for (const q of [...gold.questions, ...gold.followUps]) {
    answers.set(q, await answerQuestion(index, q.question, q.previous === undefined ? {} : { previousQuestion: q.previous }));
  }
});

afterAll(() => {
  // A readable record of what the core got right and wrong, for whoever tunes it next.
  for (const [q, answer] of answers) {
    const mark = q.abstain ? (answer.answered ? 'ANSWERED' : 'abstained') : hits(q) ? 'hit' : 'MISS';
    report.push(`${mark.padEnd(9)} [${answer.citations.map((c) => c.id).join(' ')}] want ${q.abstain ? '-' : q.expected!.join('|')}  ${q.question}`);
  }
  report.push(
    `Arabic hit@${TOP}: ${hitRate(answerable('ar')).toFixed(2)} (${answerable('ar').filter(hits).length}/${answerable('ar').length}); ` +
      `English hit@${TOP}: ${hitRate(answerable('en')).toFixed(2)}; ` +
      `off-topic abstained: ${offTopic.filter((q) => !answers.get(q)!.answered).length}/${offTopic.length}; ` +
      `near-topic abstained: ${nearTopic.filter((q) => !answers.get(q)!.answered).length}/${nearTopic.length}`,
  );
  console.log(report.join('\n'));
});

describe('gold questions about the seed article', () => {
  it('has the promised mix of questions', () => {
    expect(answerable('ar').length).toBeGreaterThanOrEqual(20);
    expect(answerable('en').length).toBeGreaterThanOrEqual(5);
    expect(offTopic.length).toBeGreaterThanOrEqual(5);
    const ids = new Set(index.article.sentences.map((s) => s.id));
    for (const q of [...gold.questions, ...gold.followUps]) for (const id of q.expected ?? []) expect(ids, id).toContain(id);
  });

  it('quotes the article exactly in every citation of every answer', () => {
    let citations = 0;
    for (const answer of answers.values()) {
      for (const citation of answer.citations) {
        expect(() => assertExactQuote(index.article.text, citation)).not.toThrow();
        const sentence = index.article.sentences.find((s) => s.id === citation.id)!;
        expect([citation.start, citation.end, citation.paragraph, citation.sentence]).toEqual([
          sentence.start,
          sentence.end,
          sentence.paragraph,
          sentence.index,
        ]);
        citations++;
      }
    }
    expect(citations).toBeGreaterThan(0);
  });

  it('cites between one and three sentences, best first, for each answered question', () => {
    for (const answer of answers.values()) {
      if (!answer.answered) continue;
      expect(answer.citations.length, answer.question).toBeGreaterThanOrEqual(1);
      expect(answer.citations.length, answer.question).toBeLessThanOrEqual(3);
      const scores = answer.citations.map((c) => c.score);
      expect(scores, answer.question).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it(`finds an expected sentence in the top ${TOP} for at least ${MIN_ARABIC_HIT_RATE * 100}% of the Arabic questions`, () => {
    const misses = answerable('ar').filter((q) => !hits(q)).map((q) => q.question);
    expect(hitRate(answerable('ar')), `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(MIN_ARABIC_HIT_RATE);
  });

  function expectAbstained(q: GoldQuestion): void {
    const answer = answers.get(q)!;
    expect(answer.answered, q.question).toBe(false);
    expect(answer.citations, q.question).toEqual([]);
    expect(answer.language, q.question).toBe(languageOf(q));
    expect(answer.lead.trim().length, q.question).toBeGreaterThan(0);
  }

  it('abstains on every off-topic question, in the language of the question', () => {
    for (const q of offTopic) expectAbstained(q);
  });

  // Known limit, kept visible: a lexical matcher cannot yet tell a question that reuses the article's names
  // about something it never says ("when will Putin visit Japan?") from an answerable one; refusing them
  // costs more false refusals on XQuAD/ARCD than it gains. `it.fails` turns red once all are refused.
  it.fails('abstains on near-topic questions that use the article\'s names but are not answered by it', () => {
    expect(nearTopic.length).toBeGreaterThan(0);
    for (const q of nearTopic) expectAbstained(q);
  });

  it('frames answers in the language of the question', () => {
    for (const q of gold.questions) expect(answers.get(q)!.language, q.question).toBe(languageOf(q));
    const english = answers.get(answerable('en')[0]!)!.lead;
    expect(english).toMatch(/[A-Za-z]/);
  });

  it('lets a short follow-up borrow the previous question', () => {
    for (const q of gold.followUps) expect(hits(q), `${q.previous} → ${q.question}`).toBe(true);
  });
});
