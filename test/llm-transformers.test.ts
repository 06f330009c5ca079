// The transformers path, offline: a tiny ONNX model written by the test is loaded through LangChain and
// fused into the index; changing the embedder rebuilds the saved index. This proves wiring, not quality.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArticleIndex } from '../src/index/article-index.ts';
import { readEmbeddingsConfig } from '../src/llm/config.ts';
import { embeddingsFromEnv } from '../src/llm/from-env.ts';
import { EmbeddingsUnavailableError, loadTransformersEmbeddings } from '../src/llm/transformers-embeddings.ts';
import { retrieveEvidence } from '../src/qa/retrieve.ts';
import { tokenise } from '../src/text/arabic.ts';
import { articleFromText } from '../src/text/article.ts';
import { BRIDGE_TEXT, memoryLog } from './support/llm-fixtures.ts';
import { writeTinyModel } from './support/tiny-onnx-model.ts';

const root = mkdtempSync(join(tmpdir(), 'tiny-embedder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const words = BRIDGE_TEXT.split(/[\s.،؟]+/u).filter(Boolean);
const modelDir = join(root, 'models');
writeTinyModel(modelDir, 'tiny-a', { words, seed: 1 });
writeTinyModel(modelDir, 'tiny-b', { words, seed: 2 });
writeTinyModel(modelDir, 'tiny-e5-small', { words: [...words, 'query', 'passage', ':'], seed: 3 });

function envFor(model: string) {
  return { EMBEDDINGS: 'transformers', EMBEDDINGS_MODEL: model, EMBEDDINGS_MODEL_DIR: modelDir };
}

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
}

describe('transformers embeddings from a local folder', () => {
  it('loads the model offline and embeds text as normalised vectors', async () => {
    const { embeddings, embedderId } = await embeddingsFromEnv(envFor('tiny-a'), { log: memoryLog().log });
    expect(embedderId).toBe('transformers:tiny-a:fp32');
    const [bridge, river] = await embeddings!.embedDocuments(['الجسر', 'النهر']);
    expect(bridge).toHaveLength(8);
    expect(norm(bridge!)).toBeCloseTo(1, 5);
    expect(bridge).not.toEqual(river);
    expect(await embeddings!.embedQuery('الجسر')).toEqual(bridge);
  });

  it('adds the query and passage prefixes E5 models were trained with', async () => {
    const { embeddings } = await embeddingsFromEnv(envFor('tiny-e5-small'), { log: memoryLog().log });
    const [asPassage] = await embeddings!.embedDocuments(['الجسر']);
    expect(await embeddings!.embedQuery('الجسر')).not.toEqual(asPassage);
  });

  it('says where it looked and how to allow a download when the model is missing', async () => {
    const config = readEmbeddingsConfig(envFor('not-there'));
    const failure = loadTransformersEmbeddings(config);
    await expect(failure).rejects.toBeInstanceOf(EmbeddingsUnavailableError);
    await expect(failure).rejects.toThrow(/not-there.*onnx\/model\.onnx.*EMBEDDINGS_ALLOW_DOWNLOAD=true/s);
  });

  it('fuses the neural signal into retrieval and rebuilds the saved index when the embedder changes', async () => {
    const article = articleFromText(BRIDGE_TEXT, 'bridge');
    const dir = join(root, 'index');
    const open = async (model: string) => {
      const logged = memoryLog();
      const index = await openArticleIndex(article, { dir, log: logged.log, ...(await embeddingsFromEnv(envFor(model), { log: logged.log })) });
      return { index, lines: logged.lines() };
    };

    const first = await open('tiny-a');
    expect(first.index.origin).toBe('built');
    expect(first.index.signals.map((s) => [s.name, s.embedderId])).toEqual([
      ['lexical', first.index.lexical.id],
      ['neural', 'transformers:tiny-a:fp32'],
    ]);
    const evidence = await retrieveEvidence(first.index, 'كم كلف الجسر؟', { k: 1 });
    expect(tokenise(evidence[0]!.sentence.text)).toContain('كلف');

    expect((await open('tiny-a')).index.origin).toBe('loaded');

    const changed = await open('tiny-b');
    expect(changed.index.origin).toBe('built');
    expect(changed.lines.some((l) => l.msg.includes('stale') && String(l.reason).includes('embedder changed'))).toBe(true);
  });
});
