// Web pages only from the public internet: a news page is served on loopback (127.0.0.1, 127.0.0.2 and
// ::1), and every spelling of a loopback, unspecified or mapped address, and a name resolving to one, is
// refused with the one message every failed fetch gets, as is a redirect from an allowed server to
// loopback. Each is fetched when private addresses are allowed (LIBRARY_ALLOW_PRIVATE_URLS=1), so the
// refusal is the address check's, not a server that is not there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFromUrl, PageError } from '../src/library/from-url.ts';
import { UNREACHABLE } from '../src/library/page-fetch.ts';

const NEWS = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر داخلي</title></head><body><article>
<h1>خبر داخلي</h1>
<p>هذه الصفحة على شبكة داخلية لا يجوز للبوت أن يصل إليها مهما كانت طريقة كتابة العنوان في الرابط المرسل.</p>
<p>ولو وصل إليها لعرض محتواها على من أرسل الرابط، فتصبح أداة لقراءة الخدمات الداخلية ومسح منافذها.</p>
</article></body></html>`;

const servers: Server[] = [];
let port = 0;
let redirectTo = '';

/** The same page on one loopback address, on the shared port. */
async function serve(host: string): Promise<void> {
  const server = createServer((request, response) => {
    if (request.url === '/to-loopback') return void response.writeHead(302, { location: redirectTo }).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  port = (server.address() as AddressInfo).port;
  servers.push(server);
}

beforeAll(async () => {
  await serve('127.0.0.1');
  await serve('127.0.0.2');
  await serve('::1');
  redirectTo = `http://127.0.0.2:${port}/news`;
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const SPELLINGS = [
  '127.0.0.1',
  'localhost',
  '127.1',
  '2130706433',
  '0x7f000001',
  '017700000001',
  '0177.0.0.1',
  '127.0.0.2',
  '127\u30020\u30020\u30021', // ideographic full stops
  '127\uFF0E0\uFF0E0\uFF0E1', // fullwidth full stops
  '0.0.0.0',
  '0',
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[::]',
];

const outcome = (address: string, options: Parameters<typeof articleFromUrl>[1] = {}) =>
  articleFromUrl(address, options).then(
    (page) => `fetched: ${page.title}`,
    (error: Error) => error.message,
  );

describe('web pages from private addresses', () => {
  it('refuses every spelling of a loopback, unspecified or mapped address, and a name for one, all with one message', async () => {
    const refused = await Promise.all(SPELLINGS.map((host) => outcome(`http://${host}:${port}/news`)));
    expect(Object.fromEntries(SPELLINGS.map((host, i) => [host, refused[i]]))).toEqual(Object.fromEntries(SPELLINGS.map((host) => [host, UNREACHABLE])));
  });

  it('fetches each of them when private addresses are allowed, so the refusal is the check', async () => {
    // the unspecified addresses stay refused even then: no one's own network is at 0.0.0.0, so they are allowed by name here
    const allowed = await Promise.all(
      SPELLINGS.map((host) => outcome(`http://${host}:${port}/news`, { allowPrivate: true, allowAddresses: ['0.0.0.0', '::'] })),
    );
    expect(allowed).toEqual(SPELLINGS.map(() => 'fetched: خبر داخلي'));
  });

  it('refuses private, link-local, CGNAT, multicast, reserved, broadcast and translated ranges without connecting', async () => {
    const ranges = ['10.0.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '240.0.0.1', '255.255.255.255',
      '[fe80::1]', '[fc00::1]', '[ff02::1]', '[64:ff9b::7f00:1]', '[::ffff:a9fe:a9fe]', '[2002:7f00:1::]'];
    for (const host of ranges) {
      const error = await articleFromUrl(`http://${host}/latest`, { timeoutMs: 5_000 }).catch((e: unknown) => e);
      expect(error, host).toBeInstanceOf(PageError);
      expect((error as PageError).message, host).toBe(UNREACHABLE);
      // refused by the address check (its own words, for the log), not by a network that is not there
      expect((error as PageError).reason, host).toMatch(/is not allowed/);
    }
  });

  it('refuses a redirect from an allowed server to a loopback address, with the same message', async () => {
    expect(await outcome(`http://127.0.0.1:${port}/to-loopback`, { allowAddresses: ['127.0.0.1'] })).toBe(UNREACHABLE);
    expect(await outcome(`http://127.0.0.1:${port}/to-loopback`, { allowAddresses: ['127.0.0.1', '127.0.0.2'] })).toBe('fetched: خبر داخلي');
  });

  // 2130706434 and 0x7f000002 are 127.0.0.2
  it('refuses a redirect to a private address in another spelling, and one to a file', async () => {
    for (const target of [`http://2130706434:${port}/news`, `http://0x7f000002:${port}/news`, `http://[::1]:${port}/news`, 'file:///etc/passwd']) {
      redirectTo = target;
      const said = await outcome(`http://127.0.0.1:${port}/to-loopback`, { allowAddresses: ['127.0.0.1'] });
      expect(said, target).toMatch(target.startsWith('file') ? /Only http and https/ : new RegExp(`^${UNREACHABLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
    redirectTo = `http://127.0.0.2:${port}/news`;
  });
});
