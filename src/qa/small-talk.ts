// Whether a message in a sources thread is a question for the bot or small talk to leave alone: a
// logistic regression over the named features of src/qa/small-talk-features.ts, with weights fitted on
// the fitting part of test/fixtures/thread-chatter.tsv (`npm run fit:chatter`, measured by
// `npm run eval:chatter`). Leaving a question alone costs less than answering chatter in public (the
// person can still mention the bot), so the threshold is the one that leaves the most small talk alone
// while cross-validation still answers nearly all questions.
import { FEATURE_NAMES, smallTalkFeatures, type FeatureName } from './small-talk-features.ts';
import { SMALL_TALK_MODEL } from './small-talk-weights.ts';

export interface SmallTalkModel {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Answered when the probability of a question is at least this. */
  threshold: number;
  /** The L2 penalty the weights were fitted with (kept so the table can be checked by refitting). */
  penalty: number;
}

/** Probability that the message is a question or request for the bot, and which features spoke. */
export function questionProbability(text: string, model: SmallTalkModel = SMALL_TALK_MODEL): { probability: number; features: FeatureName[] } {
  const features = smallTalkFeatures(text);
  const present = FEATURE_NAMES.filter((name) => features[name] !== 0);
  const z = present.reduce((sum, name) => sum + model.weights[name] * features[name], model.bias);
  return { probability: 1 / (1 + Math.exp(-z)), features: present };
}

/** True when a message in a sources thread reads as a question or a request about the article. */
export function readsAsQuestion(text: string, model: SmallTalkModel = SMALL_TALK_MODEL): boolean {
  // Letters or digits are needed: "??", "؟!" or an emoji alone is a reaction, not a question.
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  return questionProbability(text, model).probability >= model.threshold;
}
