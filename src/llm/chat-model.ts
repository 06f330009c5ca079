// Builds the configured LangChain chat model; the answer service only ever sees BaseChatModel.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from './config.ts';

/** A brief answer needs few tokens; the cap also bounds cost and latency of a runaway reply. */
const MAX_REPLY_TOKENS = 600;
/** Requests in flight at once; more wait their turn, and the timeout still applies while they wait. */
const MAX_CONCURRENT_REQUESTS = 4;

/**
 * No retries: a retry after a 429 or 5xx rarely lands within the time a person waits, and the
 * extractive answer is always ready as the fallback.
 */
export function createChatModel(config: LlmConfig): BaseChatModel | undefined {
  switch (config.provider) {
    case 'none':
      return undefined;
    case 'openai':
      return new ChatOpenAI({
        model: config.model,
        // Local OpenAI-compatible servers (vLLM, LM Studio, llama.cpp) usually ignore the key but the client wants one.
        apiKey: config.openaiApiKey ?? 'not-needed',
        configuration: config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : undefined,
        temperature: 0,
        maxTokens: MAX_REPLY_TOKENS,
        maxRetries: 0,
        maxConcurrency: MAX_CONCURRENT_REQUESTS,
        timeout: config.timeoutMs,
      });
    case 'anthropic':
      return new ChatAnthropic({
        model: config.model,
        apiKey: config.anthropicApiKey,
        // Passed explicitly (even when unset) so that only our validated settings choose the endpoint.
        anthropicApiUrl: config.anthropicBaseUrl ?? 'https://api.anthropic.com',
        temperature: 0,
        maxTokens: MAX_REPLY_TOKENS,
        maxRetries: 0,
        maxConcurrency: MAX_CONCURRENT_REQUESTS,
      });
    case 'ollama':
      return new ChatOllama({
        model: config.model,
        baseUrl: config.ollamaBaseUrl ?? 'http://127.0.0.1:11434',
        temperature: 0,
        numPredict: MAX_REPLY_TOKENS,
        maxRetries: 0,
        maxConcurrency: MAX_CONCURRENT_REQUESTS,
      });
  }
}
