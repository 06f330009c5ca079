import { describe, expect, it } from 'vitest';
import {
  arabicShare,
  contentTerms,
  detectLanguage,
  isStopword,
  lightStem,
  normaliseArabic,
  tokenise,
} from '../src/text/arabic.ts';

describe('normaliseArabic', () => {
  it('strips diacritics and tatweel', () => {
    expect(normaliseArabic('مُحَمَّدٌ')).toBe('محمد');
    expect(normaliseArabic('الرئيـــس')).toBe('الرئيس');
  });

  it('unifies alef forms, alef maqsura and ta marbuta', () => {
    expect(normaliseArabic('أحمد إلى آخر ٱلله')).toBe('احمد الي اخر الله');
    expect(normaliseArabic('مستشفى')).toBe('مستشفي');
    expect(normaliseArabic('زيارة')).toBe(normaliseArabic('زياره'));
  });

  it('turns Arabic-Indic and Persian digits into ASCII digits', () => {
    expect(normaliseArabic('٢٠٢٣')).toBe('2023');
    expect(normaliseArabic('۳۹')).toBe('39');
  });

  it('lower-cases Latin text and leaves it otherwise alone', () => {
    expect(normaliseArabic('Xi Jinping')).toBe('xi jinping');
  });
});

describe('tokenise', () => {
  it('splits on punctuation, including Arabic comma and question mark', () => {
    expect(tokenise('متى، سيزور شي روسيا؟')).toEqual(['متي', 'سيزور', 'شي', 'روسيا']);
  });

  it('keeps numbers as tokens and drops emoji', () => {
    expect(tokenise('عام 2023 🎉')).toEqual(['عام', '2023']);
  });

  it('gives nothing for text without letters or digits', () => {
    expect(tokenise('🙂 ... ؟؟')).toEqual([]);
  });
});

describe('stopwords', () => {
  it('knows Arabic, dialect and English function words', () => {
    for (const word of ['في', 'متى', 'امتى', 'شو', 'ليش', 'مين', 'اللي', 'مش', 'رح', 'the', 'what']) {
      expect(isStopword(normaliseArabic(word)), word).toBe(true);
    }
  });

  it('does not treat content words as stopwords', () => {
    for (const word of ['روسيا', 'بوتين', 'زيارة', 'moscow']) {
      expect(isStopword(normaliseArabic(word)), word).toBe(false);
    }
  });
});

describe('lightStem', () => {
  it('brings clitic-prefixed forms of a word together', () => {
    const stems = ['الصين', 'والصين', 'بالصين', 'للصين'].map((w) => lightStem(normaliseArabic(w)));
    expect(new Set(stems).size).toBe(1);
  });

  it('strips common suffixes', () => {
    expect(lightStem(normaliseArabic('العلاقات'))).toBe(lightStem(normaliseArabic('علاقة')));
    expect(lightStem(normaliseArabic('المسؤولون'))).toBe(lightStem(normaliseArabic('المسؤولين')));
  });

  it('never leaves a stem shorter than three letters', () => {
    for (const word of ['وزير', 'بلد', 'ولد', 'كتب', 'الام']) {
      expect(lightStem(normaliseArabic(word)).length, word).toBeGreaterThanOrEqual(3);
    }
  });

  it('does not cut a single-letter prefix off a four-letter word', () => {
    expect(lightStem('وزير')).toBe('وزير');
  });

  it('strips simple English plural and verb endings, but leaves numbers', () => {
    expect(lightStem('leaders')).toBe('leader');
    expect(lightStem('visited')).toBe('visit');
    expect(lightStem('2023')).toBe('2023');
  });
});

describe('contentTerms', () => {
  it('drops stopwords and stems the rest', () => {
    expect(contentTerms('متى سيزور شي جين بينغ روسيا؟')).toEqual(['سيزور', 'شي', 'جين', 'بينغ', 'روسيا']);
  });

  it('matches hamza-less and ta-marbuta-as-ha spellings to the written forms', () => {
    expect(contentTerms('زياره الاسبوع المقبل')).toEqual(contentTerms('زيارة الأسبوع المقبل'));
  });

  it('is empty for a question made only of stopwords', () => {
    expect(contentTerms('ما هو الذي في من على')).toEqual([]);
    expect(contentTerms('what is the')).toEqual([]);
  });
});

describe('language detection', () => {
  it('calls mostly-Arabic text Arabic and Latin text English', () => {
    expect(detectLanguage('متى سيزور شي روسيا؟')).toBe('ar');
    expect(detectLanguage('When will Xi visit Russia?')).toBe('en');
    expect(detectLanguage('متى يزور Xi روسيا')).toBe('ar');
  });

  it('measures the Arabic share of letters only', () => {
    expect(arabicShare('123 ...')).toBe(0);
    expect(arabicShare('شي')).toBe(1);
    expect(arabicShare('ab شي')).toBeCloseTo(0.5);
  });
});
