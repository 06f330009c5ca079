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
  if (isUtf16(bytes)) throw new ArticleError(`${what} is saved as UTF-16; save it as UTF-8 text (in most editors: Save As, Encoding: UTF-8) and try again.`);
  if (bytes.includes(0)) throw new ArticleError(`${what} looks binary (it contains NUL bytes), not text.`);
  let text: string;
  try {
    // A byte-order mark stays as character 0 (it is whitespace to the segmenter, so never quoted): offsets
    // then index the file's own text, and article.slice(start, end) of the file is the quote.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ArticleError(`${what} is not valid UTF-8 text.`);
  }
  if (isWebPageMarkup(text)) {
    throw new ArticleError(`${what} is a web page's HTML, not an article's text: add the page by its address instead, or save or paste its text.`);
  }
  return text;
}

/** UTF-16 text: its byte-order mark, or a NUL beside most ASCII characters. */
function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = bytes.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(sample.length / 2);
  return pairs >= 2 && Math.max(evenNul, oddNul) >= pairs * 0.3 && Math.min(evenNul, oddNul) === 0;
}

/**
 * A saved web page or its source pasted by mistake: stored as it is, every tag would be quoted as the
 * article's words. A news text that mentions a tag or two is not markup.
 */
export function isWebPageMarkup(text: string): boolean {
  if (/^\s*(<!doctype\s+html|<html[\s>])/i.test(text)) return true;
  const tags = text.match(/<\/?(?:p|div|span|br|a|body|head|script|style|meta|link|li|ul|ol|h[1-6]|table|tr|td|img|article|section)\b[^<>]*>/gi) ?? [];
  return tags.length >= 3 && tags.join('').length >= text.length * 0.1;
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
