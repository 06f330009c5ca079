// Follow-ups read in their conversation (src/qa/conversation.ts, converse.ts) and questions about the whole
// article (src/qa/overview.ts), in Arabic and English, on the seed article's lexical index.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleIndex } from '../src/index/article-index.ts';
import { besideSentence, readInContext, type Turn } from '../src/qa/conversation.ts';
import { answerInConversation } from '../src/qa/converse.ts';
import { asksForOverview } from '../src/qa/overview.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import { seedIndex } from './bot-harness.ts';

let index: ArticleIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const turn = (readAs: string, shown: string[], about: string[] = []): Turn => ({ question: readAs, readAs, shown, about, kind: 'answer' });
const read = (question: string, turns: Turn[]) => readInContext(index, question, turns, asksForOverview);

/** Asks the questions in turn, as one conversation, and returns each reply. */
async function converse(...questions: string[]) {
  const turns: Turn[] = [];
  const replies = [];
  for (const question of questions) {
    const reply = await answerInConversation(extractiveAnswerService, index, question, turns);
    turns.push(reply.turn);
    replies.push(reply);
  }
  return replies;
}

describe('reading a follow-up in its conversation', () => {
  it('a first question stands alone, whatever it says', () => {
    expect(read('and when?', [])).toEqual({ kind: 'standalone', question: 'and when?' });
    expect(read('ومتى؟', [])).toEqual({ kind: 'standalone', question: 'ومتى؟' });
  });

  it('"and when?" / "and why?" ask that of the earlier event (English)', () => {
    const earlier = [turn('What did China refuse to condemn?', ['9.1'], ['China'])];
    expect(read('and when?', earlier)).toMatchObject({ kind: 'rewritten', question: 'when did China refuse to condemn?' });
    expect(read('And why?', earlier)).toMatchObject({ kind: 'rewritten', question: 'why did China refuse to condemn?' });
    expect(read('who said that?', earlier)).toMatchObject({ kind: 'rewritten', question: 'who did China refuse to condemn?' });
  });

  it('«ومتى؟» / «ولماذا؟» ask that of the earlier event, the earlier question word and its filler dropped (Arabic)', () => {
    const earlier = [turn('ما الذي رفضت الصين إدانته؟', ['9.1'], ['الصين'])];
    expect(read('ومتى؟', earlier)).toMatchObject({ kind: 'rewritten', question: 'متى رفضت الصين إدانته؟' });
    expect(read('وليش؟', earlier)).toMatchObject({ kind: 'rewritten', question: 'ليش رفضت الصين إدانته؟' });
    expect(read('ومتى حدث ذلك؟', earlier)).toMatchObject({ kind: 'rewritten', question: 'متى رفضت الصين إدانته؟' });
  });

  it('a personal pronoun becomes what the conversation was about (English)', () => {
    const earlier = [turn('Who is Wang Yi?', ['12.1'], ['Wang Yi'])];
    expect(read('What did he promise?', earlier)).toMatchObject({ kind: 'rewritten', question: 'What did Wang Yi promise?', referent: 'Wang Yi' });
    expect(read('what was his promise?', earlier)).toMatchObject({ question: "what was Wang Yi's promise?" });
  });

  it('an independent or an attached pronoun is resolved, the attached one by naming it beside the word (Arabic)', () => {
    const earlier = [turn('من هو وانغ يي؟', ['12.1'], ['وانغ يي'])];
    expect(read('بماذا وعد هو؟', earlier)).toMatchObject({ kind: 'rewritten', question: 'بماذا وعد وانغ يي؟' });
    expect(read('ماذا قال عنه؟', earlier)).toMatchObject({ kind: 'rewritten', question: 'ماذا قال عنه (وانغ يي)؟' });
    expect(read('ولماذا زارها؟', [turn('من زار موسكو؟', ['12.1'], ['موسكو'])])).toMatchObject({ question: 'ولماذا زارها (موسكو)؟' });
  });

  it('a pronoun with nothing earlier to point at is left as asked', () => {
    expect(read('What did he promise?', [turn('ما موضوع المقال؟', ['1.1'], [])])).toEqual({ kind: 'standalone', question: 'What did he promise?' });
  });

  it('a whole question in a thread is not rewritten', () => {
    const earlier = [turn('Who is Wang Yi?', ['12.1'], ['Wang Yi'])];
    expect(read('What did Putin say about relations with China?', earlier)).toMatchObject({ kind: 'standalone' });
    expect(read('ماذا قال بوتين عن العلاقات بين بلاده والصين؟', earlier)).toMatchObject({ kind: 'standalone' });
  });

  it('"what happened next / before that" looks beside the latest sentence shown, in both languages and dialects', () => {
    const earlier = [turn('ماذا أعلن شي وبوتين في فبراير؟', ['7.1'])];
    for (const next of ['what happened next?', 'And then what happened?', 'وماذا حدث بعد ذلك؟', 'وبعدين شو صار؟', 'ثم ماذا؟']) {
      expect(read(next, earlier), next).toEqual({ kind: 'beside', direction: 'next', from: '7.1' });
    }
    for (const before of ['what happened before that?', 'وماذا حدث قبل ذلك؟']) {
      expect(read(before, earlier), before).toEqual({ kind: 'beside', direction: 'before', from: '7.1' });
    }
    expect(read('then why?', earlier)).not.toMatchObject({ kind: 'beside' });
    expect(read('What happened after the Winter Olympics opening ceremony?', earlier)).toMatchObject({ kind: 'standalone' });
  });

  it('beside skips what was shown and stops at the edges of the article', () => {
    const position = (id: string) => index.article.sentences.findIndex((s) => s.id === id);
    expect(besideSentence(index, '7.1', 'next', new Set())).toBe(position('8.1'));
    expect(besideSentence(index, '7.1', 'next', new Set(['8.1']))).toBe(position('9.1'));
    expect(besideSentence(index, '1.1', 'before', new Set())).toBeUndefined();
    expect(besideSentence(index, index.article.sentences.at(-1)!.id, 'next', new Set())).toBeUndefined();
  });
});

describe('answering in a conversation', () => {
  it('a resolved pronoun is answered from the sentence that holds it, and says how it was read', async () => {
    const [first, second] = await converse('من هو وانغ يي؟', 'بماذا وعد هو؟');
    expect(first!.answer.citations[0]!.id).toBe('12.1');
    expect(first!.readAs).toBeUndefined();
    expect(second!.readAs).toBe('بماذا وعد وانغ يي؟');
    expect(second!.answer.question).toBe('بماذا وعد هو؟'); // shown as asked
    expect(second!.answer.citations[0]!.id).toBe('13.1');
  });

  it('"what happened next" quotes the following sentence exactly, then the one after it', async () => {
    const [, next, after] = await converse('ماذا أعلن شي وبوتين في فبراير من العام الماضي؟', 'وماذا حدث بعد ذلك؟', 'and then what happened?');
    expect(next!.answer.citations.map((c) => c.id)).toEqual(['8.1']);
    expect(after!.answer.citations.map((c) => c.id)).toEqual(['9.1']);
    const citation = after!.answer.citations[0]!;
    expect(citation.text).toBe(index.article.text.slice(citation.start, citation.end));
    expect(after!.answer.language).toBe('en');
  });

  it('a question about the whole article gets a short cited overview, in its own language', async () => {
    const [ar, en] = await converse('ما موضوع المقال؟', 'What is this article about?');
    for (const reply of [ar!, en!]) {
      expect(reply.reading).toBe('overview');
      expect(reply.answer.answered).toBe(true);
      expect(reply.answer.citations.length).toBeGreaterThan(0);
      for (const c of reply.answer.citations) expect(c.text).toBe(index.article.text.slice(c.start, c.end));
    }
    expect(ar!.answer.lead).toMatch(/^عمّ يتحدث المقال/);
    expect(en!.answer.lead).toMatch(/^What the article is about/);
  });
});

describe('questions about the whole article', () => {
  it.each([
    'What is this article about?',
    "what's it about?",
    'Summarise the article',
    'can you summarize it for me please',
    'tl;dr?',
    'What is the main idea?',
    'tell me about this piece',
    'give me the gist',
    'ما موضوع المقال؟',
    'ما هي الفكرة الرئيسية للمقال؟',
    'لخص المقال',
    'عن ماذا يتحدث المقال؟',
    'شو بيحكي المقال؟',
    'المقال عن شو؟',
    'ايش فكرة المقال باختصار',
    'لخصلي ياه',
    'اعطني ملخص',
  ])('%s', (question) => {
    expect(asksForOverview(question)).toBe(true);
  });

  it.each([
    'What does the article say about Wang Yi?',
    'Who wrote the article?',
    'When will Xi visit Russia?',
    'ما موقف الصين من الغزو؟',
    'ماذا يقول المقال عن وانغ يي؟',
    'متى سيزور شي روسيا؟',
    'what is the topic of the talks between Xi and Putin?',
    'thanks',
    '',
  ])('not: %s', (question) => {
    expect(asksForOverview(question)).toBe(false);
  });
});
