// Windows of consecutive sentences within a paragraph: the units the vector index embeds.
import type { Sentence } from '../text/segment.ts';

export interface ChunkSettings {
  /** Sentences per window. */
  size: number;
  /** Sentences between window starts. */
  stride: number;
}

export const DEFAULT_CHUNKS: ChunkSettings = { size: 2, stride: 1 };

export interface Chunk {
  /** Position in the chunk list; also the label in the vector index. */
  index: number;
  /** Ids of the sentences in the window, in article order. */
  sentenceIds: string[];
  /** Positions of those sentences in `article.sentences`. */
  sentencePositions: number[];
  text: string;
}

/** Windows never cross a paragraph break: a paragraph is a unit of meaning in news text. */
export function chunkSentences(sentences: readonly Sentence[], settings: ChunkSettings = DEFAULT_CHUNKS): Chunk[] {
  if (settings.size < 1 || settings.stride < 1) throw new RangeError('Chunk size and stride must be at least 1.');
  const chunks: Chunk[] = [];
  let paragraphStart = 0;
  while (paragraphStart < sentences.length) {
    const paragraph = sentences[paragraphStart]!.paragraph;
    let paragraphEnd = paragraphStart;
    while (paragraphEnd < sentences.length && sentences[paragraphEnd]!.paragraph === paragraph) paragraphEnd++;
    for (let start = paragraphStart; start < paragraphEnd; start += settings.stride) {
      const end = Math.min(start + settings.size, paragraphEnd);
      const positions = range(start, end);
      chunks.push({
        index: chunks.length,
        sentenceIds: positions.map((p) => sentences[p]!.id),
        sentencePositions: positions,
        text: positions.map((p) => sentences[p]!.text).join(' '),
      });
      if (end === paragraphEnd) break;
    }
    paragraphStart = paragraphEnd;
  }
  return chunks;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
