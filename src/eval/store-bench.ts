// Benchmark: npm run bench:store [-- --pg URL] [--sizes 10,100,1000]
// The two library stores side by side on real article texts (the eval datasets' contexts): adding, listing,
// fetching a text, looking a channel's binding up, saving and loading an article's vectors (384 dimensions ×
// 60 sentences and pairs), and loading every article's vectors as a process building its search would.
// PostgreSQL is the server in --pg or TEST_DATABASE_URL, in a schema of its own dropped afterwards.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, runProgram, UsageError } from '../cli/args.ts';
import { LibraryError } from '../library/library.ts';
import { openSqliteLibraryStore } from '../library/sqlite-store.ts';
import type { LibraryStore } from '../library/store.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { DatasetError, loadEasc } from './easc.ts';
import { percentile } from './metrics.ts';
import { readSquad } from './squad.ts';
import { dropSchemas } from './pg-schema.ts';
import { markdownTable } from './table.ts';

const DATASETS = ['xquad.ar.json', 'arcd-train.json', 'easc.dev.json'].map((name) => join(PROJECT_ROOT, '..', 'shared', 'eval', name));
const DIMENSIONS = 384;
const UNITS = 60;
const SAMPLES = 200;

/** Distinct article texts: every context, then pairs of consecutive contexts once those run out. */
function articleTexts(count: number): string[] {
  const contexts = DATASETS.filter((path) => existsSync(path)).flatMap((path) =>
    /easc/.test(path) ? loadEasc(path).map((t) => t.article) : readSquad(path).data.flatMap((a) => a.paragraphs.map((p) => p.context)),
  );
  if (contexts.length === 0) throw new DatasetError(`No dataset found at ${DATASETS.join(', ')}.`);
  return Array.from({ length: count }, (_, i) => {
    const first = contexts[i % contexts.length]!;
    return i < contexts.length ? first : `${first}\n${contexts[(i + 1 + Math.floor(i / contexts.length)) % contexts.length]}`;
  });
}

const ms = (started: number) => performance.now() - started;
const pct = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${percentile(values, 95).toFixed(2)}`;

async function timed(times: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run(i);
    out.push(ms(started));
  }
  return out;
}

/** The one server whose library is measured. */
const GUILD = '1';

/** One size on one store (closed afterwards): each measure's cell, in the order of MEASURES. */
async function measure(store: LibraryStore, texts: string[]): Promise<string[]> {
  const n = texts.length;
  const adds = await timed(n, (i) => store.add(GUILD, { text: texts[i]!, hash: createHash('sha256').update(texts[i]!).digest('hex'), title: `article ${i + 1}` }));
  const entries = await store.list(GUILD);
  if (entries.length !== n) throw new Error(`expected ${n} articles, listed ${entries.length}`);
  const lists = await timed(20, () => store.list(GUILD));
  const pick = (i: number) => entries[(i * 7919) % n]!; // spread over the library, the same on both stores
  const fetches = await timed(SAMPLES, (i) => store.text(GUILD, pick(i).id));
  for (const [i, entry] of entries.entries()) await store.bind({ guildId: GUILD, channelId: `c${i}` }, entry.id);
  const lookups = await timed(SAMPLES, (i) => store.binding({ guildId: GUILD, channelId: `c${(i * 7919) % n}` }));
  const key = (i: number) => ({ articleId: entries[i]!.id, articleHash: entries[i]!.hash, signal: 'neural' as const, embedderId: 'bench', units: UNITS });
  const vectors = { dimensions: DIMENSIONS, data: Float32Array.from({ length: DIMENSIONS * UNITS }, (_, j) => Math.sin(j)) };
  const saves = await timed(n, (i) => store.save(key(i), vectors));
  const loads = await timed(Math.min(n, SAMPLES), (i) => store.load(key((i * 7919) % n)));
  // every article's vectors, as one process building its in-memory search at start
  const started = performance.now();
  const all = await Promise.all(entries.map((_, i) => store.load(key(i))));
  const loadAll = ms(started);
  if (all.some((v) => v?.data.length !== DIMENSIONS * UNITS)) throw new Error('a vector set came back wrong');
  const megabytes = all.reduce((sum, v) => sum + v!.data.byteLength, 0) / 1e6;
  await store.close();
  return [
    `${adds.reduce((a, b) => a + b, 0).toFixed(0)} ms (${pct(adds)})`,
    pct(lists),
    pct(fetches),
    pct(lookups),
    pct(saves),
    pct(loads),
    `${loadAll.toFixed(0)} ms, ${megabytes.toFixed(1)} MB`,
  ];
}

const MEASURES = [
  "add every article: total (each: p50 / p95 ms)",
  'list, ms p50 / p95',
  'text fetch, ms p50 / p95',
  'binding lookup, ms p50 / p95',
  `vector save (${DIMENSIONS}×${UNITS} float32), ms p50 / p95`,
  'vector load, ms p50 / p95',
  "load every article's vectors: time, memory held",
];

async function main(): Promise<number> {
  const { values } = parseCommandLine({ options: { pg: { type: 'string' }, sizes: { type: 'string', default: '10,100,1000' } } });
  const sizes = values.sizes.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--sizes takes whole numbers, e.g. 10,100,1000');
  const url = values.pg ?? process.env.TEST_DATABASE_URL?.trim();
  const texts = articleTexts(Math.max(...sizes));
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  const schema = `store_bench_${process.pid}`;
  try {
    for (const n of sizes) {
      const sqlite = await measure(openSqliteLibraryStore(join(dir, `library-${n}.sqlite`)), texts.slice(0, n));
      let postgres = MEASURES.map(() => 'not configured');
      if (url) {
        const { openPostgresLibraryStore } = await import('../library/pg-store.ts');
        postgres = await measure(await openPostgresLibraryStore(url, { schema: `${schema}_${n}` }), texts.slice(0, n));
      }
      process.stdout.write(`\n${n} articles\n\n${markdownTable(['', 'SQLite', 'PostgreSQL'], MEASURES.map((m, i) => [m, sqlite[i]!, postgres[i]!]))}\n`);
    }
    if (!url) process.stdout.write('\nPostgreSQL: not configured (--pg URL or TEST_DATABASE_URL; scripts/postgres.sh start runs one)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (url) await dropSchemas(url, sizes.map((n) => `${schema}_${n}`));
  }
  return 0;
}

await runProgram(main, [DatasetError, LibraryError]);
