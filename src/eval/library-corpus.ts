// Articles for the library benchmark, made from the eval texts: every XQuAD-ar and ARCD-train context and every
// EASC document, in that order, each with the eval questions asked about it.
import { join } from 'node:path';
import { articleFromText, type Article } from '../text/article.ts';
import { loadEasc } from './easc.ts';
import { readSquad } from './squad.ts';

export interface EvalText {
  text: string;
  questions: string[];
}

export interface LibraryArticle {
  article: Article;
  questions: string[];
}

/** The eval texts under `dir` (the project's ../shared/eval). */
export function evalTexts(dir: string): EvalText[] {
  const squad = ['xquad.ar.json', 'arcd-train.json'].flatMap((file) =>
    readSquad(join(dir, file)).data.flatMap((entry) =>
      entry.paragraphs.map((p) => ({ text: p.context.trim(), questions: p.qas.map((qa) => qa.question) })),
    ),
  );
  const easc = loadEasc(join(dir, 'easc.dev.json')).map((t) => ({ text: t.article.trim(), questions: [] }));
  return [...squad, ...easc].filter((t) => t.text.length > 0);
}

/**
 * A library of `count` articles. The eval texts hold 571 contexts and documents of about 6 sentences each, fewer
 * and shorter than a library of 1,000 news articles, so article i is `perArticle` texts in a row starting at the
 * i-th (one paragraph each), one text longer on each further pass over the texts so that no two articles are the
 * same text. With perArticle 1 and count <= 571, each context or document is one article.
 */
export function libraryArticles(texts: readonly EvalText[], count: number, perArticle: number): LibraryArticle[] {
  return Array.from({ length: count }, (_, i) => {
    const length = perArticle + Math.floor(i / texts.length);
    const parts = Array.from({ length }, (_, k) => texts[(i + k) % texts.length]!);
    return {
      article: articleFromText(parts.map((p) => p.text.replace(/\s*\n\s*/g, '\n')).join('\n'), `L${i + 1}`),
      questions: parts.flatMap((p) => p.questions),
    };
  });
}

/**
 * One article of at least `sentences` sentences: the eval texts in order, then, when they run out, paragraphs
 * of the same shape whose words are drawn (seeded) from the eval texts' own words, so that every sentence is
 * distinct, as in a long report, rather than a copy that would be detected as a restatement.
 */
export function longArticle(texts: readonly EvalText[], sentences: number, id: string): { article: Article; questions: string[]; synthetic: number } {
  const paragraphs: string[] = [];
  const questions: string[] = [];
  let count = 0;
  for (const t of texts) {
    if (count >= sentences) break;
    const paragraph = t.text.replace(/\s*\n\s*/g, ' ');
    paragraphs.push(paragraph);
    questions.push(...t.questions);
    count += articleFromText(paragraph).sentences.length;
  }
  const real = count;
  const words = texts.flatMap((t) => t.text.split(/\s+/)).map((w) => w.replace(/[.!?؟…]+$/u, '')).filter((w) => w.length > 0);
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  while (count < sentences) {
    const inParagraph = 3 + Math.floor(next() * 5);
    const made: string[] = [];
    for (let s = 0; s < inParagraph; s++) {
      const length = 8 + Math.floor(next() * 18);
      made.push(`${Array.from({ length }, () => words[Math.floor(next() * words.length)]!).join(' ')}.`);
    }
    paragraphs.push(made.join(' '));
    count += articleFromText(made.join(' ')).sentences.length;
  }
  const article = articleFromText(paragraphs.join('\n'), id);
  return { article, questions, synthetic: article.sentences.length - real };
}
