// Selection that covers: the redundancy penalty, one statement shown once (by words or by meaning), the article's
// parts reached, the topic rule for shared stems, and the coverage benchmark's bookkeeping.
import { describe, expect, it } from 'vitest';
import { articleFeatures } from '../src/summary/features.ts';
import { selectSentences, worthAfter, WEIGHTS } from '../src/summary/select.ts';
import { NEURAL_SAME, sentenceSimilarity } from '../src/summary/similarity.ts';
import { summariseArticle } from '../src/summary/summarise.ts';
import { topicWords, WEAK_MATCH } from '../src/summary/topic-words.ts';
import { leadPositions, runCoverage } from '../src/eval/summary-coverage.ts';
import { articleFromText } from '../src/text/article.ts';

const PORT = articleFromText(
  [
    'افتتحت الحكومة ميناء تجاريا جديدا على البحر الأحمر بكلفة مليار دولار.',
    'وقالت وزارة النقل إن الميناء التجاري الجديد سيستقبل السفن الكبيرة.',
    'وأضافت الوزارة أن الميناء الجديد سيستقبل السفن التجارية الكبيرة.',
    'ويوفر المشروع نحو خمسة آلاف فرصة عمل لسكان المنطقة.',
    'وشهدت المدينة احتجاجات محدودة على نزع ملكية بعض الأراضي.',
    'وتعهدت الحكومة بتعويض أصحاب الأراضي خلال ستة أشهر.',
    'ويرى خبراء أن الميناء سيخفض تكاليف الشحن على المستوردين.',
    'ومن المقرر افتتاح المرحلة الثانية من المشروع عام 2028.',
  ].join('\n'),
  'port',
);

describe('the redundancy penalty', () => {
  const features = articleFeatures(PORT);
  const similarity = sentenceSimilarity(features);

  it('lowers a sentence by its greatest similarity to a chosen one, and leaves it whole with nothing chosen', () => {
    expect(worthAfter(0.5, 1, [], similarity)).toBe(0.5);
    const near = worthAfter(0.5, 6, [0], similarity);
    const far = worthAfter(0.5, 4, [0], similarity);
    expect(near).toBeCloseTo(0.5 * (1 - WEIGHTS.redundancy * similarity.between(6, 0)), 10);
    expect(near).toBeLessThan(0.5);
    expect(far).toBeGreaterThan(near);
  });

  it('gives nothing for a statement already chosen (2.1 and 3.1 say the same in other words)', () => {
    expect(similarity.sameStatement(1, 2)).toBe(true);
    expect(worthAfter(0.9, 2, [1], similarity)).toBe(0);
    for (const words of [10, 30, 60, 1000]) {
      const ids = summariseArticle(PORT, { words }).citations.map((c) => c.id);
      expect(ids.includes('2.1') && ids.includes('3.1')).toBe(false);
    }
  });

  it('counts two sentences as one statement when their neural vectors nearly coincide, whatever their words', () => {
    const unit = (angle: number) => Float32Array.from([Math.cos(angle), Math.sin(angle), 0]);
    const vectors = PORT.sentences.map((_, i) => unit(i * 0.7));
    vectors[7] = unit(0.01); // 8.1 means what 1.1 means, by its vector
    const neural = sentenceSimilarity(articleFeatures(PORT), vectors);
    expect(Math.cos(0.01)).toBeGreaterThan(NEURAL_SAME);
    expect(neural.sameStatement(0, 7)).toBe(true);
    expect(neural.sameStatement(0, 3)).toBe(false);
    const positions = selectSentences(articleFeatures(PORT), { budget: { kind: 'words', words: 1000 }, neural: vectors });
    expect(positions.includes(0) && positions.includes(7)).toBe(false);
  });

  it('ignores vectors that do not fit the article', () => {
    expect(sentenceSimilarity(articleFeatures(PORT), [Float32Array.from([1, 0])]).neural).toBe(false);
  });
});

describe('coverage of the article', () => {
  // Paragraphs of several sentences, each opening with its subject: a long summary reaches every part.
  const parts = articleFromText(
    [
      'أطلقت الدولة خطة وطنية لتطوير التعليم في المدارس الحكومية. وتشمل الخطة تدريب المعلمين. وتبدأ الخطة العام المقبل.',
      'وفي قطاع الصحة افتتحت الوزارة عشرة مستشفيات جديدة في الأرياف. وتضم المستشفيات أقساما للطوارئ. ويعمل فيها ألف طبيب.',
      'أما في الزراعة فقد ارتفع إنتاج القمح بنسبة كبيرة هذا الموسم. ويعود ذلك إلى الأمطار الغزيرة. وانخفضت أسعار الخبز.',
      'وعلى صعيد النقل بدأ العمل في خط قطار سريع بين العاصمة والساحل. ويبلغ طول الخط ثلاثمئة كيلومتر. ويكتمل بعد أربع سنوات.',
    ].join('\n'),
    'parts',
  );

  it('reaches the last part of the article at medium and long, and takes each part from its opening', () => {
    for (const length of ['medium', 'long'] as const) {
      const paragraphs = new Set(summariseArticle(parts, { length }).citations.map((c) => c.paragraph));
      expect(paragraphs).toEqual(new Set([1, 2, 3, 4]));
    }
    // the lead of the same size stays in the first two paragraphs
    expect(new Set(leadPositions(parts, { kind: 'sentences', sentences: 5 }).map((p) => parts.sentences[p]!.paragraph))).toEqual(new Set([1, 2]));
  });

  it('counts the questions whose answer a quoted sentence holds, and the repeated pairs, for both systems', () => {
    const answerIn = (id: string, word: string) => {
      const s = PORT.sentences.find((x) => x.id === id)!;
      const at = PORT.text.indexOf(word, s.start);
      return [{ start: at, end: at + word.length }];
    };
    const report = runCoverage([{ article: PORT, answers: [answerIn('1.1', 'مليار'), answerIn('8.1', '2028'), answerIn('3.1', 'الكبيرة')] }], [12]);
    const lead = report.rows.find((r) => r.system === 'lead')!;
    // a 12-word budget: the lead is 1.1 (12 words is not under budget after it)
    expect(lead.coverage).toBeCloseTo(1 / 3, 10);
    expect(lead.sameStatementPairs).toBe(0);
    const wide = runCoverage([{ article: PORT, answers: [answerIn('1.1', 'مليار')] }], [40]).rows.find((r) => r.system === 'lead')!;
    // the lead at 40 words takes 1.1-3.1, where 2.1 and 3.1 repeat each other
    expect(wide.sameStatementPairs).toBe(1);
    expect(wide.wordJaccardPairs).toBe(0);
    expect(report.questions).toBe(3);
  });
});

describe('the topic rule', () => {
  const football = articleFromText(
    [
      'رفضت الحكومة الإدانة وألقت باللوم على تقدم الحلف في تأجيج الصراع.',
      'كما قدمت دعما دبلوماسيا لجارتها الشمالية.',
      'وفاز المنتخب الوطني لكرة القدم بالبطولة الإقليمية أمس.',
      'واحتفل المشجعون بفوز المنتخب في الشوارع حتى الصباح.',
    ].join('\n'),
    'football',
  );

  it('refuses a topic whose word the article matches only by a stem shared with unrelated words', () => {
    const noFootball = articleFromText([football.sentences[0]!.text, football.sentences[1]!.text].join('\n'), 'no-football');
    expect(topicWords(noFootball, 'القدم').relevance.every((r) => r === 0)).toBe(true);
    expect(summariseArticle(noFootball, { topic: 'كرة القدم' }).topicFound).toBe(false);
  });

  it('finds the word and its inflections, and lets a shared stem only add to a sentence that names the topic', () => {
    const { relevance, found } = topicWords(football, 'كرة القدم');
    expect(found.length).toBe(2);
    expect(relevance[2]).toBe(1);
    expect(relevance[0]).toBe(0); // «تقدم» alone
    expect(relevance[1]).toBe(0); // «قدمت» alone
    expect(summariseArticle(football, { topic: 'كرة القدم' }).citations.map((c) => c.id)).toEqual(['3.1']);
    // «بالقدم» is an inflection of «القدم»: full weight; a shared heavy stem beside a named word: WEAK_MATCH
    const mixed = articleFromText('سجل اللاعب الهدف بالقدم اليسرى.\nوقدمت الشركة كرة جديدة للفريق.', 'mixed');
    const both = topicWords(mixed, 'كرة القدم').relevance;
    expect(both[0]).toBe(0.5);
    expect(both[1]).toBe((1 + WEAK_MATCH) / 2);
  });

  it('refuses a topic of which the article names no more than half the words («كرة السلة» beside «كرة القدم»)', () => {
    expect(summariseArticle(football, { topic: 'كرة السلة' }).topicFound).toBe(false);
  });
});
