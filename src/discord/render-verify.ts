// Turns a quote check into Discord messages: the verdict first, then what differs (numbers and negation
// said in words), then the article's exact text. Every piece of article text shown is registered as a
// quote, so the check at the way out covers it. Pure functions.
import type { Article } from '../text/article.ts';
import { detectLanguage, type Language } from '../text/arabic.ts';
import { assertExactQuote } from '../qa/citations.ts';
import type { Citation } from '../qa/types.ts';
import type { Difference } from '../verify/diff.ts';
import { MAX_CLAIM_CHARS, MAX_CLAIM_WORDS, type QuoteSpan, type Verification } from '../verify/verify.ts';
import { strings } from '../strings.ts';
import { escapeInert } from './inert.ts';
import { blockQuote, citationLabel, packBlocks, sanitiseUserText, type Block, type OutgoingMessage } from './render.ts';

/** How much of one difference's article text is shown in its line. */
const DIFFERENCE_CHARS = 120;

/** The last word boundary at or before `at` (and after `from`), so a cut never splits a word. */
function wordBoundaryBefore(text: string, at: number, from: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  if (space > from) return space;
  return /[\uD800-\uDBFF]/u.test(text[at - 1] ?? '') ? at - 1 : at; // keep a surrogate pair whole
}

/** How many differences are listed one by one (the article's text below shows them all). */
const LISTED_DIFFERENCES = 6;

/** `articleNote`: the article checked against, said last (when the library holds several). */
export function renderVerification(article: Article, claim: string, result: Verification, articleNote?: string): OutgoingMessage[] {
  const language = detectLanguage(claim);
  const text = strings(language);
  const echoed = sanitiseUserText(claim, 300);
  const head = echoed ? `**${text.checked}:** ${echoed}` : '';
  const headed = (line: string) => (head ? `${head}\n${line}` : line);
  const blocks: Block[] = [];
  const say = (line: string, quotes: Citation[] = []) => blocks.push({ text: line, quotes });

  if (result.problem === 'empty') say(text.nothingToCheck);
  else if (result.problem === 'too-long') say(text.tooLongToCheck(MAX_CLAIM_CHARS, MAX_CLAIM_WORDS));
  else if (result.problem === 'other-language') say(headed(`${text.otherLanguage(language === 'ar' ? 'en' : 'ar')}`));
  else if (result.verdict === 'exact') {
    const ids = result.spans.map((s) => citationLabel(s)).join(' ');
    say(headed(`${text.exact} · ${ids}${(result.occurrences ?? 1) > 1 ? `\n-# ${text.occurrences(result.occurrences!)}` : ''}`));
    blocks.push(...spanBlocks(article, result.spans));
    say(`-# ${text.inContext(result.spans[0]!.id)}`);
  } else if (result.verdict === 'close') {
    say(headed(`${result.transliterated ? text.nameInOtherScript : text.close} · ${result.spans.map((s) => citationLabel(s)).join(' ')}`));
    if (!result.transliterated) {
      const listed = result.differences.slice(0, LISTED_DIFFERENCES).map((d) => describe(article, d, language));
      const rest = result.differences.length - listed.length;
      // one block per difference, so a long list is split between lines, never cut away
      for (const difference of listed) say(difference.line, difference.quotes);
      if (rest > 0) say(`• ${text.moreDifferences(rest)}`);
      say(`**${text.articleSays}:**`);
    }
    blocks.push(...spanBlocks(article, result.spans));
  } else {
    say(headed(`${text.notInArticleQuote}`));
    if (result.nearest && result.nearest.length > 0) {
      say(`-# ${text.nearest}`);
      blocks.push(...spanBlocks(article, result.nearest));
    }
  }
  if (articleNote && !result.problem) say(articleNote);
  return packBlocks(blocks);
}

function spanBlocks(article: Article, spans: QuoteSpan[]): Block[] {
  return spans.map((span) => {
    const citation = spanCitation(article, span.id, span.start, span.end);
    return { text: `**${citationLabel(citation)}**\n${blockQuote(citation.text)}`, quotes: [citation] };
  });
}

/** A piece of the article as a citation: checked against the article here and again at the way out. */
function spanCitation(article: Article, id: string, start: number, end: number): Citation {
  // a piece crossing sentences is labelled with the sentence it starts in
  const sentence = article.sentences.find((s) => s.id === id) ?? article.sentences.find((s) => s.start <= start && start < s.end);
  const citation: Citation = {
    id: sentence?.id ?? id,
    paragraph: sentence?.paragraph ?? 0,
    sentence: sentence?.index ?? 0,
    start,
    end,
    text: article.text.slice(start, end),
    score: 1,
  };
  assertExactQuote(article.text, citation);
  return citation;
}

function describe(article: Article, difference: Difference, language: Language): { line: string; quotes: Citation[] } {
  const saying: string = strings(language).differences[difference.subject][difference.kind];
  const claim = sanitiseUserText(difference.claim ?? '', 120);
  const quotes: Citation[] = [];
  let articleText = '';
  if (difference.articleStart !== undefined && difference.articleEnd !== undefined) {
    // a long run is shown by its beginning (the article's text below shows it all)
    const end = Math.min(difference.articleEnd, wordBoundaryBefore(article.text, difference.articleStart + DIFFERENCE_CHARS, difference.articleStart));
    const citation = spanCitation(article, '', difference.articleStart, end);
    // a fragment across a paragraph break would not stay on its line
    if (citation.text.includes('\n')) articleText = '…';
    else {
      quotes.push(citation);
      // escaped as quotes are (toPayload looks for it so): shown as written, inert
      articleText = end < difference.articleEnd ? `${escapeInert(citation.text)}…` : escapeInert(citation.text);
    }
  }
  const serious = difference.subject === 'number' || difference.subject === 'negation';
  // replacer functions: article text and claims may hold "$&" or "$$", which a replacement string would expand
  const line = saying.replace('«A»', () => `«${articleText}»`).replace('«C»', () => `«${claim}»`);
  return { line: `• ${serious ? `**${line}**` : line}`, quotes };
}

