// The product's one invariant lives here: a citation's text is the article's own text, byte for byte.
import type { Article } from '../text/article.ts';
import type { Sentence } from '../text/segment.ts';
import type { Citation } from './types.ts';

export class QuoteMismatchError extends Error {
  override name = 'QuoteMismatchError';
}

export function makeCitation(article: Article, sentence: Sentence, score: number): Citation {
  const citation: Citation = {
    id: sentence.id,
    paragraph: sentence.paragraph,
    sentence: sentence.index,
    start: sentence.start,
    end: sentence.end,
    text: article.text.slice(sentence.start, sentence.end),
    score: Math.round(score * 10_000) / 10_000,
  };
  assertExactQuote(article.text, citation);
  return citation;
}

/** Throws unless the citation quotes `text.slice(start, end)` exactly; call it wherever quotes are shown. */
export function assertExactQuote(articleText: string, citation: Pick<Citation, 'id' | 'start' | 'end' | 'text'>): void {
  if (articleText.slice(citation.start, citation.end) !== citation.text) {
    throw new QuoteMismatchError(`Citation [${citation.id}] does not match the article text at ${citation.start}-${citation.end}.`);
  }
}
