// Adding an article from a web page: fetched with a time limit, a size limit and a bounded number of
// redirects, its article found by Mozilla's Readability (over linkedom's DOM), and its text laid out as
// the article files are: one paragraph per line. Title, outlet and date come from the page when it says.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { MAX_ARTICLE_BYTES } from '../text/article.ts';
import { LibraryError } from './library.ts';

export interface PageArticle {
  url: string;
  title: string;
  outlet: string;
  published?: string;
  /** One paragraph per line. */
  text: string;
}

export interface FetchLimits {
  timeoutMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';
/** Fewer characters than this and the page has no article, only navigation or a teaser. */
const MIN_ARTICLE_CHARS = 200;

export async function articleFromUrl(address: string, limits: FetchLimits = {}): Promise<PageArticle> {
  const { html, url } = await fetchPage(address, limits);
  return articleFromHtml(html, url);
}

async function fetchPage(address: string, limits: FetchLimits): Promise<{ html: string; url: string }> {
  const { response, url } = await follow(address, limits, 'text/html,application/xhtml+xml');
  const type = response.headers.get('content-type') ?? '';
  if (!/html/i.test(type)) throw new LibraryError(`That address is not a web page (${type.split(';')[0] || 'no type'}).`);
  const bytes = await readLimited(response, limits.maxBytes ?? MAX_ARTICLE_BYTES, 'That page');
  try {
    return { html: new TextDecoder(charsetOf(type)).decode(bytes), url: url.href };
  } catch {
    throw new LibraryError(`That page's text encoding (${charsetOf(type)}) cannot be read.`);
  }
}

/** An uploaded file's bytes (a Discord attachment), within the same limits as a page. */
export async function fetchUpload(address: string, limits: FetchLimits = {}): Promise<Uint8Array> {
  const { response } = await follow(address, limits, '*/*');
  return readLimited(response, limits.maxBytes ?? MAX_ARTICLE_BYTES, 'That file');
}

/** GETs an address, following at most maxRedirects redirects, all within one time limit. */
async function follow(address: string, limits: FetchLimits, accept: string): Promise<{ response: Response; url: URL }> {
  let url = parseUrl(address);
  const maxRedirects = limits.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(limits.timeoutMs ?? 10_000);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { accept } });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new LibraryError(timedOut ? `${url.host} did not answer in time.` : `Could not reach ${url.host}: ${(error as Error).message}.`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      if (hop >= maxRedirects) throw new LibraryError(`${url.host} redirects more than ${maxRedirects} times; giving up.`);
      url = parseUrl(new URL(location, url).href);
      continue;
    }
    if (!response.ok) throw new LibraryError(`${url.host} answered ${response.status} for that address.`);
    return { response, url };
  }
}

function parseUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new LibraryError(`"${address.slice(0, 80)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LibraryError('Only http and https pages can be added.');
  return url;
}

function charsetOf(contentType: string): string {
  return /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
}

async function readLimited(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw new LibraryError(`${what} is over ${maxBytes.toLocaleString('en')} bytes; it is not added.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface BlockNode {
  querySelectorAll(selector: string): Iterable<BlockNode>;
  querySelector(selector: string): BlockNode | null;
  textContent: string | null;
}

export function articleFromHtml(html: string, url: string): PageArticle {
  const { document } = parseHTML(html);
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
  if (!found || paragraphs.join('\n').length < MIN_ARTICLE_CHARS) throw new LibraryError('No article was found on that page.');
  const pageTitle = (found.title ?? '').replace(/\s+/gu, ' ').trim();
  // The headline is the article's first line, as in the article files. A page title is often the headline
  // plus the site's name ("… | Outlet"): when the article opens with the headline, that is the title.
  const opensWithHeadline = pageTitle.includes(paragraphs[0]!);
  const title = opensWithHeadline || !pageTitle ? paragraphs[0]! : pageTitle;
  if (!opensWithHeadline && pageTitle) paragraphs.unshift(pageTitle);
  const text = paragraphs.join('\n');
  const outlet = (found.siteName ?? meta('og:site_name') ?? new URL(url).hostname).trim();
  return { url, title, outlet, ...((found.publishedTime ?? published) ? { published: (found.publishedTime ?? published)! } : {}), text: `${text}\n` };
}
