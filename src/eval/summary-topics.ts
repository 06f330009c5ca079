// Topic precision and recall of /summary on a labelled set (bench/summary-topics.json): topics in Arabic and
// English on XQuAD-ar articles, some about the article and some not. A topic counts as found rightly when the
// summary quotes a sentence holding one of its expected words; a summary of an off-topic topic is a false find.
import { readFileSync } from 'node:fs';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { openArticleIndex, type ArticleIndex } from '../index/article-index.ts';
import type { Logger } from '../log.ts';
import { analyseQuery } from '../qa/query.ts';
import { summariseIndexed } from '../qa/service.ts';
import { summariseArticle } from '../summary/summarise.ts';
import { normaliseArabic, detectLanguage } from '../text/arabic.ts';
import { articleFromText } from '../text/article.ts';
import { DatasetError } from './dataset-error.ts';
import { loadSquadArticles } from './squad.ts';
import { markdownTable } from './table.ts';
import type { Summary } from '../qa/types.ts';

export interface LabelledTopic {
  article: number;
  topic: string;
  on: boolean;
  expect?: string[];
}

export interface TopicSet {
  dataset: string;
  topics: LabelledTopic[];
}

export function loadTopicSet(path: string): TopicSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read the topic set at "${path}": ${(error as Error).message}`);
  }
  const set = raw as Partial<TopicSet>;
  if (typeof set.dataset !== 'string' || !Array.isArray(set.topics)) throw new DatasetError(`"${path}" has no "dataset" and "topics".`);
  for (const t of set.topics) {
    if (!Number.isInteger(t?.article) || typeof t.topic !== 'string' || typeof t.on !== 'boolean' || (t.on && !Array.isArray(t.expect))) {
      throw new DatasetError(`"${path}": every topic needs "article", "topic", "on" and, when on, "expect".`);
    }
  }
  return set as TopicSet;
}

export type TopicSystem = 'ours' | 'shared stems';

export interface TopicOutcome {
  topic: LabelledTopic;
  system: TopicSystem;
  found: boolean;
  /** Found and quoting an expected word (only for on-topic topics). */
  right: boolean;
}

/** The rule before: a sentence sharing any stem (or English gloss) with the topic is about it. */
function sharedStems(index: ArticleIndex, topic: string): Summary {
  const query = analyseQuery(topic);
  const relevance = index.sentenceStemSets.map((stems) => (query.stems.some((s) => stems.has(s)) ? 1 : 0));
  return summariseArticle(index.article, { topic, topicRelevance: relevance });
}

export async function runTopics(
  set: TopicSet,
  datasetPath: string,
  embedder: { embeddings?: EmbeddingsInterface; embedderId?: string },
  log: Logger,
): Promise<TopicOutcome[]> {
  const articles = loadSquadArticles(datasetPath);
  const indexes = new Map<number, ArticleIndex>();
  const outcomes: TopicOutcome[] = [];
  for (const labelled of set.topics) {
    const entry = articles[labelled.article];
    if (!entry) throw new DatasetError(`The topic set names article ${labelled.article}, which "${datasetPath}" does not have.`);
    let index = indexes.get(labelled.article);
    if (!index) {
      index = await openArticleIndex(articleFromText(entry.text, `topics-${labelled.article}`), { persist: false, log, ...embedder });
      indexes.set(labelled.article, index);
    }
    const expected = (labelled.expect ?? []).map(normaliseArabic);
    const judge = (system: TopicSystem, summary: Summary): TopicOutcome => {
      const found = summary.topicFound !== false && summary.citations.length > 0;
      const right = labelled.on && found && summary.citations.some((c) => expected.some((e) => normaliseArabic(c.text).includes(e)));
      return { topic: labelled, system, found, right };
    };
    outcomes.push(judge('ours', await summariseIndexed(index, { topic: labelled.topic })));
    outcomes.push(judge('shared stems', sharedStems(index, labelled.topic)));
  }
  return outcomes;
}

export interface TopicFigures {
  precision: number;
  recall: number;
  topics: number;
  on: number;
}

export function topicFigures(outcomes: readonly TopicOutcome[]): TopicFigures {
  const found = outcomes.filter((o) => o.found).length;
  const right = outcomes.filter((o) => o.right).length;
  const on = outcomes.filter((o) => o.topic.on).length;
  return { precision: found ? right / found : 1, recall: on ? right / on : 1, topics: outcomes.length, on };
}

export function formatTopicTable(outcomes: readonly TopicOutcome[]): string {
  const half = Math.ceil(new Set(outcomes.map((o) => o.topic)).size / 2);
  const order = [...new Set(outcomes.map((o) => o.topic))];
  const groups: [string, (o: TopicOutcome) => boolean][] = [
    ['all', () => true],
    [`first half (1-${half}, where the meaning lead was set)`, (o) => order.indexOf(o.topic) < half],
    [`second half (${half + 1}-${order.length})`, (o) => order.indexOf(o.topic) >= half],
    ['Arabic topics', (o) => detectLanguage(o.topic.topic) === 'ar'],
    ['English topics', (o) => detectLanguage(o.topic.topic) === 'en'],
  ];
  const rows: string[][] = [];
  for (const [name, keep] of groups) {
    for (const system of ['ours', 'shared stems'] as const) {
      const f = topicFigures(outcomes.filter((o) => o.system === system && keep(o)));
      rows.push([name, system === 'ours' ? 'this rule' : 'any shared stem (baseline)', String(f.topics), String(f.on), f.precision.toFixed(3), f.recall.toFixed(3)]);
    }
  }
  return markdownTable(['topics', 'rule', 'topics', 'on-topic', 'precision', 'recall'], rows);
}
