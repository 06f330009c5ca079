// The command lines' one way to open articles: each article's index once per run, with the configured
// embedder started on first use (so --help and bad input answer without starting it) and stopped at the end.
import { resolve } from 'node:path';
import type { Embedder } from '../embedder/start.ts';
import type { EmbeddingsConfig } from '../llm/config.ts';
import type { ArticleIndex } from '../index/article-index.ts';
import { log } from '../log.ts';
import { loadArticle, type Article } from '../text/article.ts';

/** Opens each article's index once per run, keyed by its absolute path; starts the embedder on first use. */
export class IndexCache {
  private readonly indexes = new Map<string, Promise<ArticleIndex>>();
  private embedder?: Promise<Embedder>;
  constructor(
    private readonly indexDir: string | undefined,
    private readonly embeddings: EmbeddingsConfig,
  ) {}

  open(articlePath: string): Promise<ArticleIndex> {
    return this.once(resolve(articlePath), () => loadArticle(articlePath));
  }

  /** An article already in hand (one of the library's), keyed by its id and text. */
  openArticle(article: Article): Promise<ArticleIndex> {
    return this.once(`article:${article.id}:${article.hash}`, () => article);
  }

  private once(key: string, article: () => Article): Promise<ArticleIndex> {
    let index = this.indexes.get(key);
    if (!index) {
      // loading may throw (a bad file): nothing is cached then
      index = this.openIndex(article());
      this.indexes.set(key, index);
    }
    return index;
  }

  async close(): Promise<void> {
    if (this.embedder) await (await this.embedder).stop();
  }

  private async openIndex(article: Article): Promise<ArticleIndex> {
    // Imported here so that --help and bad input answer without loading the index code or starting the embedder.
    const [{ openArticleIndex }, { startEmbedder }] = await Promise.all([import('../index/article-index.ts'), import('../embedder/start.ts')]);
    this.embedder ??= startEmbedder(this.embeddings, log);
    const embedder = await this.embedder;
    return openArticleIndex(article, { log, ...embedder, ...(this.indexDir === undefined ? {} : { dir: this.indexDir }) });
  }
}

