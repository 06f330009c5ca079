// The page worker (run by from-url.ts in a thread of its own, under memory limits): fetches a page and
// finds its article, so a page that is slow to read, huge or hostile costs this thread, never the bot's.
// Answers with plain data (an error's class does not cross threads).
import { articleFromHtml, decodePage, type PageArticle } from './page-extract.ts';
import { fetchPage, PageProblem, type AddressPolicy, type FetchLimits } from './page-fetch.ts';

export interface PageTask {
  address: string;
  limits: FetchLimits;
  policy: AddressPolicy;
  maxNesting?: number;
}

export type PageOutcome = { ok: true; page: PageArticle } | { ok: false; message: string; reason: string };

export default async function readPage(task: PageTask): Promise<PageOutcome> {
  try {
    const { url, contentType, bytes } = await fetchPage(task.address, task.limits, task.policy);
    return { ok: true, page: articleFromHtml(decodePage(bytes, contentType), url, task.maxNesting) };
  } catch (error) {
    if (error instanceof PageProblem) return { ok: false, message: error.message, reason: error.reason };
    return { ok: false, message: 'That page could not be read as a web page; it is not added.', reason: String(error) };
  }
}
