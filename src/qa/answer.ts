// Extractive answers: a one-line lead in the question's language plus the best sentences quoted verbatim,
// or a clear "not in the article" when the evidence is weak.
import type { ArticleIndex } from '../index/article-index.ts';
import { detectLanguage } from '../text/arabic.ts';
import { DEFAULT_MIN_COVERAGE, evidenceCoverage, nothingInArticle } from './abstain.ts';
import { makeCitation } from './citations.ts';
import { queryWithContext } from './followup.ts';
import { abstentionMessage, answerLead, type AnswerKind } from './messages.ts';
import { rankSentences, type FusionWeights } from './retrieve.ts';
import type { Answer, Citation } from './types.ts';

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
  /** Fusion weights of the retrieval signals (benchmarks try others). */
  weights?: FusionWeights;
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
}

export async function answerQuestion(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<Answer> {
  return (await answerWithDetails(index, question, options)).answer;
}

export async function answerWithDetails(index: ArticleIndex, question: string, options: AnswerOptions = {}): Promise<AnswerDetails> {
  const text = typeof question === 'string' ? question : '';
  const language = detectLanguage(text.slice(0, 2_000));
  const refuse = (kind: Exclude<AnswerKind, 'answered'>, coverage = 0, ranked: number[] = []): AnswerDetails => ({
    answer: { question: text, language, answered: false, answer: abstentionMessage(kind, language), citations: [] },
    kind,
    coverage,
    ranked,
  });

  if (text.trim() === '') return refuse('empty');
  const query = queryWithContext(text, options.previousQuestion);
  if (query.stems.length === 0) return refuse('no-terms');
  if (nothingInArticle(index, query)) return refuse('not-in-article');

  const { ranked } = await rankSentences(index, query, options.weights);
  const positions = ranked.map((r) => r.position);
  const best = ranked[0];
  if (!best) return refuse('not-in-article');
  const coverage = evidenceCoverage(index, query, best.position, options.absentKeyWeight);
  if (coverage < (options.minCoverage ?? DEFAULT_MIN_COVERAGE)) return refuse('not-in-article', coverage, positions);

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
    ranked: positions,
  };
}

/** Two sentences that state the same fact are quoted once. */
function restates(index: ArticleIndex, a: number, b: number): boolean {
  const firstOf = (p: number) => (index.repeatOf[p]! >= 0 ? index.repeatOf[p]! : p);
  return firstOf(a) === firstOf(b);
}
