// Cited extractive summaries: a few of the article's own sentences, in article order, each quoted exactly.
import { detectLanguage, type Language } from '../text/arabic.ts';
import { articleLanguage, type Article } from '../text/article.ts';
import { makeCitation } from '../qa/citations.ts';
import { strings } from '../strings.ts';
import { SENTENCES_FOR_LENGTH, type SummaryBudget, type SummaryLength } from './budget.ts';
import { articleFeatures, type SummaryFeatures } from './features.ts';
import { selectSentences, sentenceScore } from './select.ts';
import { topicWords } from './topic-words.ts';
import type { Citation, Summary } from '../qa/types.ts';

export type { SummaryLength } from './budget.ts';

export interface SummaryOptions {
  /** short ≈ 3 sentences, medium ≈ 5 (the default), long ≈ 8. */
  length?: SummaryLength;
  /** A word budget; wins over `length`. 0 or less gives the single best sentence; huge budgets stop at the article. */
  words?: number;
  /** Focus on the sentences about this topic. */
  topic?: string;
  /**
   * How much each sentence is about the topic, when the caller measured it with the article's index
   * (see topic.ts); otherwise the topic's words are looked for in the sentences.
   */
  topicRelevance?: readonly number[];
  /** The sentences' neural vectors in article order (see vectors.ts), when the article's index has them. */
  neural?: readonly Float32Array[];
}

export function summariseArticle(article: Article, options: SummaryOptions = {}): Summary {
  const features = articleFeatures(article);
  const budget = budgetFrom(options);
  const topic = options.topic?.trim();
  if (!topic) {
    const positions = selectSentences(features, { budget, ...neuralOf(options) });
    return render(article, positions.map((p) => features.sentences[p]!), (s) => sentenceScore(s, features.wholeSentences));
  }
  const relevance = options.topicRelevance ? [...options.topicRelevance] : topicWords(article, topic).relevance;
  if (!relevance.some((r) => r > 0)) {
    return { text: nothingAbout(topic), citations: [], topicFound: false };
  }
  const positions = selectSentences(features, { budget, relevance, ...neuralOf(options) });
  const summary = render(article, positions.map((p) => features.sentences[p]!), (s) => relevance[s.position]!);
  return { ...summary, topicFound: true };
}

function neuralOf(options: SummaryOptions): { neural?: readonly Float32Array[] } {
  return options.neural ? { neural: options.neural } : {};
}

function budgetFrom(options: SummaryOptions): SummaryBudget {
  if (options.words !== undefined && Number.isFinite(options.words)) {
    return { kind: 'words', words: Math.max(0, Math.floor(options.words)) };
  }
  return { kind: 'sentences', sentences: SENTENCES_FOR_LENGTH[options.length ?? 'medium'] ?? SENTENCES_FOR_LENGTH.medium };
}

function render(article: Article, chosen: readonly SummaryFeatures[], score: (s: SummaryFeatures) => number): Summary {
  const citations: Citation[] = chosen.map((s) => makeCitation(article, s.sentence, score(s)));
  return { text: citations.map((c) => `${c.text} [${c.id}]`).join('\n'), citations };
}

/**
 * The one rule for a summary's language (its framing, a chat model's words): the language of the topic the
 * person wrote, else the article's.
 */
export function summaryLanguage(article: Pick<Article, 'text'>, topic?: string): Language {
  return topic?.trim() ? detectLanguage(topic) : articleLanguage(article);
}

function nothingAbout(topic: string): string {
  return strings(summaryLanguage({ text: '' }, topic)).nothingAbout(topic);
}
