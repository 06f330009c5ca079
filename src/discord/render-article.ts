// How articles of the library are named in messages: the first line of every answer (title, outlet, date,
// link), the /article list, and the preview shown before an article is added. Pure functions.
import type { LibraryEntry } from '../library/store.ts';
import { isolateEmbedded } from './bidi.ts';
import { escapeInert } from './inert.ts';
import { truncate, type OutgoingMessage, MESSAGE_LIMIT } from './render.ts';
import { stripInvisibleTricks } from './sanitise.ts';

export type NamedArticle = Pick<LibraryEntry, 'id' | 'title' | 'outlet' | 'published' | 'url'>;

/** A link only when it is a plain http(s) address; in <…> so Discord shows no preview card. */
function link(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `<${parsed.href.replace(/[<>\s]/g, encodeURIComponent)}>` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text of an article or its page on one line, as written but inert: no controls (also for articles stored
 * before they were removed at add), cut to `limit` characters, then escaped so it cannot link, ping or format.
 */
export function inertLine(text: string, limit: number): string {
  return escapeInert(truncate(stripInvisibleTricks(text).replace(/\s+/gu, ' ').trim(), limit));
}

/**
 * "📰 title · outlet · date · A2 · <link>": titles and outlets come from pages and people, so they are shown
 * inert. The title leads, not isolated, so that an Arabic title makes the line read right to left.
 */
export function articleLine(article: NamedArticle): string {
  const about = [article.outlet, article.published].filter((s): s is string => Boolean(s)).map((s) => isolateEmbedded(inertLine(s, 80)));
  const parts = [`📰 **${inertLine(article.title, 150)}**`, ...about, article.id, link(article.url)];
  return parts.filter(Boolean).join(' · ');
}

/** One line per article, for answers across the library. */
export function articleLines(articles: readonly NamedArticle[]): string {
  return articles.map(articleLine).join('\n');
}

export function renderArticleList(entries: readonly NamedArticle[], current: string | undefined, heading: string): OutgoingMessage {
  const lines = entries.map((e) => `${e.id === current ? '▶ ' : '• '}${articleLine(e)}`);
  return { content: truncate([heading, ...lines].join('\n'), MESSAGE_LIMIT), quotes: [] };
}

/** What was found before it is added: the article line and its first lines, as plain text (not quotes yet). */
export function renderArticlePreview(article: NamedArticle & { text: string }, question: string): OutgoingMessage {
  const lines = article.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(1, 4)
    .map((line) => `> ${isolateEmbedded(inertLine(line, 300))}`);
  return { content: truncate([articleLine(article), ...lines, question].join('\n'), MESSAGE_LIMIT), quotes: [] };
}
