// Loads an article file and refuses what cannot be an article, with messages a person can act on.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { detectLanguage, type Language } from './arabic.ts';
import { segmentText, type Paragraph, type Sentence } from './segment.ts';

export interface Article {
  /** File name without extension, e.g. "xi-putin-visit.ar". */
  id: string;
  /** First line, used as the title. */
  title: string;
  text: string;
  /** sha256 of the text, used to tell whether a saved index is stale. */
  hash: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

export class ArticleError extends Error {
  override name = 'ArticleError';
}

/** Articles larger than this are refused rather than slowly indexed. */
export const MAX_ARTICLE_BYTES = 5_000_000;

export function articleFromText(text: string, id = 'article'): Article {
  const { paragraphs, sentences } = segmentText(text);
  if (sentences.length === 0) throw new ArticleError(`The article "${id}" is empty: it has no text to answer from.`);
  const first = sentences[0]!;
  const firstParagraph = paragraphs[0]!;
  return {
    id,
    title: text.slice(firstParagraph.start, firstParagraph.end) || first.text,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
    paragraphs,
    sentences,
  };
}

export function loadArticle(path: string): Article {
  return articleFromText(readArticleText(path), basename(path).replace(/\.txt$/i, ''));
}

/** An article file's text, exactly as stored, or an ArticleError saying why it cannot be one. */
export function readArticleText(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ArticleError(`The article path "${path}" is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    throw new ArticleError(`The article file "${path}" does not exist or cannot be read.`);
  }
  if (size > MAX_ARTICLE_BYTES) {
    throw new ArticleError(`The article file "${path}" is ${size} bytes; the limit is ${MAX_ARTICLE_BYTES}.`);
  }
  return articleTextFromBytes(readFileSync(path), `The article file "${path}"`);
}

/** Bytes of an article (a file, an upload) as text exactly as stored; `what` names it in the message ("The file \"x.txt\""). */
export function articleTextFromBytes(bytes: Uint8Array, what: string): string {
  if (bytes.length === 0) throw new ArticleError(`${what} is empty.`);
  if (bytes.length > MAX_ARTICLE_BYTES) throw new ArticleError(`${what} is ${bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES}.`);
  if (bytes.includes(0)) throw new ArticleError(`${what} looks binary (it contains NUL bytes), not text.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ArticleError(`${what} is not valid UTF-8 text.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is encoding, not content
  return text;
}

/** The article's language, from its opening (enough to decide, cheap on a long article). */
export function articleLanguage(article: Pick<Article, 'text'>): Language {
  return detectLanguage(article.text.slice(0, 20_000));
}

/** A typed sentence id in canonical form: spaces and brackets dropped, Arabic-Indic digits and separators folded. */
export function normaliseSentenceId(rawId: string): string {
  return rawId
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s[\]()]/g, '')
    .replace(/[٫,،:]/g, '.');
}

/** Finds a sentence by its id ("4.1", "[٤.١]"). */
export function findSentence(article: Article, rawId: string): Sentence | undefined {
  const id = normaliseSentenceId(rawId);
  return article.sentences.find((s) => s.id === id);
}
