// The answering settings before the answer-kind, tense and word-form features and the evidence-decided number of
// quotes, as they were: `npm run eval` runs them beside today's on the same questions, as the baseline row.
import type { AnswerOptions } from './answer.ts';
import { LEXICAL_WEIGHTS, type FusionWeights, type WeightSet } from './retrieve.ts';

const NONE = { answerType: 0, tense: 0, sameForms: 0 };

const FUSED: FusionWeights = {
  ...{ stems: 1, grams: 2, skeletons: 2, names: 1, lexicalVectors: -1, neural: 3, neuralPair: 0.05, coverage: 2 },
  ...{ bigrams: -0.1, numberMatch: 3, lead: -0.1, neighbours: 0.1 },
  ...NONE,
};

const CROSS_LINGUAL: FusionWeights = {
  ...{ stems: 0, grams: -0.1, skeletons: 0.3, names: 0.2, lexicalVectors: 0.05, neural: 1.5, neuralPair: 0.5, coverage: 1 },
  ...{ bigrams: 0, numberMatch: 0.2, lead: 0, neighbours: 0.05 },
  ...NONE,
};

export const PREVIOUS_WEIGHTS: WeightSet = { fused: FUSED, crossLingual: CROSS_LINGUAL, lexical: { ...LEXICAL_WEIGHTS, ...NONE } };

export const PREVIOUS_SETTINGS: AnswerOptions = {
  weightSet: PREVIOUS_WEIGHTS,
  thresholds: { sameLanguage: { alone: 0.85, withWords: 0.8 }, crossLingual: { alone: 0.78, withWords: 0.75 } },
  extraQuotes: 'own-evidence',
};
