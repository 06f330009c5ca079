// Coverage and shared word pairs, now computed through the stem postings, must equal the plain scan of
// every sentence they replaced, feature for feature, on real questions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquadArticles } from '../src/eval/squad.ts';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { DEFAULT_ARTICLE_PATH, PROJECT_ROOT } from '../src/paths.ts';
import { sentenceFeatures } from '../src/qa/features.ts';
import { analyseQuery, type Query } from '../src/qa/query.ts';
import { articleFromText, loadArticle } from '../src/text/article.ts';

const EVAL_DIR = join(PROJECT_ROOT, '..', 'shared', 'eval');
const haveEval = existsSync(join(EVAL_DIR, 'xquad.ar.json'));

/** The scan as it was: every sentence, a string per adjacent stem pair. */
function scanned(index: ArticleIndex, query: Query, hasEvidence: (p: number) => boolean) {
  const n = index.article.sentences.length;
  const coverage = new Float64Array(n);
  const bigrams = new Float64Array(n);
  const unseenIdf = Math.log(1 + (index.stemBm25.size + 0.5) / 0.5);
  const terms = [...new Set(query.stems)].map((stem) => ({ stem, weight: index.stemBm25.has(stem) ? index.stemBm25.idf(stem) : unseenIdf }));
  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const queryBigrams = new Set(query.stems.slice(1).map((stem, i) => `${query.stems[i]}|${stem}`));
  for (let p = 0; p < n; p++) {
    let found = 0;
    for (const t of terms) if (index.sentenceStemSets[p]!.has(t.stem)) found += t.weight;
    coverage[p] = totalWeight === 0 ? 0 : found / totalWeight;
    if (!hasEvidence(p) || queryBigrams.size === 0) continue;
    const stems = index.sentenceStems[p]!;
    let shared = 0;
    for (let i = 1; i < stems.length; i++) if (queryBigrams.has(`${stems[i - 1]}|${stems[i]}`)) shared++;
    bigrams[p] = Math.min(1, shared / queryBigrams.size);
  }
  return { coverage, bigrams };
}

async function expectSameFeatures(index: ArticleIndex, questions: readonly string[]): Promise<number> {
  let withPairs = 0;
  for (const question of questions) {
    const query = analyseQuery(question);
    const features = await sentenceFeatures(index, query);
    if (query.stems.length === 0) continue;
    const hasEvidence = (p: number) => features.stems[p]! > 0 || features.grams[p]! > 0 || features.names[p]! > 0;
    const old = scanned(index, query, hasEvidence);
    expect(Array.from(features.coverage)).toEqual(Array.from(old.coverage));
    expect(Array.from(features.bigrams)).toEqual(Array.from(old.bigrams));
    if (old.bigrams.some((b) => b > 0)) withPairs++;
  }
  return withPairs;
}

describe('coverage and word-pair features equal the full scan', () => {
  it('on the seed article and its gold questions, with repeated pairs', async () => {
    const gold = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'seed-gold.json'), 'utf8')) as { questions: { question: string }[] };
    const index = await openArticleIndex(loadArticle(DEFAULT_ARTICLE_PATH), { persist: false });
    const questions = [...gold.questions.map((q) => q.question), 'زيارة شي روسيا زيارة شي روسيا', 'What did Xi say?', ''];
    expect(await expectSameFeatures(index, questions)).toBeGreaterThan(5);
  });

  it.skipIf(!haveEval)('on the XQuAD-ar questions of its first 12 articles', async () => {
    let withPairs = 0;
    for (const [i, entry] of loadSquadArticles(join(EVAL_DIR, 'xquad.ar.json')).slice(0, 12).entries()) {
      const index = await openArticleIndex(articleFromText(entry.text, `x${i}`), { persist: false });
      withPairs += await expectSameFeatures(index, entry.questions.map((q) => q.question));
    }
    expect(withPairs).toBeGreaterThan(50);
  });
});
