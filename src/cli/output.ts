// How answers leave the command line: a readable block for people, one JSON object for programs.
import type { LibraryEntry } from '../library/store.ts';
import type { Answer, Citation } from '../qa/types.ts';

/** The stable JSON shape of one answer; `id` only when the question came with one. */
export interface AnswerRecord {
  id?: string;
  question: string;
  answered: boolean;
  answer: string;
  citations: Citation[];
  /** Present (true) when the question was longer than QUESTION_LIMIT and only its beginning was answered. */
  shortened?: true;
}

export function answerRecord(answer: Answer, extra: { id?: string | undefined; shortened?: boolean } = {}): AnswerRecord {
  return {
    ...(extra.id === undefined ? {} : { id: extra.id }),
    question: answer.question,
    answered: answer.answered,
    answer: answer.lead,
    citations: answer.citations,
    ...(extra.shortened ? { shortened: true as const } : {}),
  };
}

/** The lead line, then the quotes numbered best first, each with its sentence id. */
export function renderAnswerText(answer: Answer): string {
  const lines = [answer.lead];
  if (answer.citations.length > 0) lines.push('');
  answer.citations.forEach((citation, i) => lines.push(`${i + 1}. ${citationId(citation)} ${citation.text}`));
  return `${lines.join('\n')}\n`;
}

/** [4.1], or [A3 4.1] in an answer across the library. */
function citationId(citation: Citation): string {
  return citation.articleId ? `[${citation.articleId} ${citation.id}]` : `[${citation.id}]`;
}

/** One JSON value per line, as JSON Lines requires (JSON.stringify never emits raw newlines). */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** A library article in one line: id, title, then outlet, date and link when known. */
export function describeArticle(entry: LibraryEntry): string {
  const about = [entry.outlet, entry.published, entry.url].filter(Boolean).join(' · ');
  return `${entry.id}  ${entry.title}${about ? `  (${about})` : ''}${entry.removedAt ? '  [removed]' : ''}`;
}

export type ArticleRecord = Pick<LibraryEntry, 'id' | 'title' | 'outlet' | 'published' | 'url'>;

/** What an answer or summary says first of each article it quotes, as the bot's first line does. */
export function namedArticles(entries: readonly LibraryEntry[]): { text: string; records: ArticleRecord[] } {
  return {
    text: entries.map((entry) => `📰 ${describeArticle(entry)}\n`).join(''),
    records: entries.map(({ id, title, outlet, published, url }) => ({ id, title, ...(outlet ? { outlet } : {}), ...(published ? { published } : {}), ...(url ? { url } : {}) })),
  };
}
