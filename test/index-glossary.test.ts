import { describe, expect, it } from 'vitest';
import { arabicGlosses } from '../src/text/glossary.ts';
import { openArticleIndex } from '../src/index/article-index.ts';
import { answerQuestion } from '../src/qa/answer.ts';
import { analyseQuery } from '../src/qa/query.ts';
import { stemTerms } from '../src/text/terms.ts';
import { articleFromText } from '../src/text/article.ts';

describe('English-to-Arabic glossary', () => {
  it('gives normalised Arabic words for common English words, and nothing for unknown ones', () => {
    expect(arabicGlosses('war')).toContain('حرب');
    expect(arabicGlosses('qwzx')).toEqual([]);
  });

  it('adds one group of Arabic stems per glossed English word, after the token stems', () => {
    const query = analyseQuery('When did the war end?');
    expect(query.glosses).toHaveLength(2);
    expect(query.glosses[0]).toEqual(stemTerms('حرب'));
    expect(query.stems.slice(0, query.tokens.length)).toEqual(query.tokens.map((t) => stemTerms(t)[0] ?? t));
  });

  it('lets an English question find the Arabic sentence through its glosses', async () => {
    const text = 'افتتحت البلدية جسراً جديداً فوق النهر.\nوانتهت الحرب في المدينة بعد ثلاث سنوات من القتال.';
    const index = await openArticleIndex(articleFromText(text, 'gloss'), { persist: false });
    const answer = await answerQuestion(index, 'When did the war end in the city?');
    expect(answer).toMatchObject({ answered: true, language: 'en' });
    expect(answer.citations[0]?.id).toBe('2.1');
  });
});
