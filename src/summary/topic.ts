// Which sentences a summary topic is about: its words or their inflections (topic-words.ts: a stem shared by
// unrelated words is not enough), its names in either script (English "Wang Yi" meets Arabic "وانغ يي"), its
// English words' Arabic glosses, and its meaning: for a topic in another language than the article's, or one
// phrased at question length.
import type { ArticleIndex } from '../index/article-index.ts';
import { answerWithDetails } from '../qa/answer.ts';
import { analyseQuery } from '../qa/query.ts';
import { detectLanguage } from '../text/arabic.ts';
import { topicWords } from './topic-words.ts';

/** A topic of this many words or more is found by meaning when the question rules would answer it. */
const MEANING_MIN_WORDS = 4;
/** A sentence ranked at least this close to the best one counts as about the topic (as for extra quotes). */
const CLOSE_TO_BEST = 0.35;
/**
 * A short topic in another language is found by meaning only when its closest sentence stands out from the rest:
 * multilingual-e5-small gives every sentence of an article about the same similarity to a bare word (on the seed
 * article "football" 0.781, "Wang Yi" 0.784), so the level says little and the lead over the article's median says
 * more. Set on the first half of bench/summary-topics.json, where off-topic English topics led by up to
 * 0.076 and on-topic ones by no more (npm run eval:summary reports both halves).
 */
export const MEANING_LEAD = 0.08;
/** With a meaning lead, the sentences this close to the closest one are about the topic too. */
const MEANING_CLOSE = 0.02;

/** Relevance of each sentence in [0, 1], or undefined when the article says nothing about the topic. */
export async function topicRelevanceIn(index: ArticleIndex, topic: string): Promise<number[] | undefined> {
  const query = analyseQuery(topic);
  // a topic naming someone or something the article never names ("the Brazilian economy") is not in it, nor one
  // of whose names the article has half or fewer ("Lady Gaga" in an article that names some other lady)
  const named = query.names.filter((key) => index.nameBm25.has(key)).length;
  if (query.names.length > 0 && named * 2 <= query.names.length) return undefined;
  const relevance = [...topicWords(index.article, topic).relevance];
  for (const [p, stems] of index.sentenceStemSets.entries()) {
    // English words reach Arabic ones through the glossary, one gloss group per word
    const glossed = query.glosses.filter((group) => group.some((stem) => stems.has(stem))).length;
    if (glossed > 0) relevance[p] = Math.max(relevance[p]!, glossed / Math.max(1, query.tokens.length));
  }
  const details = await answerWithDetails(index, topic);
  const features = details.features;
  if (features && query.names.length > 0) for (const [p, r] of features.names.entries()) relevance[p] = Math.max(relevance[p]!, r);
  const words = topic.trim().split(/\s+/).length;
  if (details.answer.answered && words >= MEANING_MIN_WORDS) {
    for (const { position, score } of details.scored) if (score >= CLOSE_TO_BEST) relevance[position] = Math.max(relevance[position]!, score);
  }
  const similarity = features?.similarity;
  if (similarity && detectLanguage(topic) !== index.language) {
    const best = Math.max(...similarity);
    const lead = best - median(similarity);
    if (lead >= MEANING_LEAD) {
      for (const [p, s] of similarity.entries()) if (s >= best - MEANING_CLOSE) relevance[p] = Math.max(relevance[p]!, (s - best + lead) / lead);
    }
  }
  return relevance.some((r) => r > 0) ? relevance : undefined;
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
