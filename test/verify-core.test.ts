// Quote checking on the seed article: verdicts, spans that are the article's own text, the diff and its
// call-outs, and every bad input.
import { describe, expect, it } from 'vitest';
import { articleFromText, loadArticle } from '../src/text/article.ts';
import { MAX_CLAIM_CHARS, verifyQuote, type Verification } from '../src/verify/verify.ts';
import { renderVerification } from '../src/discord/render-verify.ts';
import { toPayload } from '../src/discord/render.ts';

const article = loadArticle('articles/xi-putin-visit.ar.txt');
const sentence = (id: string) => article.sentences.find((s) => s.id === id)!;

function expectSpansExact(result: Verification): void {
  for (const span of [...result.spans, ...(result.nearest ?? [])]) expect(span.text).toBe(article.text.slice(span.start, span.end));
  for (const part of result.diff) {
    if (part.articleStart !== undefined) expect(part.article).toBe(article.text.slice(part.articleStart, part.articleEnd));
  }
}

describe('verifyQuote', () => {
  it('finds a whole sentence, a fragment and a run of two sentences word for word', () => {
    const whole = verifyQuote(article, sentence('6.1').text);
    expect(whole).toMatchObject({ verdict: 'exact', occurrences: 1 });
    expect(whole.spans).toEqual([{ id: '6.1', start: sentence('6.1').start, end: sentence('6.1').end, text: sentence('6.1').text }]);

    const fragment = verifyQuote(article, 'تحاول فيه الصين وضع نفسها كوسيط سلام محايد');
    expect(fragment.verdict).toBe('exact');
    expect(fragment.spans[0]!.text).toBe('تحاول فيه الصين وضع نفسها كوسيط سلام محايد');

    const two = verifyQuote(article, `${sentence('6.1').text} ${sentence('7.1').text}`);
    expect(two.verdict).toBe('exact');
    expect(two.spans.map((s) => s.id)).toEqual(['6.1', '7.1']);
    expectSpansExact(two);
  });

  it('ignores only what does not change meaning: diacritics, tatweel, alef forms, ى/ي, ة/ه, spaces and quote styles', () => {
    const respelt = 'وتأتي الزّيارةُ في الوقـــت الذي تحاول فيه الصين وضع نفسها كوسيط سلام محايد في اوكرانيا';
    const result = verifyQuote(article, `«${respelt}»`);
    expect(result.verdict).toBe('exact');
    expect(result.spans[0]!.text).toBe('وتأتي الزيارة في الوقت الذي تحاول فيه الصين وضع نفسها كوسيط سلام محايد في أوكرانيا');
  });

  it('calls a changed word close, shows the article text and says what changed', () => {
    const result = verifyQuote(article, 'وتأتي الزيارة في الوقت الذي تحاول فيه الهند وضع نفسها كوسيط سلام محايد');
    expect(result.verdict).toBe('close');
    expect(result.differences).toEqual([expect.objectContaining({ kind: 'changed', article: 'الصين', claim: 'الهند', subject: 'word' })]);
    expectSpansExact(result);
  });

  it('calls out an added negation and a changed number before other differences', () => {
    const negated = verifyQuote(article, `لم ${sentence('5.2').text}`);
    expect(negated.verdict).toBe('close');
    expect(negated.differences[0]).toMatchObject({ kind: 'added', claim: 'لم', subject: 'negation' });
    expect(negated.spans.map((s) => s.id)).toEqual(['5.2']);

    const text = 'على مدى 10 سنوات، التقى الرئيسان مرات كثيرة في عواصم مختلفة وتحدثا عن التجارة.';
    const numbered = articleFromText(`العنوان\n${text}`);
    const changed = verifyQuote(numbered, text.replace('10', '12').replace('كثيرة', 'قليلة'));
    expect(changed.verdict).toBe('close');
    expect(changed.differences.map((d) => d.subject)).toEqual(['number', 'word']);
    expect(changed.differences[0]).toMatchObject({ article: '10', claim: '12' });
  });

  it('says not in the article for unrelated text, and shows a related sentence only as the nearest, not a match', () => {
    expect(verifyQuote(article, 'كرة القدم رياضة شعبية جدا في البرازيل')).toMatchObject({ verdict: 'not-found', spans: [] });
    expect(verifyQuote(article, 'كرة القدم رياضة شعبية جدا في البرازيل').nearest).toBeUndefined();
    const loose = verifyQuote(article, 'قالت وزارة الخارجية إن الزيارة ستكون في الربيع المقبل مع وفد كبير من رجال الأعمال');
    expect(loose.verdict).toBe('not-found');
    expectSpansExact(loose);
  });

  it('answers English with "Arabic quotes only", unless it is a name the article has', () => {
    expect(verifyQuote(article, 'What did China refuse to condemn?')).toMatchObject({ verdict: 'not-found', problem: 'other-language' });
    const name = verifyQuote(article, 'Wang Yi');
    expect(name).toMatchObject({ verdict: 'close', transliterated: true });
    expect(name.spans[0]!.text).toBe('وانغ يي');
  });

  it('refuses empty, punctuation-only and over-long text with a reason', () => {
    expect(verifyQuote(article, '   ').problem).toBe('empty');
    expect(verifyQuote(article, '«…»!!').problem).toBe('empty');
    expect(verifyQuote(article, 'ا'.repeat(MAX_CLAIM_CHARS + 1)).problem).toBe('too-long');
  });
});

describe('renderVerification', () => {
  it('passes the exact-quote check at the way out for every verdict, hostile text included', () => {
    const claims = [
      sentence('9.1').text,
      `لم ${sentence('9.1').text}`,
      '@everyone <@123> https://evil.example كرة القدم',
      'Wang Yi',
      'Who is Putin?',
      '',
    ];
    for (const claim of claims) {
      const messages = renderVerification(article, claim, verifyQuote(article, claim));
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        const payload = toPayload(message, article.text);
        expect(payload.content.length).toBeLessThanOrEqual(2000);
        expect(payload.content).not.toMatch(/@everyone|<@123>|https:\/\/evil/);
      }
    }
  });

  it('says the negation in words, in the claim\'s language', () => {
    const claim = `لم ${sentence('5.2').text}`;
    const [first] = renderVerification(article, claim, verifyQuote(article, claim));
    expect(first!.content).toContain('نفي مضاف');
    expect(first!.content).toContain(`> ${sentence('5.2').text}`);
  });
});

describe('quote checking on awkward text', () => {
  it('shows article text holding "$$" or "$&" exactly in the list of differences', () => {
    const text = 'تقرير الأسعار\nارتفع سعر السهم من 5$$7 إلى مستوى $& قياسي خلال الأسبوع الماضي في السوق.\n';
    const priced = articleFromText(text);
    const claim = 'ارتفع سعر السهم من 6$$8 إلى مستوى $& قياسي خلال الأسبوع الماضي في السوق';
    const result = verifyQuote(priced, claim);
    expect(result.verdict).toBe('close');
    const [first] = renderVerification(priced, claim, result);
    expect(first!.content).toContain('«5$$7»');
    for (const message of renderVerification(priced, claim, result)) expect(() => toPayload(message, text)).not.toThrow();
  });

  it('reads invisible format characters inside a word as part of it (ZWNJ, soft hyphen)', () => {
    const respelt = sentence('6.1').text.replace('الزيارة', 'الزي\u200cارة').replace('الصين', 'الص\u00adين');
    expect(verifyQuote(article, respelt).verdict).toBe('exact');
  });

  it('calls out a negation in an English contraction', () => {
    const english = articleFromText('Title\nThe minister will attend the summit in Paris next week with his advisers.\n');
    const result = verifyQuote(english, "The minister won't attend the summit in Paris next week with his advisers.");
    expect(result.differences.some((d) => d.subject === 'negation')).toBe(true);
  });

  it('refuses a claim that folds into too many words, quickly', () => {
    const started = performance.now();
    expect(verifyQuote(article, 'ﷺا'.repeat(2000)).problem).toBe('too-long');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps a long list of differences in the message, split between lines', () => {
    const words = Array.from({ length: 420 }, (_, i) => `كلمة${i}`);
    const long = articleFromText(`عنوان\n${words.join(' ')}.\n`);
    const changed = words.map((w, i) => (i % 70 < 21 && i % 70 >= 10 ? `بديل${i}` : w));
    const result = verifyQuote(long, changed.join(' '));
    const messages = renderVerification(long, changed.join(' '), result);
    const all = messages.map((m) => toPayload(m, long.text).content).join('\n');
    // six differences, each its own line, none of them cut away
    expect(result.differences).toHaveLength(6);
    expect(all.match(/^• /gmu)).toHaveLength(6);
    for (const m of messages) expect(m.content.length).toBeLessThanOrEqual(2000);
  });
});
