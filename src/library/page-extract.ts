// A web page's article: its bytes decoded, its DOM built by linkedom, refused when nested deeper than
// any news page is (Readability's time grows steeply with nesting), the article found by Mozilla's
// Readability, and its text laid out as the article files are: one paragraph per line. Title, outlet
// and date come from the page when it says.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { PageProblem } from './page-fetch.ts';

export interface PageArticle {
  url: string;
  title: string;
  outlet: string;
  published?: string;
  /** One paragraph per line. */
  text: string;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';
/** Fewer characters than this and the page has no article, only navigation or a teaser. */
const MIN_ARTICLE_CHARS = 200;
/** News pages nest a few dozen elements deep; Readability takes about a second at this depth. */
export const MAX_NESTING = 256;

/** The page's text, from its bytes and the charset its Content-Type names (UTF-8 when it names none). */
export function decodePage(bytes: Uint8Array, contentType: string): string {
  if (!/html/i.test(contentType)) throw new PageProblem(`That address is not a web page (${contentType.split(';')[0]?.trim() || 'no type'}).`);
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  let html: string;
  try {
    html = new TextDecoder(charset).decode(bytes);
  } catch {
    throw new PageProblem(`That page's text encoding (${charset.slice(0, 40)}) cannot be read.`);
  }
  // A page that calls itself HTML but holds binary (an image, an archive) has NULs no text has.
  if (html.includes('\u0000')) throw new PageProblem('That page is not text: it holds binary data, so it has no article to add.');
  return html;
}

interface ElementNode {
  firstElementChild: ElementNode | null;
  nextElementSibling: ElementNode | null;
  parentElement: ElementNode | null;
}

/** How deep elements nest under root, counted without recursion; stops counting once past `limit`. */
export function nestingDepth(root: ElementNode, limit = Infinity): number {
  let node: ElementNode | null = root;
  let depth = 0;
  let deepest = 0;
  while (node) {
    if (node.firstElementChild) {
      node = node.firstElementChild;
      deepest = Math.max(deepest, ++depth);
      if (deepest > limit) break;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) {
      node = node.parentElement;
      depth--;
    }
    if (!node || node === root) break;
    node = node.nextElementSibling;
  }
  return deepest;
}

interface BlockNode {
  querySelectorAll(selector: string): Iterable<BlockNode>;
  querySelector(selector: string): BlockNode | null;
  textContent: string | null;
}

export function articleFromHtml(html: string, url: string, maxNesting = MAX_NESTING): PageArticle {
  const { document } = parseHTML(html);
  if (document.documentElement && nestingDepth(document.documentElement as unknown as ElementNode, maxNesting) > maxNesting) {
    throw new PageProblem(`That page nests its elements more than ${maxNesting} deep, which no news page does; it is not read.`);
  }
  const meta = (name: string) =>
    document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content')?.trim() || undefined;
  const published = meta('article:published_time') ?? meta('date');
  type Doc = ConstructorParameters<typeof Readability>[0];
  const found = new Readability<unknown>(document as unknown as Doc, { serializer: (node) => node }).parse();
  const content = found?.content as BlockNode | undefined;
  // innermost blocks only: a list item holding a paragraph is one line, not two
  const paragraphs = [...(content?.querySelectorAll(BLOCKS) ?? [])]
    .filter((node) => node.querySelector(BLOCKS) === null)
    .map((node) => (node.textContent ?? '').replace(/\s+/gu, ' ').trim())
    .filter((line) => line.length > 0);
  if (!found || paragraphs.join('\n').length < MIN_ARTICLE_CHARS) throw new PageProblem('No article was found on that page.');
  const pageTitle = (found.title ?? '').replace(/\s+/gu, ' ').trim();
  // The headline is the article's first line, as in the article files. A page title is often the headline
  // plus the site's name ("… | Outlet"): when the article opens with the headline, that is the title.
  const opensWithHeadline = pageTitle.includes(paragraphs[0]!);
  // A page with no title has none: its first sentence is the story's, not a title (the library may still
  // find a headline line when it is added).
  const title = opensWithHeadline ? paragraphs[0]! : pageTitle;
  if (!opensWithHeadline && pageTitle) paragraphs.unshift(pageTitle);
  const text = paragraphs.join('\n');
  const outlet = (found.siteName ?? meta('og:site_name') ?? new URL(url).hostname).trim();
  return { url, title, outlet, ...((found.publishedTime ?? published) ? { published: (found.publishedTime ?? published)! } : {}), text: `${text}\n` };
}
