// Local neural embeddings through @huggingface/transformers (an optional dependency), offline by default:
// the model is read from EMBEDDINGS_MODEL_DIR/<model>/ and the hub is only contacted when allowed.
import { Embeddings, type EmbeddingsInterface } from '@langchain/core/embeddings';
import { ConfigError, type EmbeddingsConfig } from './config.ts';

const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/** A set-up problem (package or model folder missing), reported like any other configuration error. */
export class EmbeddingsUnavailableError extends ConfigError {
  override name = 'EmbeddingsUnavailableError';
}

interface TransformersEnv {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
}

/**
 * E5 models were trained with "query: " and "passage: " prefixes and rank worse without them.
 * Other models get the text unchanged.
 */
class PrefixedEmbeddings extends Embeddings {
  constructor(
    private readonly inner: EmbeddingsInterface,
    private readonly queryPrefix: string,
    private readonly documentPrefix: string,
  ) {
    super({});
  }
  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.inner.embedDocuments(documents.map((d) => this.documentPrefix + d));
  }
  embedQuery(query: string): Promise<number[]> {
    return this.inner.embedQuery(this.queryPrefix + query);
  }
}

export async function loadTransformersEmbeddings(config: EmbeddingsConfig): Promise<EmbeddingsInterface> {
  let transformers: { env: TransformersEnv };
  try {
    // A variable specifier keeps the package optional for type-checking and installing.
    transformers = (await import(TRANSFORMERS_PACKAGE)) as { env: TransformersEnv };
  } catch (error) {
    throw new EmbeddingsUnavailableError(
      `EMBEDDINGS=transformers needs the optional package ${TRANSFORMERS_PACKAGE} (3.x) and its onnxruntime-node binary, ` +
        `which could not be loaded (${error instanceof Error ? error.message : String(error)}). ` +
        `Install it with "npm install ${TRANSFORMERS_PACKAGE}@3", or choose EMBEDDINGS=lexical.`,
    );
  }
  transformers.env.allowRemoteModels = config.allowDownload;
  transformers.env.allowLocalModels = true;
  if (config.modelDir) transformers.env.localModelPath = config.modelDir.endsWith('/') ? config.modelDir : `${config.modelDir}/`;

  const { HuggingFaceTransformersEmbeddings } = await import('@langchain/community/embeddings/huggingface_transformers');
  // dtype picks the ONNX file (model.onnx, model_quantized.onnx, ...); the pipeline accepts it though the type omits it.
  const pretrainedOptions = { local_files_only: !config.allowDownload, dtype: config.dtype };
  const base = new HuggingFaceTransformersEmbeddings({
    model: config.model,
    pretrainedOptions,
    maxRetries: 0,
  });
  const embeddings = /(^|[/_-])e5([_-]|$)/i.test(config.model) ? new PrefixedEmbeddings(base, 'query: ', 'passage: ') : base;

  // Load now, so a missing or broken model folder is reported at start-up rather than at the first question.
  try {
    await embeddings.embedQuery('test');
  } catch (error) {
    const where = config.modelDir ? `${config.modelDir}/${config.model}` : config.model;
    throw new EmbeddingsUnavailableError(
      `The embedding model "${config.model}" could not be loaded from ${where} ` +
        `(expected config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx there` +
        `${config.allowDownload ? '' : '; downloading is off, set EMBEDDINGS_ALLOW_DOWNLOAD=true to fetch it'}): ` +
        `${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return embeddings;
}
