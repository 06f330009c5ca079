// The framing lines of an answer, in the question's language (the words live in src/strings.ts).
import type { Language } from '../text/arabic.ts';
import { strings } from '../strings.ts';

export type AnswerKind = 'answered' | 'empty' | 'no-terms' | 'not-in-article' | 'nothing-new';

const KEYS = { empty: 'emptyQuestion', 'no-terms': 'noTerms', 'not-in-article': 'notInArticle', 'nothing-new': 'nothingNew' } as const;

export function abstentionMessage(kind: Exclude<AnswerKind, 'answered'>, language: Language): string {
  return strings(language)[KEYS[kind]];
}

export function answerLead(language: Language, ids: readonly string[]): string {
  return strings(language).answerLead(ids);
}
