// Adding an article from a web page. The page is fetched and read off the main thread, by page-worker.ts
// in a pool of worker threads (piscina) with a memory limit each and one deadline covering the fetch and
// the reading: a page that is huge, nested without end or slow to parse ends that worker, never the bot,
// whose questions keep being answered meanwhile. Only public addresses are fetched (page-fetch.ts).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { MAX_ARTICLE_BYTES } from '../text/article.ts';
import { LibraryError } from './library.ts';
import type { PageArticle } from './page-extract.ts';
import type { AddressPolicy, FetchLimits } from './page-fetch.ts';
import type { PageOutcome, PageTask } from './page-worker.ts';

export type { PageArticle } from './page-extract.ts';
export { MAX_PAGE_BYTES } from './page-fetch.ts';

export interface PageOptions extends AddressPolicy, FetchLimits {
  /** For fetching and reading together, waiting for a free worker included. */
  deadlineMs?: number;
  maxNesting?: number;
}

/** A page that cannot be added: `message` is for the person, `reason` (what really happened) for the log. */
export class PageError extends LibraryError {
  override name = 'PageError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

const DEADLINE_MS = 20_000;
/** Each worker's heap: a page of MAX_PAGE_BYTES is read within it, and a larger need ends the worker, not the bot. */
const WORKER_HEAP_MB = 384;
/** Pages waiting for a worker beyond this are refused at once rather than queued for long. */
const MAX_QUEUED = 8;

let pool: Piscina<PageTask, PageOutcome> | undefined;

/** The worker pool, started on the first page; idle workers end, so a command line exits when done. */
function pagePool(): Piscina<PageTask, PageOutcome> {
  if (!pool) {
    // From the sources (tsx, vitest) the worker is TypeScript too and loads tsx first; compiled, it is JavaScript.
    const fromSource = import.meta.url.endsWith('.ts');
    const tsx = fromSource ? pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href : undefined;
    pool = new Piscina<PageTask, PageOutcome>({
      filename: new URL(`./page-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
      ...(tsx ? { execArgv: ['--import', tsx] } : {}),
      minThreads: 0,
      maxThreads: 2,
      idleTimeout: 1_000,
      maxQueue: MAX_QUEUED,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
  }
  return pool;
}

/** The article on a web page, or a PageError saying (to a person) why it cannot be added. */
export async function articleFromUrl(address: string, options: PageOptions = {}): Promise<PageArticle> {
  const { deadlineMs = DEADLINE_MS, maxNesting, allowPrivate, allowAddresses, ...limits } = options;
  const task: PageTask = {
    address,
    limits,
    policy: { ...(allowPrivate ? { allowPrivate } : {}), ...(allowAddresses ? { allowAddresses: [...allowAddresses] } : {}) },
    ...(maxNesting ? { maxNesting } : {}),
  };
  let outcome: PageOutcome;
  try {
    outcome = await pagePool().run(task, { signal: AbortSignal.timeout(deadlineMs) });
  } catch (error) {
    throw new PageError(poolProblem(error, deadlineMs), String(error));
  }
  if (!outcome.ok) throw new PageError(outcome.message, outcome.reason);
  return outcome.page;
}

function poolProblem(error: unknown, deadlineMs: number): string {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'AbortError' || name === 'TimeoutError') return `That page took more than ${Math.round(deadlineMs / 1000)} s to fetch and read; it is not added.`;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'That page needs more memory to read than a page may have; it is not added.';
  if (/queue is at limit/i.test(message ?? '')) return 'Too many pages are being read right now; please try again in a minute.';
  return 'That page could not be read as a web page; it is not added.';
}

/** Ends the page workers at once (a command line that is done; idle ones also end by themselves). */
export async function stopPageWorkers(): Promise<void> {
  const running = pool;
  pool = undefined;
  await running?.destroy();
}

/**
 * An uploaded file's bytes: a Discord attachment, at the address Discord gave (not one a person typed),
 * within a time and a size limit.
 */
export async function fetchUpload(address: string, limits: FetchLimits = {}): Promise<Uint8Array> {
  const maxBytes = limits.maxBytes ?? MAX_ARTICLE_BYTES;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(limits.timeoutMs ?? 10_000) });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) break;
      chunks.push(chunk);
    }
  } catch {
    throw new LibraryError('That file could not be downloaded from Discord; please try again.');
  }
  if (size > maxBytes) throw new LibraryError(`That file is over ${maxBytes.toLocaleString('en')} bytes; it is not added.`);
  return Buffer.concat(chunks);
}
