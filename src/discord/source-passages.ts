// The passages of a sources thread: each quoted sentence with the sentences before and after it, and windows that
// overlap or touch merged into one passage, so that the thread shows every article sentence once. Pure.

/** A run of consecutive sentences (positions in the article, inclusive) and the quoted ones among them. */
export interface SourcePassage {
  first: number;
  last: number;
  /** Quoted positions in the passage, in article order. */
  quoted: number[];
}

/** How many sentences of context each side of a quoted sentence. */
export const CONTEXT_SENTENCES = 1;

/**
 * Passages for quoted positions of an article with `sentenceCount` sentences, in the order of their first quote
 * (an answer's best quote leads its thread); within a passage, article order.
 */
export function sourcePassages(quotedPositions: readonly number[], sentenceCount: number): SourcePassage[] {
  const order = [...new Set(quotedPositions)];
  const sorted = [...order].sort((a, b) => a - b);
  const merged: SourcePassage[] = [];
  for (const position of sorted) {
    const first = Math.max(0, position - CONTEXT_SENTENCES);
    const last = Math.min(sentenceCount - 1, position + CONTEXT_SENTENCES);
    const previous = merged[merged.length - 1];
    if (previous && first <= previous.last + 1) {
      previous.last = Math.max(previous.last, last);
      previous.quoted.push(position);
    } else {
      merged.push({ first, last, quoted: [position] });
    }
  }
  const rankOf = (passage: SourcePassage) => Math.min(...passage.quoted.map((p) => order.indexOf(p)));
  return merged.sort((a, b) => rankOf(a) - rankOf(b));
}
