// The answer-kind, tense and word-form features on hand-written sentences: what each sentence offers to the kind
// of question asked, and whether it tells the asked event in the asked tense.
import { describe, expect, it } from 'vitest';
import { answerTypeValue, asksAboutFuture, cuesOf, marksFuture, sameFormsValue, tenseValue } from '../src/qa/answer-cues.ts';
import { sentenceFeatures } from '../src/qa/features.ts';
import { openArticleIndex } from '../src/index/article-index.ts';
import { analyseQuery } from '../src/qa/query.ts';
import { articleFromText } from '../src/text/article.ts';
import { tokenise } from '../src/text/arabic.ts';

describe('tense', () => {
  it('reads the future from سـ before a verb, سوف, a time to come or "will"', () => {
    for (const word of ['سيزور', 'وستعقد', 'سنرد', 'سوف', 'المقبل', 'القادمة', 'will']) expect(marksFuture(tokenise(word)[0]!), word).toBe(true);
  });

  it('does not take nouns that begin with س for the future', () => {
    for (const word of ['السياسة', 'سياسة', 'سيارة', 'سنوات', 'ستة', 'سيطرة', 'زار', 'دعا', 'لزيارة', 'visited']) expect(marksFuture(tokenise(word)[0]!), word).toBe(false);
  });

  it('"will visit" agrees with a sentence about the coming visit, not with the invitation to visit', () => {
    const question = analyseQuery('متى سيزور الرئيس موسكو؟');
    expect(asksAboutFuture(question)).toBe(true);
    const coming = cuesOf('وسيزور الرئيس موسكو الأسبوع المقبل في أول رحلة له.');
    const invited = cuesOf('ودعا الكرملين الرئيس لزيارة موسكو في الربيع.');
    expect(tenseValue(true, coming)).toBe(1);
    expect(tenseValue(true, invited)).toBe(0);
    expect(asksAboutFuture(analyseQuery('متى زار الرئيس موسكو؟'))).toBe(false);
    expect(asksAboutFuture(analyseQuery('When will the president visit Moscow?'))).toBe(true);
    expect(tenseValue(false, coming)).toBe(0);
  });
});

describe('answer kind', () => {
  it('a "when" question meets a date or a time word the question does not use', () => {
    const when = analyseQuery('متى افتتح المتحف؟');
    expect(answerTypeValue(when, cuesOf('افتتح المتحف عام 1902 بحضور الملك.'))).toBe(1);
    expect(answerTypeValue(when, cuesOf('افتتح المتحف في يوم الجمعة.'))).toBe(1);
    expect(answerTypeValue(when, cuesOf('افتتح المتحف بحضور جمهور كبير.'))).toBe(0);
    // the question's own time word is not an answer
    expect(answerTypeValue(analyseQuery('في أي عام افتتح المتحف؟'), cuesOf('افتتح المتحف في ذلك العام.'))).toBe(0);
  });

  it('"why" meets a cause, "where" a place, "who" a role', () => {
    expect(answerTypeValue(analyseQuery('لماذا أغلق الميناء؟'), cuesOf('أغلق الميناء بسبب العاصفة.'))).toBe(1);
    expect(answerTypeValue(analyseQuery('لماذا أغلق الميناء؟'), cuesOf('أغلق الميناء يوم الأحد.'))).toBe(0);
    expect(answerTypeValue(analyseQuery('أين عقد المؤتمر؟'), cuesOf('عقد المؤتمر في العاصمة القديمة.'))).toBe(1);
    expect(answerTypeValue(analyseQuery('من افتتح المؤتمر؟'), cuesOf('افتتح المؤتمر وزير الخارجية.'))).toBe(1);
    expect(answerTypeValue(analyseQuery('Why was the port closed?'), cuesOf('أغلق الميناء بسبب العاصفة.'))).toBe(1);
  });

  it('a question of no such kind gets nothing from it', () => {
    expect(answerTypeValue(analyseQuery('ماذا قال الوزير؟'), cuesOf('قال الوزير إن المؤتمر عقد عام 2020 بسبب الأزمة.'))).toBe(0);
  });
});

describe('same word forms', () => {
  it('counts the question words found in their own form, weighted, a leading و aside', () => {
    const tokens = ['سيزور', 'موسكو'];
    expect(sameFormsValue(tokens, [3, 1], cuesOf('وسيزور الرئيس موسكو قريبا.'))).toBe(1);
    expect(sameFormsValue(tokens, [3, 1], cuesOf('دعي الرئيس لزيارة موسكو.'))).toBe(0.25);
    expect(sameFormsValue([], [], cuesOf('أي جملة.'))).toBe(0);
  });
});

describe('in the features', () => {
  it('sets the three values only on sentences with evidence, each in [0, 1]', async () => {
    const article = articleFromText('دعا الكرملين الرئيس لزيارة موسكو في الربيع.\nوسيزور الرئيس موسكو الأسبوع المقبل.\nتمطر السماء كثيرا هنا.', 'cues');
    const index = await openArticleIndex(article, { persist: false });
    const features = await sentenceFeatures(index, analyseQuery('متى سيزور الرئيس موسكو؟'));
    expect(Array.from(features.tense)).toEqual([0, 1, 0]);
    expect(features.sameForms[1]).toBeGreaterThan(features.sameForms[0]!);
    expect(features.answerType[1]).toBe(1); // "الأسبوع المقبل"
    expect(features.answerType[2]).toBe(0); // no evidence: not read
  });
});
