// The hybrid retrieval as a LangChain retriever, so that any LangChain chain can use it. Each document is
// one sentence, quoted exactly, with its id and offsets in the metadata.
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { ArticleIndex } from '../index/article-index.ts';
import { retrieveEvidence } from './retrieve.ts';

export interface SentenceMetadata {
  id: string;
  paragraph: number;
  sentence: number;
  start: number;
  end: number;
  score: number;
}

export class ArticleRetriever extends BaseRetriever<SentenceMetadata> {
  lc_namespace = ['article_bot', 'retrievers'];
  private readonly index: ArticleIndex;
  private readonly k: number;

  constructor(index: ArticleIndex, options: BaseRetrieverInput & { k?: number } = {}) {
    super(options);
    this.index = index;
    this.k = options.k ?? 3;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<SentenceMetadata>[]> {
    const evidence = await retrieveEvidence(this.index, query, { k: this.k });
    return evidence.map(
      ({ sentence, score }) =>
        new Document<SentenceMetadata>({
          pageContent: this.index.article.text.slice(sentence.start, sentence.end),
          metadata: { id: sentence.id, paragraph: sentence.paragraph, sentence: sentence.index, start: sentence.start, end: sentence.end, score },
        }),
    );
  }
}
