// The neural vectors of every sentence of the benchmark's articles, embedded as the index embeds a sentence alone
// (a passage) and kept on disk between runs (passage-cache.ts): the summariser reads them as it reads an index's.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedder } from '../embedder/start.ts';
import type { Logger } from '../log.ts';
import { readSettings } from '../settings.ts';
import type { Article } from '../text/article.ts';
import { PassageCache } from './passage-cache.ts';

export const SENTENCE_VECTOR_CACHE = join(tmpdir(), 'sanad-summary-passages');

/** Vectors per article, in sentence order; undefined when the neural embedder is not installed or does not start. */
export async function neuralSentenceVectorsFor(articles: readonly Article[], log: Logger): Promise<Float32Array[][] | undefined> {
  const embedder = await startEmbedder(readSettings().embeddings, log);
  if (!embedder.embeddings || !embedder.embedderId) return undefined;
  const cache = new PassageCache(embedder.embeddings, SENTENCE_VECTOR_CACHE, embedder.embedderId);
  try {
    const out: Float32Array[][] = [];
    for (const article of articles) {
      const vectors = await cache.embedDocuments(article.sentences.map((s) => s.text));
      out.push(vectors.map((v) => Float32Array.from(v)));
    }
    return out;
  } finally {
    if (cache.embedded > 0) cache.save();
    await embedder.stop();
  }
}
