// The pipeline people usually build instead, as a baseline: LangChain's RecursiveCharacterTextSplitter cuts the
// article into chunks of a fixed number of characters, the same embedder (multilingual-e5-small with its query and
// passage prefixes) embeds them into LangChain's HNSWLib store, and the top k chunks are what a reader is shown.
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Span } from './metrics.ts';

/** The chunk sizes compared (characters), from a sentence or two to the splitter's usual 1,000. */
export const PEER_CHUNK_SIZES = [200, 300, 500, 1000] as const;
/** Overlap between neighbouring chunks, a tenth of their size, as tutorials set it. */
const OVERLAP_SHARE = 0.1;

export class ChunkPeer {
  private constructor(
    private readonly store: HNSWLib,
    readonly chunkSize: number,
    /** Chunks in the store: a short article has fewer than k. */
    readonly chunks: number,
  ) {}

  /** Splits and embeds one article; each chunk keeps where it lies in the text, to score what it shows. */
  static async build(text: string, chunkSize: number, embeddings: EmbeddingsInterface): Promise<ChunkPeer> {
    const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap: Math.round(chunkSize * OVERLAP_SHARE) });
    const docs = locate(text, await splitter.splitText(text)).map((span) => new Document({ pageContent: text.slice(span.start, span.end), metadata: span }));
    // HNSWLib's own default space is cosine, as e5's vectors are compared
    return new ChunkPeer(await HNSWLib.fromDocuments(docs, embeddings), chunkSize, docs.length);
  }

  /** The k chunks most similar to an embedded question, best first, as spans of the article. */
  async top(questionVector: number[], k: number): Promise<Span[]> {
    const hits = await this.store.similaritySearchVectorWithScore(questionVector, Math.min(k, this.chunks));
    return hits.map(([doc]) => ({ start: doc.metadata.start as number, end: doc.metadata.end as number }));
  }
}

/** Finds each chunk in the text, in order (chunks overlap, so each is searched from just after the previous start). */
export function locate(text: string, chunks: readonly string[]): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const chunk of chunks) {
    let start = text.indexOf(chunk, from);
    if (start < 0) start = text.indexOf(chunk);
    if (start < 0) throw new Error(`a chunk is not in the article text: "${chunk.slice(0, 40)}…"`);
    spans.push({ start, end: start + chunk.length });
    from = start + 1;
  }
  return spans;
}
