// npm run bench:pages [-- --depths 250,500,1000]: reading a web page on the bot's main thread (as before)
// against reading it in the page worker (as now), for an ordinary news page and for pages of nested divs
// around the same article: how long the reading takes, and how long the main thread's event loop was
// held up meanwhile (perf_hooks' event-loop delay: the longest and the 99th percentile). With the
// worker, the nesting limit is lifted for the timing rows; the last row per page is the worker with its
// limits, as the bot runs it. Worker times include starting a worker (idle ones end after a second).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { markdownTable } from '../src/eval/table.ts';
import { articleFromUrl, stopPageWorkers } from '../src/library/from-url.ts';
import { articleFromHtml, MAX_NESTING } from '../src/library/page-extract.ts';

const { values } = parseArgs({ options: { depths: { type: 'string', default: '250,500,1000' } } });
const depths = values.depths.split(',').map(Number);

const PARAGRAPH = 'أعلنت وزارة الزراعة يوم الأحد أن إنتاج القمح ارتفع بنسبة كبيرة هذا الموسم بعد أمطار غزيرة في معظم المناطق الزراعية.';
const article = `<article><h1>ارتفاع إنتاج القمح</h1>${Array.from({ length: 8 }, () => `<p>${PARAGRAPH}</p>`).join('')}</article>`;
const page = (depth: number) => `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر</title></head><body>${'<div>'.repeat(depth)}${article}${'</div>'.repeat(depth)}</body></html>`;

const web = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number((request.url ?? '/0').slice(1))));
});
await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;

/** Runs work while watching the main thread's event loop; the outcome, the time and the delays. */
async function watched(work: () => Promise<string> | string): Promise<string[]> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // let the monitor's timer start before the work can hold the loop
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await work();
  } catch (error) {
    outcome = `refused: ${(error as Error).message.slice(0, 48)}…`;
  }
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  return [outcome, ms.toFixed(0), (delay.max / 1e6).toFixed(0), (delay.percentile(99) / 1e6).toFixed(0)];
}

const rows: string[][] = [];
for (const depth of [0, ...depths]) {
  const label = depth === 0 ? 'news page' : `${depth} nested divs`;
  const html = page(depth);
  const read = (text: string) => `read (${text.split('\n').length - 1} lines)`;
  rows.push([label, 'main thread (before, baseline)', ...(await watched(() => read(articleFromHtml(html, base, Infinity).text)))]);
  rows.push([label, 'worker, no nesting limit', ...(await watched(async () => read((await articleFromUrl(`${base}/${depth}`, { allowAddresses: ['127.0.0.1'], maxNesting: 1e9, deadlineMs: 600_000 })).text)))]);
  rows.push([label, `worker, as the bot runs it (${MAX_NESTING} levels, 20 s)`, ...(await watched(async () => read((await articleFromUrl(`${base}/${depth}`, { allowAddresses: ['127.0.0.1'] })).text)))]);
}
await stopPageWorkers();
web.close();

console.log(`# bench:pages (${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, Node ${process.version}; a shared machine: times are noisy)\n`);
console.log(markdownTable(['page', 'read on', 'outcome', 'ms', 'main loop delay max ms', 'p99 ms'], rows));
