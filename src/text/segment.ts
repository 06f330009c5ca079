// Splits an article into paragraphs (lines) and sentences with exact character offsets into the source.

export interface Paragraph {
  /** 1-based, counting non-empty lines only. */
  index: number;
  start: number;
  end: number;
}

export interface Sentence {
  /** `paragraph.sentence`, 1-based, e.g. "4.1". */
  id: string;
  paragraph: number;
  /** 1-based position within its paragraph. */
  index: number;
  start: number;
  end: number;
  /** Always `text.slice(start, end)` of the source. */
  text: string;
}

export interface SegmentedText {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const TERMINATORS = new Set(['.', '!', '?', '؟', '…']);
// Closing quotes and brackets that belong to the sentence they follow.
const CLOSERS = new Set(['”', '’', '»', '›', ')', ']', '}', '"', "'", '」', '』']);
const DIGIT = /\p{Nd}/u;
const SPACE = /\s/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Paragraphs are the non-blank lines; their offsets exclude the line break (and a trailing \r). */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const [start, end] = trimRange(text, lineStart, lineEnd);
    if (end > start) paragraphs.push({ index: paragraphs.length + 1, start, end });
    lineStart = lineEnd + 1;
  }
  return paragraphs;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * A sentence ends at . ! ? ؟ … (with any run of them) plus the closing quotes or brackets right after,
 * when whitespace or the end of the paragraph follows, or when an Arabic word follows with the space
 * missing ("بكثير.عملية"). A point between digits (2.5), after an initial or short abbreviation
 * ("أ.سيمون", "ق.م") or inside a Latin token (cnn.com) does not end a sentence; the Arabic comma and
 * semicolon never do.
 */
function sentenceEndsIn(text: string, start: number, end: number): number[] {
  const ends: number[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i]!;
    if (!TERMINATORS.has(ch) || isDecimalPoint(text, i, end)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && TERMINATORS.has(text[j]!)) j++;
    while (j < end && CLOSERS.has(text[j]!)) j++;
    if (j === end || SPACE.test(text[j]!) || isGluedSentenceStart(text, i, j)) ends.push(j);
    i = j;
  }
  if (ends[ends.length - 1] !== end) ends.push(end); // text without final punctuation is still a sentence
  return ends;
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
const GLUED_MIN_WORD = 3;

/**
 * A stop glued to the next Arabic word: "word.Word" when the first word is no abbreviation, or a stop
 * that was typed detached from its sentence ("word .Word").
 */
function isGluedSentenceStart(text: string, terminator: number, next: number): boolean {
  if (!ARABIC_LETTER.test(text[next]!)) return false;
  if (terminator > 0 && SPACE.test(text[terminator - 1]!)) return true;
  let letters = 0;
  for (let k = terminator - 1; k >= 0 && ARABIC_LETTER.test(text[k]!); k--) letters++;
  return letters >= GLUED_MIN_WORD;
}

function isDecimalPoint(text: string, i: number, end: number): boolean {
  return text[i] === '.' && i > 0 && i + 1 < end && DIGIT.test(text[i - 1]!) && DIGIT.test(text[i + 1]!);
}

export function segmentText(text: string): SegmentedText {
  const paragraphs = splitParagraphs(text);
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    let cursor = paragraph.start;
    let index = 0;
    for (const rawEnd of sentenceEndsIn(text, paragraph.start, paragraph.end)) {
      const [start, end] = trimRange(text, cursor, rawEnd);
      cursor = rawEnd;
      if (end <= start) continue;
      const previous = sentences[sentences.length - 1];
      if (!WORD_CHAR.test(text.slice(start, end)) && previous?.paragraph === paragraph.index) {
        // Stray punctuation (". .") is no sentence of its own: it stays with the one before.
        previous.end = end;
        previous.text = text.slice(previous.start, end);
        continue;
      }
      index++;
      sentences.push({
        id: `${paragraph.index}.${index}`,
        paragraph: paragraph.index,
        index,
        start,
        end,
        text: text.slice(start, end),
      });
    }
  }
  return { text, paragraphs, sentences };
}
