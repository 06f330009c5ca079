// Turns answers, summaries and sentences into Discord messages: RTL-friendly quotes, ids like [4.1],
// at most 2,000 characters each, split between blocks and never inside a quote. Pure functions.
import type { RateScope } from './rate-limit.ts';
import type { Article } from '../text/article.ts';
import type { Sentence } from '../text/segment.ts';
import type { Language } from '../text/arabic.ts';
import type { Answer, Citation, Summary } from '../qa/types.ts';
import { assertExactQuote, makeCitation, QuoteMismatchError } from '../qa/citations.ts';
import { summaryLanguage } from '../summary/summarise.ts';
import { strings } from '../strings.ts';
import { cleanEchoedText } from './sanitise.ts';
import { isolateEmbedded } from './bidi.ts';
import { escapeInert } from './inert.ts';
import { sourcePassages, type SourcePassage } from './source-passages.ts';

export const MESSAGE_LIMIT = 2000;
const THREAD_NAME_LIMIT = 100;
const ECHO_LIMIT = 200;

export interface ButtonRow {
  type: 1;
  components: { type: 2; style: 1 | 2 | 3 | 4; custom_id: string; emoji?: { name: string }; label?: string }[];
}

/** A message ready to send, with the quotes it shows so they can be checked just before sending. */
export interface OutgoingMessage {
  content: string;
  quotes: Citation[];
  components?: ButtonRow[];
}

declare const checked: unique symbol;

/**
 * What actually goes to Discord: never pings anyone. Only toPayload makes one (the brand exists for the
 * compiler alone), so nothing unchecked can be handed to the code that sends.
 */
export interface MessagePayload {
  content: string;
  components: ButtonRow[];
  allowedMentions: { parse: [] };
  readonly [checked]: true;
}

export interface Block {
  text: string;
  quotes: Citation[];
}

/** Truncates by code points (never splitting a surrogate pair) and marks the cut. */
export function truncate(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  return `${chars.slice(0, Math.max(0, limit - 1)).join('').trimEnd()}…`;
}

/**
 * Makes text someone typed safe to echo: one line, no working mentions or links, no bidi or control
 * tricks (see sanitise.ts), no markdown formatting.
 */
export function sanitiseUserText(text: string, limit = ECHO_LIMIT): string {
  return truncate(cleanEchoedText(text, { oneLine: true, escapeMarkdown: true }), limit);
}

/** Thread names: the question on one line, plain, at most 100 characters. */
export function threadName(question: string, fallback = 'Sources'): string {
  const plain = cleanEchoedText(question.replace(/<(@[!&]?|#)(\d+)>/gu, ''), { oneLine: true });
  return truncate(plain, THREAD_NAME_LIMIT) || fallback;
}

/**
 * `> ` on every line, so the quote stays one block quote even if the article text has a line break; the
 * article's characters escaped (inert.ts), so they show as written but cannot link, ping or format.
 */
export function blockQuote(text: string): string {
  return escapeInert(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** [4.1] inside one article; [A3 4.1] in an answer across the library. */
export function citationLabel(citation: Pick<Citation, 'id' | 'articleId'>): string {
  return citation.articleId ? `[${citation.articleId} ${citation.id}]` : `[${citation.id}]`;
}

function numberedQuote(citation: Citation, n: number): Block {
  return { text: `**${n} · ${citationLabel(citation)}**\n${blockQuote(citation.text)}`, quotes: [citation] };
}

/** Splits plain (non-quote) text at sentence ends, then at spaces, only as far as needed. */
export function splitPlainText(text: string, limit = MESSAGE_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces = text.match(/[^.!?؟…\n]*(?:[.!?؟…]+["'”»)\]]*|\n|$)\s*/gu)?.filter(Boolean) ?? [text];
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces.flatMap((p) => (p.length > limit ? splitAtSpaces(p, limit) : [p]))) {
    if (current.length + piece.length > limit) {
      if (current.trim()) chunks.push(current.trimEnd());
      current = '';
    }
    current += piece;
  }
  if (current.trim()) chunks.push(current.trimEnd());
  return chunks;
}

function splitAtSpaces(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(' ', limit);
    if (cut <= 0) cut = limit;
    if (/[\uD800-\uDBFF]/u.test(rest[cut - 1] ?? '')) cut--; // keep surrogate pairs together
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

/** Parts of a quote whose block quotes (escapes included) fit in `room` characters. */
function splitQuoteToFit(text: string, room: number, budget = room - 16): string[] {
  return splitAtSpaces(text, budget).flatMap((piece) =>
    blockQuote(piece).length <= room || budget <= 16 ? [piece] : splitQuoteToFit(piece, room, Math.floor(budget / 2)),
  );
}

/**
 * Packs blocks into messages of at most `limit` characters, breaking only between blocks. A single
 * quote longer than a message (a sentence of ~2,000 characters) is the one case that must be cut;
 * each part is then its own block quote of consecutive article text.
 */
export function packBlocks(blocks: Block[], limit = MESSAGE_LIMIT): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  let current: Block | undefined;
  for (const block of blocks.flatMap((b) => fitBlock(b, limit))) {
    if (current && current.text.length + 1 + block.text.length <= limit) {
      current = { text: `${current.text}\n${block.text}`, quotes: [...current.quotes, ...block.quotes] };
      continue;
    }
    if (current) messages.push({ content: current.text, quotes: current.quotes });
    current = block;
  }
  if (current) messages.push({ content: current.text, quotes: current.quotes });
  return messages;
}

function fitBlock(block: Block, limit: number): Block[] {
  if (block.text.length <= limit) return [block];
  if (block.quotes.length === 0) return splitPlainText(block.text, limit).map((text) => ({ text, quotes: [] }));
  // An oversized quote: show it in parts, each part an exact slice of the article.
  const parts: Block[] = [];
  for (const quote of block.quotes) {
    const header = `**${citationLabel(quote)}**\n`;
    let offset = quote.start;
    for (const piece of splitQuoteToFit(quote.text, limit - header.length)) {
      const part: Citation = { ...quote, start: offset, end: offset + piece.length, text: piece };
      offset += piece.length;
      parts.push({ text: `${header}${blockQuote(piece)}`, quotes: [part] });
    }
  }
  return parts;
}

/** Labelled as well as emoji: without an emoji font the buttons would be blank, and screen readers read labels. */
function voteButtons(answerKey: string, language: Language): ButtonRow {
  const labels = strings(language);
  return {
    type: 1,
    components: [
      { type: 2, style: 2, custom_id: `vote:up:${answerKey}`, emoji: { name: '👍' }, label: labels.helpful },
      { type: 2, style: 2, custom_id: `vote:down:${answerKey}`, emoji: { name: '👎' }, label: labels.notHelpful },
    ],
  };
}

export interface AnswerRenderOptions {
  /** After the quotes: the small line naming the article that answers (render-article.ts), when there are several. */
  articleNote?: string;
  /** Adds 👍/👎 buttons keyed to this answer. */
  answerKey?: string;
  /** Whether the sources will follow in a thread (adds a pointer line). */
  sourcesInThread?: boolean;
  /** The question was cut before answering. */
  shortened?: boolean;
  /** What a follow-up was read as in its conversation (one short line under the question). */
  readAs?: string;
}

/** A reading longer than this is cut: the line says how the question was understood, not all of it. */
const READ_AS_LIMIT = 160;

/** The answer: echoed question, a short lead, then the numbered exact quotes with their ids. */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): OutgoingMessage[] {
  const labels = strings(answer.language);
  const head: string[] = [];
  const echoed = sanitiseUserText(answer.question);
  // isolated so the label and the question keep their places whatever scripts the question mixes
  if (echoed) head.push(`**${labels.question}:** ${isolateEmbedded(echoed)}`);
  if (options.readAs) head.push(`-# ${labels.readingAs}: ${isolateEmbedded(sanitiseUserText(options.readAs, READ_AS_LIMIT))}`);
  if (options.shortened) head.push(`-# ${labels.shortened}`);
  const hasQuotes = answer.answered && answer.citations.length > 0;
  head.push(sanitiseArticleLead(answer.lead) || labels.notFound);
  const blocks: Block[] = [{ text: head.join('\n'), quotes: [] }];
  if (hasQuotes) answer.citations.forEach((citation, i) => blocks.push(numberedQuote(citation, i + 1)));
  if (options.articleNote) blocks.push({ text: options.articleNote, quotes: [] });
  if (hasQuotes && options.sourcesInThread) blocks.push({ text: `-# ${labels.sourcesInThread}`, quotes: [] });
  return withButtons(packBlocks(blocks), options.answerKey, answer.language);
}

/** Leads are produced by the answerer (possibly an LLM), so they get the same cleaning as echoed text. */
function sanitiseArticleLead(text: string): string {
  return cleanEchoedText(text);
}

function withButtons(messages: OutgoingMessage[], answerKey: string | undefined, language: Language): OutgoingMessage[] {
  const first = messages[0];
  if (first && answerKey) first.components = [voteButtons(answerKey, language)];
  return messages;
}

/**
 * The sources thread adds what the answer lacks: each quoted sentence in its place (paragraph N of M) with the
 * sentences before and after it. Windows that overlap or touch make one passage, so each sentence is shown once.
 */
export function renderSourceMessages(sources: Article | readonly Article[], citations: Citation[], language: Language): OutgoingMessage[] {
  const labels = strings(language);
  const byArticle = new Map<Article, Citation[]>();
  for (const citation of citations) {
    const article = articleQuoted(sources, citation);
    byArticle.set(article, [...(byArticle.get(article) ?? []), citation]);
  }
  return [...byArticle].flatMap(([article, quoted]) => {
    const place = (citation: Citation) =>
      `**${citationLabel(citation)}** · ${labels.place(citation.paragraph, article.paragraphs.length, citation.sentence)}`;
    const alone: OutgoingMessage[] = [];
    const cited = new Map<number, Citation>();
    for (const citation of quoted) {
      const position = article.sentences.findIndex((s) => s.id === citation.id);
      if (position < 0) alone.push(...packBlocks([{ text: `${place(citation)}\n${blockQuote(citation.text)}`, quotes: [citation] }]));
      else if (!cited.has(position)) cited.set(position, citation);
    }
    const passages = sourcePassages([...cited.keys()], article.sentences.length).flatMap((passage) => {
      const head = passage.quoted.map((p) => place(cited.get(p)!)).join(' · ');
      return packBlocks([{ text: head, quotes: [] }, ...contextBlocks(article, passage, quoted[0]!.articleId)]);
    });
    return [...alone, ...passages];
  });
}

/** The article a citation quotes: the one given, or the one of the library it names. */
function articleQuoted(sources: Article | readonly Article[], citation: Pick<Citation, 'id' | 'articleId'>): Article {
  if (!Array.isArray(sources)) return sources as Article;
  const article = (sources as readonly Article[]).find((a) => a.id === citation.articleId);
  if (!article) throw new QuoteMismatchError(`Citation ${citationLabel(citation)} names no article of this answer.`);
  return article;
}

export interface SummaryRenderOptions {
  /** After the quotes: the article summarised, when the library holds several. */
  articleNote?: string;
  answerKey?: string;
  sourcesInThread?: boolean;
  topic?: string;
}

/** The summary text, then its quotes with ids, so every claim can be checked. */
export function renderSummary(summary: Summary, article: Article, options: SummaryRenderOptions = {}): OutgoingMessage[] {
  const language = summaryLanguage(article, options.topic);
  const labels = strings(language);
  const head = [`**${labels.summary}**${options.topic ? ` · ${isolateEmbedded(sanitiseUserText(options.topic, 80))}` : ''}`];
  const blocks: Block[] = [{ text: head.join('\n'), quotes: [] }];
  const summaryText = summary.text.trim();
  if (summaryText && !isJustTheQuotes(summaryText, summary.citations)) {
    blocks.push(...splitPlainText(sanitiseArticleLead(summaryText)).map((text) => ({ text, quotes: [] })));
  }
  summary.citations.forEach((citation, i) => blocks.push(numberedQuote(citation, i + 1)));
  if (options.articleNote) blocks.push({ text: options.articleNote, quotes: [] });
  if (options.sourcesInThread && summary.citations.length > 0) blocks.push({ text: `-# ${labels.sourcesInThread}`, quotes: [] });
  return withButtons(packBlocks(blocks), options.answerKey, language);
}

/** An extractive summary is often the quotes joined together; showing both would say it twice. */
function isJustTheQuotes(text: string, citations: Citation[]): boolean {
  const squash = (s: string) => s.replace(/\[[\d.]+\]/g, '').replace(/\s+/g, '');
  return citations.length > 0 && squash(text) === squash(citations.map((c) => c.text).join(''));
}

/** /source: the sentence itself, with the sentences before and after it for context (then its article, when named). */
export function renderSentenceInContext(article: Article, sentence: Sentence, articleNote?: string): OutgoingMessage[] {
  const position = article.sentences.findIndex((s) => s.id === sentence.id);
  const [passage] = position < 0 ? [] : sourcePassages([position], article.sentences.length);
  const blocks = passage ? contextBlocks(article, passage) : [{ text: blockQuote(sentence.text), quotes: [makeCitation(article, sentence, 1)] }];
  return packBlocks([...blocks, ...(articleNote ? [{ text: articleNote, quotes: [] }] : [])]);
}

/** The sentences of a passage, each quoted exactly with its id; the quoted ones marked ◀. */
function contextBlocks(article: Article, passage: SourcePassage, articleId?: string): Block[] {
  return article.sentences.slice(passage.first, passage.last + 1).map((s, i) => {
    const citation = { ...makeCitation(article, s, 1), ...(articleId ? { articleId } : {}) };
    const label = passage.quoted.includes(passage.first + i) ? `**${citationLabel(citation)}** ◀` : `-# ${citationLabel(citation)}`;
    return { text: `${label}\n${blockQuote(citation.text)}`, quotes: [citation] };
  });
}

export function renderUnknownSentence(article: Article, rawId: string): OutgoingMessage {
  const first = article.sentences[0]?.id ?? '1.1';
  const last = article.sentences[article.sentences.length - 1]?.id ?? first;
  const shown = sanitiseUserText(rawId, 40) || '(empty)';
  return {
    content: `There is no sentence \`${isolateEmbedded(shown.replace(/`/g, ''))}\` in this article. Sentence ids look like [4.1] (paragraph 4, sentence 1) and go from [${first}] to [${last}]; the id field suggests them as you type.`,
    quotes: [],
  };
}

/** /about: `heading` is the channel's article line (render-article.ts). */
export function renderAbout(article: Article, heading: string): OutgoingMessage {
  const lines = [
    '**Ask the article**: I answer questions about Arabic news articles and prove every answer with exact quotes from them.',
    `**Article:** ${isolateEmbedded(heading)}`,
    `${article.paragraphs.length} paragraphs · ${article.sentences.length} sentences`,
    '',
    '**How to ask**',
    '• `/ask question:` in Arabic or English; add `private:True` to see the answer alone.',
    '• Mention me with a question, or write a follow-up in a sources thread (e.g. "ومتى؟").',
    '• `/summary` for a cited summary (`length`, `topic`), `/source id:4.1` to read a sentence in context.',
    '• `/verify text:` checks whether a quote is really in the article (or right-click a message > Apps > Check quote in article).',
    '• `/article list` shows the library; `article:` on a command picks another article, and `article:all` asks the whole library.',
    '• Quotes are the article\'s exact words; ids like [4.1] mean paragraph 4, sentence 1 ([A3 4.1]: in article A3). Rate answers with 👍/👎.',
  ];
  return { content: truncate(lines.join('\n'), MESSAGE_LIMIT), quotes: [] };
}

/** Names the limit that applied: the person's questions, the channel's, or the person's button presses. */
export function renderRateLimited(retryAfterMs: number, language: Language, scope: RateScope = 'person'): OutgoingMessage {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const labels = strings(language);
  const content = scope === 'channel' ? labels.channelBusy(seconds) : scope === 'clicks' ? labels.clicksLimited(seconds) : labels.rateLimited(seconds);
  return { content, quotes: [] };
}

export function renderEmptyQuestion(language: Language = 'en'): OutgoingMessage {
  return { content: strings(language).typedNothing, quotes: [] };
}

export function renderFailure(language: Language = 'en'): OutgoingMessage {
  return { content: strings(language).failure, quotes: [] };
}

/**
 * What the quotes of a message may come from: the text of the one article they quote, or the articles of
 * an answer across the library (each quote then names its article). A message without quotes takes ''.
 */
export type QuoteSources = string | readonly Article[];
/** For messages that quote nothing (notices, refusals). */
export const NO_QUOTES: QuoteSources = '';

/**
 * The last step before anything is sent: every quote must be the article's own text and appear in the
 * message as written (escaped, see blockQuote); the payload never allows mentions.
 */
export function toPayload(message: OutgoingMessage, sources: QuoteSources): MessagePayload {
  for (const quote of message.quotes) {
    assertExactQuote(typeof sources === 'string' ? sources : articleQuoted(sources, quote).text, quote);
    if (!message.content.includes(blockQuote(quote.text).slice(2))) {
      throw new QuoteMismatchError(`Citation ${citationLabel(quote)} is not shown verbatim in the message.`);
    }
  }
  if (message.content.length > MESSAGE_LIMIT) throw new RangeError(`A message of ${message.content.length} characters exceeds ${MESSAGE_LIMIT}.`);
  return { content: message.content, components: message.components ?? [], allowedMentions: { parse: [] } } as MessagePayload;
}
