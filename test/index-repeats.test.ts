// The indexed repeat search must give exactly what the pairwise definition gives.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEasc } from '../src/eval/easc.ts';
import { loadSquadArticles } from '../src/eval/squad.ts';
import { findRepeats, findRepeatsPairwise } from '../src/index/repeats.ts';
import { DEFAULT_ARTICLE_PATH, PROJECT_ROOT } from '../src/paths.ts';
import { articleFromText, loadArticle } from '../src/text/article.ts';
import { contentTokens, termStem } from '../src/text/terms.ts';

const EVAL_DIR = join(PROJECT_ROOT, '..', 'shared', 'eval');
const haveEval = existsSync(join(EVAL_DIR, 'arcd-train.json'));

/** The terms openArticleIndex gives findRepeats. */
function stems(text: string): string[][] {
  return articleFromText(text).sentences.map((s) => contentTokens(s.text).map(termStem));
}

function expectSame(terms: string[][]): number {
  const fast = findRepeats(terms);
  expect(Array.from(fast)).toEqual(Array.from(findRepeatsPairwise(terms)));
  return fast.filter((j) => j >= 0).length;
}

/** A small seeded generator, so the synthetic case is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('findRepeats agrees with the pairwise definition', () => {
  it('on the seed article', () => {
    expectSame(stems(loadArticle(DEFAULT_ARTICLE_PATH).text));
  });

  it.skipIf(!haveEval)('on every XQuAD, ARCD and EASC article, and on all of ARCD as one text', () => {
    const texts = [
      ...loadSquadArticles(join(EVAL_DIR, 'xquad.ar.json')).map((a) => a.text),
      ...loadSquadArticles(join(EVAL_DIR, 'arcd-train.json')).map((a) => a.text),
      ...loadEasc(join(EVAL_DIR, 'easc.dev.json')).map((t) => t.article),
    ];
    let repeats = 0;
    for (const text of texts) repeats += expectSame(stems(text));
    // ARCD repeats lead paragraphs: the comparison must include real repeats, not only -1s
    expect(repeats).toBeGreaterThan(50);
    const arcd = loadSquadArticles(join(EVAL_DIR, 'arcd-train.json')).map((a) => a.text).join('\n');
    expect(expectSame(stems(arcd))).toBeGreaterThan(50);
  });

  it('on synthetic sentences of every size near the threshold, with chains of restatements', () => {
    const next = random(42);
    const vocabulary = Array.from({ length: 60 }, (_, i) => `t${i}`);
    const pick = () => vocabulary[Math.floor(next() ** 2 * vocabulary.length)]!; // skewed: some terms common
    const terms: string[][] = [];
    for (let i = 0; i < 1500; i++) {
      if (terms.length > 0 && next() < 0.4) {
        // a variant of an earlier sentence: some terms dropped, some added, some repeated
        const base = terms[Math.floor(next() * terms.length)]!;
        const variant = base.filter(() => next() > 0.25);
        const added = Math.floor(next() * 4);
        for (let k = 0; k < added; k++) variant.push(pick());
        if (next() < 0.2 && variant.length > 0) variant.push(variant[0]!);
        terms.push(variant);
      } else {
        terms.push(Array.from({ length: 3 + Math.floor(next() * 12) }, pick));
      }
    }
    expect(expectSame(terms)).toBeGreaterThan(100);
  });

  it('on identical and nested sentences', () => {
    const s = ['a', 'b', 'c', 'd', 'e'];
    expectSame([s, s, [...s, 'f', 'g'], ['f', 'g', 'h', 'i', 'j'], [...s, 'h', 'i', 'j'], ['a', 'b', 'c', 'd'], []]);
  });
});
