// ChatOpenAI against a scripted OpenAI-compatible server: every hostile reply ends in a verified answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleIndex } from '../src/index/article-index.ts';
import { answerServiceFromEnv } from '../src/llm/from-env.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import { extractiveAnswerService, type AnswerService } from '../src/qa/service.ts';
import type { Answer } from '../src/qa/types.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './support/fake-openai-server.ts';
import { bridgeIndex, memoryLog, numberedIds, type MemoryLog } from './support/llm-fixtures.ts';

const QUESTION = 'كم كلف الجسر الجديد؟';
const TIMEOUT_MS = 500;

let server: FakeOpenAiServer;
let index: ArticleIndex;
let extractive: Answer;
let logged: MemoryLog;
let service: AnswerService;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  index = await bridgeIndex();
  extractive = await extractiveAnswerService.answer(index, QUESTION);
});
afterAll(() => server.close());

function envFor(url: string, extra: Record<string, string> = {}) {
  return { LLM_PROVIDER: 'openai', LLM_MODEL: 'scripted-model', OPENAI_BASE_URL: url, OPENAI_API_KEY: 'test-key', LLM_TIMEOUT_MS: String(TIMEOUT_MS), ...extra };
}

beforeEach(() => {
  logged = memoryLog();
  service = answerServiceFromEnv(envFor(server.url), { log: logged.log });
});

function lastPromptIds(): string[] {
  const messages = server.requests.at(-1)!.messages;
  return numberedIds(index.article, String(messages.find((m) => m.role === 'user')!.content));
}

function failureKinds(): string[] {
  return logged.lines().flatMap((l) => {
    const failure = l.failure as { kind?: string } | undefined;
    return [failure?.kind ?? (l.reason as string | undefined) ?? []].flat();
  });
}

describe('an OpenAI-compatible endpoint', () => {
  it('sends the system rules and numbered sentences, and shows a good answer with verified citations', async () => {
    server.script({ kind: 'reply', content: 'كلف الجسر مئة مليون دولار [1]، واستغرق بناؤه ثلاث سنوات [2].' });
    const answer = await service.answer(index, QUESTION);
    const request = server.requests.at(-1)!;
    expect(request.model).toBe('scripted-model');
    // Streaming makes LangChain estimate tokens with tiktoken, which fetches its tables from the network.
    expect(request.stream).toBeFalsy();
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const ids = lastPromptIds();
    expect(answer.lead).toBe(`كلف الجسر مئة مليون دولار، واستغرق بناؤه ثلاث سنوات. [${ids[0]}][${ids[1]}]`);
    expect(answer.citations.map((c) => c.id)).toEqual(ids.slice(0, 2));
    for (const c of answer.citations) assertExactQuote(index.article.text, c);
  });

  it('drops invented markers, keeping only claims that rest on given sentences', async () => {
    server.script({ kind: 'reply', content: 'كلف الجسر مئة مليون دولار [1][9]. وافتتحه وزير النقل [9].' });
    const answer = await service.answer(index, QUESTION);
    expect(answer.lead).toBe(`كلف الجسر مئة مليون دولار. [${lastPromptIds()[0]}]`);
    expect(answer.citations).toHaveLength(1);
  });

  it('falls back when only invented markers are left', async () => {
    server.script({ kind: 'reply', content: 'كلف الجسر مليار دولار [9].' });
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain('no-valid-marker');
  });

  it('never shows a fabricated quote', async () => {
    server.script({ kind: 'reply', content: 'قال رئيس البلدية: «لقد دفعنا مليار دولار ثمنا لهذا الجسر» [1].' });
    const answer = await service.answer(index, QUESTION);
    expect(answer).toEqual(extractive);
    expect(JSON.stringify(answer)).not.toContain('مليار');
    expect(failureKinds()).toContain('fabricated-quote');
  });

  it('falls back on a reply in the wrong language', async () => {
    server.script({ kind: 'reply', content: 'The bridge cost one hundred million dollars [1].' });
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain('wrong-language');
  });

  it('falls back on an empty reply', async () => {
    server.script({ kind: 'reply', content: '' });
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain('empty');
  });

  it('falls back on a 20,000-character reply', async () => {
    server.script({ kind: 'reply', content: 'كلف الجسر مئة مليون دولار [1]. '.repeat(700).slice(0, 20_000) });
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain('too-long');
  });

  it('gives up on a reply slower than the timeout', async () => {
    server.script({ kind: 'reply', content: 'كلف الجسر مئة مليون دولار [1].', delayMs: 5_000 });
    const started = Date.now();
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_500);
    expect(failureKinds()).toContain('timeout');
  });

  it.each([
    [429, 'rate-limited'],
    [500, 'server-error'],
    [503, 'server-error'],
    [401, 'unauthorised'],
  ])('falls back on HTTP %i without retrying', async (status, kind) => {
    const before = server.requests.length;
    server.script({ kind: 'status', status });
    expect(await service.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain(kind);
    expect(server.requests.length - before).toBe(1);
  });

  it('falls back when nothing listens at the address', async () => {
    const gone = await startFakeOpenAiServer();
    await gone.close();
    const unreachable = answerServiceFromEnv(envFor(gone.url), { log: logged.log });
    expect(await unreachable.answer(index, QUESTION)).toEqual(extractive);
    expect(failureKinds()).toContain('unreachable');
  });

  it('writes a verified summary, and falls back to the extractive one on a 500', async () => {
    server.script({ kind: 'reply', content: 'افتتحت البلدية جسرا جديدا فوق النهر [2] كلف مئة مليون دولار [4].' });
    const summary = await service.summarise(index, { length: 'short' });
    const ids = index.article.sentences.map((s) => s.id);
    expect(summary.text).toBe(`افتتحت البلدية جسرا جديدا فوق النهر كلف مئة مليون دولار. [${ids[1]}][${ids[3]}]`);
    expect(summary.citations.map((c) => c.id)).toEqual([ids[1], ids[3]]);

    server.script({ kind: 'status', status: 500 });
    expect(await service.summarise(index, { length: 'short' })).toEqual(await extractiveAnswerService.summarise(index, { length: 'short' }));
  });
});
