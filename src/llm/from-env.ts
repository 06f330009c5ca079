// The two switches the shells call at start-up: which answerer, and which extra embedder.
import { log as defaultLog, type Logger } from '../log.ts';
import { extractiveAnswerService, type AnswerService } from '../qa/service.ts';
import { createLlmAnswerService } from './answer-service.ts';
import { createChatModel } from './chat-model.ts';
import { readEmbeddingsConfig, readLlmConfig, type LlmConfig } from './config.ts';
import { createEmbeddings, type EmbedderChoice } from './embeddings.ts';

type Env = Record<string, string | undefined>;

/** The extractive service unless LLM_PROVIDER names a provider; the extractive one stays the fallback. */
export function answerServiceFromEnv(env: Env, options: { log?: Logger; fallback?: AnswerService } = {}): AnswerService {
  return chatAnswerService(readLlmConfig(env), options);
}

/** The same from the settings' llm section. */
export function chatAnswerService(config: LlmConfig, options: { log?: Logger; fallback?: AnswerService } = {}): AnswerService {
  const logger = options.log ?? defaultLog;
  const fallback = options.fallback ?? extractiveAnswerService;
  const chatModel = createChatModel(config);
  if (!chatModel) return fallback;
  logger.info({ provider: config.provider, model: config.model, timeoutMs: config.timeoutMs }, 'answers worded by a chat model, checked against the article');
  return createLlmAnswerService(chatModel, { timeoutMs: config.timeoutMs, fallback, log: logger });
}

/** Options to spread into openArticleIndex: nothing for `lexical`, else the extra embedder and its id. */
export async function embeddingsFromEnv(env: Env, options: { log?: Logger } = {}): Promise<EmbedderChoice> {
  const config = readEmbeddingsConfig(env);
  const choice = await createEmbeddings(config);
  if (choice.embeddings) (options.log ?? defaultLog).info({ embedder: choice.embedderId }, 'neural embeddings fused with the lexical signals');
  return choice;
}
