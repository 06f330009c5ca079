// Calls a chat model with a hard deadline and turns whatever comes back into plain text.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';

export class ModelTimeoutError extends Error {
  override name = 'ModelTimeoutError';
}

/** Resolves with the reply text or rejects within `timeoutMs`, whatever the provider does. */
export async function invokeWithin(model: BaseChatModel, messages: BaseMessage[], timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ModelTimeoutError(`no reply within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const message = await Promise.race([model.invoke(messages, { signal: controller.signal }), deadline]);
    return replyText(message.content);
  } finally {
    clearTimeout(timer);
  }
}

/** Content is a string for most providers and a list of blocks for some (Anthropic); only text counts. */
function replyText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) => {
      if (typeof block === 'string') return block;
      if (block && typeof block === 'object' && (block as { type?: unknown }).type === 'text') {
        const text = (block as { text?: unknown }).text;
        return typeof text === 'string' ? text : '';
      }
      return '';
    })
    .join('');
}

/** A short description of a provider failure for the log, without request bodies or keys. */
export function describeFailure(error: unknown): { kind: string; status?: number; message: string } {
  const e = error as { status?: unknown; status_code?: unknown; response?: { status?: unknown } } | undefined;
  // OpenAI and Anthropic clients set `status`; the Ollama client sets `status_code`.
  const raw = e?.status ?? e?.status_code ?? e?.response?.status;
  const status = typeof raw === 'number' ? raw : undefined;
  const message = error instanceof Error ? error.message : String(error);
  let kind = 'error';
  if (error instanceof ModelTimeoutError) kind = 'timeout';
  else if (status === 429) kind = 'rate-limited';
  else if (status === 401 || status === 403) kind = 'unauthorised';
  else if (status !== undefined && status >= 500) kind = 'server-error';
  else if (status !== undefined) kind = 'http-error';
  else if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|Connection error/i.test(`${message} ${String((error as { cause?: unknown })?.cause)}`)) kind = 'unreachable';
  return { kind, ...(status === undefined ? {} : { status }), message: message.slice(0, 300) };
}
