// Logistic regression for the small-talk decision: Newton's method on the log loss with an L2 penalty and
// each class weighted equally, so a few extra lines of one kind do not move the boundary. Deterministic:
// the same data always gives the same weights.

export interface Example {
  features: readonly number[];
  /** 1 for a question to answer, 0 for small talk. */
  label: 0 | 1;
}

export interface FittedModel {
  bias: number;
  weights: number[];
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias): keeps any one word list from deciding alone. */
  l2?: number;
  /** Newton steps; each solves the exact quadratic model of the loss, so a few dozen are plenty. */
  steps?: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function score(model: FittedModel, features: readonly number[]): number {
  return model.weights.reduce((sum, w, i) => sum + w * (features[i] ?? 0), model.bias);
}

/** Mean class-weighted log loss plus the L2 penalty, minimised by Newton's method (the bias is column 0). */
export function fitLogistic(examples: readonly Example[], { l2 = 0.001, steps = 30 }: FitOptions = {}): FittedModel {
  const size = (examples[0]?.features.length ?? 0) + 1;
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('fitting needs both questions and small talk');
  const classWeight = (label: 0 | 1) => examples.length / (2 * (label === 1 ? positives : negatives));
  const rows = examples.map((e) => [1, ...e.features]);
  const theta = new Array<number>(size).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = theta.map((t, i) => (i === 0 ? 0 : l2 * t));
    const hessian = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    rows.forEach((x, n) => {
      const e = examples[n]!;
      const p = sigmoid(x.reduce((sum, v, i) => sum + v * theta[i]!, 0));
      const w = classWeight(e.label) / examples.length;
      for (let i = 0; i < size; i++) {
        if (x[i] === 0) continue;
        grad[i]! += w * (p - e.label) * x[i]!;
        for (let j = 0; j < size; j++) hessian[i]![j]! += w * p * (1 - p) * x[i]! * x[j]!;
      }
    });
    const delta = solve(hessian, grad);
    for (let i = 0; i < size; i++) theta[i]! -= delta[i]!;
    if (Math.max(...delta.map(Math.abs)) < 1e-9) break;
  }
  return { bias: theta[0]!, weights: theta.slice(1) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small, symmetric and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-15) continue; // a feature no example has: its weight stays where the penalty holds it
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f !== 0) for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-15 ? 0 : row[n]! / row[i]!));
}

/** Out-of-fold probabilities by k-fold cross-validation (fold = position mod k): each example is scored
 * by a model fitted without it. */
export function crossValidatedProbabilities(examples: readonly Example[], options: FitOptions, folds = 5): number[] {
  const out = new Array<number>(examples.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const model = fitLogistic(examples.filter((_, i) => i % folds !== fold), options);
    examples.forEach((e, i) => {
      if (i % folds === fold) out[i] = sigmoid(score(model, e.features));
    });
  }
  return out;
}
