import { describe, expect, it } from 'vitest';
import { analyseQuery, questionKind } from '../src/qa/query.ts';
import { tokenise } from '../src/text/arabic.ts';

describe('the kind of answer a question asks for', () => {
  const kind = (q: string) => questionKind(tokenise(q));

  it('reads question words at the start, dialect and English included', () => {
    expect(kind('متى بدأت الحرب؟')).toBe('when');
    expect(kind('في أي عام تأسست الشركة؟')).toBe('when');
    expect(kind('كم عدد القتلى؟')).toBe('howMany');
    expect(kind('مين فاز بالمباراة؟')).toBe('who');
    expect(kind('ما اسم الملعب؟')).toBe('who');
    expect(kind('وين اتقابلوا؟')).toBe('where');
    expect(kind('How many people died?')).toBe('howMany');
    expect(kind('In which year did it open?')).toBe('when');
  });

  it('does not read a preposition inside the question as "who"', () => {
    expect(kind('ما الغرض من زيارة الرئيس؟')).toBe('other');
  });

  it('keeps every token of the question, stopwords and numbers included', () => {
    expect(analyseQuery('كم نقطة سجل في عام 2015؟').allTokens).toContain('2015');
  });
});
