// The one composition of the core that every shell starts from: given the settings, the answerer
// (extractive, or a chat model wording the same evidence when one is configured) and the embedder
// behind the article indexes. The bot, the command lines and the sandbox all use these.
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
