// Benchmark: npm run eval:summary -- [--dataset EASC.json] [--topics FROM-TO] [--parts easc,coverage,topics]
//   [--coverage-sets A.json,B.json] [--topic-set FILE] [--lexical] [--json] [--seed N]
// EASC ROUGE against the lead (on both halves unless --topics picks a range), question coverage at 50/100/150 words
// against the lead with the redundancy of both, and topic precision and recall. The neural sentence vectors are
// used when the embedder is installed (--lexical: the lexical signals alone).
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DatasetError, formatEascTable, loadEasc, runEasc, topicRange, type EascReport, type EascTopic } from '../eval/easc.ts';
import { formatCoverageTable, runCoverage, type CoverageArticle, type CoverageReport } from '../eval/summary-coverage.ts';
import { neuralSentenceVectorsFor, SENTENCE_VECTOR_CACHE } from '../eval/sentence-vectors.ts';
import { PassageCache } from '../eval/passage-cache.ts';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { formatTopicTable, loadTopicSet, runTopics, topicFigures } from '../eval/summary-topics.ts';
import { loadSquadArticles } from '../eval/squad.ts';
import { startEmbedder } from '../embedder/start.ts';
import { log } from '../log.ts';
import { readSettings } from '../settings.ts';
import { articleFromText, type Article } from '../text/article.ts';
import { runProgram } from './args.ts';

const DEFAULT_DATASET = '../shared/eval/easc.dev.json';
const DEFAULT_COVERAGE_SETS = '../shared/eval/xquad.ar.json,../shared/eval/arcd-train.json';
const DEFAULT_TOPIC_SET = 'bench/summary-topics.json';
const PARTS = ['easc', 'coverage', 'topics'] as const;
type Part = (typeof PARTS)[number];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
      topics: { type: 'string' },
      parts: { type: 'string' },
      'coverage-sets': { type: 'string' },
      'topic-set': { type: 'string' },
      lexical: { type: 'boolean' },
    },
  });
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) return usage(`--seed must be an integer, got "${values.seed}".`);
  const parts = (values.parts ?? PARTS.join(',')).split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !PARTS.includes(p as Part));
  if (unknown.length > 0) return usage(`--parts takes ${PARTS.join(', ')}; got "${unknown.join(', ')}".`);
  const wants = (part: Part) => parts.includes(part);
  const out: Record<string, unknown> = {};
  const text: string[] = [];

  const path = values.dataset ?? DEFAULT_DATASET;
  let easc: EascTopic[] | undefined;
  if (wants('easc')) {
    if (!existsSync(path)) process.stderr.write(`The EASC dataset is not at "${path}"; skipping (pass --dataset FILE).\n`);
    else {
      easc = loadEasc(path);
      if (values.topics !== undefined) {
        try {
          easc = topicRange(values.topics, easc);
        } catch (error) {
          return usage((error as Error).message);
        }
      }
    }
  }
  const coverageSets = wants('coverage') ? (values['coverage-sets'] ?? DEFAULT_COVERAGE_SETS).split(',').filter((p) => existsSync(p)) : [];
  const topicSetPath = values['topic-set'] ?? DEFAULT_TOPIC_SET;
  const topicSet = wants('topics') && existsSync(topicSetPath) ? loadTopicSet(topicSetPath) : undefined;
  const coverageArticles = coverageSets.map((set) => ({ set, entries: loadSquadArticles(set).map((e, i) => ({ e, article: articleFromText(e.text, `${basename(set)}-${i + 1}`) })) }));

  // one embedding pass for every article the summariser reads
  const eascArticles = (easc ?? []).map((t) => safeArticle(t.article, t.topic));
  const all: Article[] = [...eascArticles.filter((a): a is Article => a !== undefined), ...coverageArticles.flatMap((c) => c.entries.map((x) => x.article))];
  const vectors = values.lexical || all.length === 0 ? undefined : await neuralSentenceVectorsFor(all, log);
  const vectorOf = new Map(all.map((a, i) => [a, vectors?.[i]]));

  if (easc) {
    const neural = eascArticles.map((a) => (a ? vectorOf.get(a) : undefined));
    const report = runEasc(easc, seed, neural);
    Object.assign(out, report);
    text.push(formatEascTable(report));
    if (values.topics === undefined && easc.length >= 2) {
      const middle = Math.ceil(easc.length / 2);
      const halves: EascReport[] = [runEasc(easc.slice(0, middle), seed, neural.slice(0, middle)), runEasc(easc.slice(middle), seed, neural.slice(middle))];
      out.halves = halves;
      text.push(`Topics 1-${middle}:\n${formatEascTable(halves[0]!)}`, `Topics ${middle + 1}-${easc.length}:\n${formatEascTable(halves[1]!)}`);
    }
  }
  const coverage: Record<string, CoverageReport> = {};
  for (const { set, entries } of coverageArticles) {
    const items: CoverageArticle[] = entries.map(({ e, article }) => {
      const neural = vectorOf.get(article);
      return { article, answers: e.questions.filter((q) => !q.impossible).map((q) => q.answers), ...(neural ? { neural } : {}) };
    });
    coverage[basename(set)] = runCoverage(items);
    text.push(formatCoverageTable(basename(set), coverage[basename(set)]!));
  }
  if (coverageSets.length > 0) out.coverage = coverage;
  if (topicSet) {
    const embedder = values.lexical ? { stop: async () => undefined } : await startEmbedder(readSettings().embeddings, log);
    try {
      const datasetPath = `../shared/eval/${topicSet.dataset}`;
      if (!existsSync(datasetPath)) process.stderr.write(`The topic set's dataset is not at "${datasetPath}"; skipping the topics.\n`);
      else {
        // passages come from the same on-disk cache as the sentence vectors; topics are embedded live
        const cached = embedder.embeddings && embedder.embedderId ? { embeddings: new PassageCache(embedder.embeddings, SENTENCE_VECTOR_CACHE, embedder.embedderId) as unknown as EmbeddingsInterface, embedderId: embedder.embedderId } : {};
        const outcomes = await runTopics(topicSet, datasetPath, cached, log);
        (cached.embeddings as unknown as PassageCache | undefined)?.save();
        out.topics = { ours: topicFigures(outcomes.filter((o) => o.system === 'ours')), baseline: topicFigures(outcomes.filter((o) => o.system !== 'ours')) };
        text.push(`Topics (${topicSetPath}):\n${formatTopicTable(outcomes)}`);
      }
    } finally {
      await embedder.stop();
    }
  }
  process.stdout.write(values.json ? `${JSON.stringify(out)}\n` : `${text.join('\n\n')}\n`);
  return 0;
}

function safeArticle(text: string, id: string): Article | undefined {
  try {
    return articleFromText(text, id);
  } catch {
    return undefined; // runEasc counts it as skipped
  }
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

await runProgram(main, [DatasetError]);
