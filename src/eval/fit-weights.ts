// Fits the fusion weights on SQuAD-format data by coordinate ascent on hit@1 (MRR breaks ties).
// Features are computed once per question; each trial only re-fuses them, so a fit takes seconds.
// `--train A --test B` fits on one dataset and reports on another, to see whether the weights generalise.
import { parseArgs } from 'node:util';
import { openArticleIndex, type ArticleIndex } from '../index/article-index.ts';
import { sentenceFeatures, type SentenceFeatures } from '../qa/features.ts';
import { analyseQuery } from '../qa/query.ts';
import { DEFAULT_WEIGHTS, rankFromFeatures, type FusionWeights } from '../qa/retrieve.ts';
import { articleFromText } from '../text/article.ts';
import { firstHitRank } from './metrics.ts';
import { loadSquadArticles, type GoldSpan } from './squad.ts';

interface Sample {
  index: ArticleIndex;
  features: SentenceFeatures;
  answers: GoldSpan[];
}

async function samples(path: string): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const [i, entry] of loadSquadArticles(path).entries()) {
    const index = await openArticleIndex(articleFromText(entry.text, `fit-${i}`), { persist: false });
    for (const q of entry.questions) {
      if (q.impossible) continue;
      out.push({ index, features: await sentenceFeatures(index, analyseQuery(q.question)), answers: q.answers });
    }
  }
  return out;
}

function measure(data: readonly Sample[], weights: FusionWeights): { hit1: number; hit3: number; mrr: number } {
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
  return { hit1: hit1 / n, hit3: hit3 / n, mrr: mrr / n };
}

const STEPS = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];

function fit(data: readonly Sample[], start: FusionWeights, rounds = 3): FusionWeights {
  let best = { ...start };
  let bestScore = objective(measure(data, best));
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const key of Object.keys(best) as (keyof FusionWeights)[]) {
      if (key === 'extraVectors' || key === 'stems') continue; // stems anchor the scale; no extra embedder here
      for (const value of STEPS) {
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

function objective(m: { hit1: number; mrr: number }): number {
  return m.hit1 + 0.1 * m.mrr;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { train: { type: 'string', multiple: true }, test: { type: 'string', multiple: true } } });
  const trainPaths = values.train ?? ['../shared/eval/xquad.ar.json', '../shared/eval/arcd-train.json'];
  const train = (await Promise.all(trainPaths.map(samples))).flat();
  const weights = fit(train, DEFAULT_WEIGHTS);
  console.log(JSON.stringify(weights));
  const report = (label: string, data: Sample[], w: FusionWeights) => {
    const m = measure(data, w);
    console.log(`${label}: hit@1 ${m.hit1.toFixed(3)} hit@3 ${m.hit3.toFixed(3)} MRR ${m.mrr.toFixed(3)}`);
  };
  report('train, current defaults', train, DEFAULT_WEIGHTS);
  report('train, fitted', train, weights);
  for (const path of values.test ?? []) {
    const test = await samples(path);
    report(`${path}, current defaults`, test, DEFAULT_WEIGHTS);
    report(`${path}, fitted`, test, weights);
  }
}

await main();
