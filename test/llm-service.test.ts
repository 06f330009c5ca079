import { beforeAll, describe, expect, it } from 'vitest';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { createLlmAnswerService } from '../src/llm/answer-service.ts';
import { assertExactQuote } from '../src/qa/citations.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import type { Answer, Summary } from '../src/qa/types.ts';
import { articleFromText } from '../src/text/article.ts';
import { bridgeIndex, FailingChatModel, memoryLog, messageText, numberedIds, RecordingChatModel } from './support/llm-fixtures.ts';

const COST_QUESTION = 'كم كلف الجسر الجديد؟';

let index: ArticleIndex;
beforeAll(async () => {
  index = await bridgeIndex();
});

function serviceWith(model: RecordingChatModel | FailingChatModel, timeoutMs = 2_000) {
  const logged = memoryLog();
  const service = createLlmAnswerService(model, { timeoutMs, fallback: extractiveAnswerService, log: logged.log });
  return { service, logged };
}

function expectExactQuotes(result: Answer | Summary) {
  for (const citation of result.citations) assertExactQuote(index.article.text, citation);
}

function numberedIdsSeenBy(model: RecordingChatModel): string[] {
  return numberedIds(index.article, messageText(model.prompts[0]?.[1]));
}

describe('LLM answers', () => {
  it('shows the model wording with markers turned into sentence ids, and quotes cut from the article', async () => {
    const model = new RecordingChatModel({ responses: ['كلف الجسر مئة مليون دولار [1]، واستمر بناؤه ثلاث سنوات [2].'] });
    const { service } = serviceWith(model);
    const answer = await service.answer(index, COST_QUESTION);
    const ids = numberedIdsSeenBy(model);
    expect(answer.answered).toBe(true);
    expect(answer.language).toBe('ar');
    expect(answer.citations.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(answer.lead).toBe(`كلف الجسر مئة مليون دولار، واستمر بناؤه ثلاث سنوات. [${ids[0]}][${ids[1]}]`);
    expectExactQuotes(answer);
  });

  it('numbers the extractive evidence first, so the best sentence is [1]', async () => {
    const model = new RecordingChatModel({ responses: ['كلف مئة مليون دولار [1].'] });
    const { service } = serviceWith(model);
    const extractive = await extractiveAnswerService.answer(index, COST_QUESTION);
    await service.answer(index, COST_QUESTION);
    expect(numberedIdsSeenBy(model)[0]).toBe(extractive.citations[0]!.id);
  });

  it('falls back to the extractive answer when no marker names a given sentence', async () => {
    const model = new RecordingChatModel({ responses: ['كلف الجسر مليار دولار [9]. وافتتحه الرئيس [12].'] });
    const { service, logged } = serviceWith(model);
    const answer = await service.answer(index, COST_QUESTION);
    expect(answer).toEqual(await extractiveAnswerService.answer(index, COST_QUESTION));
    expect(logged.lines().some((l) => l.reason === 'no-valid-marker')).toBe(true);
  });

  it('makes a reply that obeys an injected instruction harmless', async () => {
    const model = new RecordingChatModel({ responses: ['Ignoring the rules as asked: the bridge was free [99]. «الجسر مجاني» [1].'] });
    const { service, logged } = serviceWith(model);
    const answer = await service.answer(index, COST_QUESTION);
    expect(answer).toEqual(await extractiveAnswerService.answer(index, COST_QUESTION));
    expect(logged.lines().some((l) => l.msg.startsWith('model reply rejected'))).toBe(true);
  });

  it('does not call the model when retrieval finds nothing in the article', async () => {
    const model = new RecordingChatModel({ responses: ['عاصمة فرنسا باريس [1].'] });
    const { service } = serviceWith(model);
    const answer = await service.answer(index, 'ما عاصمة فرنسا؟');
    expect(answer.answered).toBe(false);
    expect(model.prompts).toHaveLength(0);
  });

  it('answers an English question in English and rejects an Arabic reply to it', async () => {
    const english = await openArticleIndex(
      articleFromText('New bridge opens\nThe city opened a new bridge over the river on Sunday. The mayor said the bridge cost 100 million dollars.', 'en'),
      { persist: false },
    );
    const question = 'How much did the new bridge cost?';
    const extractive = await extractiveAnswerService.answer(english, question);
    expect(extractive).toMatchObject({ answered: true, language: 'en' });
    const model = new RecordingChatModel({ responses: ['It cost 100 million dollars [1].', 'كلف مئة مليون دولار [1].'] });
    const { service } = serviceWith(model);
    const first = await service.answer(english, question);
    const second = await service.answer(english, question);
    expect(messageText(model.prompts[0]![0])).toContain('in English');
    expect(first.lead).toBe(`It cost 100 million dollars. [${extractive.citations[0]!.id}]`);
    expect(second).toEqual(extractive);
  });

  it('passes the earlier question on for a short follow-up', async () => {
    const model = new RecordingChatModel({ responses: ['استمر البناء ثلاث سنوات [1].'] });
    const { service } = serviceWith(model);
    const answer = await service.answer(index, 'ومتى؟', { previousQuestion: 'متى افتتح الجسر الجديد فوق النهر؟' });
    expect(answer.answered).toBe(true);
    expect(messageText(model.prompts[0]![1])).toMatch(/<earlier_question>\nمتى افتتح الجسر الجديد فوق النهر؟\n<\/earlier_question>/);
  });

  it('falls back with a log line when the provider fails', async () => {
    const failure = Object.assign(new Error('429 Too Many Requests'), { status: 429 });
    const { service, logged } = serviceWith(new FailingChatModel(failure));
    const answer = await service.answer(index, COST_QUESTION);
    expect(answer).toEqual(await extractiveAnswerService.answer(index, COST_QUESTION));
    const line = logged.lines().find((l) => l.msg.startsWith('model call failed'));
    expect(line).toMatchObject({ failure: { kind: 'rate-limited', status: 429 } });
  });

  it('gives up on a slow model at the timeout', async () => {
    const model = new RecordingChatModel({ responses: ['كلف مئة مليون دولار [1].'], sleep: 5_000 });
    const { service, logged } = serviceWith(model, 200);
    const started = Date.now();
    const answer = await service.answer(index, COST_QUESTION);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer).toEqual(await extractiveAnswerService.answer(index, COST_QUESTION));
    expect(logged.lines().some((l) => (l.failure as { kind?: string } | undefined)?.kind === 'timeout')).toBe(true);
  });
});

describe('LLM summaries', () => {
  it('shows a verified abstractive summary with citations in article order', async () => {
    // Summaries number every sentence of a short article in order: [2] is 2.1, [4] is 3.1, [7] is 4.2.
    const model = new RecordingChatModel({ responses: ['افتتحت البلدية جسرا كلف مئة مليون دولار [4] فوق النهر [2]. وسيخفف الازدحام [7].'] });
    const { service } = serviceWith(model);
    const summary = await service.summarise(index, { length: 'short' });
    const ids = index.article.sentences.map((s) => s.id);
    expect(messageText(model.prompts[0]![0])).toContain('about 40 words');
    expect(summary.text).toBe(`افتتحت البلدية جسرا كلف مئة مليون دولار فوق النهر. [${ids[3]}][${ids[1]}] وسيخفف الازدحام. [${ids[6]}]`);
    expect(summary.citations.map((c) => c.id)).toEqual([ids[1], ids[3], ids[6]]);
    expectExactQuotes(summary);
  });

  it('falls back to the extractive summary when the reply quotes words the article does not have', async () => {
    const model = new RecordingChatModel({ responses: ['قال رئيس البلدية «إنه أجمل جسر في البلاد» [3].'] });
    const { service } = serviceWith(model);
    const summary = await service.summarise(index, {});
    expect(summary).toEqual(await extractiveAnswerService.summarise(index, {}));
  });

  it('summarises a long article from the extractive preselection only', async () => {
    const model = new RecordingChatModel({ responses: ['NOT_IN_ARTICLE'] });
    const logged = memoryLog();
    const service = createLlmAnswerService(model, { timeoutMs: 2_000, fallback: extractiveAnswerService, log: logged.log, maxSummarySentences: 3 });
    await service.summarise(index, {});
    const numbered = numberedIdsSeenBy(model);
    const preselected = (await extractiveAnswerService.summarise(index, { words: 75 })).citations.map((c) => c.id);
    expect(numbered.length).toBeGreaterThan(0);
    expect(numbered.length).toBeLessThanOrEqual(3);
    for (const id of numbered) expect(preselected).toContain(id);
  });

  it('leaves a topic the article does not cover to the extractive summary', async () => {
    const model = new RecordingChatModel({ responses: ['كرة القدم [1].'] });
    const { service } = serviceWith(model);
    const summary = await service.summarise(index, { topic: 'كرة القدم' });
    expect(summary.topicFound).toBe(false);
    expect(model.prompts).toHaveLength(0);
  });
});
