// Cited extractive summaries: exact quotes, article order, lengths, topics, duplicates, dependent sentences, bad input.
import { describe, expect, it } from 'vitest';
import { summariseArticle, type SummaryOptions } from '../src/summary/summarise.ts';
import { countWords } from '../src/summary/budget.ts';
import { dependsOnPrevious } from '../src/summary/standalone.ts';
import { contentTerms } from '../src/text/arabic.ts';
import { ArticleError, articleFromText, loadArticle, type Article } from '../src/text/article.ts';
import type { Summary } from '../src/qa/types.ts';

const FARMING = [
  'أعلنت وزارة الزراعة اليوم خطة جديدة لدعم المزارعين في المناطق الريفية. وتهدف الخطة إلى زيادة إنتاج القمح خلال العام المقبل.',
  'وأضاف الوزير أن الحكومة ستوفر قروضا ميسرة للمزارعين الصغار في القرى.',
  'وقال خبراء إن أسعار الأسمدة ارتفعت بشكل كبير هذا العام في الأسواق المحلية.',
  'أعلنت وزارة الزراعة اليوم خطة جديدة لدعم المزارعين في المناطق الريفية.',
  'يشهد قطاع السياحة نموا ملحوظا في المدن الساحلية خلال فصل الصيف.',
  'تسعى الوزارة إلى تحسين أنظمة الري وتوفير المياه للمزارعين في الجنوب.',
  'كما ستطلق الوزارة برنامجا لتدريب الشباب على الزراعة الحديثة.',
  'وتوقعت الوزارة أن يرتفع إنتاج القمح بنسبة عشرين بالمئة بحلول عام 2025.',
  'ويعمل في القطاع الزراعي نحو ربع السكان العاملين في البلاد.',
  'وتعاني بعض المحافظات من موجات جفاف متكررة أضرت بالمحاصيل.',
].join('\n');

const farming = articleFromText(FARMING, 'farming');
const seed = loadArticle('articles/xi-putin-visit.ar.txt');

const OPTION_SETS: SummaryOptions[] = [
  {},
  { length: 'short' },
  { length: 'medium' },
  { length: 'long' },
  { words: 0 },
  { words: 1 },
  { words: 25 },
  { words: 60 },
  { words: 1_000_000 },
  { topic: 'القمح' },
  { topic: 'الزراعة', length: 'short' },
  { topic: 'أوكرانيا' },
  { topic: 'Ukraine' },
];

/** The invariants every summary must keep, whatever was asked. */
function expectWellFormed(article: Article, summary: Summary): void {
  const positions = summary.citations.map((c) => article.sentences.findIndex((s) => s.id === c.id));
  for (const [i, citation] of summary.citations.entries()) {
    expect(citation.text).toBe(article.text.slice(citation.start, citation.end));
    expect(positions[i]).toBeGreaterThanOrEqual(0);
    expect(summary.text).toContain(`${citation.text} [${citation.id}]`);
  }
  // strictly increasing: article order, no sentence twice
  for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
  // a sentence that points back is only shown with the sentence before it
  for (const position of positions) {
    const sentence = article.sentences[position!]!;
    if (position! > 0 && dependsOnPrevious(sentence.text)) expect(positions).toContain(position! - 1);
  }
}

describe('summariseArticle invariants', () => {
  for (const article of [farming, seed]) {
    for (const options of OPTION_SETS) {
      it(`${article.id} ${JSON.stringify(options)}: exact quotes, article order, dependents with their antecedent`, () => {
        expectWellFormed(article, summariseArticle(article, options));
      });
    }
  }

  it('gives the same summary for the same input', () => {
    expect(summariseArticle(seed, { length: 'long' })).toEqual(summariseArticle(seed, { length: 'long' }));
  });
});

describe('summary lengths', () => {
  it('short, medium and long give about 3, 5 and 8 sentences', () => {
    const counts = (['short', 'medium', 'long'] as const).map((length) => summariseArticle(seed, { length }).citations.length);
    expect(counts[0]).toBeGreaterThanOrEqual(2);
    expect(counts[0]).toBeLessThanOrEqual(3);
    expect(counts[1]).toBeGreaterThanOrEqual(4);
    expect(counts[1]).toBeLessThanOrEqual(5);
    expect(counts[2]).toBeGreaterThanOrEqual(7);
    expect(counts[2]).toBeLessThanOrEqual(8);
  });

  it('defaults to medium', () => {
    expect(summariseArticle(seed)).toEqual(summariseArticle(seed, { length: 'medium' }));
  });

  it('fills a word budget, going past it by at most the last sentences added', () => {
    for (const budget of [15, 40, 80]) {
      const { citations } = summariseArticle(seed, { words: budget });
      const words = citations.map((c) => countWords(c.text));
      const total = words.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(budget);
      // a unit is at most a sentence and the two it depends on
      const longestUnit = [...words].sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0);
      expect(total - longestUnit).toBeLessThan(budget);
    }
  });

  it('keeps the first sentence, the one news puts its story in', () => {
    for (const length of ['short', 'medium', 'long'] as const) expect(summariseArticle(seed, { length }).citations[0]!.id).toBe('1.1');
  });

  it('gives one sentence for a budget of 0 words', () => {
    const summary = summariseArticle(farming, { words: 0 });
    expect(summary.citations).toHaveLength(1);
  });

  it('stops at the article for a budget of 1,000,000 words, leaving out only the duplicate', () => {
    const summary = summariseArticle(farming, { words: 1_000_000 });
    expect(summary.citations).toHaveLength(farming.sentences.length - 1);
  });

  it('returns what there is when the article is shorter than asked', () => {
    const tiny = articleFromText('انعقد المؤتمر الدولي للطاقة في القاهرة.\nوناقش المشاركون مستقبل الطاقة المتجددة.', 'tiny');
    expect(summariseArticle(tiny, { length: 'long' }).citations.map((c) => c.id)).toEqual(['1.1', '2.1']);
    expect(summariseArticle(tiny, { words: 500 }).citations).toHaveLength(2);
  });

  it('cannot summarise an empty article: the article itself is refused', () => {
    expect(() => articleFromText(' \n \n', 'empty')).toThrow(ArticleError);
  });
});

describe('near-duplicates and dependent sentences', () => {
  it('never shows two near-identical sentences', () => {
    for (const options of OPTION_SETS) {
      const ids = summariseArticle(farming, options).citations.map((c) => c.id);
      expect(ids.includes('1.1') && ids.includes('4.1')).toBe(false);
    }
  });

  it('prefers a sentence that adds a fact to one that restates a chosen sentence in other words', () => {
    const restating = articleFromText(
      [
        'افتتح وزير الصحة مستشفى الأطفال الجديد في مدينة حلب.',
        'ويضم المستشفى مئتي سرير وقسما متخصصا لجراحة القلب.',
        'وافتتح وزير الصحة مستشفى الأطفال الجديد في مدينة حلب بعد انتظار طويل دام سنوات وسط ترحيب الأهالي.',
        'وتبرعت جمعية خيرية محلية بأجهزة طبية حديثة لغرف العمليات.',
      ].join('\n'),
      'restating',
    );
    // The third sentence is no near-duplicate (it adds words), but it mostly repeats the first.
    expect(summariseArticle(restating, { words: 10 }).citations.map((c) => c.id)).toEqual(['1.1', '2.1']);
  });

  it('recognises openers that point back', () => {
    expect(dependsOnPrevious('وأضاف الوزير أن الحكومة ستوفر قروضا.')).toBe(true);
    expect(dependsOnPrevious('كما ستطلق الوزارة برنامجا.')).toBe(true);
    expect(dependsOnPrevious('لكن الخبراء حذروا.')).toBe(true);
    expect(dependsOnPrevious('وهي خطة طموحة.')).toBe(true);
    expect(dependsOnPrevious('غير أن الخبراء حذروا.')).toBe(true);
    expect(dependsOnPrevious('أعلنت الوزارة خطة جديدة.')).toBe(false);
    expect(dependsOnPrevious('غير مسبوق ما حدث أمس.')).toBe(false);
  });

  it('shows a sentence broken across lines only together with its beginning', () => {
    const wrapped = articleFromText(
      [
        'أطلقت الشركة الوطنية للاتصالات شبكة الجيل الخامس في العاصمة',
        'والمدن الكبرى بعد سنوات من التحضير والتجارب الميدانية.',
        'وتغطي الشبكة الجديدة نحو نصف السكان في المرحلة الأولى.',
        'ويتوقع أن تصل التغطية إلى جميع المحافظات خلال عامين.',
      ].join('\n'),
      'wrapped',
    );
    for (const words of [0, 5, 12, 20, 1000]) {
      const ids = summariseArticle(wrapped, { words }).citations.map((c) => c.id);
      if (ids.includes('2.1')) expect(ids).toContain('1.1');
    }
    expect(summariseArticle(wrapped, { topic: 'التجارب' }).citations.map((c) => c.id)).toEqual(['1.1', '2.1']);
  });
});

describe('topics', () => {
  it('keeps only sentences about the topic, in article order', () => {
    const summary = summariseArticle(farming, { topic: 'القمح', length: 'long' });
    expect(summary.topicFound).toBe(true);
    expect(summary.citations.map((c) => c.id)).toEqual(['1.2', '8.1']);
  });

  it('focuses the seed article on Ukraine', () => {
    const summary = summariseArticle(seed, { topic: 'أوكرانيا' });
    expect(summary.topicFound).toBe(true);
    expect(summary.citations.length).toBeGreaterThan(0);
    const stem = contentTerms('أوكرانيا')[0]!;
    for (const citation of summary.citations) expect(contentTerms(citation.text).some((t) => t.startsWith(stem))).toBe(true);
  });

  it('says so, with no citations, when the article has nothing on the topic', () => {
    const arabic = summariseArticle(farming, { topic: 'الفضاء الخارجي' });
    expect(arabic).toEqual({ text: expect.stringContaining('الفضاء الخارجي'), citations: [], topicFound: false });
    const english = summariseArticle(seed, { topic: 'Ukraine' });
    expect(english.topicFound).toBe(false);
    expect(english.citations).toEqual([]);
    expect(english.text).toContain('Ukraine');
  });

  it('matches names and numbers in a topic written in English', () => {
    const summary = summariseArticle(farming, { topic: '2025' });
    expect(summary.topicFound).toBe(true);
    expect(summary.citations.map((c) => c.id)).toEqual(['8.1']);
  });

  it('treats a blank topic as no topic', () => {
    expect(summariseArticle(seed, { topic: '   ' })).toEqual(summariseArticle(seed));
  });
});
