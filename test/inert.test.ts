// Article text shown exactly but inert: the escape is undone exactly by Discord's rule (what a reader
// sees is the article's characters), and what is left live in a quote can neither link, ping nor format.
import { describe, expect, it } from 'vitest';
import { escapeInert, renderedText } from '../src/discord/inert.ts';
import { MESSAGE_LIMIT, renderAnswer, renderSourceMessages, toPayload, type OutgoingMessage } from '../src/discord/render.ts';
import { articleLine, renderArticlePreview } from '../src/discord/render-article.ts';
import { makeCitation } from '../src/qa/citations.ts';
import { articleFromText } from '../src/text/article.ts';
import { liveMarkup } from './support/live-markup.ts';
import { renderVerification } from '../src/discord/render-verify.ts';
import { verifyQuote } from '../src/verify/verify.ts';

const HOSTILE = [
  '[اضغط هنا](https://evil.example/login) للتفاصيل',
  '[x](<https://evil.example>) و [y](https://evil.example "t")',
  'زوروا https://evil.example/a_b_c?d=1 و www.evil.example و discord.gg/abc و discordapp.com/invite/x',
  '@everyone @here <@123456789012345678> <@!123> <@&987654321098765432> <#555555555555555555>',
  '<:emoji:123456> <a:dance:123456> <t:1700000000:R> </ask:123456>',
  '# عنوان كبير',
  '## عنوان\n### وآخر\n-# سطر صغير',
  '- بند\n* بند\n+ بند\n1. أول\n  2. ثاني\n١. عربي',
  '**عريض** *مائل* _مائل_ __تحته خط__ ~~مشطوب~~ ||مخفي|| `رمز` ```كتلة```',
  '> اقتباس\n>>> اقتباس طويل',
  'شرطة مائلة \\ و \\* و \\\\ و \\n حرفيا، وفي النهاية \\',
  'https\\://already.example و \\[x](https://evil.example)',
];

// Arabic news punctuation and odd bytes that are not markup: they must come back exactly, too.
const ORDINARY = [
  'قال الرئيس: "إن العلاقات (بين البلدين) قوية"، وأضاف؛ هل هذا صحيح؟ نعم! 12.5% في 2023-03-20.',
  'ارتفعت أسعارُ القمـح\u00a0بنسبة ١٢٫٥ في المئة… «هكذا»\r\n',
  'شي\u200F Xi 😀 👍🏽 e\u0301',
  '',
];

/** Deterministic random strings over markup, Arabic, spaces, digits and line breaks (a seeded generator). */
function randomStrings(count: number, seed = 7): string[] {
  const alphabet = [...'\\*_~`|<>[]()@#-+.:/!?،؛؟ \n\t0123456789١٢abcwwwdiscord.gghttps', 'قال', 'الرئيس', 'ـ', '😀', '\u200F'];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

describe('escapeInert', () => {
  it('is undone exactly by the way Discord renders a backslash, for hostile, ordinary and random text', () => {
    for (const text of [...HOSTILE, ...ORDINARY, ...randomStrings(2000)]) expect(renderedText(escapeInert(text)), JSON.stringify(text)).toBe(text);
  });

  it('leaves nothing live: no link, invite, mention, heading, list or formatting', () => {
    for (const text of HOSTILE) expect(liveMarkup(text), `the check sees markup in ${JSON.stringify(text)}`).not.toEqual([]);
    for (const text of [...HOSTILE, ...randomStrings(2000)]) expect(liveMarkup(escapeInert(text)), JSON.stringify(text)).toEqual([]);
  });

  it('adds nothing to ordinary Arabic news text', () => {
    expect(escapeInert(ORDINARY[0]!)).toBe(ORDINARY[0]);
    expect(escapeInert(ORDINARY[1]!)).toBe(ORDINARY[1]);
  });

  it('escapes each construct as expected', () => {
    expect(escapeInert('[a](https://x.example)')).toBe('\\[a\\](https\\://x.example)');
    expect(escapeInert('@everyone <@1>')).toBe('\\@everyone \\<\\@1\\>');
    expect(escapeInert('# h\n-# s\n1. n')).toBe('\\# h\n\\-# s\n1\\. n');
    expect(escapeInert('see www.x.example, discord.gg/a')).toBe('see www\\.x.example, discord\\.gg/a');
  });
});

const ARTICLE = [
  '# [عاجل](https://evil.example/login) زيارة مهمة @everyone',
  'وقال المتحدث <@123456789012345678> إن **الزيارة** ناجحة في <#555555555555555555>.',
  '- وأضاف أن العلاقات https://evil.example/x قوية جدا.',
].join('\n');

function quoteLines(messages: OutgoingMessage[]): string[] {
  return messages.flatMap((m) => m.content.split('\n')).filter((line) => line.startsWith('> ')).map((line) => line.slice(2));
}

describe('quotes in messages', () => {
  const article = articleFromText(ARTICLE, 'hostile');
  const citations = article.sentences.map((s) => makeCitation(article, s, 1));

  it('an answer shows each quote as the article wrote it, and nothing in it can link, ping or format', () => {
    const messages = renderAnswer({ question: 'ماذا قال؟', language: 'ar', answered: true, lead: 'يقول المقال:', citations });
    const lines = quoteLines(messages);
    expect(lines.map(renderedText)).toEqual(citations.map((c) => ARTICLE.slice(c.start, c.end)));
    for (const line of lines) expect(liveMarkup(line), line).toEqual([]);
    for (const message of messages) expect(() => toPayload(message, ARTICLE)).not.toThrow();
  });

  it('the sources thread shows the sentences around each quote inert too', () => {
    const messages = renderSourceMessages(article, citations.slice(1, 2), 'ar');
    const lines = quoteLines(messages);
    expect(lines.map(renderedText)).toEqual(article.sentences.map((s) => s.text));
    for (const line of lines) expect(liveMarkup(line), line).toEqual([]);
  });

  it('a quote longer than a message, full of escapes, is cut into parts that fit and rejoin to the quote', () => {
    const long = `${'**[x](https://e.example)** @everyone '.repeat(120)}نهاية.`;
    const own = articleFromText(long, 'long');
    const citation = makeCitation(own, own.sentences[0]!, 1);
    const messages = renderAnswer({ question: 'س', language: 'ar', answered: true, lead: 'ل', citations: [citation] });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.content.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(() => toPayload(message, long)).not.toThrow();
    }
    expect(messages.flatMap((m) => m.quotes).map((q) => q.text).join('')).toBe(citation.text);
    expect(quoteLines(messages).map(renderedText).join('')).toBe(citation.text);
  });
});

describe('titles and page previews', () => {
  it('an article line shows a hostile title as written, inert, without controls', () => {
    const title = '[Free Nitro](https://evil.example) @everyone \u202Egnp.exe\u001B[31m';
    const line = articleLine({ id: 'A2', title, outlet: '**Outlet** <@1>' });
    const shownTitle = /^📰 \u2068(.*?)\u2069 · /u.exec(line)![1]!.replace(/[\u2068\u2069]/gu, '');
    expect(renderedText(shownTitle)).toBe('[Free Nitro](https://evil.example) @everyone gnp.exe[31m');
    expect(liveMarkup(shownTitle)).toEqual([]);
    expect(line).not.toMatch(/[\u202A-\u202E\u001B]/u);
    expect(line).not.toMatch(/(?<!\\)<@1/u);
  });

  it('a page preview shows its lines inert', () => {
    const preview = renderArticlePreview({ title: 'T', text: 'T\n# [a](https://evil.example) @here\n' }, 'Add?');
    const line = preview.content.split('\n').find((l) => l.startsWith('> '))!;
    expect(liveMarkup(line.slice(2).replace(/[\u2068\u2069]/gu, ''))).toEqual([]);
  });
});

describe('a verification', () => {
  it('shows the article\'s words of each difference inert, and passes the check at the way out', () => {
    const text = 'عنوان الخبر\nوأضاف أن الوزير سيزور [الموقع](https://evil.example/x) غدا.\n';
    const article = articleFromText(text, 'hostile');
    const claim = 'وأضاف أن الوزير سيزور المكان غدا.';
    const result = verifyQuote(article, claim);
    expect(result.verdict).toBe('close');
    const messages = renderVerification(article, claim, result);
    const fragments = messages.flatMap((m) => m.quotes).filter((q) => !article.sentences.some((s) => s.start === q.start && s.end === q.end));
    expect(fragments.map((q) => q.text).join(' ')).toContain(']');
    for (const message of messages) expect(() => toPayload(message, text)).not.toThrow();
    const differenceLines = messages.flatMap((m) => m.content.split('\n')).filter((l) => l.startsWith('• '));
    expect(differenceLines.length).toBeGreaterThan(0);
    for (const line of differenceLines) expect(liveMarkup(line.slice(2)), line).toEqual([]);
  });
});
