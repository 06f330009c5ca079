// The framing lines of an answer, in the question's language.
import type { Language } from '../text/arabic.ts';

export type AnswerKind = 'answered' | 'empty' | 'no-terms' | 'not-in-article' | 'nothing-new';

const MESSAGES: Record<Exclude<AnswerKind, 'answered'>, Record<Language, string>> = {
  empty: {
    ar: 'السؤال فارغ: اكتب سؤالاً عن المقال.',
    en: 'The question is empty: please ask something about the article.',
  },
  'no-terms': {
    ar: 'لم أجد في السؤال كلمات يمكن البحث عنها في المقال؛ جرّب صياغة أوضح.',
    en: 'The question has no words that can be searched for in the article; please rephrase it.',
  },
  'not-in-article': {
    ar: 'هذا ليس في المقال: لم أجد في المقال ما يجيب عن هذا السؤال.',
    en: 'This is not in the article: the article does not answer this question.',
  },
  'nothing-new': {
    ar: 'لا يقول المقال عن هذا أكثر مما في الاقتباسات أعلاه.',
    en: 'The article says nothing more about this than the quotes above.',
  },
};

export function abstentionMessage(kind: Exclude<AnswerKind, 'answered'>, language: Language): string {
  return MESSAGES[kind][language];
}

export function answerLead(language: Language, ids: readonly string[]): string {
  const list = ids.join(language === 'ar' ? '، ' : ', ');
  return language === 'ar'
    ? `يقول المقال ما يلي (${ids.length === 1 ? 'الجملة' : 'الجمل'} ${list}):`
    : `Here is what the article says (${ids.length === 1 ? 'sentence' : 'sentences'} ${list}):`;
}
