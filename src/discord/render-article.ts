// How articles of the library are named in messages: the first line of every answer (title, outlet, date,
// link), the /article list, and the preview shown before an article is added. Pure functions.
import type { LibraryEntry } from '../library/store.ts';
import { isolateEmbedded } from './bidi.ts';
import { escapeInert } from './inert.ts';
import { truncate, type OutgoingMessage, MESSAGE_LIMIT } from './render.ts';
import { stripInvisibleTricks } from './sanitise.ts';

export type NamedArticle = Pick<LibraryEntry, 'id' | 'title' | 'outlet' | 'published' | 'url'>;

/** Where an article came from, as a short host name ("example.com"): plain text, so never a link or a preview card. */
function host(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname.replace(/^www\./, ''); // Discord links only addresses with a scheme
  } catch {
    return undefined;
  }
}

/** Long enough to recognise an article, short enough for one line on a phone. */
const TITLE_CHARS = 60;

/**
 * Text of an article or its page on one line, as written but inert: no controls (also for articles stored
 * before they were removed at add), cut to `limit` characters, then escaped so it cannot link, ping or format.
 */
export function inertLine(text: string, limit: number): string {
  return escapeInert(truncate(stripInvisibleTricks(text).replace(/\s+/gu, ' ').trim(), limit));
}

/**
 * "📰 title · outlet · date · A2 · host": titles and outlets come from pages and people, so they are shown
 * inert, and each part is isolated so a mixed line keeps its parts in order. An article without a title is
 * named by its outlet and date.
 */
export function articleLine(article: NamedArticle): string {
  const parts = [inertLine(article.title, TITLE_CHARS), ...[article.outlet, article.published].map((s) => inertLine(s ?? '', 80))];
  return ['📰', [...parts.filter(Boolean).map(isolateEmbedded), article.id, host(article.url)].filter(Boolean).join(' · ')].join(' ');
}

/** An article's name on one line: its title, else its outlet and date, else its id. */
export function nameOf(article: NamedArticle): string {
  const parts = article.title.trim() ? [article.title] : [article.outlet, article.published].filter((s): s is string => Boolean(s?.trim()));
  return stripInvisibleTricks(parts.join(' · ')).replace(/\s+/gu, ' ').trim() || article.id;
}

/** The small line under an answer that names its article(s): only when the library holds more than one. */
export function articleNote(articles: readonly NamedArticle[]): string {
  return articles.map((a) => `-# ${articleLine(a)}`).join('\n');
}

export function renderArticleList(entries: readonly NamedArticle[], current: string | undefined, heading: string): OutgoingMessage {
  const lines = entries.map((e) => `${e.id === current ? '▶ ' : '• '}${articleLine(e)}`);
  return { content: truncate([heading, ...lines].join('\n'), MESSAGE_LIMIT), quotes: [] };
}

/** What was found before it is added: the article line and its first lines, as plain text (not quotes yet). */
export function renderArticlePreview(article: Omit<NamedArticle, 'id'> & { text: string }, question: string): OutgoingMessage {
  const lines = article.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(1, 4)
    .map((line) => `> ${isolateEmbedded(inertLine(line, 300))}`);
  return { content: truncate([articleLine({ ...article, id: '' }), ...lines, question].join('\n'), MESSAGE_LIMIT), quotes: [] };
}
