// The EASC summary benchmark: each article is summarised within the mean length of its five human
// summaries and scored with ROUGE-1/2 F1 against them; the lead baseline, a seeded random selection and
// the humans themselves (each against the other four) are measured the same way.
import { readFileSync } from 'node:fs';
import { articleFromText, type Article } from '../text/article.ts';
import { countWords, packInOrder, type SummaryBudget } from '../summary/budget.ts';
import { summariseArticle } from '../summary/summarise.ts';
import type { Sentence } from '../text/segment.ts';
import { rougeAgainst, type RougeF1 } from './rouge.ts';
import { DatasetError } from './dataset-error.ts';

export interface EascTopic {
  topic: string;
  title: string;
  article: string;
  summaries: string[];
}

export { DatasetError };

export function loadEasc(path: string): EascTopic[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read the EASC dataset at "${path}": ${(error as Error).message}`);
  }
  const topics = (raw as { topics?: unknown }).topics;
  if (!Array.isArray(topics)) throw new DatasetError(`"${path}" has no "topics" array.`);
  return topics.filter(
    (t): t is EascTopic =>
      typeof t?.article === 'string' && Array.isArray(t.summaries) && t.summaries.length >= 2 && t.summaries.every((s: unknown) => typeof s === 'string'),
  );
}

/** "51-100" keeps the 51st to the 100th topic of the file (1-based, inclusive): tune on one part, check on another. */
export function topicRange(spec: string, topics: readonly EascTopic[]): EascTopic[] {
  const match = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1])) {
    throw new DatasetError(`--topics must look like 1-50, got "${spec}".`);
  }
  return topics.slice(Number(match[1]) - 1, Number(match[2]));
}

export type SystemName = 'summariser' | 'lead' | 'random' | 'humans';
export const SYSTEMS: readonly SystemName[] = ['summariser', 'lead', 'random', 'humans'];

export interface SystemResult extends RougeF1 {
  system: SystemName;
  articles: number;
  /** Mean words per summary. */
  words: number;
}

export interface EascReport {
  articles: number;
  skipped: number;
  /** Mean word budget (mean length of the human summaries). */
  budget: number;
  results: SystemResult[];
  /** Mean milliseconds per summary of our summariser. */
  msPerSummary: number;
}

/** Small seeded generator (mulberry32) so the random baseline is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function packedText(sentences: readonly Sentence[], budget: SummaryBudget): string {
  const size = (s: Sentence) => ({ words: countWords(s.text), sentences: 1 });
  const chosen = packInOrder(sentences, size, budget);
  return chosen.sort((a, b) => a.start - b.start).map((s) => s.text).join(' ');
}

/** `neural[i]`: the sentence vectors of topic i's article, when measured with the neural signal. */
export function runEasc(topics: readonly EascTopic[], seed = 1, neural?: readonly (readonly Float32Array[] | undefined)[]): EascReport {
  const totals = new Map<SystemName, { rouge1: number; rouge2: number; words: number; articles: number }>(
    SYSTEMS.map((s) => [s, { rouge1: 0, rouge2: 0, words: 0, articles: 0 }]),
  );
  const add = (system: SystemName, score: RougeF1, words: number) => {
    const total = totals.get(system)!;
    total.rouge1 += score.rouge1;
    total.rouge2 += score.rouge2;
    total.words += words;
    total.articles++;
  };
  const random = seededRandom(seed);
  let skipped = 0;
  let budgetSum = 0;
  let summariserMs = 0;
  for (const [i, topic] of topics.entries()) {
    let article: Article;
    try {
      article = articleFromText(topic.article, topic.topic);
    } catch {
      skipped++;
      continue;
    }
    const references = topic.summaries;
    const budgetWords = references.reduce((sum, r) => sum + countWords(r), 0) / references.length;
    budgetSum += budgetWords;
    const budget: SummaryBudget = { kind: 'words', words: budgetWords };

    const started = performance.now();
    const vectors = neural?.[i];
    const ours = summariseArticle(article, { words: budgetWords, ...(vectors ? { neural: vectors } : {}) }).citations.map((c) => c.text).join(' ');
    summariserMs += performance.now() - started;
    add('summariser', rougeAgainst(ours, references), countWords(ours));

    const lead = packedText(article.sentences, budget);
    add('lead', rougeAgainst(lead, references), countWords(lead));

    const chance = packedText(shuffled(article.sentences, random), budget);
    add('random', rougeAgainst(chance, references), countWords(chance));

    const humans = references.map((summary, i) => rougeAgainst(summary, references.filter((_, j) => j !== i)));
    add('humans', mean(humans), references.reduce((sum, r) => sum + countWords(r), 0) / references.length);
  }
  const articles = topics.length - skipped;
  return {
    articles,
    skipped,
    budget: articles ? budgetSum / articles : 0,
    msPerSummary: articles ? summariserMs / articles : 0,
    results: SYSTEMS.map((system) => {
      const t = totals.get(system)!;
      const n = Math.max(1, t.articles);
      return { system, articles: t.articles, rouge1: t.rouge1 / n, rouge2: t.rouge2 / n, words: t.words / n };
    }),
  };
}

function mean(scores: readonly RougeF1[]): RougeF1 {
  return {
    rouge1: scores.reduce((sum, s) => sum + s.rouge1, 0) / scores.length,
    rouge2: scores.reduce((sum, s) => sum + s.rouge2, 0) / scores.length,
  };
}

export function formatEascTable(report: EascReport): string {
  const rows = report.results.map(
    (r) => `| ${r.system.padEnd(10)} | ${r.rouge1.toFixed(3)} | ${r.rouge2.toFixed(3)} | ${r.words.toFixed(1).padStart(6)} |`,
  );
  return [
    `EASC: ${report.articles} articles${report.skipped ? ` (${report.skipped} skipped)` : ''}, mean budget ${report.budget.toFixed(1)} words, summariser ${report.msPerSummary.toFixed(2)} ms/summary`,
    '| system     | ROUGE-1 F1 | ROUGE-2 F1 | words  |',
    '| ---------- | ---------- | ---------- | ------ |',
    ...rows.map((row) => row.replace(/\| (\d\.\d{3}) \| (\d\.\d{3}) \|/, (_, a: string, b: string) => `| ${a.padEnd(10)} | ${b.padEnd(10)} |`)),
  ].join('\n');
}
