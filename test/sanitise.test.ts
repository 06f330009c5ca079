// The one cleaner for text the bot repeats from a person or a model.
import { describe, expect, it } from 'vitest';
import { cleanEchoedText, defangAddress, neutraliseLinks } from '../src/discord/sanitise.ts';
import { renderAnswer, sanitiseUserText, threadName } from '../src/discord/render.ts';
import { renderedText } from '../src/discord/inert.ts';
import { makeCitation } from '../src/qa/citations.ts';
import { articleFromText } from '../src/text/article.ts';

/** What Discord would turn into a link: a scheme with ://, a masked link, www., or an invite without a scheme. */
const CLICKABLE = /\]\(\s*<?[a-z]+:|\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\bdiscord(?:app)?\.(?:gg|com)\/|\bdsc\.gg\//iu;

describe('links are never echoed clickable', () => {
  it('a masked link shows its words and a defanged address', () => {
    const out = sanitiseUserText('[Free Nitro](http://evil.example/login) متى سيزور شي روسيا؟');
    expect(out).not.toMatch(CLICKABLE);
    expect(out).toContain('Free Nitro');
    expect(out).toContain('evil[.]example');
    expect(out).toContain('متى سيزور شي روسيا؟');
  });

  it('masked links with angle brackets or a title, and an address as the link text', () => {
    for (const text of ['[x](<https://evil.example>)', '[x](https://evil.example "t")', '[https://good.example](https://evil.example)']) {
      expect(sanitiseUserText(text), text).not.toMatch(CLICKABLE);
    }
  });

  it('plain URLs, <url>, www. addresses and nested URLs are defanged', () => {
    for (const text of [
      'see https://evil.example/a?b=1',
      'see <https://evil.example>',
      'see www.evil.example/x',
      'see https://a.example/?u=https://b.example',
      'ftp://files.example/x',
    ]) {
      expect(sanitiseUserText(text), text).not.toMatch(CLICKABLE);
    }
    expect(defangAddress('https://evil.example/login')).toBe('https[:]//evil[.]example/login');
  });

  it('discord.gg and discord.com invites, with or without a scheme', () => {
    for (const text of ['join discord.gg/abc123', 'join https://discord.gg/abc123', 'discord.com/invite/abc', 'discordapp.com/invite/x', 'dsc.gg/x']) {
      expect(sanitiseUserText(text), text).not.toMatch(CLICKABLE);
    }
  });

  it('thread names and model text are neutralised too', () => {
    expect(threadName('[Free Nitro](http://evil.example) discord.gg/x')).not.toMatch(CLICKABLE);
    expect(cleanEchoedText('قال [هنا](https://evil.example) www.evil.example')).not.toMatch(CLICKABLE);
    expect(neutraliseLinks('no links here 2.5 [4.1]')).toBe('no links here 2.5 [4.1]');
  });
});

describe('invisible tricks are removed', () => {
  it('bidi embeddings, overrides and isolates', () => {
    const out = sanitiseUserText('abc\u202Egnp.exe\u202C \u202A\u202B\u202D\u2066\u2067\u2068\u2069 سؤال');
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    expect(threadName('\u202Eevil')).toBe('evil');
  });

  it('runs of direction marks shrink to one; a single mark in mixed text stays', () => {
    expect(cleanEchoedText('a\u200F\u200F\u200F\u200Eb')).toBe('a\u200Fb');
    expect(cleanEchoedText('شي\u200F Xi')).toBe('شي\u200F Xi');
  });

  it('NUL, BEL, ESC, DEL and C1 controls', () => {
    const out = sanitiseUserText('a\u0000b\u0007c\u001B[31md\u007Fe\u0085f');
    expect(out).toBe('abc[31mdef');
    expect(threadName('\u0000\u0007\u001B')).toBe('Sources');
  });

  it('lone surrogates become U+FFFD, pairs stay whole', () => {
    const out = sanitiseUserText('a\uD83Db \uDE00c 😀');
    expect(out).toBe('a\uFFFDb \uFFFDc 😀');
    expect(out).not.toMatch(/[\uD800-\uDFFF]/u);
    expect(threadName('x\uD800')).toBe('x\uFFFD');
  });
});

describe('quotes from the article are never altered', () => {
  it('an answer echoes a cleaned question; its quotes show byte for byte and are never clickable', () => {
    const text = 'زار شي https://example.com/x اليوم\u200F\u200F.\nقال بوتين www.kremlin.ru كلاما.\n';
    const own = articleFromText(text, 'links.txt');
    const citations = own.sentences.map((s) => makeCitation(own, s, 1));
    const [message] = renderAnswer({ question: 'see https://evil.example', language: 'ar', answered: true, lead: 'يقول المقال:', citations });
    const quoted = message!.content.split('\n').filter((line) => line.startsWith('> ')).map((line) => line.slice(2));
    expect(quoted.map(renderedText)).toEqual(citations.map((c) => text.slice(c.start, c.end)));
    for (const line of quoted) expect(line).not.toMatch(CLICKABLE);
    expect(message!.content.split('\n')[0]).not.toMatch(CLICKABLE);
  });
});
