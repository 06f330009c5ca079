// Turns a quote check into Discord messages: the verdict first, then what differs (numbers and negation
// said in words), then the article's exact text. Every piece of article text shown is registered as a
// quote, so the check at the way out covers it. Pure functions.
import type { Article } from '../text/article.ts';
import { detectLanguage, type Language } from '../text/arabic.ts';
import { assertExactQuote } from '../qa/citations.ts';
import type { Citation } from '../qa/types.ts';
import type { Difference } from '../verify/diff.ts';
import { MAX_CLAIM_CHARS, type QuoteSpan, type Verification } from '../verify/verify.ts';
import { blockQuote, citationLabel, packBlocks, sanitiseUserText, type Block, type OutgoingMessage } from './render.ts';

const TEXT = {
  ar: {
    checked: 'النص المفحوص',
    exact: '✅ **موجود في المقال حرفيا**',
    times: (n: number) => `يرد ${n} مرات في المقال؛ هذا أوله.`,
    inContext: (id: string) => `اقرأه في سياقه: \`/source id:${id}\``,
    close: '⚠️ **قريب، لكنه ليس ما يقوله المقال**',
    name: '⚠️ **اسم مكتوب بحروف أخرى**: يكتبه المقال هكذا',
    articleSays: 'نص المقال كما هو',
    notFound: '❌ **ليس في المقال**: لا شيء فيه قريب من هذا النص.',
    nearest: 'أقرب جملة في المقال، وهي **ليست** مطابقة:',
    otherLanguage: (article: Language) =>
      article === 'ar' ? 'لا أستطيع أن أفحص إلا الاقتباسات العربية في هذا المقال العربي.' : 'لا أستطيع أن أفحص إلا الاقتباسات الإنجليزية في هذا المقال الإنجليزي.',
    empty: 'لا يوجد نص لفحصه. الصق الاقتباس بعد `/verify text:`.',
    tooLong: `هذا النص أطول من أن يكون اقتباسا: الحد ${MAX_CLAIM_CHARS.toLocaleString('en')} حرف.`,
    more: (n: number) => `و${n} فروق أخرى.`,
  },
  en: {
    checked: 'Checked',
    exact: '✅ **In the article, word for word**',
    times: (n: number) => `It occurs ${n} times in the article; this is the first.`,
    inContext: (id: string) => `Read it in context: \`/source id:${id}\``,
    close: '⚠️ **Close, but not what the article says**',
    name: '⚠️ **A name in another script**: the article writes it',
    articleSays: "The article's exact words",
    notFound: '❌ **Not in the article**: nothing in it is close to this text.',
    nearest: 'The nearest sentence in the article, which is **not** a match:',
    otherLanguage: (article: Language) =>
      article === 'ar' ? 'I can only check Arabic quotes against this Arabic article.' : 'I can only check English quotes against this English article.',
    empty: 'There is no text to check. Paste the quote after `/verify text:`.',
    tooLong: `That is too long to be a quote: at most ${MAX_CLAIM_CHARS.toLocaleString('en')} characters.`,
    more: (n: number) => `and ${n} more differences.`,
  },
} as const;

/** How many differences are listed one by one (the article's text below shows them all). */
const LISTED_DIFFERENCES = 6;

export function renderVerification(article: Article, claim: string, result: Verification): OutgoingMessage[] {
  const language = detectLanguage(claim);
  const text = TEXT[language];
  const echoed = sanitiseUserText(claim, 300);
  const head = echoed ? `**${text.checked}:** ${echoed}` : '';
  const blocks: Block[] = [];
  const say = (line: string, quotes: Citation[] = []) => blocks.push({ text: line, quotes });

  if (result.problem === 'empty') say(text.empty);
  else if (result.problem === 'too-long') say(text.tooLong);
  else if (result.problem === 'other-language') say(`${head}\n${text.otherLanguage(language === 'ar' ? 'en' : 'ar')}`);
  else if (result.verdict === 'exact') {
    const ids = result.spans.map((s) => citationLabel(s)).join(' ');
    say(`${head}\n${text.exact} · ${ids}${(result.occurrences ?? 1) > 1 ? `\n-# ${text.times(result.occurrences!)}` : ''}`);
    blocks.push(...spanBlocks(article, result.spans));
    say(`-# ${text.inContext(result.spans[0]!.id)}`);
  } else if (result.verdict === 'close') {
    say(`${head}\n${result.transliterated ? text.name : text.close} · ${result.spans.map((s) => citationLabel(s)).join(' ')}`);
    if (!result.transliterated) {
      const listed = result.differences.slice(0, LISTED_DIFFERENCES).map((d) => describe(article, d, language));
      const rest = result.differences.length - listed.length;
      say([...listed.map((l) => l.line), ...(rest > 0 ? [`• ${text.more(rest)}`] : [])].join('\n'), listed.flatMap((l) => l.quotes));
      say(`**${text.articleSays}:**`);
    }
    blocks.push(...spanBlocks(article, result.spans));
  } else {
    say(`${head}\n${text.notFound}`);
    if (result.nearest && result.nearest.length > 0) {
      say(`-# ${text.nearest}`);
      blocks.push(...spanBlocks(article, result.nearest));
    }
  }
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
  const sentence = article.sentences.find((s) => s.id === id) ?? article.sentences.find((s) => s.start <= start && end <= s.end);
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

const SAYINGS = {
  ar: {
    number: { changed: 'رقم مختلف: في المقال «A» وفي الاقتباس «C».', dropped: 'رقم ناقص: في المقال «A».', added: 'رقم مضاف: «C» ليس في المقال.' },
    negation: { changed: 'النفي تغيّر: في المقال «A» وفي الاقتباس «C».', dropped: 'نفي محذوف: في المقال «A».', added: 'نفي مضاف: «C» ليس في المقال، فيقلب المعنى.' },
    name: { changed: 'اسم مختلف: في المقال «A» وفي الاقتباس «C».', dropped: 'اسم ناقص: «A».', added: 'اسم مضاف: «C».' },
    word: { changed: 'كلمة مختلفة: في المقال «A» وفي الاقتباس «C».', dropped: 'محذوف من المقال: «A».', added: 'مضاف: «C».' },
  },
  en: {
    number: { changed: 'A number differs: the article says «A», the quote says «C».', dropped: 'A number is missing: the article says «A».', added: 'A number was added: «C» is not in the article.' },
    negation: { changed: 'The negation differs: the article says «A», the quote says «C».', dropped: 'A negation was dropped: the article says «A».', added: 'A negation was added: «C» is not in the article, and it turns the meaning around.' },
    name: { changed: 'A name differs: the article says «A», the quote says «C».', dropped: 'A name is missing: «A».', added: 'A name was added: «C».' },
    word: { changed: 'Different words: the article says «A», the quote says «C».', dropped: 'Left out: «A».', added: 'Added: «C».' },
  },
} as const;

function describe(article: Article, difference: Difference, language: Language): { line: string; quotes: Citation[] } {
  const saying: string = SAYINGS[language][difference.subject][difference.kind];
  const claim = sanitiseUserText(difference.claim ?? '', 120);
  const quotes: Citation[] = [];
  let articleText = '';
  if (difference.articleStart !== undefined && difference.articleEnd !== undefined) {
    const citation = spanCitation(article, '', difference.articleStart, difference.articleEnd);
    // a fragment across a paragraph break would not stay on its line; the article's text below shows it
    if (citation.text.includes('\n')) articleText = '…';
    else {
      quotes.push(citation);
      articleText = citation.text;
    }
  }
  const serious = difference.subject === 'number' || difference.subject === 'negation';
  const line = saying.replace('«A»', `«${articleText}»`).replace('«C»', `«${claim}»`);
  return { line: `• ${serious ? `**${line}**` : line}`, quotes };
}

