// Okapi BM25 over small documents (sentences) given as term lists, with postings so that
// a query only touches the documents that contain its terms.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

interface Posting {
  doc: number;
  tf: number;
}

export class Bm25 {
  readonly size: number;
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengthNorms: Float64Array;
  private readonly k1: number;

  constructor(documents: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    this.size = documents.length;
    const total = documents.reduce((sum, terms) => sum + terms.length, 0);
    const averageLength = this.size === 0 ? 1 : total / this.size || 1;
    this.lengthNorms = Float64Array.from(documents, (terms) => this.k1 * (1 - b + (b * terms.length) / averageLength));
    documents.forEach((terms, doc) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, tf });
      }
    });
  }

  /** Robertson-Sparck Jones idf, floored so that a term in most documents still counts a little. */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    if (df === 0) return 0;
    return Math.max(0.05, Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** The documents holding a term, in document order (with its count in each). */
  postingsOf(term: string): readonly Posting[] | undefined {
    return this.postings.get(term);
  }

  /** Score of every document for the query terms (a repeated query term counts once). */
  scores(queryTerms: readonly string[], weights?: ReadonlyMap<string, number>): Float64Array {
    const scores = new Float64Array(this.size);
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (weights?.get(term) ?? 1);
      for (const { doc, tf } of list) {
        scores[doc] = scores[doc]! + (idf * tf * (this.k1 + 1)) / (tf + this.lengthNorms[doc]!);
      }
    }
    return scores;
  }
}
