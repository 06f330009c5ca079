// The library's bounded set of open indexes: opened on demand, the least recently asked dropped first.
import { describe, expect, it } from 'vitest';
import type { ArticleIndex } from '../src/index/article-index.ts';
import { OpenIndexes } from '../src/index/open-indexes.ts';
import { articleFromText, type Article } from '../src/text/article.ts';

describe('OpenIndexes', () => {
  const articles = ['أ', 'ب', 'ج'].map((word, i) => articleFromText(`جملة عن ${word}.`, `A${i + 1}`));

  function counting(fail = new Set<string>()) {
    const opened: string[] = [];
    const open = async (article: Article) => {
      opened.push(article.id);
      if (fail.has(article.id)) throw new Error('cannot open');
      return { article } as unknown as ArticleIndex;
    };
    return { opened, open };
  }

  it('opens each article once while it stays among the most recently asked', async () => {
    const { opened, open } = counting();
    const indexes = new OpenIndexes(2, open);
    const [a, b, c] = articles as [Article, Article, Article];
    expect((await indexes.get(a)).article).toBe(a);
    await indexes.get(b);
    await indexes.get(a); // a is now the most recent, b the least
    await indexes.get(c); // drops b
    expect(indexes.size).toBe(2);
    await indexes.get(a);
    await indexes.get(b); // opened again
    expect(opened).toEqual(['A1', 'A2', 'A3', 'A2']);
  });

  it('opens an article again when its text changed, and forgets a failed open', async () => {
    const { opened, open } = counting(new Set(['A9']));
    const indexes = new OpenIndexes(4, open);
    await indexes.get(articles[0]!);
    await indexes.get(articleFromText('نص آخر تماما.', 'A1'));
    const broken = articleFromText('نص معطوب.', 'A9');
    await expect(indexes.get(broken)).rejects.toThrow('cannot open');
    await expect(indexes.get(broken)).rejects.toThrow('cannot open');
    expect(opened).toEqual(['A1', 'A1', 'A9', 'A9']);
  });
});
