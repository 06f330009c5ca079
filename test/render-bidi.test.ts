// Mixed Arabic/English lines: what the bot sends isolates the embedded text (FSI … PDI) so it keeps its
// order, and never puts an isolate inside a quote.
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../src/text/article.ts';
import { makeCitation } from '../src/qa/citations.ts';
import type { Answer, Citation } from '../src/qa/types.ts';
import { articleLine } from '../src/discord/render-article.ts';
import { renderAbout, renderAnswer, renderSourceMessages, renderSummary, toPayload } from '../src/discord/render.ts';
import { FSI, PDI, isolateForeignRuns } from '../src/discord/bidi.ts';
import { thanksFor } from '../src/discord/feedback.ts';

const article = loadArticle('articles/xi-putin-visit.ar.txt');
const cite = (id: string): Citation => makeCitation(article, article.sentences.find((s) => s.id === id)!, 0.5);
const ZWSP = '\u200b';

function answer(question: string, citations: Citation[]): Answer {
  return { question, language: 'ar', answered: true, lead: 'يقول المقال:', citations };
}

/** Every line opens as many isolates as it closes, in order, so nothing leaks into the next line. */
function balanced(text: string): boolean {
  return text.split('\n').every((line) => {
    let depth = 0;
    for (const ch of line) {
      if (ch === FSI) depth += 1;
      if (ch === PDI && --depth < 0) return false;
    }
    return depth === 0;
  });
}

describe('isolateForeignRuns', () => {
  it('isolates Latin runs in Arabic text, the @ of a mention with its name', () => {
    expect(isolateForeignRuns(`@${ZWSP}everyone @${ZWSP}here متى يزور Xi Jinping موسكو؟`, 'ar')).toBe(
      `${FSI}@${ZWSP}everyone @${ZWSP}here${PDI} متى يزور ${FSI}Xi Jinping${PDI} موسكو؟`,
    );
  });

  it('isolates Arabic runs in English text, leaving trailing neutrals outside', () => {
    expect(isolateForeignRuns('What did بوتين و شي say?', 'en')).toBe(`What did ${FSI}بوتين و شي${PDI} say?`);
    expect(isolateForeignRuns('Visit to موسكو في ٢٠٢٣!', 'en')).toBe(`Visit to ${FSI}موسكو في ٢٠٢٣${PDI}!`);
  });

  it('leaves text in one script alone', () => {
    expect(isolateForeignRuns('When will Xi visit Russia?', 'en')).toBe('When will Xi visit Russia?');
    expect(isolateForeignRuns('متى سيزور شي روسيا؟', 'ar')).toBe('متى سيزور شي روسيا؟');
  });
});

describe('mixed lines the bot sends', () => {
  it('isolates an echoed Arabic question that starts with @everyone @here, and keeps the quotes exact', () => {
    const messages = renderAnswer(answer('@everyone @here من دعا شي لزيارة موسكو؟', [cite('1.1'), cite('3.1')]));
    const content = messages[0]!.content;
    const questionLine = content.split('\n')[0]!;
    // the whole question isolated from its label, the English mentions isolated inside it
    expect(questionLine).toBe(`**السؤال:** ${FSI}${FSI}@${ZWSP}everyone @${ZWSP}here${PDI} من دعا شي لزيارة موسكو؟${PDI}`);
    for (const message of messages) {
      expect(balanced(message.content)).toBe(true);
      expect(() => toPayload(message, article.text)).not.toThrow();
      for (const quote of message.quotes) {
        expect(quote.text).toBe(article.text.slice(quote.start, quote.end));
        expect(quote.text).not.toMatch(/[\u2066-\u2069]/u);
      }
      // no isolate on a quoted line
      for (const line of message.content.split('\n').filter((l) => l.startsWith('> '))) expect(line).not.toMatch(/[\u2066-\u2069]/u);
    }
  });

  it('lets nobody smuggle in a lone isolate or override: typed controls are removed before isolating', () => {
    const [message] = renderAnswer(answer(`${PDI}${PDI}\u202Eمن دعا شي؟${FSI}`, [cite('1.1')]));
    expect(balanced(message!.content)).toBe(true);
    expect(message!.content).not.toContain('\u202E');
  });

  it('isolates the Arabic title on /about\'s English "Article:" line', () => {
    const line = renderAbout(article, articleLine({ id: 'A1', title: article.title })).content.split('\n').find((l) => l.startsWith('**Article:**'))!;
    expect(line.startsWith(`**Article:** ${FSI}📰 ${FSI}${article.title.replace(/\s+/g, ' ').trim().slice(0, 20)}`)).toBe(true);
    expect(line.endsWith(PDI)).toBe(true);
  });

  it('isolates the summary topic after its label', () => {
    const summary = { text: '', citations: [cite('1.1')] };
    const head = renderSummary(summary, article, { topic: 'the Russian view of أوكرانيا' })[0]!.content.split('\n')[0]!;
    expect(head).toBe(`**Summary of the article** · ${FSI}the Russian view of ${FSI}أوكرانيا${PDI}${PDI}`);
  });

  it('isolates the Arabic half of every vote thanks, its "!" included', () => {
    expect(thanksFor('up', undefined)).toBe(`Thanks for the 👍! · ${FSI}شكرا على رأيك!${PDI}`);
    for (const [vote, previous] of [['up', 'up'], ['down', 'up']] as const) {
      const text = thanksFor(vote, previous);
      expect(balanced(text)).toBe(true);
      expect(text).toMatch(new RegExp(`· ${FSI}[\\u0600-\\u06FF][^${PDI}]*${PDI}$`, 'u'));
    }
  });

  it('adds nothing to the sources thread, where each message is a place in the article and exact quotes', () => {
    for (const message of renderSourceMessages(article, [cite('2.1')], 'ar')) expect(message.content).not.toMatch(/[\u2066-\u2069]/u);
  });
});
