import { describe, expect, it } from 'vitest';
import { answerCues } from '../src/index/answer-cues.ts';
import { analyseQuery, answerKind } from '../src/qa/query.ts';
import { tokenise } from '../src/text/arabic.ts';

describe('answer cues of a sentence', () => {
  it('lists the numbers it states, in digits or words, without clitics', () => {
    expect(answerCues('سجل الفريق 24 نقطة وأربعة أهداف').numbers).toEqual(['24', 'اربعه']);
    expect(answerCues('ستتم مناقشة العلاقات').numbers).toEqual([]);
  });

  it('recognises years and month names as dates, but not any number', () => {
    expect(answerCues('تأسست عام 1958 في المدينة').hasDate).toBe(true);
    expect(answerCues('وصل في شهر مارس').hasDate).toBe(true);
    expect(answerCues('سجل 118 عرقلة').hasDate).toBe(false);
  });

  it('marks sentences whose subject is named in the sentence before', () => {
    expect(answerCues('وهو كذلك أكبر اللاعبين سناً.').anaphoric).toBe(true);
    expect(answerCues('أصبح مانينغ أول لاعب يقود فريقين.').anaphoric).toBe(false);
  });
});

describe('the kind of answer a question asks for', () => {
  const kind = (q: string) => answerKind(tokenise(q));

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

  it('keeps every token of the question, so numbers it states are known', () => {
    expect(analyseQuery('كم نقطة سجل في عام 2015؟').allTokens).toContain('2015');
  });
});
