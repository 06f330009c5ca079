// Sentence features for summaries: the opening sentences state the story, and hard-wrapped pieces share a rank.
import { describe, expect, it } from 'vitest';
import { articleFeatures, OPENING_SENTENCES } from '../src/summary/features.ts';
import { articleFromText } from '../src/text/article.ts';

const NEWS = articleFromText(
  [
    'افتتح وزير الصحة مستشفى الأطفال الجديد في مدينة حلب.',
    'ويضم المستشفى مئتي سرير وقسما لجراحة القلب.',
    'وتبرعت جمعية خيرية بأجهزة جراحة القلب الحديثة.',
    'وشهدت البلاد أمطارا غزيرة خلال الأسبوع الماضي.',
  ].join('\n'),
  'news',
);

describe('opening similarity', () => {
  const { sentences } = articleFeatures(NEWS);

  it('takes the story from the first two sentences', () => {
    expect(OPENING_SENTENCES).toBe(2);
  });

  it('credits a sentence that echoes the second sentence, not only the first', () => {
    // The third shares "جراحة القلب" with the second only; the fourth shares nothing with either.
    expect(sentences[2]!.leadSimilarity).toBeGreaterThan(0);
    expect(sentences[3]!.leadSimilarity).toBe(0);
  });

  it('compares the opening sentences with each other, never with themselves', () => {
    // Both mention the hospital, so each has some similarity to the other, and less than to itself.
    expect(sentences[0]!.leadSimilarity).toBeGreaterThan(0);
    expect(sentences[0]!.leadSimilarity).toBeLessThan(1);
    expect(sentences[1]!.leadSimilarity).toBeCloseTo(sentences[0]!.leadSimilarity, 10);
  });

  it('gives a one-sentence article no opening to compare with', () => {
    const single = articleFeatures(articleFromText('افتتح وزير الصحة مستشفى الأطفال الجديد.', 'single'));
    expect(single.sentences[0]!.leadSimilarity).toBe(0);
  });
});

describe('hard-wrapped pieces', () => {
  it('count as one whole sentence for rank and opening similarity', () => {
    const wrapped = articleFromText(
      ['أطلقت الشركة الوطنية للاتصالات شبكة الجيل الخامس', 'في العاصمة بعد سنوات من التجارب.', 'وتغطي الشبكة الجديدة نصف السكان.'].join('\n'),
      'wrapped',
    );
    const { sentences, wholeSentences } = articleFeatures(wrapped);
    expect(wholeSentences).toBe(2);
    expect(sentences.map((s) => s.rank)).toEqual([0, 0, 1]);
    expect(sentences[1]!.continues).toBe(true);
    expect(sentences[0]!.leadSimilarity).toBe(sentences[1]!.leadSimilarity);
  });
});
