import { describe, expect, it } from 'vitest';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { answerQuestion } from '../src/qa/answer.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import type { Answer } from '../src/qa/types.ts';
import { articleFromText } from '../src/text/article.ts';

const TEXT = [
  'افتتحت البلدية أمس جسراً جديداً فوق النهر يربط الحيين الشرقي والغربي. وبلغت كلفة الجسر أربعين مليون دولار.',
  'وقال رئيس البلدية إن الجسر سيخفف الازدحام المروري في وسط المدينة. وأضاف أن العمل استمر ثلاث سنوات.',
  'وشارك في الحفل سكان الحيين وعدد من النواب.',
  'The bridge was designed by Studio 2020 and is 850 metres long.',
].join('\n');

let index: ArticleIndex;
const answers: Answer[] = [];
async function ask(question: string, previousQuestion?: string): Promise<Answer> {
  index ??= await openArticleIndex(articleFromText(TEXT, 'bridge'), { persist: false });
  const answer = await answerQuestion(index, question, previousQuestion === undefined ? {} : { previousQuestion });
  answers.push(answer);
  return answer;
}

describe('answerQuestion', () => {
  it('answers with the best sentence quoted exactly and a lead in Arabic', async () => {
    const answer = await ask('كم كانت كلفة الجسر؟');
    expect(answer).toMatchObject({ answered: true, language: 'ar' });
    expect(answer.citations[0]?.id).toBe('1.2');
    expect(answer.lead).toContain('1.2');
    expect(answer.lead).toMatch(/[\u0600-\u06FF]/);
  });

  it('matches unvoweled and differently spelled questions', async () => {
    expect((await ask('لماذا قال رئيس البلديه ان الجسر مفيد؟')).citations[0]?.id).toBe('2.1');
    expect((await ask('كَمْ اسْتَمَرَّ العَمَلُ؟')).citations[0]?.id).toBe('2.2');
  });

  it('frames English questions in English', async () => {
    const answer = await ask('How long is the bridge in metres?');
    expect(answer).toMatchObject({ answered: true, language: 'en' });
    expect(answer.citations[0]?.id).toBe('4.1');
    expect(answer.lead).toMatch(/^Here is what the article says/);
  });

  it('says "not in the article" for off-topic questions, in the question language', async () => {
    const arabic = await ask('ما هي عاصمة اليابان وكم عدد سكانها؟');
    expect(arabic).toMatchObject({ answered: false, citations: [] });
    expect(arabic.lead).toContain('ليس في المقال');
    const english = await ask('Who won the football world cup?');
    expect(english).toMatchObject({ answered: false, language: 'en', citations: [] });
    expect(english.lead).toContain('not in the article');
  });

  it('refuses unusable questions with a clear message and never throws', async () => {
    expect((await ask('')).lead).toMatch(/empty/);
    expect((await ask('   \n\t ')).answered).toBe(false);
    expect((await ask('من هو في على')).lead).toContain('كلمات');
    expect((await ask('🙂🙂🙂')).answered).toBe(false);
    expect((await ask('qwzx plorf vrrk')).answered).toBe(false);
  });

  it('handles a 5,000-character question quickly', async () => {
    const long = 'الجسر '.repeat(900).slice(0, 5000);
    const started = performance.now();
    const answer = await ask(long);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer.answered).toBe(true);
  });

  it('lets a short follow-up borrow the previous question', async () => {
    const alone = await ask('ومتى؟');
    expect(alone.answered).toBe(false);
    const followUp = await ask('وكم كلف؟', 'متى افتتحت البلدية الجسر الجديد فوق النهر؟');
    expect(followUp.answered).toBe(true);
    expect(followUp.citations.map((c) => c.id)).toContain('1.1');
  });

  it('keeps at most three citations, best first, each an exact slice of the article', async () => {
    const answer = await ask('الجسر');
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    expect(answer.citations.length).toBeLessThanOrEqual(3);
    const scores = answer.citations.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const a of answers) for (const c of a.citations) assertExactQuote(TEXT, c);
    expect(answers.length).toBeGreaterThan(10);
  });
});

describe('English questions about Arabic text', () => {
  const text = ['وصل الرئيس فلاديمير بوتين إلى موسكو مساء الخميس.', 'وارتفعت أسعار الخبز في الأسواق المحلية.'].join('\n');

  it('reach Arabic sentences through names written in Arabic letters', async () => {
    const index = await openArticleIndex(articleFromText(text, 'names'), { persist: false });
    const answer = await answerQuestion(index, 'When did Vladimir Putin arrive in Moscow?');
    expect(answer).toMatchObject({ answered: true, language: 'en' });
    expect(answer.citations[0]?.id).toBe('1.1');
    assertExactQuote(text, answer.citations[0]!);
    expect((await answerQuestion(index, 'What is the capital of Brazil?')).answered).toBe(false);
  });
});

describe('restated facts', () => {
  it('are quoted once, from their first statement', async () => {
    const text = [
      'ولد الكاتب في مدينة القاهرة عام 1950 ودرس الطب في جامعتها الكبرى.',
      'ولد الكاتب في مدينة القاهرة عام 1950 ودرس الطب في جامعتها الكبرى ثم سافر.',
    ].join('\n');
    const index = await openArticleIndex(articleFromText(text, 'repeat'), { persist: false });
    const answer = await answerQuestion(index, 'أين ولد الكاتب ومتى؟');
    expect(answer.citations.map((c) => c.id)).toEqual(['1.1']);
  });
});

describe('abstention on a missing key term', () => {
  it('weighs a definite noun the article never uses heavily toward "not in the article"', async () => {
    const { absentKeyTerms, evidenceCoverage } = await import('../src/qa/abstain.ts');
    const { analyseQuery } = await import('../src/qa/query.ts');
    const index = await openArticleIndex(articleFromText(TEXT, 'bridge'), { persist: false });
    const query = analyseQuery('كم بلغت كلفة الجسر فوق النهر في اليابان؟');
    expect([...absentKeyTerms(index, query)]).toHaveLength(1);
    // the same question without the foreign place is fully covered by sentence 1.2 and its neighbour
    const covered = evidenceCoverage(index, analyseQuery('كم بلغت كلفة الجسر فوق النهر؟'), 1);
    const plain = evidenceCoverage(index, query, 1, 1);
    const weighted = evidenceCoverage(index, query, 1, 3);
    expect(covered).toBeGreaterThan(plain);
    expect(plain).toBeGreaterThan(weighted);
  });

  it('does not count a word the article uses in another form as missing', async () => {
    const { absentKeyTerms } = await import('../src/qa/abstain.ts');
    const { analyseQuery } = await import('../src/qa/query.ts');
    const index = await openArticleIndex(articleFromText(TEXT, 'bridge'), { persist: false });
    expect(absentKeyTerms(index, analyseQuery('ماذا قال رؤساء البلديات عن الجسور؟')).size).toBe(0);
  });
});
