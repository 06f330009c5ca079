// A listwise ranker fit: softmax cross-entropy over each question's candidate sentences (the gold sentences
// share the target), L2-regularised, by full-batch gradient descent on standardised features. Smooth, so it
// finds weights for many features at once where coordinate ascent on hit@1 stalls.
import type { FeatureName, SentenceFeatures } from '../qa/features.ts';

export interface ListwiseSample {
  features: SentenceFeatures;
  /** Positions that may be ranked (the sentences with some evidence). */
  candidates: number[];
  /** Candidate positions that hold the answer. */
  gold: Set<number>;
}

export interface ListwiseOptions {
  iterations?: number;
  learningRate?: number;
  l2?: number;
}

export function fitListwise(data: readonly ListwiseSample[], names: readonly FeatureName[], options: ListwiseOptions = {}): Record<FeatureName, number> {
  const d = names.length;
  const iterations = options.iterations ?? 300;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const usable = data.filter((s) => s.candidates.some((p) => s.gold.has(p)));
  // standardise so that one step size suits every feature
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  let count = 0;
  for (const s of usable) for (const p of s.candidates) { count++; names.forEach((f, j) => (mean[j] = mean[j]! + s.features[f][p]!)); }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / (count || 1);
  for (const s of usable) for (const p of s.candidates) names.forEach((f, j) => (sd[j] = sd[j]! + (s.features[f][p]! - mean[j]!) ** 2));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]! / (count || 1)) || 1;

  const w = new Float64Array(d);
  const grad = new Float64Array(d);
  const x = (s: ListwiseSample, p: number, j: number) => (s.features[names[j]!][p]! - mean[j]!) / sd[j]!;
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (const s of usable) {
      const scores = s.candidates.map((p) => { let z = 0; for (let j = 0; j < d; j++) z += w[j]! * x(s, p, j); return z; });
      const max = Math.max(...scores);
      const e = scores.map((z) => Math.exp(z - max));
      const total = e.reduce((a, b) => a + b, 0);
      const goldTotal = s.candidates.reduce((a, p, i) => a + (s.gold.has(p) ? e[i]! : 0), 0);
      s.candidates.forEach((p, i) => {
        // d(-log P(gold)) / dz_i = softmax_i - [i gold] * e_i / goldTotal
        const g = e[i]! / total - (s.gold.has(p) ? e[i]! / goldTotal : 0);
        if (g !== 0) for (let j = 0; j < d; j++) grad[j] = grad[j]! + g * x(s, p, j);
      });
    }
    for (let j = 0; j < d; j++) w[j] = w[j]! - rate * (grad[j]! / usable.length + l2 * w[j]!);
  }
  // back to raw feature units (the mean only shifts every candidate of a question alike)
  return Object.fromEntries(names.map((f, j) => [f, w[j]! / sd[j]!])) as Record<FeatureName, number>;
}
