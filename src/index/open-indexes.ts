// A bounded set of open article indexes for a library: an index is opened (loaded from its saved files) when an
// article is asked about, and the least recently asked one is dropped when too many are open, so memory follows
// how many articles are in use, not how many the library holds.
import type { Article } from '../text/article.ts';
import type { ArticleIndex } from './article-index.ts';

export class OpenIndexes {
  private readonly open = new Map<string, Promise<ArticleIndex>>();
  constructor(
    private readonly capacity: number,
    private readonly openIndex: (article: Article) => Promise<ArticleIndex>,
  ) {
    if (!(capacity >= 1)) throw new RangeError('At least one index must be allowed open.');
  }

  get size(): number {
    return this.open.size;
  }

  /** The article's index, opened if need be; keyed by id and text, so an edited article is opened anew. */
  get(article: Article): Promise<ArticleIndex> {
    const key = `${article.id}\n${article.hash}`;
    let index = this.open.get(key);
    if (index) {
      this.open.delete(key); // a Map keeps insertion order: re-inserting marks it most recently used
    } else {
      index = this.openIndex(article);
      // a failed open is not kept, so the next question tries again
      index.catch(() => this.open.get(key) === index && this.open.delete(key));
    }
    this.open.set(key, index);
    while (this.open.size > this.capacity) this.open.delete(this.open.keys().next().value!);
    return index;
  }
}
