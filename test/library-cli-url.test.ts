// `npm run library -- add-url`, as a process: a page whose title holds terminal escapes prints none of
// them, and a page that is binary, trickles, is on a private address or nests without end ends with one
// `error:` line and exit status 1, never a stack.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREACHABLE } from '../src/library/page-fetch.ts';

// OSC (retitles the window, ends in BEL), clear-screen and colour sequences, a C1 CSI and a bidi override
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u001b[31m\u009b1m\u202e';
const PARAGRAPHS = [
  'ارتفعت أسعار الذهب في الأسواق المحلية خلال الأسبوع الماضي بنسبة ثلاثة في المئة بسبب تراجع العملة.',
  'وقال تجار إن الإقبال على الشراء تراجع بشكل واضح مع اقتراب موسم الأعراس في معظم المدن الكبرى.',
  'ويتوقع محللون أن تستقر الأسعار في الشهر المقبل إذا حافظت العملة على مستواها الحالي أمام الدولار.',
];
const NEWS = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أسعار الذهب${ESCAPES}</title></head><body><article>
<h1>أسعار الذهب${ESCAPES}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

let web: Server;
let base = '';
const dir = mkdtempSync(join(tmpdir(), 'library-cli-url-'));

beforeAll(async () => {
  web = createServer((request, response) => {
    if (request.url === '/news') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS);
    if (request.url === '/binary') return void response.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe]));
    if (request.url === '/nested') return void response.writeHead(200, { 'content-type': 'text/html' }).end(NEWS.replace('<article>', '<div>'.repeat(5_000)));
    response.writeHead(200, { 'content-type': 'text/html' });
    const drip = setInterval(() => response.write(' '), 100);
    response.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((done) => web.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});

afterAll(async () => {
  web.closeAllConnections();
  await new Promise((done) => web.close(done));
  rmSync(dir, { recursive: true, force: true });
});

function addUrl(url: string, env: Record<string, string> = { LIBRARY_ALLOW_PRIVATE_URLS: '1' }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('scripts/run.mjs'), 'src/cli/library.ts', 'add-url', url],
      { env: { ...process.env, DATA_DIR: join(dir, 'data'), EMBEDDINGS: 'lexical', LIBRARY_ALLOW_PRIVATE_URLS: '0', ...env }, timeout: 110_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u;

describe('npm run library -- add-url', () => {
  it('shows what the page holds without its terminal escapes', async () => {
    const shown = await addUrl(`${base}/news`);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Found: أسعار الذهب/);
    expect(shown.stdout).toContain(PARAGRAPHS[0]);
    expect(shown.stdout).not.toMatch(CONTROLS);
    expect(shown.stdout).toContain('owned'); // the text stays, only the controls go
  }, 120_000);

  it('ends a binary, trickling, nested or private page with one error line and status 1, no stack', async () => {
    const [binary, trickle, nested, refused] = await Promise.all([
      addUrl(`${base}/binary`),
      addUrl(`${base}/trickle`),
      addUrl(`${base}/nested`),
      addUrl(`${base}/news`, {}),
    ]);
    for (const [run, message] of [
      [binary, 'not text: it holds binary data'],
      [trickle, UNREACHABLE],
      [nested, 'nests its elements more than'],
      [refused, UNREACHABLE],
    ] as const) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at |unexpected error/);
    }
    // four programs at once, one waiting out the fetch's 10 s: room for a busy machine
  }, 120_000);
});
