// Fetching a web page from an address a person typed, without reaching what is not on the public
// internet: every hop's host is resolved and its address checked by request-filtering-agent (loopback,
// private, link-local, CGNAT, multicast, reserved and unspecified refused, in whatever spelling the URL
// parser turned into that address), and the connection goes to the address that was checked, with no
// second lookup. Within one time limit, a bounded number of redirects and a size limit. Every fetch that
// fails or is refused ends in the same message, so the bot cannot be used to map a network.
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** What a page can fail with that a person can act on; `reason` is for the log only, never shown. */
export class PageProblem extends Error {
  override name = 'PageProblem';
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
  }
}

/** One message for every refused or failed fetch: which of them it was is not said (see `reason`). */
export const UNREACHABLE =
  'I could not get a web page from that address: it is not on the public internet, it did not answer in time, or it answered with an error.';

export interface AddressPolicy {
  /** Private, loopback and other non-public addresses too (LIBRARY_ALLOW_PRIVATE_URLS=1, a self-hoster's own network). */
  allowPrivate?: boolean;
  /** These exact addresses although not public (a test's own server), and no others. */
  allowAddresses?: readonly string[];
}

export interface FetchLimits {
  timeoutMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
}

export interface FetchedPage {
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

/** HTML beyond this is refused: news pages are smaller, and reading this much takes the page worker seconds. */
export const MAX_PAGE_BYTES = 2_000_000;

/** GETs an address, following at most maxRedirects redirects, every hop checked, all within one time limit. */
export async function fetchPage(address: string, limits: FetchLimits = {}, policy: AddressPolicy = {}): Promise<FetchedPage> {
  let url = parseUrl(address);
  const maxRedirects = limits.maxRedirects ?? 5;
  const maxBytes = limits.maxBytes ?? MAX_PAGE_BYTES;
  const signal = AbortSignal.timeout(limits.timeoutMs ?? 10_000);
  const agentOptions = { allowPrivateIPAddress: policy.allowPrivate ?? false, allowIPAddressList: [...(policy.allowAddresses ?? [])] };
  const agents = { http: new RequestFilteringHttpAgent(agentOptions), https: new RequestFilteringHttpsAgent(agentOptions) };
  try {
    for (let hop = 0; ; hop++) {
      const response = await request(url, url.protocol === 'https:' ? agents.https : agents.http, signal);
      const location = response.headers.location;
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (hop >= maxRedirects) throw new PageProblem(UNREACHABLE, `more than ${maxRedirects} redirects`);
        url = parseUrl(new URL(location, url).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new PageProblem(UNREACHABLE, `answered ${status}`);
      }
      const contentType = response.headers['content-type'] ?? '';
      return { url: url.href, contentType, bytes: await readLimited(response, maxBytes) };
    }
  } catch (error) {
    if (error instanceof PageProblem) throw error;
    throw new PageProblem(UNREACHABLE, signal.aborted ? 'did not answer in time' : (error as Error).message);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}

function request(url: URL, agent: RequestFilteringHttpAgent | RequestFilteringHttpsAgent, signal: AbortSignal): Promise<IncomingMessage> {
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  const headers = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Sanad (article library)' };
  return new Promise((resolve, reject) => {
    // A URL object: node strips the brackets of an IPv6 host, so the agent checks the bare address.
    get(url, { agent, signal, headers }, resolve).on('error', reject);
  });
}

/** An http(s) address, or a message saying why not. */
export function parseUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new PageProblem(`"${address.slice(0, 80)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PageProblem('Only http and https pages can be added.');
  return url;
}

/** The body, decompressed, refused as soon as it passes maxBytes (counted after decompression). */
async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new PageProblem(`That page is over ${maxBytes.toLocaleString('en')} bytes; it is not added.`);
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const body =
    encoding === 'gzip' ? response.pipe(createGunzip()) : encoding === 'deflate' ? response.pipe(createInflate()) : encoding === 'br' ? response.pipe(createBrotliDecompress()) : response;
  // an error of the raw response (an abort) must end the loop below, not wait on the decoder
  if (body !== response) response.on('error', (error) => body.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks);
}
