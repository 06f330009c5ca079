// Follow-ups with a chat model configured (a scripted OpenAI-compatible server): the model condenses the
// follow-up and the conversation into a standalone question, the same retrieval answers it, and its
// quotes are still cut from the article. When the model fails, the offline reading answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../src/emulator/discord-server.ts';
import { answerServiceFromEnv } from '../src/llm/from-env.ts';
import { loadArticle } from '../src/text/article.ts';
import { ARTICLE_PATH, eventually, memoryLogger, startHarness, type Harness } from './bot-harness.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './support/fake-openai-server.ts';

const article = loadArticle(ARTICLE_PATH);
const sentence = (id: string) => article.sentences.find((s) => s.id === id)!;

let llm: FakeOpenAiServer;
let h: Harness;
const modelLog = memoryLogger();

beforeAll(async () => {
  llm = await startFakeOpenAiServer();
  const answerService = answerServiceFromEnv(
    { LLM_PROVIDER: 'openai', LLM_MODEL: 'scripted-model', OPENAI_BASE_URL: llm.url, LLM_TIMEOUT_MS: '1000' },
    { log: modelLog.log },
  );
  h = await startHarness({ answerService });
});
afterAll(async () => {
  await h?.close();
  await llm?.close();
});

function quotes(content: string): string[] {
  const found = [...content.matchAll(/\*\*\d+ · \[(\d+\.\d+)\]\*\*\n> ([^\n]*)/g)];
  for (const [, id, text] of found) expect(text).toBe(article.text.slice(sentence(id!).start, sentence(id!).end));
  return found.map((m) => m[1]!);
}

async function ask(question: string): Promise<StoredMessage> {
  const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }] });
  await h.server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200, 8_000);
  const answer = await eventually(() => h.server.messagesIn(h.server.channelId).find((m) => m.interaction?.id === sent.interactionId));
  await expect.poll(() => h.bot.store.getThread(answer.id)).toBeDefined();
  return answer;
}

async function inThread(threadId: string, content: string): Promise<StoredMessage> {
  const sent = await h.server.sendMessage({ content, channelId: threadId });
  return h.server.waitForMessage((m) => m.messageReference?.message_id === sent.id, 8_000);
}

describe('follow-ups with a chat model', () => {
  it('the model condenses the follow-up and the history into one question, which the same retrieval answers', async () => {
    llm.script({ kind: 'reply', content: 'وانغ يي هو كبير الدبلوماسيين الصينيين [1].' });
    const first = await ask('من هو وانغ يي؟');
    expect(quotes(first.content)[0]).toBe('12.1');

    const before = llm.requests.length;
    llm.script({ kind: 'reply', content: 'بماذا وعد وانغ يي؟' }, { kind: 'reply', content: 'وعد بمواصلة تعزيز الشراكة [1].' });
    const followUp = await inThread(first.id, 'وبماذا وعد؟');
    const [condense, answer] = llm.requests.slice(before);
    // the history travels as data: the earlier question and the sentence it quoted
    const prompt = String(condense!.messages.find((m) => m.role === 'user')!.content);
    expect(prompt).toContain('<asked>من هو وانغ يي؟</asked>');
    expect(prompt).toContain(sentence('12.1').text);
    expect(prompt).toContain('<question>\nوبماذا وعد؟\n</question>');
    expect(String(answer!.messages.find((m) => m.role === 'user')!.content)).toContain('بماذا وعد وانغ يي؟');
    expect(followUp.content).toContain('-# فهمت السؤال هكذا: \u2068بماذا وعد وانغ يي؟\u2069');
    expect(quotes(followUp.content)).toEqual(['13.1']);
  });

  it('when the model fails, the offline reading is used and the answer is extractive', async () => {
    const first = await (async () => {
      llm.script({ kind: 'reply', content: 'وانغ يي دبلوماسي صيني [1].' });
      return ask('من هو وانغ يي؟');
    })();
    llm.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const followUp = await inThread(first.id, 'بماذا وعد هو؟');
    expect(followUp.content).toContain('بماذا وعد وانغ يي؟');
    expect(quotes(followUp.content)[0]).toBe('13.1');
    expect(modelLog.lines.some((l) => l.msg.includes('model call failed') && l.task === 'condense')).toBe(true);
  });
});
