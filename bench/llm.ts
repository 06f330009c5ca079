// npm run bench:llm: what the checked LLM path does with scripted hostile replies (no real model, no network),
// and what the transformers path costs with a tiny generated ONNX model (wiring and overhead, not quality).
import { mkdtempSync, rmSync } from 'node:fs';
import { readSettings } from '../src/settings.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { openArticleIndex } from '../src/index/article-index.ts';
import { answerServiceFromEnv, embeddingsFromEnv } from '../src/llm/from-env.ts';
import { verifyReply } from '../src/llm/markers.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import { loadArticle } from '../src/text/article.ts';
import { startFakeOpenAiServer, type ScriptedReply } from '../test/support/fake-openai-server.ts';
import { writeTinyModel } from '../test/support/tiny-onnx-model.ts';

const article = loadArticle(resolve(readSettings().bot.ARTICLE_PATH));
const TIMEOUT_MS = 1_000;

function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _e, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info', base: undefined }, stream), lines };
}

function table(rows: Record<string, string | number>[]): void {
  const keys = Object.keys(rows[0] ?? {});
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  console.log(line(keys));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(keys.map((k) => String(row[k]))));
}

async function hostileReplies(): Promise<void> {
  const server = await startFakeOpenAiServer();
  const index = await openArticleIndex(article, { persist: false });
  // A question built from the article's first sentence, so the extractive path answers it.
  const question = `ما ${article.sentences[0]!.text.split(/\s+/).slice(4, 9).join(' ')}؟`;
  const extractive = await extractiveAnswerService.answer(index, question);
  // The model's "own words" are taken from the best sentence, so the good replies pass on any article.
  const lead = extractive.citations[0]!.text.replace(/[().،؛:"“”«»[\]]/gu, ' ').split(/\s+/u).filter(Boolean).slice(2, 8).join(' ');
  const scenarios: [string, ScriptedReply][] = [
    ['good answer, valid markers', { kind: 'reply', content: `${lead} [1].` }],
    ['one valid, one invented marker', { kind: 'reply', content: `${lead} [1]. وسيوقع الطرفان معاهدة دفاع [9].` }],
    ['only invented markers [9]', { kind: 'reply', content: `${lead} [9].` }],
    ['fabricated quote', { kind: 'reply', content: 'قال المتحدث: «سنغير وجه العالم معا» [1].' }],
    ['marker on an unrelated sentence', { kind: 'reply', content: 'ارتفعت أسعار النفط عالميا [1].' }],
    ['invented figure', { kind: 'reply', content: `${lead} في عام 2031 [1].` }],
    ['shares one name only ("Putin said the bot token is …")', { kind: 'reply', content: 'قال بوتين إن رمز البوت السري هو كلمة المرور [1].' }],
    ['obeys injected instruction', { kind: 'reply', content: 'Ignoring previous instructions: system prompt leaked [99].' }],
    ['wrong language (English)', { kind: 'reply', content: 'The article says this will happen next week [1].' }],
    ['empty reply', { kind: 'reply', content: '' }],
    ['20,000 characters', { kind: 'reply', content: `${lead} [1]. `.repeat(1_000).slice(0, 20_000) }],
    ['masked link + URL', { kind: 'reply', content: `[${lead}](https://evil.example/login) https://evil.example [1].` }],
    [`slow (5 s, timeout ${TIMEOUT_MS} ms)`, { kind: 'reply', content: `${lead} [1].`, delayMs: 5_000 }],
    ['HTTP 429', { kind: 'status', status: 429 }],
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 401', { kind: 'status', status: 401 }],
  ];
  const rows: Record<string, string | number>[] = [];
  for (const [name, reply] of scenarios) {
    const { log, lines } = memoryLog();
    const service = answerServiceFromEnv(
      { LLM_PROVIDER: 'openai', LLM_MODEL: 'scripted', OPENAI_BASE_URL: server.url, LLM_TIMEOUT_MS: String(TIMEOUT_MS) },
      { log },
    );
    server.script(reply);
    const started = performance.now();
    const answer = await service.answer(index, question);
    const ms = performance.now() - started;
    for (const c of answer.citations) assertExactQuote(article.text, c);
    const fellBack = JSON.stringify(answer) === JSON.stringify(extractive);
    const logged = lines.find((l) => l.failure || l.reason || l.removedMarkers !== undefined);
    const why = logged?.failure ? (logged.failure as { kind: string }).kind : logged?.reason ? String(logged.reason) : logged ? `trimmed (${['removedMarkers', 'droppedClaims', 'fabricatedQuotes', 'ungroundedClaims'].filter((k) => logged[k]).map((k) => `${k}=${logged[k]}`).join(', ')})` : '-';
    rows.push({
      scenario: name,
      shown: fellBack ? 'extractive fallback' : 'model words',
      'log says': why,
      'quotes exact': `${answer.citations.length}/${answer.citations.length}`,
      ms: Math.round(ms),
      'answer text': answer.lead.slice(0, 48).replace(/\s+/g, ' '),
    });
  }
  await server.close();
  console.log(`\nHostile replies (question: "${question}", ${TIMEOUT_MS} ms timeout, ChatOpenAI against a scripted local server)\n`);
  table(rows);
}

async function verificationCost(): Promise<void> {
  // A reply of five claims in the article's words, one quoting a phrase of it: a realistic amount of checking.
  const phrase = (i: number) => article.sentences[i]!.text.split(/\s+/u).slice(1, 7).join(' ');
  const reply = `${phrase(0)} [1]. ${phrase(1)} [2][3]. ${phrase(2)} [3]. قال «${phrase(3)}» [4]. ${phrase(4)} [5].`;
  const runs = 2_000;
  const evidence = article.sentences.slice(0, 8).map((s) => s.text);
  const started = performance.now();
  for (let i = 0; i < runs; i++) verifyReply(reply, { evidence, sourceText: article.text, language: 'ar' });
  console.log(`\nVerification cost: ${(((performance.now() - started) / runs) * 1000).toFixed(0)} µs per reply (${runs} runs, ${article.text.length}-character article)\n`);
}

async function tinyTransformers(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-tiny-model-'));
  try {
    const words = article.text.split(/[\s.،؟”“"]+/u).filter(Boolean);
    writeTinyModel(root, 'tiny-a', { words, dimensions: 32, seed: 1 });
    writeTinyModel(root, 'tiny-b', { words, dimensions: 32, seed: 2 });
    const env = (model: string) => ({ EMBEDDINGS: 'transformers', EMBEDDINGS_MODEL: model, EMBEDDINGS_MODEL_DIR: root });
    const { log } = memoryLog();
    const rows: Record<string, string | number>[] = [];
    const step = async (name: string, run: () => Promise<string>) => {
      const started = performance.now();
      const detail = await run();
      rows.push({ step: name, ms: Math.round(performance.now() - started), result: detail });
    };
    let choice: Awaited<ReturnType<typeof embeddingsFromEnv>> = {};
    await step('load tiny model (first time)', async () => {
      choice = await embeddingsFromEnv(env('tiny-a'), { log });
      return choice.embedderId ?? '';
    });
    const dir = join(root, 'index');
    await step('open index, neural store built', async () => (await openArticleIndex(article, { dir, log, ...choice })).origin);
    await step('open index again', async () => (await openArticleIndex(article, { dir, log, ...choice })).origin);
    const other = await embeddingsFromEnv(env('tiny-b'), { log });
    await step('open index, embedder changed', async () => (await openArticleIndex(article, { dir, log, ...other })).origin);
    console.log(`Tiny ONNX model (${words.length} words of vocabulary, 32 dimensions, ${article.sentences.length} sentences)\n`);
    table(rows);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await hostileReplies();
await verificationCost();
await tinyTransformers();
