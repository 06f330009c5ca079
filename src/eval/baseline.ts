// The reference point: BM25 over raw whitespace tokens of each sentence, no normalisation, no stemming.
import { Bm25 } from '../index/bm25.ts';
import type { Sentence } from '../text/segment.ts';

export class RawBm25Baseline {
  private readonly bm25: Bm25;

  constructor(sentences: readonly Sentence[]) {
    this.bm25 = new Bm25(sentences.map((s) => rawTokens(s.text)));
  }

  /** Sentence positions with a positive score, best first; an empty list means it has nothing to say. */
  rank(question: string): number[] {
    const scores = this.bm25.scores(rawTokens(question));
    return Array.from(scores.keys())
      .filter((i) => scores[i]! > 0)
      .sort((a, b) => scores[b]! - scores[a]! || a - b);
  }
}

function rawTokens(text: string): string[] {
  // punctuation glued to words is dropped so that "الجمعة." meets "الجمعة"; nothing else is changed
  return text.split(/\s+/).map((t) => t.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')).filter(Boolean);
}
