// The neural vectors of an article's sentences, read from its index (which embeds every sentence alone as well as
// in pairs), for the summary's centrality and redundancy. None when the index has no neural signal.
import type { ArticleIndex } from '../index/article-index.ts';

const cache = new WeakMap<ArticleIndex, Float32Array[] | undefined>();

export function neuralSentenceVectors(index: ArticleIndex): Float32Array[] | undefined {
  if (cache.has(index)) return cache.get(index);
  const vectors = readVectors(index);
  cache.set(index, vectors);
  return vectors;
}

function readVectors(index: ArticleIndex): Float32Array[] | undefined {
  const signal = index.signals.find((s) => s.name === 'neural');
  if (!signal) return undefined;
  const vectors: (Float32Array | undefined)[] = index.article.sentences.map(() => undefined);
  for (const unit of signal.units) {
    if (unit.sentencePositions.length !== 1) continue;
    vectors[unit.sentencePositions[0]!] = signal.vectors.vectorAt(unit.index);
  }
  return vectors.every((v): v is Float32Array => v !== undefined) ? vectors : undefined;
}
