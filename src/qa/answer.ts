// Extractive answers: a one-line lead in the question's language plus the best sentences quoted verbatim,
// or a clear "not in the article" when the evidence is weak.
import type { ArticleIndex } from '../index/article-index.ts';
import { detectLanguage, isStopword } from '../text/arabic.ts';
import { DEFAULT_MIN_COVERAGE, evidenceCoverage, neurallyAnswered, nothingInArticle } from './abstain.ts';
import { makeCitation } from './citations.ts';
import { queryWithContext } from './followup.ts';
import type { Query } from './query.ts';
import { abstentionMessage, answerLead, type AnswerKind } from './messages.ts';
import { CROSS_LINGUAL_WEIGHTS, FUSED_WEIGHTS, isCrossLingual, LEXICAL_WEIGHTS, NEURAL_WEIGHTS, rankFromFeatures, rankSentences, type FusionWeights } from './retrieve.ts';
import type { Answer, Citation } from './types.ts';
import type { SentenceFeatures } from './features.ts';

export interface AnswerOptions {
  /** The question asked just before, for short follow-ups. */
  previousQuestion?: string;
  /** Weighted share of the question the evidence must contain; lower answers more, higher abstains more. */
  minCoverage?: number;
  /** How much more a question's definite noun or name that the article never uses weighs (see abstain.ts). */
  absentKeyWeight?: number;
  /** A further quote needs at least this confidence relative to the best one (0-1]. */
  closeScore?: number;
  /** At most this many quotes (1-3). */
  maxCitations?: number;
  /** Fusion weights of the retrieval signals (benchmarks try others); the system's own by default. */
  weights?: FusionWeights;
  /**
   * Which signals answer: `fused` (the default when a neural embedder is configured and answers), `lexical`
   * (the default otherwise, and the fallback for a question the embedder fails on) or `neural` alone (benchmarks).
   */
  system?: RetrievalSystem;
}

export type RetrievalSystem = 'lexical' | 'neural' | 'fused';

function systemWeights(system: RetrievalSystem, crossLingual: boolean): FusionWeights {
  if (system === 'lexical') return LEXICAL_WEIGHTS;
  if (system === 'neural') return NEURAL_WEIGHTS;
  return crossLingual ? CROSS_LINGUAL_WEIGHTS : FUSED_WEIGHTS;
}

/** A further sentence is quoted only when its confidence relative to the best one (exp of the score gap) is at least this. */
const CLOSE_SCORE = 0.35;

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
}

export async function answerQuestion(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return (await answerWithDetails(index, question, options)).answer;
}

export async function answerWithDetails(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<AnswerDetails> {
  const text = typeof question === 'string' ? question : '';
  const language = detectLanguage(text.slice(0, 2_000));
  const refuse = (kind: Exclude<AnswerKind, 'answered'>, coverage = 0, scored: AnswerDetails['scored'] = [], features?: SentenceFeatures): AnswerDetails => ({
    answer: { question: text, language, answered: false, answer: abstentionMessage(kind, language), citations: [] },
    kind,
    coverage,
    ranked: scored.map((r) => r.position),
    scored,
    features,
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
  const first = await rankSentences(index, query, options.weights ?? systemWeights(wanted, crossLingual));
  // the embedder failed for this question (it logged why): answer it with the lexical signals alone
  const system: RetrievalSystem = first.features.similarity ? wanted : 'lexical';
  const features = first.features;
  const ranked = system === wanted ? first.ranked : rankFromFeatures(index, features, LEXICAL_WEIGHTS);
  const best = ranked[0];
  if (!best) return refuse('not-in-article');
  const coverage = evidenceCoverage(index, query, best.position, options.absentKeyWeight);
  const lexicallyAnswered = coverage >= (options.minCoverage ?? DEFAULT_MIN_COVERAGE) && !nothingInArticle(index, query);
  const answered =
    system === 'lexical' || !readsAsText(query)
      ? lexicallyAnswered
      : neurallyAnswered(features, { crossLingual, lexical: system === 'fused' ? lexicallyAnswered : undefined });
  if (!answered) return refuse('not-in-article', coverage, ranked, features);

  const maxCitations = Math.min(3, Math.max(1, options.maxCitations ?? 3));
  const chosen: typeof ranked = [];
  for (const r of ranked) {
    if (chosen.length === maxCitations || r.score < (options.closeScore ?? CLOSE_SCORE) * best.score) break;
    if (!chosen.some((c) => restates(index, c.position, r.position))) chosen.push(r);
  }
  const citations: Citation[] = chosen.map((r) => makeCitation(index.article, index.article.sentences[r.position]!, r.score));
  return {
    answer: { question: text, language, answered: true, answer: answerLead(language, citations.map((c) => c.id)), citations },
    kind: 'answered',
    coverage,
    ranked: ranked.map((r) => r.position),
    scored: ranked,
    features,
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

/** Two sentences that state the same fact are quoted once. */
function restates(index: ArticleIndex, a: number, b: number): boolean {
  const firstOf = (p: number) => (index.repeatOf[p]! >= 0 ? index.repeatOf[p]! : p);
  return firstOf(a) === firstOf(b);
}
