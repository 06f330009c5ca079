// Fits the fusion weights on SQuAD-format data by coordinate ascent on hit@1 (MRR breaks ties).
// Features are computed once per question; each trial only re-fuses them, so a fit takes seconds.
//   npm run fit-weights                      fit the fused weights on XQuAD-ar + ARCD-train, print them
//   npm run fit-weights -- --system lexical  fit the lexical-only weights (used when no neural embedder answers)
//   npm run fit-weights -- --system cross-lingual   English questions over Arabic text (XQuAD-en on XQuAD-ar)
//   npm run fit-weights -- --train A --test B fit on A, report on B
//   npm run fit-weights -- --cv              held-out figures: each dataset fitted on the other, and k-fold by article
//   npm run fit-weights -- --cv --freeze answerType,tense,sameForms   the same without the answer-kind, tense and form features
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { EVAL_INDEX_DIR } from './run.ts';
import { openArticleIndex, type ArticleIndex } from '../index/article-index.ts';
import { sentenceFeatures, type SentenceFeatures } from '../qa/features.ts';
import { analyseQuery } from '../qa/query.ts';
import { CROSS_LINGUAL_WEIGHTS, FUSED_WEIGHTS, LEXICAL_WEIGHTS, rankFromFeatures, type FusionWeights } from '../qa/retrieve.ts';
import { startEmbedder, type Embedder } from '../embedder/start.ts';
import { PREVIOUS_WEIGHTS } from '../qa/previous-settings.ts';
import { readSettings } from '../settings.ts';
import { log } from '../log.ts';
import { articleFromText } from '../text/article.ts';
import { firstHitRank } from './metrics.ts';
import { DatasetError, loadSquadArticles, questionTextsById, type GoldSpan } from './squad.ts';
import { runProgram } from '../cli/args.ts';

interface Sample {
  dataset: string;
  /** Which article of its dataset: folds never split an article. */
  article: number;
  index: ArticleIndex;
  features: SentenceFeatures;
  answers: GoldSpan[];
}

const DEFAULT_SETS = ['../shared/eval/xquad.ar.json', '../shared/eval/arcd-train.json'];

async function samplesOf({ path, questionsFrom }: DataSet, embedder: Embedder): Promise<Sample[]> {
  const out: Sample[] = [];
  const questions = questionsFrom ? questionTextsById(questionsFrom) : undefined;
  for (const [i, entry] of loadSquadArticles(path, questions).entries()) {
    // the same saved indexes as `npm run eval`: articles are embedded once
    const index = await openArticleIndex(articleFromText(entry.text, `${basename(path)}-${i + 1}`), { dir: EVAL_INDEX_DIR, log, ...embedder });
    for (const q of entry.questions) {
      if (q.impossible) continue;
      out.push({ dataset: questionsFrom ?? path, article: i, index, features: await sentenceFeatures(index, analyseQuery(q.question)), answers: q.answers });
    }
  }
  return out;
}

interface Measure {
  hit1: number;
  hit3: number;
  mrr: number;
  n: number;
}

function measure(data: readonly Sample[], weights: FusionWeights): Measure {
  let hit1 = 0;
  let hit3 = 0;
  let mrr = 0;
  for (const s of data) {
    const ranked = rankFromFeatures(s.index, s.features, weights);
    const rank = firstHitRank(ranked.slice(0, 10).map((r) => s.index.article.sentences[r.position]!), s.answers);
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank >= 1) mrr += 1 / rank;
  }
  const n = data.length || 1;
  return { hit1: hit1 / n, hit3: hit3 / n, mrr: mrr / n, n: data.length };
}

const NON_NEGATIVE: ReadonlySet<string> = new Set(['neighbours', 'answerType', 'tense', 'sameForms']);

const STEPS = [-1, -0.5, -0.2, -0.1, 0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];

/** Hit@1 barely moves for a single weight step here: more rounds than 3 only chase noise. */
export function fit(data: readonly Sample[], start: FusionWeights, frozen: ReadonlySet<string> = new Set(), rounds = 3): FusionWeights {
  let best = { ...start };
  let bestScore = objective(measure(data, best));
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const key of Object.keys(best) as (keyof FusionWeights)[]) {
      if (key === 'stems' || frozen.has(key)) continue; // stems anchor the scale
      for (const value of STEPS) {
        // a share of the neighbours' evidence, and agreement in answer kind, tense or word form, are evidence for a
        // sentence: a negative weight would only fit the few questions that have them
        if (NON_NEGATIVE.has(key) && value < 0) continue;
        const trial = { ...best, [key]: value };
        const score = objective(measure(data, trial));
        if (score > bestScore + 1e-9) {
          best = trial;
          bestScore = score;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

function objective(m: Measure): number {
  return m.hit1 + 0.1 * m.mrr;
}

function line(label: string, m: Measure): string {
  return `${label.padEnd(60)} n=${String(m.n).padStart(4)}  hit@1 ${m.hit1.toFixed(3)}  hit@3 ${m.hit3.toFixed(3)}  MRR ${m.mrr.toFixed(3)}`;
}

/** Pools held-out figures over folds that never split an article. */
function crossValidate(all: readonly Sample[], folds: number, fitter: (data: readonly Sample[]) => FusionWeights): Map<string, { hit1: number; hit3: number; mrr: number; n: number }> {
  const pooled = new Map<string, { hit1: number; hit3: number; mrr: number; n: number }>();
  const foldOf = (s: Sample) => s.article % folds;
  for (let f = 0; f < folds; f++) {
    const weights = fitter(all.filter((s) => foldOf(s) !== f));
    for (const dataset of new Set(all.map((s) => s.dataset))) {
      const held = all.filter((s) => foldOf(s) === f && s.dataset === dataset);
      const m = measure(held, weights);
      const p = pooled.get(dataset) ?? { hit1: 0, hit3: 0, mrr: 0, n: 0 };
      p.hit1 += m.hit1 * m.n;
      p.hit3 += m.hit3 * m.n;
      p.mrr += m.mrr * m.n;
      p.n += m.n;
      pooled.set(dataset, p);
    }
  }
  for (const p of pooled.values()) {
    p.hit1 /= p.n || 1;
    p.hit3 /= p.n || 1;
    p.mrr /= p.n || 1;
  }
  return pooled;
}

/** What each system is fitted on: its data sets (with the questions of another file, for cross-lingual) and start. */
const SYSTEMS = {
  lexical: { sets: DEFAULT_SETS.map((path) => ({ path })), start: LEXICAL_WEIGHTS, previous: PREVIOUS_WEIGHTS.lexical, frozen: ['neural', 'neuralPair'], neural: false },
  fused: { sets: DEFAULT_SETS.map((path) => ({ path })), start: FUSED_WEIGHTS, previous: PREVIOUS_WEIGHTS.fused, frozen: [], neural: true },
  'cross-lingual': {
    sets: [{ path: '../shared/eval/xquad.ar.json', questionsFrom: '../shared/eval/xquad.en.json' }],
    start: CROSS_LINGUAL_WEIGHTS,
    previous: PREVIOUS_WEIGHTS.crossLingual,
    frozen: [],
    neural: true,
  },
} as const;

interface DataSet {
  path: string;
  questionsFrom?: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string', multiple: true },
      test: { type: 'string', multiple: true },
      cv: { type: 'boolean', default: false },
      folds: { type: 'string', default: '5' },
      /** Weights kept at their defaults, e.g. to measure what some features add. */
      freeze: { type: 'string', default: '' },
      system: { type: 'string', default: 'fused' },
    },
  });
  const system = SYSTEMS[values.system as keyof typeof SYSTEMS];
  if (!system) throw new Error(`--system is one of ${Object.keys(SYSTEMS).join(', ')}`);
  const frozen = new Set([...values.freeze.split(',').filter(Boolean), ...system.frozen]);
  // a frozen feature keeps its previous weight, so that a fit without some features starts where they were not used
  const start = { ...system.start, ...Object.fromEntries([...frozen].map((key) => [key, system.previous[key as keyof FusionWeights]])) };
  const embedder = system.neural ? await startEmbedder(readSettings().embeddings, log) : { stop: async () => undefined };
  if (system.neural && !embedder.embeddings) throw new Error('fitting these weights needs the neural embedder (see the log line above)');
  try {
    const sets = values.train ? values.train.map((path) => ({ path })) : system.sets;
    await fitAndReport(values, sets, start, system.previous, frozen, embedder);
  } finally {
    await embedder.stop();
  }
}

async function fitAndReport(
  values: { test?: string[]; cv: boolean; folds: string },
  dataSets: readonly DataSet[],
  start: FusionWeights,
  previous: FusionWeights,
  frozen: ReadonlySet<string>,
  embedder: Embedder,
): Promise<void> {
  const fitter = (data: readonly Sample[]) => fit(data, start, frozen);
  const sets: Sample[][] = [];
  for (const set of dataSets) sets.push(await samplesOf(set, embedder));
  const name = (set: DataSet) => (set.questionsFrom ? `${set.path} asked in ${basename(set.questionsFrom)}` : set.path);
  if (values.cv) {
    for (const [i, set] of dataSets.entries()) console.log(line(`${name(set)}: previous weights`, measure(sets[i]!, previous)));
    for (const [i, set] of dataSets.entries()) console.log(line(`${name(set)}: current defaults`, measure(sets[i]!, start)));
    if (sets.length === 2) {
      for (const [i, set] of dataSets.entries()) console.log(line(`${name(set)}: fitted on the other dataset`, measure(sets[i]!, fitter(sets[1 - i]!))));
    }
    const folds = Number(values.folds);
    for (const [path, m] of crossValidate(sets.flat(), folds, fitter)) console.log(line(`${path}: ${folds}-fold by article, held out`, m));
    return;
  }
  const train = sets.flat();
  const weights = fitter(train);
  console.log(JSON.stringify(weights));
  console.log(line('train, current defaults', measure(train, start)));
  console.log(line('train, fitted', measure(train, weights)));
  for (const path of values.test ?? []) {
    const test = await samplesOf({ path }, embedder);
    console.log(line(`${path}, current defaults`, measure(test, start)));
    console.log(line(`${path}, fitted`, measure(test, weights)));
  }
}

await runProgram(main, [DatasetError]);
