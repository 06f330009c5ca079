// ROUGE on examples small enough to count by hand.
import { describe, expect, it } from 'vitest';
import { rougeAgainst, rougeN, rougeTokens } from '../src/eval/rouge.ts';

describe('rougeTokens', () => {
  it('folds diacritics, tatweel, alef forms, ى/ي and ة/ه, without stemming', () => {
    expect(rougeTokens('أَحْمَد إلى المدرسـة، والمدرسة!')).toEqual(['احمد', 'الي', 'المدرسه', 'والمدرسه']);
  });
});

describe('rougeN', () => {
  it('counts unigram overlap: 2 of 3 candidate words in a 4-word reference', () => {
    const score = rougeN(['a', 'b', 'c'], ['a', 'b', 'd', 'e'], 1);
    expect(score.precision).toBeCloseTo(2 / 3);
    expect(score.recall).toBeCloseTo(2 / 4);
    expect(score.f1).toBeCloseTo((2 * (2 / 3) * (1 / 2)) / (2 / 3 + 1 / 2));
  });

  it('counts bigrams: "a b" matches, "b c" does not', () => {
    const score = rougeN(['a', 'b', 'c'], ['a', 'b', 'd'], 2);
    expect(score.precision).toBeCloseTo(1 / 2);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.f1).toBeCloseTo(1 / 2);
  });

  it('clips repeated words to how often the reference has them', () => {
    expect(rougeN(['a', 'a', 'a'], ['a', 'b'], 1).precision).toBeCloseTo(1 / 3);
  });

  it('is 0 (not NaN) when either side is too short', () => {
    expect(rougeN([], ['a'], 1).f1).toBe(0);
    expect(rougeN(['a'], ['a'], 2).f1).toBe(0);
  });

  it('is 1 for identical texts', () => {
    expect(rougeN(['x', 'y', 'z'], ['x', 'y', 'z'], 2).f1).toBe(1);
  });
});

describe('rougeAgainst', () => {
  it('averages F1 over the references', () => {
    // Against "أ ب" the candidate scores 1; against "ج د" it scores 0.
    const score = rougeAgainst('أ ب', ['أ ب', 'ج د']);
    expect(score.rouge1).toBeCloseTo(0.5);
    expect(score.rouge2).toBeCloseTo(0.5);
  });

  it('matches across spelling variants', () => {
    expect(rougeAgainst('مدرسة إلى', ['مدرسه الى']).rouge1).toBe(1);
  });

  it('refuses to score without references', () => {
    expect(() => rougeAgainst('a', [])).toThrow();
  });
});
