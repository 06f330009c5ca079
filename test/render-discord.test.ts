import { describe, expect, it } from 'vitest';
import { loadArticle, articleFromText } from '../src/text/article.ts';
import { makeCitation, QuoteMismatchError } from '../src/qa/citations.ts';
import type { Answer, Citation } from '../src/qa/types.ts';
import {
  MESSAGE_LIMIT,
  packBlocks,
  renderAnswer,
  renderSentenceInContext,
  renderSourceMessages,
  renderSummary,
  renderUnknownSentence,
  sanitiseUserText,
  splitPlainText,
  threadName,
  toPayload,
  truncate,
} from '../src/discord/render.ts';
import { suggestSentences } from '../src/discord/suggest.ts';

const article = loadArticle('articles/xi-putin-visit.ar.txt');
const cite = (id: string): Citation => makeCitation(article, article.sentences.find((s) => s.id === id)!, 0.5);
const allCitations = article.sentences.map((s) => makeCitation(article, s, 0.5));

function answerWith(citations: Citation[], question = 'متى سيزور شي روسيا؟'): Answer {
  return { question, language: 'ar', answered: citations.length > 0, lead: 'يقول المقال:', citations };
}

describe('sanitiseUserText', () => {
  it('breaks @everyone, @here, user and role mentions with a zero-width space', () => {
    const text = sanitiseUserText('hi @everyone and @here <@123456789012345678> <@!123456789012345678> <@&223456789012345678>');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@!\d|<@&\d/);
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain('<@&\u200b223456789012345678>');
  });

  it('puts the question on one line, escapes markdown and truncates long input', () => {
    expect(sanitiseUserText('a\n> b *c*')).toBe('a > b \\*c\\*');
    const long = sanitiseUserText('س'.repeat(6000));
    expect(Array.from(long).length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair when truncating', () => {
    const cut = truncate('😀'.repeat(10), 5);
    expect(cut).toBe('😀😀😀😀…');
  });
});

describe('threadName', () => {
  it('is at most 100 characters, one line, without mentions, with a fallback', () => {
    expect(Array.from(threadName('سؤال '.repeat(100))).length).toBeLessThanOrEqual(100);
    expect(threadName('a\nb')).toBe('a b');
    expect(threadName('<@123456789012345678>')).toBe('Sources');
    expect(threadName('@everyone now')).not.toContain('@everyone');
  });
});

describe('renderAnswer', () => {
  it('shows a lead, then numbered exact quotes with [id] labels as block quotes, and vote buttons', () => {
    const messages = renderAnswer(answerWith([cite('1.1'), cite('3.1')]), { answerKey: '42', sourcesInThread: true });
    expect(messages).toHaveLength(1);
    const content = messages[0]!.content;
    expect(content).toContain('**1 · [1.1]**');
    expect(content).toContain(`> ${cite('1.1').text}`);
    expect(content).toContain('**2 · [3.1]**');
    expect(content).toContain(`> ${cite('3.1').text}`);
    expect(content.indexOf('[1.1]')).toBeLessThan(content.indexOf('[3.1]'));
    expect(messages[0]!.components?.[0]?.components.map((c) => c.custom_id)).toEqual(['vote:up:42', 'vote:down:42']);
  });

  it('says plainly when the article does not answer, without quotes', () => {
    const [message] = renderAnswer({ question: 'What is the capital of Peru?', language: 'en', answered: false, lead: '', citations: [] });
    expect(message!.content).toContain('The article does not say');
    expect(message!.quotes).toEqual([]);
  });

  it('splits many quotes between quotes, each message within 2,000 characters', () => {
    const messages = renderAnswer(answerWith(allCitations), { answerKey: '1' });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      for (const quote of message.quotes) expect(message.content).toContain(`> ${quote.text}`);
    }
    expect(messages.flatMap((m) => m.quotes.map((q) => q.id))).toEqual(allCitations.map((c) => c.id));
    expect(messages.slice(1).every((m) => !m.components)).toBe(true);
  });

  it('neutralises mentions in the echoed question', () => {
    const [message] = renderAnswer(answerWith([cite('1.1')], '@everyone <@&123456789012345678> when?'));
    expect(message!.content).not.toMatch(/@everyone|<@&\d/);
  });
});

describe('packBlocks', () => {
  it('cuts a single over-long sentence into consecutive exact slices of the article', () => {
    const long = `${'كلمة '.repeat(900)}نهاية.`;
    const big = articleFromText(`مقدمة قصيرة.\n${long}\n`, 'big');
    const sentence = big.sentences.find((s) => s.text.length > 4000)!;
    const messages = packBlocks([{ text: `> ${sentence.text}`, quotes: [makeCitation(big, sentence, 1)] }]);
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(() => toPayload(message, big.text)).not.toThrow();
    }
    expect(messages.map((m) => m.quotes[0]!.text).join('')).toBe(sentence.text);
  });
});

describe('splitPlainText', () => {
  it('splits at sentence ends within the limit and keeps all the text', () => {
    const text = 'جملة أولى طويلة. '.repeat(200);
    const chunks = splitPlainText(text, 500);
    expect(chunks.every((c) => c.length <= 500)).toBe(true);
    expect(chunks.every((c) => c.endsWith('.'))).toBe(true);
    expect(chunks.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});

describe('toPayload', () => {
  it('always disallows mentions and passes exact quotes', () => {
    const [message] = renderAnswer(answerWith([cite('5.2')]));
    expect(toPayload(message!, article.text).allowedMentions).toEqual({ parse: [] });
  });

  it('refuses a quote that is not the article text', () => {
    const bad = { ...cite('1.1'), text: cite('1.1').text.replace('الرئيس الصيني فلاديمير', 'الرئيس الروسي فلاديمير') };
    const [message] = renderAnswer(answerWith([bad]));
    expect(() => toPayload(message!, article.text)).toThrow(QuoteMismatchError);
  });

  it('refuses a quote that the message does not show verbatim', () => {
    expect(() => toPayload({ content: 'nothing here', quotes: [cite('1.1')] }, article.text)).toThrow(QuoteMismatchError);
  });
});

describe('sources and /source', () => {
  it('gives one message per cited sentence: its place in the article, and the sentence between its neighbours', () => {
    const messages = renderSourceMessages(article, [cite('1.1'), cite('5.2')], 'ar');
    expect(messages).toHaveLength(2);
    expect(messages[1]!.content).toMatch(/^\*\*\[5\.2\]\*\* · الفقرة 5 من 16، الجملة 2\n-# \[5\.1\]\n> /);
    expect(messages[1]!.content).toContain(`**[5.2]** ◀\n> ${cite('5.2').text}`);
    expect(messages[1]!.quotes.map((q) => q.id)).toEqual(['5.1', '5.2', '6.1']);
    expect(messages[0]!.quotes.map((q) => q.id)).toEqual(['1.1', '2.1']);
    for (const m of messages) expect(() => toPayload(m, article.text)).not.toThrow();
  });

  it('merges overlapping and touching windows into one passage, each sentence shown once with the quoted ones marked', () => {
    // 3.1 and 4.1 overlap ([2.1-4.1], [3.1-5.1]); 6.1 touches ([5.2-7.1] follows 5.1); 12.1 stands apart
    const cited = ['4.1', '12.1', '3.1', '6.1'].map(cite);
    const messages = renderSourceMessages(article, cited, 'ar');
    const shown = messages.flatMap((m) => m.quotes.map((q) => q.id));
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toEqual(['2.1', '3.1', '4.1', '5.1', '5.2', '6.1', '7.1', '11.1', '12.1', '12.2']);
    const content = messages.map((m) => m.content).join('\n');
    for (const id of ['3.1', '4.1', '6.1', '12.1']) expect(content).toContain(`**[${id}]** ◀\n> ${cite(id).text}`);
    for (const id of ['2.1', '5.1', '5.2', '7.1', '11.1', '12.2']) expect(content).toContain(`-# [${id}]\n> `);
    // the passage of the best quote (4.1) comes first; its heading names both quoted sentences' places
    expect(messages[0]!.content).toMatch(/^\*\*\[3\.1\]\*\* · الفقرة 3 من 16، الجملة 1 · \*\*\[4\.1\]\*\* · الفقرة 4 من 16/);
    for (const m of messages) expect(() => toPayload(m, article.text)).not.toThrow();
  });

  it('shows a sentence with its neighbours, and the edges of the article with one neighbour', () => {
    const middle = renderSentenceInContext(article, article.sentences.find((s) => s.id === '5.1')!);
    expect(middle.flatMap((m) => m.quotes.map((q) => q.id))).toEqual(['4.1', '5.1', '5.2']);
    const first = renderSentenceInContext(article, article.sentences[0]!);
    expect(first.flatMap((m) => m.quotes.map((q) => q.id))).toEqual(['1.1', '2.1']);
    for (const m of [...middle, ...first]) expect(() => toPayload(m, article.text)).not.toThrow();
  });

  it('explains unknown ids with the valid range', () => {
    const message = renderUnknownSentence(article, '99.9');
    expect(message.content).toContain('99.9');
    expect(message.content).toContain('[1.1]');
    expect(message.content).toContain(`[${article.sentences.at(-1)!.id}]`);
  });

  it('autocompletes ids by prefix and by words, within Discord limits', () => {
    const byId = suggestSentences(article, '5');
    expect(byId.map((c) => c.value)).toEqual(article.sentences.filter((s) => s.id.startsWith('5')).map((s) => s.id));
    expect(suggestSentences(article, '').length).toBe(Math.min(25, article.sentences.length));
    // ids typed with Arabic-Indic or Persian digits complete the same way
    expect(suggestSentences(article, '١٢').map((c) => c.value)).toEqual(['12.1', '12.2']);
    expect(suggestSentences(article, '۱۲.۲').map((c) => c.value)).toEqual(['12.2']);
    const byWord = suggestSentences(article, 'الكرملين');
    expect(byWord.length).toBeGreaterThan(0);
    expect(byWord.every((c) => c.name.length <= 100)).toBe(true);
  });
});

describe('renderSummary', () => {
  it('shows the quotes once when the summary is just those quotes', () => {
    const citations = [cite('1.1'), cite('2.1')];
    const messages = renderSummary({ text: citations.map((c) => c.text).join(' '), citations }, article, { answerKey: 's' });
    const content = messages.map((m) => m.content).join('\n');
    expect(content.split(cite('1.1').text)).toHaveLength(2);
    expect(messages.every((m) => m.content.length <= MESSAGE_LIMIT)).toBe(true);
  });

  it('shows the summarizer text when nothing is quoted (topic not found)', () => {
    const [message] = renderSummary({ text: 'لا يتناول المقال هذا الموضوع.', citations: [], topicFound: false }, article, { topic: 'كرة القدم' });
    expect(message!.content).toContain('لا يتناول المقال هذا الموضوع.');
  });
});

describe('quotes with a line break', () => {
  it('stay one block quote and still pass the exact-quote check', () => {
    const text = 'سطر أول\r\nسطر ثان.';
    // a citation that is not one of the article's sentences is shown alone, without neighbours
    const citation: Citation = { id: '9.9', paragraph: 9, sentence: 9, start: 0, end: text.length, text, score: 1 };
    const [message] = renderSourceMessages(articleFromText('عنوان'), [citation], 'ar');
    expect(message!.content.split('\n').slice(1).every((line) => line.startsWith('> '))).toBe(true);
    expect(() => toPayload(message!, text)).not.toThrow();
  });
});
