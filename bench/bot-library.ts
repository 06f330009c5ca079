// npm run bench:bot-library [-- --sizes 10,1000] [--questions 300] [--all 100]: the bot as `npm start` runs it,
// serving a library of eval-text articles (as bench:library makes them), through the local Discord server:
// /ask with `article:` (one article, opened on demand) and `article:all`, from the server dispatching the
// interaction to it receiving the answer; then the peak memory of the bot and of its embedder. Each library
// is made beforehand in the bot's own SQLite file with every article's vectors, from bench:library's passage
// cache (so no article is embedded while the bot runs); the bot starts with no index files and opens each
// article from the library when it is first asked, keeping the 64 most recent open. Each library is served
// twice: with the default HEAP_GROWTH_PERCENT and with V8's own heap growth (the baseline).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startEmbedder } from '../src/embedder/start.ts';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { evalTexts, libraryArticles } from '../src/eval/library-corpus.ts';
import { percentile } from '../src/eval/metrics.ts';
import { PassageCache } from '../src/eval/passage-cache.ts';
import { markdownTable } from '../src/eval/table.ts';
import { openArticleIndex } from '../src/index/article-index.ts';
import { openLibrary } from '../src/library/library.ts';
import { readSettings } from '../src/settings.ts';
import { startBotProcess } from './bot-process.ts';
import { childPids, peakRssMb } from './process-stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const EVAL_DIR = join(ROOT, '..', 'shared', 'eval');
const SEED = join(ROOT, 'articles', 'xi-putin-visit.ar.txt');
const silent = pino({ level: 'silent' });

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,1000' },
    questions: { type: 'string', default: '300' },
    all: { type: 'string', default: '100' },
    'vector-cache': { type: 'string', default: join(tmpdir(), 'sanad-bench-passages') },
  },
});

interface Asked {
  question: string;
  articleId: string;
}

/** A world of fixed ids, so that the library made before it starts is its server's. */
const GUILD_ID = '1000000000000000002';
const BENCH_WORLD = {
  ids: { applicationId: '1000000000000000001', guildId: GUILD_ID, channelId: '1000000000000000003', botRoleId: '1000000000000000004', botId: '1000000000000000005', personId: '1000000000000000006' },
  messages: [],
  threads: [],
};

/** The library in `dataDir`: the seed, then `size` articles, each with its lexical and neural vectors stored. */
async function makeLibrary(dataDir: string, size: number, cache: PassageCache, embedderId: string): Promise<Asked[]> {
  const library = await openLibrary({ dataDir, seedArticlePath: SEED, homeGuildId: GUILD_ID });
  const books = await library.guild(GUILD_ID);
  const asked: Asked[] = [];
  for (const { article, questions } of libraryArticles(evalTexts(EVAL_DIR), size, 5)) {
    const { entry } = await books.addText(article.text);
    const stored = await books.article(entry.id);
    await openArticleIndex(stored.article, { persist: false, log: silent, embeddings: cache, embedderId, stash: library.store });
    for (const question of questions) asked.push({ question, articleId: entry.id });
  }
  await library.close();
  return asked;
}

/** A seeded sample without repeated question texts (a repeat would come from the embedder's query cache). */
function sample(asked: Asked[], count: number, seed: number): Asked[] {
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const shuffled = [...asked];
  for (let k = shuffled.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
  }
  const seen = new Set<string>();
  return shuffled.filter(({ question }) => !seen.has(question) && seen.add(question)).slice(0, count);
}

async function askOnce(server: DiscordServer, question: string, article: string): Promise<number> {
  const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }, { name: 'article', value: article }] });
  const edit = await server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original'), 30_000);
  return edit.at - sent.dispatchedAt;
}

async function serve(dir: string, asked: Asked[], heapGrowth: string) {
  const server = await startDiscordServer({ port: 0, saved: BENCH_WORLD });
  let bot: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  try {
    // each run opens its articles from the library, not from index files an earlier run saved
    bot = await startBotProcess(server, dir, { ARTICLE_PATH: SEED, EMBEDDINGS_DIR: join(dir, `embeddings-${heapGrowth}`), HEAP_GROWTH_PERCENT: heapGrowth });
    // distinct questions for the two runs, so that none is embedded from the bot's cache of recent questions
    // (a small library has fewer: they are shared in the same proportion)
    const [ones, alls] = [Number(values.questions), Number(values.all)];
    const picked = sample(asked, ones + alls, 7);
    const split = Math.round((picked.length * ones) / (ones + alls));
    const one: number[] = [];
    for (const { question, articleId } of picked.slice(0, split)) one.push(await askOnce(server, question, articleId));
    const all: number[] = [];
    for (const { question } of picked.slice(split)) all.push(await askOnce(server, question, 'all'));
    const embedder = childPids(bot.child.pid!)[0];
    const errors = bot.log().split('\n').filter((l) => l.includes('"level":50')).length;
    return { one, all, botMb: peakRssMb(bot.child.pid!), embedderMb: embedder === undefined ? undefined : peakRssMb(embedder), errors };
  } finally {
    await bot?.stop();
    await server.close();
  }
}

const spread = (ms: number[]) => `${percentile(ms, 50).toFixed(0)} / ${percentile(ms, 95).toFixed(0)}`;
const mb = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(0));

const embedder = await startEmbedder(readSettings().embeddings, silent);
if (!embedder.embeddings || !embedder.embedderId) throw new Error('The neural embedder is not installed or did not start: this benchmark measures the bot with it.');
const cache = new PassageCache(embedder.embeddings, values['vector-cache']!, embedder.embedderId);
const rows: string[][] = [];
try {
  for (const size of values.sizes!.split(',').map(Number)) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-bot-library-'));
    try {
      const asked = await makeLibrary(join(dir, 'data'), size, cache, embedder.embedderId);
      cache.save();
      for (const [heap, label] of [['50', '50% (default)'], ['0', "V8's own (baseline)"]]) {
        const r = await serve(dir, asked, heap!);
        rows.push([`${size + 1}`, label!, `${r.one.length}`, spread(r.one), `${r.all.length}`, spread(r.all), mb(r.botMb), mb(r.embedderMb), `${r.errors}`]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await embedder.stop();
}
console.log(`# bench:bot-library (${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, Node ${process.version}, ${embedder.embedderId})\n`);
console.log(
  markdownTable(
    ['articles', 'HEAP_GROWTH_PERCENT', 'asks of one article', 'one article p50 / p95 ms', 'asks of all', 'all p50 / p95 ms', 'bot peak RSS MB', 'embedder peak RSS MB', 'errors logged'],
    rows,
  ),
);
