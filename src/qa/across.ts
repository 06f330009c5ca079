// Answers across several articles of the library: each candidate article is asked as usual, the answered
// ones are compared on evidence that means the same in every article (the share of the question found,
// and the raw neural similarity, not scores scaled per article), and the best article's quotes are shown
// with the best quote of any other article that answers nearly as well. Every quote names its article.
import type { ArticleIndex } from '../index/article-index.ts';
import { detectLanguage } from '../text/arabic.ts';
import { strings } from '../strings.ts';
import { answerWithDetails, type AnswerDetails, type AnswerOptions } from './answer.ts';
import type { Answer } from './types.ts';

export interface LibraryCandidate {
  /** The library id ("A3"), written on every quote. */
  id: string;
  index: ArticleIndex;
}

/** Another article is cited too when its evidence is at least this share of the best article's. */
const NEARLY_AS_GOOD = 0.9;
/** At most this many articles in one answer. */
const MAX_ARTICLES = 3;

/** Comparable across articles: the question's share found in the first quote, plus its raw similarity in meaning. */
function strength(details: AnswerDetails): number {
  const first = details.scored[0]?.position;
  const similarity = first === undefined ? 0 : (details.features?.similarity?.[first] ?? 0);
  return details.coverage + similarity;
}

export async function answerAcross(
  candidates: readonly LibraryCandidate[],
  question: string,
  options: Pick<AnswerOptions, 'previousQuestion'> = {},
): Promise<Answer> {
  const asked = await Promise.all(candidates.map(async (c) => ({ id: c.id, details: await answerWithDetails(c.index, question, options) })));
  const answered = asked
    .filter((a) => a.details.answer.answered)
    .map((a) => ({ ...a, strength: strength(a.details) }))
    .sort((a, b) => b.strength - a.strength);
  const language = detectLanguage(question);
  const best = answered[0];
  if (!best) {
    // an empty or unusable question gets the same words as for one article; anything else is not in the library
    const kindMessage = asked.find((a) => a.details.kind === 'empty' || a.details.kind === 'no-terms')?.details.answer.lead;
    return { question, language, answered: false, lead: kindMessage ?? strings(language).notInLibrary, citations: [] };
  }
  const others = answered.slice(1, MAX_ARTICLES).filter((a) => a.strength >= NEARLY_AS_GOOD * best.strength);
  const citations = [
    ...best.details.answer.citations.map((c) => ({ ...c, articleId: best.id })),
    ...others.map((a) => ({ ...a.details.answer.citations[0]!, articleId: a.id })),
  ];
  const ids = citations.map((c) => `${c.articleId} ${c.id}`);
  return { question, language, answered: true, lead: strings(language).libraryLead(ids), citations };
}
