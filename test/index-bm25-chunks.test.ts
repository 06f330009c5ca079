import { describe, expect, it } from 'vitest';
import { Bm25 } from '../src/index/bm25.ts';
import { chunkSentences } from '../src/index/chunks.ts';
import { findRepeats } from '../src/index/repeats.ts';
import { stemTerms } from '../src/text/terms.ts';
import { segmentText } from '../src/text/segment.ts';

describe('Bm25', () => {
  const docs = [['صين', 'روسيا', 'زيار'], ['نفط', 'غاز'], ['صين', 'تجار', 'صين']];
  const bm25 = new Bm25(docs);

  it('scores only documents that contain a query term, rarer terms higher', () => {
    const scores = bm25.scores(['زيار']);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
    expect(bm25.idf('زيار')).toBeGreaterThan(bm25.idf('صين'));
    expect(bm25.idf('غير-موجود')).toBe(0);
  });

  it('ranks the document matching more query terms first', () => {
    const scores = bm25.scores(['صين', 'روسيا']);
    expect(scores[0]).toBeGreaterThan(scores[2]!);
  });

  it('matches Arabic words across clitics and tanween through the stems', () => {
    const index = new Bm25([stemTerms('وصلت النقوش إلى المدينة'), stemTerms('ارتفعت أسعار النفط')]);
    const scores = index.scores(stemTerms('نقوشاً'));
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
  });
});

describe('chunkSentences', () => {
  const { sentences } = segmentText('أ ب. ج د. هـ و.\nز ح. ط ي.');

  it('makes overlapping windows that stay inside a paragraph and remember sentence ids', () => {
    const chunks = chunkSentences(sentences, { size: 2, stride: 1 });
    expect(chunks.map((c) => c.sentenceIds)).toEqual([['1.1', '1.2'], ['1.2', '1.3'], ['2.1', '2.2']]);
    expect(chunks[0]!.text).toBe('أ ب. ج د.');
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('covers every sentence with single-sentence windows', () => {
    expect(chunkSentences(sentences, { size: 1, stride: 1 }).flatMap((c) => c.sentenceIds)).toEqual(sentences.map((s) => s.id));
    expect(() => chunkSentences(sentences, { size: 0, stride: 1 })).toThrow(RangeError);
  });
});

describe('findRepeats', () => {
  it('links a restated sentence to its first statement only', () => {
    const terms = [
      stemTerms('ولد الكاتب في القاهرة عام 1950 ودرس الطب في جامعتها'),
      stemTerms('سافر إلى باريس لاحقاً وعمل في صحيفة فرنسية كبيرة'),
      stemTerms('ولد الكاتب في القاهرة عام 1950 ودرس الطب في جامعتها ثم سافر'),
    ];
    expect(Array.from(findRepeats(terms))).toEqual([-1, -1, 0]);
  });
});
