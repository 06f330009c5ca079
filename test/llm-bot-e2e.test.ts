// The real bot with a chat model behind a scripted OpenAI-compatible server, through the local Discord server.
import { mkdtempSync, rmSync } from 'node:fs';
import { readSettings } from '../src/settings.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../src/discord/bot.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import { startDiscordServer } from '../src/emulator/discord-server.ts';
import { answerServiceFromEnv } from '../src/llm/from-env.ts';
import type { RecordedRequest } from '../src/emulator/discord-server.ts';
import { loadArticle } from '../src/text/article.ts';
import { ARTICLE_PATH, botConfig, memoryLogger, startHarness, type Harness } from './bot-harness.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './support/fake-openai-server.ts';
import { numberedIds } from './support/llm-fixtures.ts';
import { writeTinyModel } from './support/tiny-onnx-model.ts';

const article = loadArticle(ARTICLE_PATH);
const QUESTION = 'متى سيزور شي روسيا؟';
const TIMEOUT_MS = 1_000;

let llm: FakeOpenAiServer;
let h: Harness;
const modelLog = memoryLogger();

beforeAll(async () => {
  llm = await startFakeOpenAiServer();
  const answerService = answerServiceFromEnv(
    { LLM_PROVIDER: 'openai', LLM_MODEL: 'scripted-model', OPENAI_BASE_URL: llm.url, LLM_TIMEOUT_MS: String(TIMEOUT_MS) },
    { log: modelLog.log },
  );
  h = await startHarness({ answerService });
});
afterAll(async () => {
  await h?.close();
  await llm?.close();
});

/** Lines of the form `> text` after a `[id]` label, as the bot renders quotes. */
function quotesIn(content: string): { id: string; text: string }[] {
  return [...content.matchAll(/\[(\d+\.\d+)\](?:\*\*)?[^\n]*\n> ([^\n]*)/g)].map((m) => ({ id: m[1]!, text: m[2]! }));
}

function expectOnlyArticleQuotes(content: string): { id: string; text: string }[] {
  const quotes = quotesIn(content);
  for (const quote of quotes) {
    const sentence = article.sentences.find((s) => s.id === quote.id)!;
    expect(quote.text).toBe(article.text.slice(sentence.start, sentence.end));
  }
  // Every quoted line is one of those article sentences: nothing the model wrote is shown as a quote.
  expect(content.split('\n').filter((line) => line.startsWith('> '))).toHaveLength(quotes.length);
  return quotes;
}

async function command(name: string, options: { name: string; value: string }[]): Promise<{ deferredInMs: number; content: string }> {
  const sent = await h.server.sendSlashCommand({ name, options });
  const callback = await h.server.waitForRequest((r) => r.route.includes(`/interactions/${sent.interactionId}/`), 5_000);
  const edit: RecordedRequest = await h.server.waitForRequest(
    (r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200,
    8_000,
  );
  return { deferredInMs: callback.at - sent.dispatchedAt, content: (edit.body as { content: string }).content };
}

function lastPromptIds(): string[] {
  const user = llm.requests.at(-1)!.messages.find((m) => m.role === 'user')!;
  return numberedIds(article, String(user.content));
}

describe('the bot with a scripted chat model', () => {
  it('/ask shows the model wording with sentence ids, and quotes cut from the article', async () => {
    llm.script({ kind: 'reply', content: 'يزور شي موسكو الأسبوع المقبل [1].' });
    const { content } = await command('ask', [{ name: 'question', value: QUESTION }]);
    const [first] = lastPromptIds();
    expect(content).toContain(`يزور شي موسكو الأسبوع المقبل. [${first}]`);
    expect(expectOnlyArticleQuotes(content).map((q) => q.id)).toEqual([first]);
  });

  it('/ask never shows a fabricated quote or an invented marker', async () => {
    llm.script({ kind: 'reply', content: 'قال بوتين «سنوقع معاهدة سلام شاملة» [1]. وسيزور شي روسيا [14].' });
    const { content } = await command('ask', [{ name: 'question', value: QUESTION }]);
    expect(content).not.toContain('معاهدة سلام');
    expect(content).not.toContain('[14]');
    expect(expectOnlyArticleQuotes(content).length).toBeGreaterThan(0);
  });

  it('/ask drops a claim that shares only a name with the sentence it cites (Putin said the bot token is …)', async () => {
    llm.script({ kind: 'reply', content: 'قال بوتين إن رمز البوت السري هو كلمة المرور [1]. يزور شي موسكو الأسبوع المقبل [1].' });
    const { content } = await command('ask', [{ name: 'question', value: QUESTION }]);
    expect(content).not.toContain('رمز البوت');
    expect(content).toContain('يزور شي موسكو الأسبوع المقبل.');
    expect(expectOnlyArticleQuotes(content).length).toBeGreaterThan(0);
  });

  it('/ask defers at once and still answers extractively when the model is too slow', async () => {
    llm.script({ kind: 'reply', content: 'يزور شي موسكو [1].', delayMs: 5_000 });
    const { deferredInMs, content } = await command('ask', [{ name: 'question', value: QUESTION }]);
    expect(deferredInMs).toBeLessThan(3_000);
    expect(content).not.toContain('يزور شي موسكو');
    expect(expectOnlyArticleQuotes(content).length).toBeGreaterThan(0);
    expect(modelLog.lines.some((l) => (l.failure as { kind?: string } | undefined)?.kind === 'timeout')).toBe(true);
  });

  it('/summary shows a verified abstractive summary with its quotes', async () => {
    llm.script({ kind: 'reply', content: 'يزور الرئيس الصيني روسيا بدعوة من بوتين [1]، في أول زيارة منذ الحرب [2].' });
    const { content } = await command('summary', [{ name: 'length', value: 'short' }]);
    const [first, second] = article.sentences.map((s) => s.id);
    expect(content).toContain(`يزور الرئيس الصيني روسيا بدعوة من بوتين، في أول زيارة منذ الحرب. [${first}][${second}]`);
    expect(expectOnlyArticleQuotes(content).map((q) => q.id)).toEqual([first, second]);
  });
});

describe('start-up from the settings', () => {
  it('picks the chat model and the neural embedder from LLM_PROVIDER and EMBEDDINGS', async () => {
    const root = mkdtempSync(join(tmpdir(), 'llm-startup-'));
    const discord = await startDiscordServer({ port: 0 });
    writeTinyModel(join(root, 'models'), 'tiny', { words: article.text.split(/\s+/u) });
    const settings = readSettings({
      LLM_PROVIDER: 'openai',
      OPENAI_BASE_URL: llm.url,
      LLM_MODEL: 'scripted-model',
      EMBEDDINGS: 'transformers',
      EMBEDDINGS_MODEL: 'tiny',
      EMBEDDINGS_MODEL_DIR: join(root, 'models'),
    });
    const { log } = memoryLogger();
    const bot = await startBot(botConfig(discord, join(root, 'data'), { EMBEDDINGS_DIR: join(root, 'index') }), {
      log,
      llm: settings.llm,
      embeddings: settings.embeddings,
    });
    try {
      expect(bot.context.answers).not.toBe(extractiveAnswerService);
      expect((await bot.context.shelf.open(discord.guildId, 'A1')).index.signals.map((s) => s.embedderId)).toContain('transformers:tiny:fp32');
      llm.script({ kind: 'reply', content: 'يزور شي موسكو الأسبوع المقبل [1].' });
      await discord.waitForBot();
      const sent = await discord.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: QUESTION }] });
      const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.status === 200, 8_000);
      expect((edit.body as { content: string }).content).toContain('يزور شي موسكو الأسبوع المقبل.');
    } finally {
      await bot.stop();
      await discord.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
