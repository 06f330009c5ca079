// How much of an article a summary covers, measured by the article's own questions: the share of them whose gold
// answer lies in a quoted sentence, at a word budget, for the summariser and for the lead (the first sentences) at
// the same budget. Also counts the pairs of quoted sentences that say the same thing.
import type { Article } from '../text/article.ts';
import { tokenise } from '../text/arabic.ts';
import { packInOrder, countWords, type SummaryBudget } from '../summary/budget.ts';
import { articleFeatures, jaccard } from '../summary/features.ts';
import { sentenceSimilarity } from '../summary/similarity.ts';
import { summariseArticle } from '../summary/summarise.ts';
import { overlaps } from './metrics.ts';
import type { GoldSpan } from './squad.ts';
import { markdownTable } from './table.ts';

export interface CoverageArticle {
  article: Article;
  /** Each answerable question's gold answer spans in the article text. */
  answers: GoldSpan[][];
  /** The sentences' neural vectors, when measured with the neural signal. */
  neural?: readonly Float32Array[];
}

export type CoverageSystem = 'summariser' | 'lead';
export const COVERAGE_SYSTEMS: readonly CoverageSystem[] = ['summariser', 'lead'];

/** Word-set overlap from which two quoted sentences count as repeating each other (a measure not our own). */
export const WORD_JACCARD_SAME = 0.7;

export interface CoverageRow {
  system: CoverageSystem;
  budget: number;
  /** Share of all answerable questions answered by a quoted sentence. */
  coverage: number;
  /** Mean words per summary. */
  words: number;
  /** Pairs of quoted sentences making one statement, by the summary's own rule (similarity.ts), over all summaries. */
  sameStatementPairs: number;
  /** Pairs of quoted sentences with word-set Jaccard of WORD_JACCARD_SAME or more, over all summaries. */
  wordJaccardPairs: number;
}

export interface CoverageReport {
  articles: number;
  questions: number;
  neural: boolean;
  rows: CoverageRow[];
}

export const COVERAGE_BUDGETS = [50, 100, 150] as const;

/** Positions of the lead's sentences at a budget: the first ones, by the rule every system shares. */
export function leadPositions(article: Article, budget: SummaryBudget): number[] {
  const positions = article.sentences.map((_, p) => p);
  return packInOrder(positions, (p) => ({ words: countWords(article.sentences[p]!.text), sentences: 1 }), budget);
}

export function summaryPositions(entry: CoverageArticle, words: number): number[] {
  const summary = summariseArticle(entry.article, { words, ...(entry.neural ? { neural: entry.neural } : {}) });
  const byStart = new Map(entry.article.sentences.map((s, p) => [s.start, p]));
  return summary.citations.map((c) => byStart.get(c.start)!);
}

export function runCoverage(entries: readonly CoverageArticle[], budgets: readonly number[] = COVERAGE_BUDGETS): CoverageReport {
  const rows: CoverageRow[] = [];
  const questions = entries.reduce((sum, e) => sum + e.answers.length, 0);
  for (const budget of budgets) {
    for (const system of COVERAGE_SYSTEMS) {
      let hits = 0;
      let words = 0;
      let same = 0;
      let wordSame = 0;
      for (const entry of entries) {
        const positions = system === 'lead' ? leadPositions(entry.article, { kind: 'words', words: budget }) : summaryPositions(entry, budget);
        const sentences = positions.map((p) => entry.article.sentences[p]!);
        hits += entry.answers.filter((gold) => sentences.some((s) => gold.some((g) => overlaps(s, g)))).length;
        words += sentences.reduce((sum, s) => sum + countWords(s.text), 0);
        const pairs = redundantPairs(entry, positions);
        same += pairs.sameStatement;
        wordSame += pairs.wordJaccard;
      }
      rows.push({
        system,
        budget,
        coverage: questions ? hits / questions : 0,
        words: entries.length ? words / entries.length : 0,
        sameStatementPairs: same,
        wordJaccardPairs: wordSame,
      });
    }
  }
  return { articles: entries.length, questions, neural: entries.some((e) => e.neural), rows };
}

/** Pairs of the chosen sentences that say the same thing, by both measures. */
export function redundantPairs(entry: CoverageArticle, positions: readonly number[]): { sameStatement: number; wordJaccard: number } {
  const similarity = sentenceSimilarity(articleFeatures(entry.article), entry.neural);
  const wordSets = positions.map((p) => new Set(tokenise(entry.article.sentences[p]!.text)));
  let sameStatement = 0;
  let wordJaccard = 0;
  for (let a = 0; a < positions.length; a++) {
    for (let b = a + 1; b < positions.length; b++) {
      if (similarity.sameStatement(positions[a]!, positions[b]!)) sameStatement++;
      if (jaccard(wordSets[a]!, wordSets[b]!) >= WORD_JACCARD_SAME) wordJaccard++;
    }
  }
  return { sameStatement, wordJaccard };
}

export function formatCoverageTable(name: string, report: CoverageReport): string {
  const header = ['budget (words)', 'system', 'question coverage', 'words', 'same-statement pairs', 'word-Jaccard ≥ 0.7 pairs'];
  const rows = report.rows.map((r) => [
    String(r.budget),
    r.system === 'lead' ? 'lead (first sentences)' : 'this summariser',
    r.coverage.toFixed(3),
    r.words.toFixed(1),
    String(r.sameStatementPairs),
    String(r.wordJaccardPairs),
  ]);
  return `${name}: ${report.articles} articles, ${report.questions} questions, ${report.neural ? 'neural and lexical signals' : 'lexical signals only'}\n${markdownTable(header, rows)}`;
}
