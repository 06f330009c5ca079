// The hand-written gold questions of an article (test/fixtures/seed-gold.json): how often the first quote is
// one of the expected sentences, and how often a further quote is not, under each rule for further quotes.
import { readFileSync } from 'node:fs';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { openArticleIndex } from '../index/article-index.ts';
import { answerQuestion, type ExtraQuoteRule, type RetrievalSystem } from '../qa/answer.ts';
import { loadArticle } from '../text/article.ts';
import { DatasetError } from './squad.ts';
import { markdownTable } from './table.ts';

interface GoldQuestion {
  question: string;
  expected?: string[];
  abstain?: boolean;
  previous?: string;
}

export interface GoldRow {
  system: RetrievalSystem;
  rule: ExtraQuoteRule;
  answerable: number;
  answered: number;
  firstExpected: number;
  extraQuotes: number;
  extraUnexpected: number;
}

export async function runGold(path: string, embedder: { embeddings?: EmbeddingsInterface; embedderId?: string } = {}): Promise<GoldRow[]> {
  let gold: { article: string; questions: GoldQuestion[]; followUps?: GoldQuestion[] };
  try {
    gold = JSON.parse(readFileSync(path, 'utf8')) as typeof gold;
  } catch (error) {
    throw new DatasetError(`Cannot read the gold questions at "${path}": ${(error as Error).message}`);
  }
  const index = await openArticleIndex(loadArticle(gold.article), { persist: false, ...embedder });
  const questions = [...gold.questions, ...(gold.followUps ?? [])].filter((q) => !q.abstain && q.expected);
  const systems: RetrievalSystem[] = embedder.embeddings ? ['fused', 'lexical'] : ['lexical'];
  const rows: GoldRow[] = [];
  for (const system of systems) {
    for (const rule of ['relative', 'own-evidence'] as const) {
      const row: GoldRow = { system, rule, answerable: questions.length, answered: 0, firstExpected: 0, extraQuotes: 0, extraUnexpected: 0 };
      for (const q of questions) {
        const answer = await answerQuestion(index, q.question, { system, extraQuotes: rule, ...(q.previous ? { previousQuestion: q.previous } : {}) });
        if (!answer.answered) continue;
        row.answered++;
        const ids = answer.citations.map((c) => c.id);
        if (q.expected!.includes(ids[0]!)) row.firstExpected++;
        row.extraQuotes += ids.length - 1;
        row.extraUnexpected += ids.slice(1).filter((id) => !q.expected!.includes(id)).length;
      }
      rows.push(row);
    }
  }
  return rows;
}

export function goldTable(rows: GoldRow[]): string {
  const header = ['system', 'further quotes', 'answered', 'first quote expected', 'extra quotes / answer', 'extra quotes not expected'];
  const body = rows.map((r) => [
    r.system,
    r.rule === 'relative' ? 'close in score (before)' : 'own evidence (now)',
    `${r.answered}/${r.answerable}`,
    `${r.firstExpected}/${r.answered}`,
    (r.extraQuotes / Math.max(1, r.answered)).toFixed(2),
    `${r.extraUnexpected}/${r.extraQuotes}${r.extraQuotes ? ` (${((100 * r.extraUnexpected) / r.extraQuotes).toFixed(0)}%)` : ''}`,
  ]);
  return markdownTable(header, body);
}
