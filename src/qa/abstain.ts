// Decides whether the article answers a question: how much of the question (weighted by how rare
// each word is in the article) the best evidence and its neighbours actually contain.
import type { ArticleIndex } from '../index/article-index.ts';
import { isArabicWord } from '../text/arabic.ts';
import { skeleton } from '../text/terms.ts';
import type { SentenceFeatures } from './features.ts';
import type { Query } from './query.ts';

/** Below this weighted share of the question found around the best sentence, the bot says "not in the article". */
export const DEFAULT_MIN_COVERAGE = 0.2;

/**
 * How much more a missing key term weighs than any other missing word. A key term is a definite noun or name
 * ("اليابان", "البرازيل") that the article never uses in any form: when the thing asked about is absent,
 * the article cannot answer, however well the rest of the question matches.
 */
export const DEFAULT_ABSENT_KEY_WEIGHT = 2;

/** Share of its weight a glossed English word earns when the evidence holds its Arabic gloss. */
const GLOSS_CREDIT = 0.5;

/** Trigram overlap at which two stems count as the same word in another form (e.g. a broken plural). */
const FUZZY_MATCH = 0.6;

export function evidenceCoverage(index: ArticleIndex, query: Query, position: number, absentKeyWeight = DEFAULT_ABSENT_KEY_WEIGHT): number {
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
  const keys = absentKeyTerms(index, query);
  let found = 0;
  let total = 0;
  const glossed = new Set(query.glosses.flat());
  for (const stem of new Set(query.stems)) {
    if (glossed.has(stem)) continue; // counted below, once per English word
    const seen = index.stemBm25.has(stem);
    // an English word cannot appear in Arabic text: its absence is a gap of script, not of content
    if (!seen && !isArabicWord(stem) && !/\d/.test(stem) && index.language === 'ar') continue;
    const weight = seen ? index.stemBm25.idf(stem) : keys.has(stem) ? absentKeyWeight * unseenIdf : unseenIdf;
    total += weight;
    found += weight * (window.has(stem) ? 1 : fuzzyMatch(stem, window));
  }
  // English words glossed in Arabic: a word counts once, by its best gloss, and only when the article uses one
  for (const group of query.glosses) {
    const seen = group.filter((stem) => index.stemBm25.has(stem));
    if (seen.length === 0) continue;
    total += Math.max(...seen.map((stem) => index.stemBm25.idf(stem)));
    const inWindow = seen.filter((stem) => window.has(stem));
    // a gloss may be the wrong sense of the word: it is weaker evidence than the word itself
    if (inWindow.length > 0) found += GLOSS_CREDIT * Math.max(...inWindow.map((stem) => index.stemBm25.idf(stem)));
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

const DEFINITE = /^(و|ف|ب|ك)?(ال|لل)/;

/** Stems of the question's definite nouns and names that appear nowhere in the article, in no form. */
export function absentKeyTerms(index: ArticleIndex, query: Query): Set<string> {
  const absent = new Set<string>();
  query.tokens.forEach((token, i) => {
    const stem = query.stems[i]!;
    if (!isArabicWord(token) || !DEFINITE.test(token) || stem.length < 3) return;
    if (index.stemBm25.has(stem) || index.skeletonBm25.has(skeleton(stem))) return;
    if (fuzzyMatch(stem, index.articleStems) > 0) return;
    absent.add(stem);
  });
  return absent;
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

const trigramCache = new Map<string, Set<string>>();
/** Trigram sets are asked for the same article words again and again: keep a bounded cache. */
function trigrams(word: string): Set<string> {
  const cached = trigramCache.get(word);
  if (cached) return cached;
  if (trigramCache.size > 50_000) trigramCache.clear();
  const grams = makeTrigrams(word);
  trigramCache.set(word, grams);
  return grams;
}

function makeTrigrams(word: string): Set<string> {
  const padded = `_${word}_`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}


/**
 * Neural abstention thresholds on the highest cosine similarity of any sentence to the question (multilingual-e5-small):
 * `alone` answers whatever words are shared; `withWords` is needed as well when the lexical evidence says yes.
 * A question in another language than the article's scores lower on every sentence, so it has its own pair.
 * Chosen on XQuAD-ar, ARCD-train and XQuAD-en with each article asked the next article's questions
 * (`npm run eval -- --off-topic`): see docs/benchmarks.md for the trade-off.
 */
export interface NeuralThresholds {
  sameLanguage: { alone: number; withWords: number };
  crossLingual: { alone: number; withWords: number };
}

export const NEURAL_THRESHOLDS: NeuralThresholds = {
  sameLanguage: { alone: 0.83, withWords: 0.805 },
  crossLingual: { alone: 0.78, withWords: 0.75 },
};

/**
 * Whether the article answers, judged by its sentence most similar in meaning to the question (and the lexical
 * verdict, when fused). A sentence that close is evidence even when another one ranks first. `among` limits
 * the sentences considered (a follow-up looks only at what was not shown yet).
 */
export function neurallyAnswered(
  features: SentenceFeatures,
  context: { crossLingual: boolean; lexical?: boolean; among?: (position: number) => boolean; thresholds?: NeuralThresholds },
): boolean {
  let similarity = 0;
  features.similarity?.forEach((s, position) => {
    if (s > similarity && (context.among?.(position) ?? true)) similarity = s;
  });
  const all = context.thresholds ?? NEURAL_THRESHOLDS;
  const thresholds = context.crossLingual ? all.crossLingual : all.sameLanguage;
  if (similarity >= thresholds.alone) return true;
  return context.lexical === true && similarity >= thresholds.withWords;
}
