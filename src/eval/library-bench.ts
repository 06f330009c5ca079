// npm run bench:library [-- --sizes 10,100,1000] [--singles 200,2000,20000] [--per-article 5] [--questions 300]
//                          [--open 64] [--lexical] [--singles-neural] [--before REV | --no-before] [--crossover]
//                          [--vector-cache DIR]
// How the article index scales: libraries of 10 / 100 / 1,000 articles made from the eval texts (see
// library-corpus.ts), and single articles of 200 / 2,000 / 20,000 sentences. For each: indexing, loading a saved
// index, questions (p50/p95, the query's embedding included) and peak memory, each measured in its own process.
// Baselines in the same run: the code of commit REV (before flat stores, indexed repeats and saved repeats), run
// from a copy of that commit's src/, and a plain BM25 over raw tokens.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { pino } from 'pino';
import { startEmbedder } from '../embedder/start.ts';
import { openArticleIndex } from '../index/article-index.ts';
import { chunkSentences } from '../index/chunks.ts';
import { OpenIndexes } from '../index/open-indexes.ts';
import { vectorsFromMatrix } from '../index/vector-store.ts';
import { openLibrary } from '../library/library.ts';
import { openLibraryStore } from '../library/open-store.ts';
import { createShelf } from '../library/shelf.ts';
import { DEFAULT_ARTICLE_PATH, PROJECT_ROOT } from '../paths.ts';
import { readSettings } from '../settings.ts';
import type { Article } from '../text/article.ts';
import { RawBm25Baseline } from './baseline.ts';
import { evalTexts, libraryArticles, longArticle, type LibraryArticle } from './library-corpus.ts';
import { percentile } from './metrics.ts';
import { dropSchemas, urlWithSchema } from './pg-schema.ts';
import { PassageCache } from './passage-cache.ts';
import { markdownTable } from './table.ts';

const EVAL_DIR = join(PROJECT_ROOT, '..', 'shared', 'eval');
/** The last commit before flat vector stores (index format 3): the "before" code path. */
const BEFORE_REV = 'ca63b14';
const silent = pino({ level: 'silent' });

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    singles: { type: 'string', default: '200,2000,20000' },
    'per-article': { type: 'string', default: '5' },
    questions: { type: 'string', default: '300' },
    open: { type: 'string', default: '64' },
    lexical: { type: 'boolean', default: false },
    'singles-neural': { type: 'boolean', default: false },
    before: { type: 'string', default: BEFORE_REV },
    'no-before': { type: 'boolean', default: false },
    crossover: { type: 'boolean', default: false },
    'vector-cache': { type: 'string', default: join(tmpdir(), 'sanad-bench-passages') },
    // set by the parent for its child processes
    child: { type: 'string' },
    size: { type: 'string' },
    code: { type: 'string' },
    'embedder-id': { type: 'string' },
    'all-open': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    pg: { type: 'string' },
    dir: { type: 'string' },
  },
  strict: true,
});

const numbers = (list: string) => list.split(',').filter(Boolean).map(Number);
const perArticle = Number(values['per-article']);
const seeded = (seed: number) => () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);

interface Code {
  openArticleIndex: (article: Article, options: Record<string, unknown>) => Promise<{ origin: string; sentenceStems: string[][] }>;
  answerWithDetails: (index: never, question: string) => Promise<unknown>;
}

/** The index and answer code of this tree, or of the copy of another commit's src/. */
async function loadCode(root: string): Promise<Code> {
  const [{ openArticleIndex }, { answerWithDetails }] = await Promise.all([
    import(join(root, 'src', 'index', 'article-index.ts')),
    import(join(root, 'src', 'qa', 'answer.ts')),
  ]);
  return { openArticleIndex, answerWithDetails };
}

/** In a child: the neural embedder the parent started, through the passage cache; or none. */
async function childEmbedder(): Promise<{ embeddings?: PassageCache; embedderId?: string; cache?: PassageCache; model?: EmbeddingsInterface }> {
  if (!values['embedder-id'] || !process.env.EMBEDDINGS_URL) return {};
  const embedder = await startEmbedder(readSettings().embeddings, silent);
  if (!embedder.embeddings) throw new Error('The embedding server the benchmark started does not answer.');
  const cache = new PassageCache(embedder.embeddings, values['vector-cache']!, values['embedder-id']);
  return { embeddings: cache, embedderId: values['embedder-id'], cache, model: embedder.embeddings };
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/**
 * One measurement in this process: `library` indexes and then loads every article of a library; `serve` asks
 * questions of a library saved by `library` (a fresh process, as a bot that opens articles on demand);
 * `single` does both for one long article.
 */
async function runChild(): Promise<Record<string, unknown>> {
  if (values.child === 'crossover') return await crossover();
  const code = await loadCode(values.code ?? PROJECT_ROOT);
  const texts = evalTexts(EVAL_DIR);
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'sanad-library-'));
  try {
    const neural = values.child !== 'single' || values['singles-neural'] ? await childEmbedder() : {};
    const options = { dir, log: silent, ...(neural.embeddings ? { embeddings: neural.embeddings, embedderId: neural.embedderId } : {}) };
    const size = Number(values.size);
    let articles: LibraryArticle[];
    let synthetic = 0;
    if (values.child !== 'single') articles = libraryArticles(texts, size, perArticle);
    else {
      const long = longArticle(texts, size, `S${size}`);
      articles = [{ article: long.article, questions: long.questions }];
      synthetic = long.synthetic;
    }
    if (values.child === 'add') return await addArticles(code, articles, dir, neural.model);
    const built = values.child === 'serve' ? {} : await buildAndLoad(code, articles, options);
    const served = values.child === 'library' ? {} : await serve(code, articles, options, neural.cache);
    neural.cache?.save();
    return {
      articles: articles.length,
      sentences: articles.reduce((sum, a) => sum + a.article.sentences.length, 0),
      synthetic,
      embeddedLive: neural.cache?.embedded ?? 0,
      ...built,
      ...served,
      diskMb: directorySize(dir) / 2 ** 20,
    };
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function buildAndLoad(code: Code, articles: LibraryArticle[], options: Record<string, unknown>) {
  const buildMs: number[] = [];
  for (const { article } of articles) {
    const started = performance.now();
    const index = await code.openArticleIndex(article, options);
    buildMs.push(performance.now() - started);
    if (index.origin !== 'built') throw new Error(`${article.id} was not built`);
  }
  const loadMs: number[] = [];
  for (const { article } of articles) {
    const started = performance.now();
    const index = await code.openArticleIndex(article, options);
    loadMs.push(performance.now() - started);
    if (index.origin !== 'loaded') throw new Error(`${article.id} was not loaded`);
  }
  const baselineBuildMs = articles.map(({ article }) => {
    const started = performance.now();
    new RawBm25Baseline(article.sentences);
    return performance.now() - started;
  });
  return { buildMs, loadMs, baselineBuildMs, peakBuildMb: peakMb() };
}

/** A seeded sample of (article, eval question) without repeats, asked with at most --open indexes open. */
async function serve(code: Code, articles: LibraryArticle[], options: Record<string, unknown>, cache?: PassageCache) {
  const asked = articles.flatMap((a, i) => a.questions.map((q) => ({ i, q })));
  const random = seeded(7);
  for (let k = asked.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [asked[k], asked[j]] = [asked[j]!, asked[k]!];
  }
  // articles overlap (they share eval texts): each question text once, so none is answered from the query cache
  const seen = new Set<string>();
  const sample = asked.filter(({ q }) => !seen.has(q) && seen.add(q)).slice(0, Number(values.questions));
  const lru = new OpenIndexes(Number(values.open), (article) => code.openArticleIndex(article, options) as never);
  const baselines = new Map<number, RawBm25Baseline>();
  const questionMs: number[] = [];
  const ownMs: number[] = [];
  const openMs: number[] = [];
  const baselineMs: number[] = [];
  for (const { i, q } of sample) {
    const started = performance.now();
    const index = await lru.get(articles[i]!.article);
    const opened = performance.now();
    const embedding = cache?.queryMs ?? 0;
    await code.answerWithDetails(index as never, q);
    questionMs.push(performance.now() - opened);
    ownMs.push(performance.now() - opened - ((cache?.queryMs ?? 0) - embedding));
    openMs.push(opened - started);
    let baseline = baselines.get(i);
    if (!baseline) baselines.set(i, (baseline = new RawBm25Baseline(articles[i]!.article.sentences)));
    const baselineStarted = performance.now();
    baseline.rank(q);
    baselineMs.push(performance.now() - baselineStarted);
  }
  const peakServeMb = peakMb();
  let allOpenMb: number | undefined;
  if (values['all-open']) {
    const held: unknown[] = [];
    for (const { article } of articles) held.push(await code.openArticleIndex(article, options));
    (globalThis as { gc?: () => void }).gc?.();
    allOpenMb = process.memoryUsage().rss / 2 ** 20;
    if (held.length !== articles.length) throw new Error('not all indexes opened');
  }
  return { questionMs, ownMs, openMs, baselineMs, questions: sample.length, peakServeMb, allOpenMb };
}

/**
 * Adding articles one at a time as the bot does, with the real embedder (no cached passage), to a library in
 * SQLite or (--database-url) PostgreSQL: answerable from the quick index, then embedded in full (the next
 * article is added after that). Then, as another bot process would, each is opened with no index files
 * (its vectors from the store) and asked its questions.
 */
async function addArticles(code: Code, articles: LibraryArticle[], dir: string, model?: EmbeddingsInterface) {
  if (!model) return { skipped: 'no neural embedder' };
  const picked = articles.filter((_, i) => i % Math.max(1, Math.floor(articles.length / 20)) === 0).slice(0, 20);
  const store = await openLibraryStore({ DATA_DIR: dir, DATABASE_URL: values['database-url'] });
  const library = await openLibrary({ dataDir: dir, seedArticlePath: DEFAULT_ARTICLE_PATH, store });
  const full = (article: Article) => openArticleIndex(article, { dir, log: silent, embeddings: model, stash: store });
  const shelf = createShelf(library, full, (article) => openArticleIndex(article, { persist: false, log: silent }));
  const answerableMs: number[] = [];
  const embeddedMs: number[] = [];
  const sentences: number[] = [];
  const ids: string[] = [];
  for (const { article } of picked) {
    const started = performance.now();
    const { entry } = await (await library.guild('')).addText(article.text);
    const added = await shelf.openNew('', entry.id);
    answerableMs.push(performance.now() - started);
    await added.full;
    embeddedMs.push(performance.now() - started);
    sentences.push(article.sentences.length);
    ids.push(entry.id);
  }
  const elsewhere = createShelf(library, (article) => openArticleIndex(article, { persist: false, log: silent, embeddings: model, stash: store }));
  const openMs: number[] = [];
  const questionMs: number[] = [];
  for (const [k, id] of ids.entries()) {
    const started = performance.now();
    const { index } = await elsewhere.open('', id);
    openMs.push(performance.now() - started);
    for (const question of picked[k]!.questions.slice(0, 5)) {
      const asked = performance.now();
      await code.answerWithDetails(index as never, question);
      questionMs.push(performance.now() - asked);
    }
  }
  await library.close();
  return { answerableMs, embeddedMs, sentences, openMs, questionMs };
}

/** Flat scan against HNSW per search and per build, on seeded random rows (where HNSW_MIN_VECTORS comes from). */
async function crossover() {
  const rows: string[][] = [];
  for (const [dimensions, k] of [
    [384, 256],
    [512, 64],
  ] as const) {
    for (const count of [1_000, 5_000, 10_000, 20_000]) {
      const random = seeded(count + dimensions);
      const data = Float32Array.from({ length: count * dimensions }, () => random() - 0.5);
      const queries = Array.from({ length: 50 }, () => Array.from({ length: dimensions }, () => random() - 0.5));
      const timed = async (hnswFrom: number) => {
        const started = performance.now();
        const store = await vectorsFromMatrix({ dimensions, data }, hnswFrom);
        const buildMs = performance.now() - started;
        for (const q of queries.slice(0, 5)) store.search(q, k);
        const searchStarted = performance.now();
        for (const q of queries) store.search(q, k);
        return { buildMs, searchMs: (performance.now() - searchStarted) / queries.length };
      };
      const flat = await timed(Infinity);
      const hnsw = await timed(0);
      rows.push([`${count}`, `${dimensions}`, `${k}`, ms(flat.buildMs), ms(flat.searchMs), ms(hnsw.buildMs), ms(hnsw.searchMs)]);
    }
  }
  return { rows };
}

/** Runs one measurement in a fresh process (its peak memory is its own) and returns what it printed last. */
function child(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', join(PROJECT_ROOT, 'scripts', 'run.mjs'), 'src/eval/library-bench.ts', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('close', (status) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (status !== 0) reject(new Error(`${args.join(' ')} exited with ${status}`));
      else resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

/** A copy of another commit's src/ (git archive), with this project's node_modules, for the "before" rows. */
function checkoutBefore(rev: string): string | undefined {
  try {
    const root = mkdtempSync(join(tmpdir(), 'sanad-before-'));
    const tar = execFileSync('git', ['-C', PROJECT_ROOT, 'archive', rev, 'src', 'package.json', 'tsconfig.json'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', root], { input: tar });
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
    return root;
  } catch (error) {
    console.error(`no "before" rows: cannot check out ${rev} (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

type Result = Record<string, unknown> & { buildMs: number[]; loadMs: number[]; questionMs: number[]; ownMs: number[]; baselineBuildMs: number[]; baselineMs: number[] };
const p = (values: number[], q: number) => ms(percentile(values, q));
const spread = (values: number[]) => `${p(values, 50)} / ${p(values, 95)} / ${ms(Math.max(...values))}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mb = (x: unknown) => (typeof x === 'number' ? x.toFixed(x < 10 ? 1 : 0) : 'n/a');

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`# bench:library (${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, Node ${process.version})\n`);
  const settings = readSettings().embeddings;
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  const embedder = values.lexical ? undefined : await startEmbedder(settings, silent);
  const shared: string[] = [];
  const neural = embedder?.embeddings;
  const url = embedder?.server?.baseUrl ?? settings.url;
  const embedderId = embedder?.embedderId;
  if (neural && url && embedderId) {
    env.EMBEDDINGS_URL = url;
    shared.push('--embedder-id', embedderId, '--vector-cache', values['vector-cache']!);
    console.log(`Neural embedder: ${embedderId}.`);
  } else {
    console.log(values.lexical ? 'Lexical signals only (--lexical).' : 'The neural embedder is not installed or did not start: FELL BACK TO THE LEXICAL SIGNALS ALONE.');
  }
  const sizes = numbers(values.sizes!);
  const singles = numbers(values.singles!);
  const common = [...shared, '--per-article', values['per-article']!, '--questions', values.questions!, '--open', values.open!];
  const before = values['no-before'] ? undefined : checkoutBefore(values.before!);

  try {
    if (neural && embedderId && env.EMBEDDINGS_URL) await prefetch(neural, embedderId, sizes, singles);

    if (values.crossover) {
      const { rows } = (await child(['--child', 'crossover'], env)) as { rows: string[][] };
      console.log('\n## Flat scan against HNSW (seeded random rows, 50 searches)\n');
      console.log(markdownTable(['vectors', 'dimensions', 'k', 'flat build ms', 'flat search ms', 'HNSW build ms', 'HNSW search ms'], rows));
    }

    const libraryRows: string[][] = [];
    for (const size of sizes) {
      let baseline: string[] = [];
      for (const [label, root] of [['now', PROJECT_ROOT], ...(before ? [[`before (${values.before})`, before]] : [])] as const) {
        console.error(`library of ${size}, ${label}…`);
        const dir = mkdtempSync(join(tmpdir(), 'sanad-library-'));
        const args = ['--size', `${size}`, '--code', root, '--dir', dir, ...common];
        const r = { ...(await child(['--child', 'library', ...args], env)), ...(await child(['--child', 'serve', '--all-open', ...args], env)) } as Result;
        rmSync(dir, { recursive: true, force: true });
        libraryRows.push(libraryRow(size, label, r));
        if (label === 'now') baseline = [`${size}`, 'BM25 raw tokens (baseline)', `${r.sentences}`, `${p(r.baselineBuildMs, 50)} / ${p(r.baselineBuildMs, 95)}`, ms(sum(r.baselineBuildMs) / 1000), 'n/a', 'n/a', `${p(r.baselineMs, 50)} / ${p(r.baselineMs, 95)}`, 'n/a', 'n/a', 'n/a', 'n/a'];
      }
      libraryRows.push(baseline);
    }
    if (libraryRows.length > 0) {
      console.log(`\n## Libraries (${perArticle} eval texts per article; indexing and loading in one process, then up to ${values.questions} distinct eval questions of the articles, seeded, in a fresh one with at most ${values.open} indexes open, each opened on demand)\n`);
      console.log(
        markdownTable(
          ['articles', 'code', 'sentences', 'index one article p50 / p95 ms', 'index all s', 'load one saved p50 / p95 ms', 'peak RSS indexing MB', 'question p50 / p95 ms', 'without query embedding p50 / p95 ms', 'peak RSS serving MB', 'RSS all open MB', 'saved MB'],
          libraryRows,
        ),
      );
    }

    const singleRows: string[][] = [];
    for (const size of singles) {
      let baseline: string[] = [];
      for (const [label, root] of [['now', PROJECT_ROOT], ...(before ? [[`before (${values.before})`, before]] : [])] as const) {
        console.error(`single article of ${size} sentences, ${label}…`);
        const extra = values['singles-neural'] ? [] : ['--embedder-id', ''];
        const r = (await child(['--child', 'single', '--size', `${size}`, '--code', root, ...common, ...extra], env)) as Result;
        singleRows.push([`${r.sentences}${r.synthetic ? ` (${r.synthetic} made)` : ''}`, label, ms(r.buildMs[0]! / 1000), ms(r.loadMs[0]! / 1000), `${p(r.questionMs, 50)} / ${p(r.questionMs, 95)}`, mb(r.peakServeMb), mb(r.diskMb)]);
        if (label === 'now') baseline = [`${r.sentences}`, 'BM25 raw tokens (baseline)', ms(r.baselineBuildMs[0]! / 1000), 'n/a', `${p(r.baselineMs, 50)} / ${p(r.baselineMs, 95)}`, 'n/a', 'n/a'];
      }
      singleRows.push(baseline);
    }
    if (singleRows.length > 0) {
      const signals = values['singles-neural'] && neural ? 'lexical and neural signals' : 'lexical signals only';
      console.log(`\n## Single articles (${signals}; "made" sentences are drawn from the eval texts' words once the texts run out)\n`);
      console.log(markdownTable(['sentences', 'code', 'build s', 'load saved s', 'question p50 / p95 ms', 'peak RSS MB', 'saved MB'], singleRows));
    }

    if (neural && sizes.length > 0) {
      const largest = Math.max(...sizes);
      const rows = [await addRow('SQLite', largest, common, env)];
      const url = values.pg ?? process.env.TEST_DATABASE_URL?.trim();
      if (!url) rows.push(['PostgreSQL', 'not configured (--pg URL or TEST_DATABASE_URL; scripts/postgres.sh start runs one)', '', '', '', '', '']);
      else {
        const schema = `library_bench_${process.pid}`;
        try {
          rows.push(await addRow('PostgreSQL', largest, [...common, '--database-url', await urlWithSchema(url, schema)], env));
        } finally {
          await dropSchemas(url, [schema]);
        }
      }
      console.log(`\n## Adding one article as the bot does, with the real embedder (no cached passage; 20 articles of the ${largest}-article library), then opening it elsewhere\n`);
      console.log(
        markdownTable(
          ['store', 'articles', 'sentences p50 / max', 'answerable p50 / p95 / max ms', 'embedded p50 / p95 / max ms', 'open with no index files p50 / p95 / max ms', 'question p50 / p95 / max ms'],
          rows,
        ),
      );
    }
  } finally {
    if (before) rmSync(before, { recursive: true, force: true });
    await embedder?.stop();
  }
  console.log(`\n(${((Date.now() - started) / 60000).toFixed(1)} minutes)`);
}

/** Adding 20 articles of the library to one store, in a child process. */
async function addRow(store: string, size: number, args: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = (await child(['--child', 'add', '--size', `${size}`, ...args], env)) as Record<string, number[]>;
  const sentences = `${percentile(r.sentences!, 50)} / ${Math.max(...r.sentences!)}`;
  return [store, `${r.embeddedMs!.length}`, sentences, spread(r.answerableMs!), spread(r.embeddedMs!), spread(r.openMs!), spread(r.questionMs!)];
}

function libraryRow(size: number, label: string, r: Result): string[] {
  return [
    `${size}`,
    label,
    `${r.sentences}`,
    `${p(r.buildMs, 50)} / ${p(r.buildMs, 95)}`,
    ms(sum(r.buildMs) / 1000),
    `${p(r.loadMs, 50)} / ${p(r.loadMs, 95)}`,
    mb(r.peakBuildMb),
    `${p(r.questionMs, 50)} / ${p(r.questionMs, 95)}`,
    `${p(r.ownMs, 50)} / ${p(r.ownMs, 95)}`,
    mb(r.peakServeMb),
    mb(r.allOpenMb),
    mb(r.diskMb),
  ];
}

/**
 * Embeds, once, every passage the libraries and single articles will need, and reports the model's throughput:
 * the builds measured afterwards take their neural vectors from the cache (their embedding cost is the
 * throughput times their passages, and "adding one article" measures it live).
 */
async function prefetch(model: EmbeddingsInterface, embedderId: string, sizes: number[], singles: number[]): Promise<void> {
  const texts = evalTexts(EVAL_DIR);
  const cache = new PassageCache(model, values['vector-cache']!, embedderId);
  const passages = new Set<string>();
  let perArticleChars = 0;
  const add = (article: Article) => {
    const own = [...article.sentences.map((s) => s.text), ...chunkSentences(article.sentences, { size: 2, stride: 1 }).filter((c) => c.sentencePositions.length === 2).map((c) => c.text)];
    for (const t of own) passages.add(t);
    perArticleChars += own.reduce((n, t) => n + t.length, 0);
  };
  for (const { article } of libraryArticles(texts, Math.max(0, ...sizes), perArticle)) add(article);
  if (values['singles-neural']) for (const size of singles) add(longArticle(texts, size, 'x').article);
  let missing = [...passages].filter((t) => !cache.has(t));
  const cachedBefore = passages.size - missing.length;
  // throughput on passages not embedded before (or, when all are cached, on a fresh sample of them)
  const fresh = missing.length >= 100;
  const sample = (fresh ? missing : [...passages]).slice(0, 200);
  const started = performance.now();
  await (fresh ? cache : model).embedDocuments(sample);
  const seconds = (performance.now() - started) / 1000;
  cache.save();
  const perSecond = sample.length / seconds;
  const chars = sample.reduce((n, t) => n + t.length, 0) / seconds;
  console.log(`Embedding throughput: ${perSecond.toFixed(1)} passages/s, ${chars.toFixed(0)} characters/s (${sample.length} passages).`);
  console.log(`Embedding every article's own passages (sentences and neighbour pairs) would take about ${(perArticleChars / chars / 60).toFixed(0)} min for the largest library.`);
  console.log(`The libraries need ${passages.size} distinct passages (about ${(passages.size / perSecond / 60).toFixed(0)} min to embed at that rate); ${cachedBefore} were in the cache (${values['vector-cache']}).`);
  missing = missing.filter((t) => !cache.has(t));
  if (missing.length > 0) {
    const embedStarted = performance.now();
    for (let i = 0; i < missing.length; i += 1024) {
      await cache.embedDocuments(missing.slice(i, i + 1024));
      console.error(`embedded ${Math.min(i + 1024, missing.length)} / ${missing.length} passages`);
      cache.save();
    }
    console.log(`Embedded the ${missing.length} missing passages once, in ${((performance.now() - embedStarted) / 60000).toFixed(1)} min; every build below takes its neural vectors from that cache.`);
  } else {
    console.log('Every build below takes its neural vectors from that cache.');
  }
}

if (values.child) {
  const result = await runChild();
  writeFileSync(1, `${JSON.stringify(result)}\n`);
  process.exit(0); // the embedder client keeps no process alive, but a native index may
} else {
  await main();
}
