// The command lines' one way to open articles: each article's index once per run, with the configured
// embedder started on first use (so --help and bad input answer without starting it) and stopped at the end.
import { resolve } from 'node:path';
import type { Embedder } from '../embedder/start.ts';
import type { EmbeddingsConfig } from '../llm/config.ts';
import type { ArticleIndex } from '../index/article-index.ts';
import { log } from '../log.ts';
import { loadArticle } from '../text/article.ts';

/** Opens each article's index once per run, keyed by its absolute path; starts the embedder on first use. */
export class IndexCache {
  private readonly indexes = new Map<string, Promise<ArticleIndex>>();
  private embedder?: Promise<Embedder>;
  constructor(
    private readonly indexDir: string | undefined,
    private readonly embeddings: EmbeddingsConfig,
  ) {}

  open(articlePath: string): Promise<ArticleIndex> {
    const key = resolve(articlePath);
    let index = this.indexes.get(key);
    if (!index) {
      index = this.openIndex(articlePath);
      this.indexes.set(key, index);
    }
    return index;
  }

  async close(): Promise<void> {
    if (this.embedder) await (await this.embedder).stop();
  }

  private async openIndex(articlePath: string): Promise<ArticleIndex> {
    const article = loadArticle(articlePath);
    // Imported here so that --help and bad input answer without loading the index code or starting the embedder.
    const [{ openArticleIndex }, { startEmbedder }] = await Promise.all([import('../index/article-index.ts'), import('../embedder/start.ts')]);
    this.embedder ??= startEmbedder(this.embeddings, log);
    const embedder = await this.embedder;
    return openArticleIndex(article, { log, ...embedder, ...(this.indexDir === undefined ? {} : { dir: this.indexDir }) });
  }
}

