// Okapi BM25 over small documents (sentences) given as term lists, with postings so that
// a query only touches the documents that contain its terms.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** The documents holding a term, in document order, and the term's count in each. */
export interface Postings {
  docs: number[];
  tfs: number[];
}

export class Bm25 {
  readonly size: number;
  private readonly postings = new Map<string, Postings>();
  private readonly lengthNorms: Float64Array;
  private readonly k1: number;

  constructor(documents: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    this.size = documents.length;
    const total = documents.reduce((sum, terms) => sum + terms.length, 0);
    const averageLength = this.size === 0 ? 1 : total / this.size || 1;
    this.lengthNorms = Float64Array.from(documents, (terms) => this.k1 * (1 - b + (b * terms.length) / averageLength));
    // documents come in order, so a term seen again in the same document is its list's last entry:
    // counted there, with no map per document (a long article has hundreds of thousands of n-grams)
    documents.forEach((terms, doc) => {
      for (const term of terms) {
        const list = this.postings.get(term);
        if (!list) this.postings.set(term, { docs: [doc], tfs: [1] });
        else if (list.docs[list.docs.length - 1] === doc) list.tfs[list.tfs.length - 1]!++;
        else {
          list.docs.push(doc);
          list.tfs.push(1);
        }
      }
    });
  }

  /** Robertson-Sparck Jones idf, floored so that a term in most documents still counts a little. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    return Math.max(0.05, Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** The documents holding a term, in document order, with its count in each. */
  postingsOf(term: string): Readonly<Postings> | undefined {
    return this.postings.get(term);
  }

  /** How many documents hold the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** Score of every document for the query terms (a repeated query term counts once). */
  scores(queryTerms: readonly string[], weights?: ReadonlyMap<string, number>): Float64Array {
    const scores = new Float64Array(this.size);
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (weights?.get(term) ?? 1);
      const { docs, tfs } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        scores[doc] = scores[doc]! + (idf * tf * (this.k1 + 1)) / (tf + this.lengthNorms[doc]!);
      }
    }
    return scores;
  }
}
