import { describe, expect, it } from 'vitest';
import { LexicalEmbeddings } from '../src/index/lexical-embeddings.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(cosine(a, a));

describe('LexicalEmbeddings', () => {
  const embeddings = new LexicalEmbeddings();

  it('is deterministic and L2-normalised with a fixed dimension', async () => {
    const [a, b] = await embeddings.embedDocuments(['زار الرئيس الصيني موسكو', 'زار الرئيس الصيني موسكو']);
    expect(a).toHaveLength(embeddings.dimensions);
    expect(a).toEqual(b);
    expect(norm(a!)).toBeCloseTo(1, 6);
    expect(await new LexicalEmbeddings().embedQuery('زار الرئيس الصيني موسكو')).toEqual(a);
  });

  it('brings spelling variants, clitics and diacritics together', async () => {
    const plain = await embeddings.embedQuery('الصين وروسيا');
    const variant = await embeddings.embedQuery('وَالصِّين ورُوسيا');
    const other = await embeddings.embedQuery('كرة القدم في البرازيل');
    expect(cosine(plain, variant)).toBeGreaterThan(0.9);
    expect(cosine(plain, other)).toBeLessThan(0.2);
  });

  it('gives partial credit to related word forms through n-grams', async () => {
    const a = await embeddings.embedQuery('المفاوضات');
    const b = await embeddings.embedQuery('مفاوضات');
    const c = await embeddings.embedQuery('الطقس');
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it('returns a zero vector, not NaN, for text with no content words', async () => {
    const v = await embeddings.embedQuery('من في على');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it('names its settings in its id, including whether idf was fitted', () => {
    expect(embeddings.id).toMatch(new RegExp(`^lexical-v\\d+:d${embeddings.dimensions}:.*flat$`));
    expect(new LexicalEmbeddings({ fitOn: ['نص'] }).id).toMatch(/idf$/);
    expect(new LexicalEmbeddings({ dimensions: 256 }).id).not.toBe(embeddings.id);
  });
});

describe('LexicalEmbeddings fitted from the counts of an index', () => {
  it('gives exactly the vectors of fitting on the sentences', async () => {
    const { openArticleIndex } = await import('../src/index/article-index.ts');
    const { loadArticle } = await import('../src/text/article.ts');
    const { DEFAULT_ARTICLE_PATH } = await import('../src/paths.ts');
    const article = loadArticle(DEFAULT_ARTICLE_PATH);
    const index = await openArticleIndex(article, { persist: false });
    const fitted = new LexicalEmbeddings({ fitOn: article.sentences.map((s) => s.text) });
    expect(index.lexical.id).toBe(fitted.id);
    const texts = [...index.chunks.map((c) => c.text), 'متى سيزور شي روسيا؟', 'What did Putin say?', 'كلمة لا ترد في المقال'];
    expect(await index.lexical.embedDocuments(texts)).toEqual(await fitted.embedDocuments(texts));
  });
});
