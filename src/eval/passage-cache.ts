// Passage vectors kept on disk between benchmark runs, by text: embedding a 1,000-article library with the neural
// model on two cores takes most of an hour, and its articles share their sentences, so each distinct passage is
// embedded once and every later build takes its vector from here. Queries are never cached: they are measured.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

export class PassageCache implements Pick<EmbeddingsInterface, 'embedDocuments' | 'embedQuery'> {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly keysFile: string;
  private readonly dataFile: string;
  /** Passages the model embedded through this cache (misses). */
  embedded = 0;

  constructor(
    private readonly model: EmbeddingsInterface,
    directory: string,
    embedderId: string,
  ) {
    const name = createHash('sha256').update(embedderId).digest('hex').slice(0, 16);
    mkdirSync(directory, { recursive: true });
    this.keysFile = join(directory, `${name}.keys.json`);
    this.dataFile = join(directory, `${name}.f32`);
    if (existsSync(this.keysFile) && existsSync(this.dataFile)) {
      const { dimensions, keys } = JSON.parse(readFileSync(this.keysFile, 'utf8')) as { dimensions: number; keys: string[] };
      const bytes = readFileSync(this.dataFile);
      const data = new Float32Array(new Uint8Array(bytes).buffer);
      if (data.length === keys.length * dimensions) keys.forEach((key, i) => this.vectors.set(key, data.subarray(i * dimensions, (i + 1) * dimensions)));
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  has(text: string): boolean {
    return this.vectors.has(key(text));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const missing = [...new Set(texts.filter((t) => !this.vectors.has(key(t))))];
    for (let i = 0; i < missing.length; i += 256) {
      const batch = missing.slice(i, i + 256);
      const vectors = await this.model.embedDocuments(batch);
      batch.forEach((t, j) => this.vectors.set(key(t), Float32Array.from(vectors[j]!)));
      this.embedded += batch.length;
    }
    return texts.map((t) => Array.from(this.vectors.get(key(t))!));
  }

  /** Time spent waiting for query embeddings, so that a question's own cost can be told from the model's. */
  queryMs = 0;

  async embedQuery(text: string): Promise<number[]> {
    const started = performance.now();
    try {
      return await this.model.embedQuery(text);
    } finally {
      this.queryMs += performance.now() - started;
    }
  }

  save(): void {
    const keys = [...this.vectors.keys()];
    const dimensions = this.vectors.get(keys[0] ?? '')?.length ?? 0;
    const data = new Float32Array(keys.length * dimensions);
    keys.forEach((k, i) => data.set(this.vectors.get(k)!, i * dimensions));
    writeFileSync(`${this.dataFile}.tmp`, new Uint8Array(data.buffer));
    writeFileSync(`${this.keysFile}.tmp`, JSON.stringify({ dimensions, keys }));
    renameSync(`${this.dataFile}.tmp`, this.dataFile);
    renameSync(`${this.keysFile}.tmp`, this.keysFile);
  }
}

function key(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
