// Runs a SQuAD-format benchmark: the lexical, neural and fused systems and the raw-token BM25 baseline on the
// same questions. Indexes are kept under embeddings/eval/, so a second run does not embed the articles again.
import { basename, join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { DEFAULT_INDEX_DIR, openArticleIndex } from '../index/article-index.ts';
import type { Logger } from '../log.ts';
import { answerWithDetails, type AnswerOptions, type RetrievalSystem } from '../qa/answer.ts';
import { articleFromText, type Article } from '../text/article.ts';
import { RawBm25Baseline } from './baseline.ts';
import { emptyTally, figures, firstHitRank, overlaps, type Span, type SystemFigures, type SystemTally } from './metrics.ts';
import type { EvalArticle, EvalQuestion } from './squad.ts';

export interface EvalOptions {
  /** Also ask each article the questions of the next article, which it should not answer. */
  offTopic?: boolean;
  answer?: AnswerOptions;
  /** The neural embedder; without it only the lexical system and the baseline run. */
  embedder?: { embeddings?: EmbeddingsInterface; embedderId?: string };
  /** Names the saved indexes (the dataset's file name). */
  dataset?: string;
  /** Where the indexes are kept; false keeps them in memory. */
  indexDir?: string | false;
  log?: Logger;
}

export interface EvalResult {
  systems: SystemFigures[];
  articles: number;
}

const SYSTEM_NAMES: Record<RetrievalSystem, string> = { fused: 'fused (default)', lexical: 'lexical only', neural: 'neural only' };
export const EVAL_INDEX_DIR = join(DEFAULT_INDEX_DIR, 'eval');

export async function runEval(articles: readonly EvalArticle[], options: EvalOptions = {}): Promise<EvalResult> {
  const systems: RetrievalSystem[] = options.embedder?.embeddings ? ['fused', 'lexical', 'neural'] : ['lexical'];
  const tallies = new Map(systems.map((s) => [s, emptyTally()]));
  const baseline = emptyTally();
  const indexes = [];
  for (const [i, entry] of articles.entries()) {
    const article = articleFromText(entry.text, `${basename(options.dataset ?? 'eval')}-${i + 1}`);
    const where = options.indexDir === false ? { persist: false } : { dir: options.indexDir ?? EVAL_INDEX_DIR };
    const index = await openArticleIndex(article, { ...where, ...(options.log ? { log: options.log } : {}), ...options.embedder });
    const ranks = new RawBm25Baseline(article.sentences);
    indexes.push({ index, ranks });
    for (const q of entry.questions) {
      // the first system asked embeds the question: its latency includes the embedder's
      for (const system of systems) {
        const tally = tallies.get(system)!;
        const started = performance.now();
        const details = await answerWithDetails(index, q.question, { ...options.answer, system });
        tally.latenciesMs.push(performance.now() - started);
        score(tally, q, article, details.ranked, details.answer.answered, details.answer.citations);
      }
      const baselineStarted = performance.now();
      const baselineRanked = ranks.rank(q.question);
      baseline.latenciesMs.push(performance.now() - baselineStarted);
      score(baseline, q, article, baselineRanked, baselineRanked.length > 0);
    }
  }
  // asked after every article's own questions, so that no question's embedding was fetched for it here first
  if (options.offTopic && articles.length > 1) {
    for (const [i, { index, ranks }] of indexes.entries()) {
      for (const q of articles[(i + 1) % articles.length]!.questions) {
        for (const system of systems) {
          const tally = tallies.get(system)!;
          const details = await answerWithDetails(index, q.question, { ...options.answer, system });
          tally.offTopic++;
          if (!details.answer.answered) tally.offTopicAbstentions++;
        }
        baseline.offTopic++;
        if (ranks.rank(q.question).length === 0) baseline.offTopicAbstentions++;
      }
    }
  }
  return {
    systems: [...systems.map((s) => figures(SYSTEM_NAMES[s], tallies.get(s)!)), figures('BM25 raw tokens (baseline)', baseline)],
    articles: articles.length,
  };
}

function score(t: SystemTally, q: EvalQuestion, article: Article, ranked: readonly number[], answered: boolean, quotes: readonly Span[] = []): void {
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
  if (answered && quotes.length > 0) {
    t.answers++;
    const extras = quotes.slice(1);
    t.extraQuotes += extras.length;
    t.extraQuotesWithoutAnswer += extras.filter((quote) => !q.answers.some((gold) => overlaps(quote, gold))).length;
  }
}
