// Extractive answers: a one-line lead in the question's language plus the best sentences quoted verbatim,
// or a clear "not in the article" when the evidence is weak.
import type { ArticleIndex } from '../index/article-index.ts';
import { QUESTION_LIMIT } from './question.ts';
import { detectLanguage, isStopword } from '../text/arabic.ts';
import { DEFAULT_MIN_COVERAGE, evidenceCoverage, NEURAL_THRESHOLDS, neurallyAnswered, nothingInArticle, type NeuralThresholds } from './abstain.ts';
import { makeCitation } from './citations.ts';
import { queryWithContext } from './followup.ts';
import { preferNear } from './conversation.ts';
import { analyseQuery, type Query } from './query.ts';
import { abstentionMessage, answerLead, type AnswerKind } from './messages.ts';
import { CURRENT_WEIGHTS, isCrossLingual, NEURAL_WEIGHTS, rankFromFeatures, rankSentences, type FusionWeights, type WeightSet } from './retrieve.ts';
import type { Answer, Citation } from './types.ts';
import type { SentenceFeatures } from './features.ts';

export interface AnswerOptions {
  /** The question asked just before, for short follow-ups. */
  previousQuestion?: string;
  /**
   * Sentence ids the conversation has already shown: a short follow-up ("and why?") looks for what they do
   * not say, and says so when the article has nothing more.
   */
  alreadyShown?: readonly string[];
  /** A follow-up already read in its conversation (see converse.ts): it too skips what was shown. */
  followUp?: boolean;
  /** Sentence ids the conversation is at: a follow-up's answer is most often beside them (conversation.ts). */
  near?: readonly string[];
  /** Weighted share of the question the evidence must contain; lower answers more, higher abstains more. */
  minCoverage?: number;
  /** How much more a question's definite noun or name that the article never uses weighs (see abstain.ts). */
  absentKeyWeight?: number;
  /** A further quote needs at least this confidence relative to the best one (0-1]; the default depends on the rule. */
  closeScore?: number;
  /** At most this many quotes (1-3). */
  maxCitations?: number;
  /**
   * Which further quotes are shown: `close` (the default with the neural signal) those whose confidence is close
   * to the best one's, so that one quote is shown when one sentence is clearly best and two or three when the
   * ranking cannot tell them apart; `own-evidence` (before, and still the lexical default) only those that would
   * answer the question on their own as well; `relative` any within 0.35 of the best (benchmarks compare them).
   */
  extraQuotes?: ExtraQuoteRule;
  /** Fusion weights of the retrieval signals (benchmarks try others); the system's own by default. */
  weights?: FusionWeights;
  /** The weights of each system, when `weights` is not given (benchmarks compare the previous ones). */
  weightSet?: WeightSet;
  /** Neural abstention thresholds (benchmarks compare the previous ones). */
  thresholds?: NeuralThresholds;
  /**
   * Which signals answer: `fused` (the default when a neural embedder is configured and answers), `lexical`
   * (the default otherwise, and the fallback for a question the embedder fails on) or `neural` alone (benchmarks).
   */
  system?: RetrievalSystem;
}

export type RetrievalSystem = 'lexical' | 'neural' | 'fused';
export type ExtraQuoteRule = 'close' | 'own-evidence' | 'relative';

function systemWeights(system: RetrievalSystem, crossLingual: boolean, set: WeightSet): FusionWeights {
  if (system === 'lexical') return set.lexical;
  if (system === 'neural') return NEURAL_WEIGHTS;
  return crossLingual ? set.crossLingual : set.fused;
}

/** Under `own-evidence` and `relative`, a further sentence needs a confidence relative to the best one (exp of the score gap) of at least this. */
const CLOSE_SCORE = 0.35;
/**
 * Under `close`, the confidence relative to the best one that shows a further quote, per weight set (their scores
 * have different scales: the cross-lingual weights are smaller, so its confidences lie closer together). Chosen
 * on XQuAD-ar and XQuAD-en as the most quotes that keep a mean of at most 1.6 per answer (see the README).
 */
export const CLOSE_QUOTE = { sameLanguage: 0.1, crossLingual: 0.78 } as const;
/**
 * ...and, when meaning is compared, only when it is at least as close in meaning as the first quote: then the
 * signals disagree on which sentence answers, and both are shown. On XQuAD-ar and ARCD this drops 218 of 389
 * further quotes, 183 of them holding no gold answer, and keeps 46 of the 81 that held the answer the first missed.
 */
const NEURAL_EXTRA_MARGIN = 0;

export interface AnswerDetails {
  answer: Answer;
  kind: AnswerKind;
  /** Coverage of the best evidence, for calibration. */
  coverage: number;
  /** All sentence positions with evidence, best first (benchmarks read ranks beyond the quotes). */
  ranked: number[];
  /** The same with their confidence relative to the best (1 for it). */
  scored: { position: number; score: number }[];
  /** The evidence features behind the ranking, when the question was ranked. */
  features?: SentenceFeatures;
  /** A short follow-up that borrowed the previous question's terms. */
  followUp: boolean;
}

export async function answerQuestion(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return (await answerWithDetails(index, question, options)).answer;
}

export async function answerWithDetails(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<AnswerDetails> {
  const text = typeof question === 'string' ? question : '';
  const language = detectLanguage(text.slice(0, QUESTION_LIMIT));
  const refuse = (kind: Exclude<AnswerKind, 'answered'>, coverage = 0, scored: AnswerDetails['scored'] = [], features?: SentenceFeatures): AnswerDetails => ({
    answer: { question: text, language, answered: false, lead: abstentionMessage(kind, language), citations: [] },
    kind,
    coverage,
    ranked: scored.map((r) => r.position),
    scored,
    features,
    followUp: false,
  });

  if (text.trim() === '') return refuse('empty');
  const query = queryWithContext(text, options.previousQuestion);
  if (query.stems.length === 0) return refuse('no-terms');

  const neuralIndex = index.signals.some((s) => s.name === 'neural');
  const wanted = options.system ?? (neuralIndex ? 'fused' : 'lexical');
  // without a neural signal there is no meaning to compare: a question sharing no word with the article is refused at once
  if (wanted === 'lexical' || !neuralIndex) {
    if (nothingInArticle(index, query)) return refuse('not-in-article');
  }
  const crossLingual = isCrossLingual(index, query);
  const weightSet = options.weightSet ?? CURRENT_WEIGHTS;
  const first = await rankSentences(index, query, options.weights ?? systemWeights(wanted, crossLingual, weightSet));
  // the embedder failed for this question (it logged why): answer it with the lexical signals alone
  const system: RetrievalSystem = first.features.similarity ? wanted : 'lexical';
  const features = first.features;
  const allRanked = system === wanted ? first.ranked : rankFromFeatures(index, features, weightSet.lexical);
  // a follow-up is asked for more: sentences the conversation already showed are not quoted again
  const followUp = options.followUp ?? query.followUp;
  const shown = new Set(followUp ? (options.alreadyShown ?? []) : []);
  const isNew = (position: number) => !shown.has(index.article.sentences[position]!.id);
  const ranked = preferNear(index, allRanked.filter((r) => isNew(r.position)), options.near ?? []);
  const nothingLeft: Exclude<AnswerKind, 'answered'> = shown.size > 0 && allRanked.length > 0 ? 'nothing-new' : 'not-in-article';
  const best = ranked[0];
  if (!best) return refuse(nothingLeft);
  const coverage = evidenceCoverage(index, query, best.position, options.absentKeyWeight);
  const lexicallyAnswered = coverage >= (options.minCoverage ?? DEFAULT_MIN_COVERAGE) && !nothingInArticle(index, query);
  const answered =
    system === 'lexical' || !readsAsText(query)
      ? lexicallyAnswered
      : neurallyAnswered(features, { crossLingual, lexical: system === 'fused' ? lexicallyAnswered : undefined, among: isNew, thresholds: options.thresholds ?? NEURAL_THRESHOLDS });
  // what a follow-up adds must be about the same thing: it names what the earlier question was most about
  const aboutSubject = shown.size > 0 && options.previousQuestion ? subjectOf(index, options.previousQuestion) : () => true;
  if (!aboutSubject(best.position)) {
    return refuse('nothing-new', coverage, ranked, features);
  }
  if (!answered) return refuse(nothingLeft, coverage, ranked, features);

  const maxCitations = Math.min(3, Math.max(1, options.maxCitations ?? 3));
  const chosen: typeof ranked = [];
  const addsEvidence = (position: number): boolean => {
    if (!aboutSubject(position)) return false;
    if (options.extraQuotes === 'relative') return true;
    const similarity = features.similarity?.[position];
    if (system !== 'lexical' && similarity !== undefined && readsAsText(query)) {
      return similarity >= (features.similarity?.[best.position] ?? 0) - NEURAL_EXTRA_MARGIN;
    }
    return evidenceCoverage(index, query, position, options.absentKeyWeight) >= (options.minCoverage ?? DEFAULT_MIN_COVERAGE);
  };
  // without meaning compared, the coverage test still decides further quotes (its scores spread differently)
  const rule = options.extraQuotes ?? (system === 'lexical' ? 'own-evidence' : 'close');
  const closeness = options.closeScore ?? (rule !== 'close' ? CLOSE_SCORE : crossLingual ? CLOSE_QUOTE.crossLingual : CLOSE_QUOTE.sameLanguage);
  for (const r of ranked) {
    if (chosen.length === maxCitations || r.score < closeness * best.score) break;
    if (chosen.some((c) => restates(index, c.position, r.position))) continue;
    if (chosen.length === 0 || (rule === 'close' ? aboutSubject(r.position) : addsEvidence(r.position))) chosen.push(r);
  }
  const citations: Citation[] = chosen.map((r) => makeCitation(index.article, index.article.sentences[r.position]!, r.score));
  return {
    answer: { question: text, language, answered: true, lead: answerLead(language, citations.map((c) => c.id)), citations },
    kind: 'answered',
    coverage,
    ranked: ranked.map((r) => r.position),
    scored: ranked,
    features,
    followUp,
  };
}

/**
 * Whether a question reads as language rather than noise: any sequence of letters gets some similarity to every
 * sentence ("qwzx blorft zzkq?" got 0.79 on the seed article), so without a function word ("what", "the", "في"),
 * a name or a word the English glossary knows, only the lexical evidence can answer.
 */
function readsAsText(query: Query): boolean {
  return query.allTokens.some(isStopword) || query.names.length > 0 || query.glosses.length > 0;
}

/** Terms within this share of the rarest one's weight count as what a question is about ("وانغ" as well as "يي"). */
const SUBJECT_SHARE = 0.6;

/**
 * What an earlier question was about: its rarest words or names in this article. Returns whether a sentence
 * holds one of them (any sentence, when the question named nothing the article has).
 */
function subjectOf(index: ArticleIndex, question: string): (position: number) => boolean {
  const earlier = analyseQuery(question);
  const terms = [
    ...earlier.stems.filter((stem) => index.stemBm25.has(stem)).map((stem) => ({ idf: index.stemBm25.idf(stem), stem })),
    ...earlier.names.filter((key) => index.nameBm25.has(key)).map((key) => ({ idf: index.nameBm25.idf(key), name: key })),
  ];
  if (terms.length === 0) return () => true;
  const rarest = Math.max(...terms.map((t) => t.idf));
  const subject = terms.filter((t) => t.idf >= SUBJECT_SHARE * rarest);
  return (position) =>
    subject.some((t) => ('stem' in t ? index.sentenceStemSets[position]?.has(t.stem) : index.sentenceNames[position]?.includes(t.name)));
}

/** Two sentences that state the same fact are quoted once. */
function restates(index: ArticleIndex, a: number, b: number): boolean {
  const firstOf = (p: number) => (index.repeatOf[p]! >= 0 ? index.repeatOf[p]! : p);
  return firstOf(a) === firstOf(b);
}
