// Per-article sentence features for summarising, computed once per article and cached.
import { contentTerms } from '../text/arabic.ts';
import type { Article } from '../text/article.ts';
import type { Sentence } from '../text/segment.ts';
import { countWords } from './budget.ts';
import { dependsOnPrevious } from './standalone.ts';

export interface SummaryFeatures {
  sentence: Sentence;
  /** 0-based position in the article. */
  position: number;
  words: number;
  /** Distinct light stems of the content words. */
  stems: Set<string>;
  /** TF-IDF weights over stems, L2-normalised. */
  vector: Map<string, number>;
  dependent: boolean;
  /** Starts mid-sentence: the line before it broke without ending its sentence (hard-wrapped text). */
  continues: boolean;
  /** 0-based index of the whole sentence it belongs to, counting hard-wrapped pieces as one. */
  rank: number;
  /**
   * First sentence of its paragraph (not a hard-wrapped piece), in a text written in paragraphs of several
   * sentences: there a paragraph states its subject first. A text of one sentence per line has no such parts.
   */
  opensParagraph: boolean;
  /** Cosine similarity to the article's centroid: how typical of the whole article the sentence is. */
  centrality: number;
  /** Cosine similarity to the opening sentences, which in news state the story (leaving the sentence itself out). */
  leadSimilarity: number;
}

export interface ArticleFeatures {
  sentences: SummaryFeatures[];
  /** Number of whole sentences (hard-wrapped pieces counted once). */
  wholeSentences: number;
}

// Sentence punctuation, possibly followed by closing quotes or brackets.
const ENDS_SENTENCE = /[.!?؟…][\s"'”’»)\]]*$/u;

const cache = new WeakMap<Article, ArticleFeatures>();

export function articleFeatures(article: Article): ArticleFeatures {
  const cached = cache.get(article);
  if (cached) return cached;
  const features = computeFeatures(article.sentences);
  cache.set(article, features);
  return features;
}

function computeFeatures(sentences: readonly Sentence[]): ArticleFeatures {
  // Hard-wrapped text breaks sentences across lines; the pieces of one whole sentence share its rank,
  // and centrality is judged on the whole sentence.
  const continues = sentences.map((_, position) => position > 0 && !ENDS_SENTENCE.test(sentences[position - 1]!.text));
  const ranks: number[] = [];
  continues.forEach((c, position) => ranks.push(position === 0 ? 0 : ranks[position - 1]! + (c ? 0 : 1)));
  const wholeSentences = (ranks[ranks.length - 1] ?? 0) + 1;
  const paragraphs = new Set(sentences.map((s) => s.paragraph)).size;
  const paragraphed = wholeSentences >= PARAGRAPHED * paragraphs;

  const termLists = sentences.map((s) => contentTerms(s.text));
  const wholeTermLists: string[][] = Array.from({ length: wholeSentences }, () => []);
  termLists.forEach((terms, position) => wholeTermLists[ranks[position]!]!.push(...terms));
  const documentFrequency = new Map<string, number>();
  for (const terms of wholeTermLists) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) => Math.log(1 + wholeSentences / (documentFrequency.get(term) ?? 1));
  const vectorOf = (terms: readonly string[]) => {
    const vector = new Map<string, number>();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + idf(term));
    return normalise(vector);
  };
  const vectors = termLists.map(vectorOf);
  const wholeVectors = wholeTermLists.map(vectorOf);
  const centroid = new Map<string, number>();
  for (const vector of wholeVectors) for (const [term, weight] of vector) centroid.set(term, (centroid.get(term) ?? 0) + weight);
  const unitCentroid = normalise(centroid);
  const wholeCentrality = wholeVectors.map((vector) => cosine(vector, unitCentroid));
  // The opening sentences state the story; each sentence is compared with the opening minus itself.
  const wholeLeadSimilarity = wholeVectors.map((vector, rank) => cosine(vector, openingWithout(wholeVectors, rank)));
  return {
    wholeSentences,
    sentences: sentences.map((sentence, position) => ({
      sentence,
      position,
      words: countWords(sentence.text),
      stems: new Set(termLists[position]),
      vector: vectors[position]!,
      dependent: position > 0 && (continues[position]! || dependsOnPrevious(sentence.text)),
      continues: continues[position]!,
      opensParagraph: paragraphed && sentence.index === 1 && !continues[position]!,
      rank: ranks[position]!,
      centrality: wholeCentrality[ranks[position]!]!,
      leadSimilarity: wholeLeadSimilarity[ranks[position]!]!,
    })),
  };
}

/** Mean whole sentences per paragraph from which a text is written in paragraphs (not one sentence a line). */
export const PARAGRAPHED = 2;

/** How many opening sentences state the story. */
export const OPENING_SENTENCES = 2;

/** The unit centroid of the opening sentences, leaving one out (so a sentence is not compared with itself). */
function openingWithout(vectors: readonly Map<string, number>[], left: number): Map<string, number> {
  const sum = new Map<string, number>();
  for (let rank = 0; rank < Math.min(OPENING_SENTENCES, vectors.length); rank++) {
    if (rank === left) continue;
    for (const [term, weight] of vectors[rank]!) sum.set(term, (sum.get(term) ?? 0) + weight);
  }
  return normalise(sum);
}

function normalise(vector: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const unit = new Map<string, number>();
  for (const [term, weight] of vector) unit.set(term, weight / norm);
  return unit;
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/** Jaccard overlap of two stem sets: 1 for the same content words, 0 for none shared. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  return shared / (a.size + b.size - shared);
}
