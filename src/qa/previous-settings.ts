// The answering settings before the answer-kind, tense and word-form features and the evidence-decided number of
// quotes: `npm run eval` runs them beside today's on the same questions, as the baseline row.
import type { AnswerOptions } from './answer.ts';
import { CROSS_LINGUAL_WEIGHTS, FUSED_WEIGHTS, LEXICAL_WEIGHTS, type WeightSet } from './retrieve.ts';

export const PREVIOUS_WEIGHTS: WeightSet = {
  fused: { ...FUSED_WEIGHTS },
  crossLingual: { ...CROSS_LINGUAL_WEIGHTS },
  lexical: { ...LEXICAL_WEIGHTS },
};

export const PREVIOUS_SETTINGS: AnswerOptions = {
  weightSet: PREVIOUS_WEIGHTS,
  thresholds: { sameLanguage: { alone: 0.85, withWords: 0.8 }, crossLingual: { alone: 0.78, withWords: 0.75 } },
  extraQuotes: 'own-evidence',
};
