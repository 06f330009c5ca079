import { describe, expect, it } from 'vitest';
import { asksForNumber, statesNumber } from '../src/text/numbers.ts';
import { charNgrams, contentTokens, heavyStem, MAX_QUERY_TOKENS, skeleton, stemTerms } from '../src/text/terms.ts';
import { documentKeys, latinKey, questionKey } from '../src/text/transliteration.ts';

describe('matching terms', () => {
  it('drops stopwords and caps long questions', () => {
    expect(contentTokens('ما هو موقف الصين من الحرب؟')).toEqual(['موقف', 'الصين', 'الحرب']);
    expect(contentTokens('كلمة '.repeat(500), { maxTokens: MAX_QUERY_TOKENS })).toHaveLength(MAX_QUERY_TOKENS);
    expect(contentTokens('ومتى تولى المنصب عام 1994م؟')).toEqual(['تولي', 'المنصب', 'عام', '1994']);
  });

  it('brings clitic, tanween and plural-suffix forms to one stem', () => {
    expect(heavyStem('والنقوش')).toBe(heavyStem('نقوشا'));
    expect(heavyStem('الاستحواذات')).toBe(heavyStem('استحواذ'));
    expect(stemTerms('بالصين')).toEqual(stemTerms('الصين'));
    expect(heavyStem('من')).toBe('من');
  });

  it('reduces words of one root to one consonant skeleton', () => {
    expect(skeleton(heavyStem('موّل'.normalize('NFKC').replace(/\u0651/g, '')))).toBe(skeleton(heavyStem('تمويل')));
    expect(skeleton('2019')).toBe('2019');
  });

  it('cuts n-grams with word boundaries and leaves numbers whole', () => {
    expect(charNgrams(['صين'], [3])).toEqual(['_صي', 'صين', 'ين_']);
    expect(charNgrams(['2019'])).toEqual([]);
  });
});

describe('cross-script name keys', () => {
  it('gives an English name and its Arabic spelling the same key', () => {
    for (const [english, arabic] of [
      ['Newton', 'نيوتن'],
      ['Broncos', 'البرونكوس'],
      ['Denver', 'دنفر'],
      ['Kremlin', 'الكرملين'],
      ['Putin', 'بوتين'],
    ] as const) {
      expect(documentKeys(arabic), english).toContain(latinKey(english));
    }
  });

  it('ignores short words and Arabic question words', () => {
    expect(latinKey('war')).toBeUndefined();
    expect(questionKey('موسكو')).toBeUndefined();
  });
});

describe('numbers', () => {
  it('tells questions that ask for a number or date', () => {
    expect(asksForNumber('كم عدد القتلى؟')).toBe(true);
    expect(asksForNumber('متى بدأت الحرب؟')).toBe(true);
    expect(asksForNumber('How many points did they score?')).toBe(true);
    expect(asksForNumber('من فاز بالمباراة؟')).toBe(false);
  });

  it('finds digits, number words and months in sentences', () => {
    expect(statesNumber('وصل عام 1939')).toBe(true);
    expect(statesNumber('قتل ثلاثة أشخاص')).toBe(true);
    expect(statesNumber('في شهر مارس الماضي')).toBe(true);
    expect(statesNumber('ستتم مناقشة العلاقات الاستراتيجية')).toBe(false);
  });
});
