// Runs a SQuAD-format benchmark: this system and the raw-token BM25 baseline on the same questions.
import { openArticleIndex } from '../index/article-index.ts';
import { answerWithDetails, type AnswerOptions } from '../qa/answer.ts';
import { articleFromText, type Article } from '../text/article.ts';
import { RawBm25Baseline } from './baseline.ts';
import { emptyTally, figures, firstHitRank, type SystemFigures, type SystemTally } from './metrics.ts';
import type { EvalArticle, EvalQuestion } from './squad.ts';

export interface EvalOptions {
  /** Also ask each article the questions of the next article, which it should not answer. */
  offTopic?: boolean;
  answer?: AnswerOptions;
}

export interface EvalResult {
  systems: SystemFigures[];
  articles: number;
}

export async function runEval(articles: readonly EvalArticle[], options: EvalOptions = {}): Promise<EvalResult> {
  const system = emptyTally();
  const baseline = emptyTally();
  for (const [i, entry] of articles.entries()) {
    const article = articleFromText(entry.text, `eval-${i + 1}`);
    const index = await openArticleIndex(article, { persist: false });
    const ranks = new RawBm25Baseline(article.sentences);
    for (const q of entry.questions) {
      const started = performance.now();
      const details = await answerWithDetails(index, q.question, options.answer);
      system.latenciesMs.push(performance.now() - started);
      tally(system, q, article, details.ranked, details.answer.answered);

      const baselineStarted = performance.now();
      const baselineRanked = ranks.rank(q.question);
      baseline.latenciesMs.push(performance.now() - baselineStarted);
      tally(baseline, q, article, baselineRanked, baselineRanked.length > 0);
    }
    if (options.offTopic && articles.length > 1) {
      const other = articles[(i + 1) % articles.length]!;
      for (const q of other.questions) {
        const details = await answerWithDetails(index, q.question, options.answer);
        system.offTopic++;
        if (!details.answer.answered) system.offTopicAbstentions++;
        baseline.offTopic++;
        if (ranks.rank(q.question).length === 0) baseline.offTopicAbstentions++;
      }
    }
  }
  return { systems: [figures('this system', system), figures('BM25 raw tokens (baseline)', baseline)], articles: articles.length };
}

function tally(t: SystemTally, q: EvalQuestion, article: Article, ranked: readonly number[], answered: boolean): void {
  if (q.impossible) {
    t.impossible++;
    if (!answered) t.impossibleAbstentions++;
    return;
  }
  t.answerable++;
  const spans = ranked.map((p) => article.sentences[p]!);
  const rank = firstHitRank(spans, q.answers);
  if (rank === 1) t.hit1++;
  if (rank >= 1 && rank <= 3) t.hit3++;
  if (rank >= 1) t.reciprocalRanks += 1 / rank;
  if (rank === 1 && answered) t.answeredHit1++;
  if (!answered) t.falseAbstentions++;
}
