// Fitting the small-talk decision: the L2 penalty and the threshold are chosen by 5-fold cross-validation
// on the fitting messages (the pair that stands best against both targets), then the weights are fitted
// on all of them. Used by `npm run fit:chatter`.
import type { LabelledMessage } from './chatter-data.ts';
import { crossValidatedProbabilities, fitLogistic, type Example } from './logistic.ts';
import { FEATURE_NAMES, smallTalkFeatures, type FeatureName } from '../qa/small-talk-features.ts';
import type { SmallTalkModel } from '../qa/small-talk.ts';

export const PENALTIES = [0.01, 0.003, 0.001, 0.0003, 0.0001, 0.00003];
export const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
/** The targets: questions answered and small talk left alone. */
export const TARGET_ANSWERED = 0.95;
export const TARGET_LEFT_ALONE = 0.97;

export interface Trial {
  l2: number;
  threshold: number;
  answered: number;
  leftAlone: number;
}

export function examplesOf(messages: readonly LabelledMessage[]): Example[] {
  return messages.map((m) => {
    const features = smallTalkFeatures(m.text);
    return { features: FEATURE_NAMES.map((name) => features[name]), label: m.question ? 1 : 0 };
  });
}

function shares(examples: readonly Example[], probabilities: readonly number[], threshold: number) {
  let answered = 0;
  let questions = 0;
  let quiet = 0;
  examples.forEach((e, i) => {
    const yes = probabilities[i]! >= threshold;
    if (e.label === 1) {
      questions++;
      if (yes) answered++;
    } else if (!yes) quiet++;
  });
  return { answered: answered / Math.max(1, questions), leftAlone: quiet / Math.max(1, examples.length - questions) };
}

/** How far a trial stands from the nearer of the two targets (1 = exactly on it). */
export const margin = (t: Trial): number => Math.min(t.answered / TARGET_ANSWERED, t.leftAlone / TARGET_LEFT_ALONE);

/** The penalty and threshold whose cross-validated figures stand best against both targets. */
export function chooseSettings(examples: readonly Example[]): { best: Trial; trials: Trial[] } {
  const trials = PENALTIES.flatMap((l2) => {
    const probabilities = crossValidatedProbabilities(examples, { l2 });
    return THRESHOLDS.map((threshold) => ({ l2, threshold, ...shares(examples, probabilities, threshold) }));
  });
  const best = trials.reduce((a, b) => (margin(b) > margin(a) ? b : a));
  return { best, trials };
}

/** Weights fitted on every fitting message with the chosen penalty, as the bot reads them. */
export function fitModel(examples: readonly Example[], l2: number, threshold: number): SmallTalkModel {
  const fitted = fitLogistic(examples, { l2 });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const weights = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, round(fitted.weights[i]!)])) as Record<FeatureName, number>;
  return { bias: round(fitted.bias), threshold, penalty: l2, weights };
}
