// What every shell composes from the settings: the answerer (extractive, or a chat model wording the
// same evidence when one is configured). The bot and the command lines use it; the embedder comes from
// the settings' embeddings section through startEmbedder.
import type { Logger } from './log.ts';
import type { LlmConfig } from './llm/config.ts';
import { extractiveAnswerService, type AnswerService } from './qa/service.ts';

/**
 * The answerer the settings ask for. Without a chat model the chat-model libraries are not even loaded
 * (they would cost the offline bot most of a second and ~60 MB).
 */
export async function answerServiceFor(llm: LlmConfig | undefined, log: Logger): Promise<AnswerService> {
  if (!llm || llm.provider === 'none') return extractiveAnswerService;
  const { chatAnswerService } = await import('./llm/from-env.ts');
  return chatAnswerService(llm, { log });
}
