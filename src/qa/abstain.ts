// Decides whether the article answers a question: how much of the question (weighted by how rare
// each word is in the article) the best evidence and its neighbours actually contain.
import type { ArticleIndex } from '../index/article-index.ts';
import { arabicShare, isArabicWord } from '../text/arabic.ts';
import type { Query } from './query.ts';

/** Below this weighted share of the question found around the best sentence, the bot says "not in the article". */
export const DEFAULT_MIN_COVERAGE = 0.25;

/** Trigram overlap at which two stems count as the same word in another form (e.g. a broken plural). */
const FUZZY_MATCH = 0.6;

export function evidenceCoverage(index: ArticleIndex, query: Query, position: number): number {
  const sentences = index.article.sentences;
  const paragraph = sentences[position]?.paragraph;
  const window = new Set<string>();
  const windowNames = new Set<string>();
  for (const p of [position - 1, position, position + 1]) {
    if (sentences[p]?.paragraph !== paragraph) continue;
    for (const stem of index.sentenceStems[p] ?? []) window.add(stem);
    for (const key of index.sentenceNames[p] ?? []) windowNames.add(key);
  }
  // a word the article never uses weighs as much as the rarest word could: a missing name is telling
  const unseenIdf = Math.log(1 + (index.stemBm25.size + 0.5) / 0.5);
  let found = 0;
  let total = 0;
  for (const stem of new Set(query.stems)) {
    const seen = index.stemBm25.has(stem);
    // an English word cannot appear in Arabic text: its absence is a gap of script, not of content
    if (!seen && !isArabicWord(stem) && !/\d/.test(stem) && articleIsArabic(index)) continue;
    const weight = seen ? index.stemBm25.idf(stem) : unseenIdf;
    total += weight;
    found += weight * (window.has(stem) ? 1 : fuzzyMatch(stem, window));
  }
  // English names that the article writes in Arabic letters
  for (const key of new Set(query.names)) {
    if (!index.nameBm25.has(key)) continue;
    const weight = index.nameBm25.idf(key);
    total += weight;
    if (windowNames.has(key)) found += weight;
  }
  return total === 0 ? 0 : found / total;
}

/** True when no word of the question (nor a close form of one) appears anywhere in the article. */
export function nothingInArticle(index: ArticleIndex, query: Query): boolean {
  return (
    !query.stems.some((stem) => index.stemBm25.has(stem)) &&
    !query.grams.some((g) => g.length === 4 && index.gramBm25.has(g)) &&
    !query.names.some((key) => index.nameBm25.has(key))
  );
}

function fuzzyMatch(stem: string, window: ReadonlySet<string>): number {
  if (stem.length < 4 || /\d/.test(stem)) return 0;
  const grams = trigrams(stem);
  let best = 0;
  for (const other of window) {
    if (Math.abs(other.length - stem.length) > 3) continue;
    const otherGrams = trigrams(other);
    let shared = 0;
    for (const g of grams) if (otherGrams.has(g)) shared++;
    const dice = (2 * shared) / (grams.size + otherGrams.size);
    if (dice > best) best = dice;
  }
  return best >= FUZZY_MATCH ? best : 0;
}

function trigrams(word: string): Set<string> {
  const padded = `_${word}_`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

const arabicArticles = new WeakMap<ArticleIndex, boolean>();
function articleIsArabic(index: ArticleIndex): boolean {
  let arabic = arabicArticles.get(index);
  if (arabic === undefined) arabicArticles.set(index, (arabic = arabicShare(index.article.text.slice(0, 20_000)) >= 0.5));
  return arabic;
}
