import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../src/text/article.ts';
import { segmentText, splitParagraphs, type SegmentedText } from '../src/text/segment.ts';

const texts = (text: string) => segmentText(text).sentences.map((s) => s.text);

describe('sentence rules', () => {
  it('ends sentences at . ! ? ؟ and …', () => {
    expect(texts('أولى. ثانية! ثالثة? رابعة؟ خامسة… سادسة.')).toEqual([
      'أولى.',
      'ثانية!',
      'ثالثة?',
      'رابعة؟',
      'خامسة…',
      'سادسة.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(texts('قال «انتهى.» ثم “بدأ!” وبعدها (نعم؟) و[لا.] أخيرا')).toEqual([
      'قال «انتهى.»',
      'ثم “بدأ!”',
      'وبعدها (نعم؟)',
      'و[لا.]',
      'أخيرا',
    ]);
  });

  it('keeps a run of terminators together', () => {
    expect(texts('حقا؟! نعم...')).toEqual(['حقا؟!', 'نعم...']);
  });

  it('does not end at the Arabic comma or semicolon', () => {
    expect(texts('قال الوزير، في بيان؛ إن الزيارة مهمة.')).toEqual(['قال الوزير، في بيان؛ إن الزيارة مهمة.']);
  });

  it('does not end at a point between digits or inside a token', () => {
    expect(texts('ارتفع النمو 2.5 بالمئة حسب cnn.com اليوم. ثم هبط.')).toEqual([
      'ارتفع النمو 2.5 بالمئة حسب cnn.com اليوم.',
      'ثم هبط.',
    ]);
  });

  it('ends a sentence glued to the next Arabic word, but not after an initial or abbreviation', () => {
    expect(texts('وهو أضعف بكثير.عملية القياس صعبة.')).toEqual(['وهو أضعف بكثير.', 'عملية القياس صعبة.']);
    expect(texts('قال هربرت أ.سيمون إن الأمر صعب.')).toEqual(['قال هربرت أ.سيمون إن الأمر صعب.']);
    expect(texts('في سنة 539 ق.م سقطت المدينة.')).toEqual(['في سنة 539 ق.م سقطت المدينة.']);
  });

  it('treats text without final punctuation as a sentence', () => {
    expect(texts('جملة أولى. وجملة بلا نقطة')).toEqual(['جملة أولى.', 'وجملة بلا نقطة']);
    expect(texts('بلا أي علامة')).toEqual(['بلا أي علامة']);
  });

  it('never lets a sentence cross a line break', () => {
    expect(texts('سطر بلا نقطة\nسطر ثان.')).toEqual(['سطر بلا نقطة', 'سطر ثان.']);
  });

  it('numbers sentences paragraph.sentence, 1-based, skipping blank lines', () => {
    const { sentences } = segmentText('أ. ب.\n\n  \nج.\r\nد؟ هـ\n');
    expect(sentences.map((s) => s.id)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.2']);
    expect(sentences.map((s) => [s.paragraph, s.index])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [3, 1],
      [3, 2],
    ]);
  });

  it('gives paragraphs without surrounding whitespace or carriage returns', () => {
    const text = '  الأول  \r\n\nالثاني';
    expect(splitParagraphs(text).map((p) => text.slice(p.start, p.end))).toEqual(['الأول', 'الثاني']);
  });

  it('gives nothing for empty or blank text', () => {
    expect(segmentText('').sentences).toEqual([]);
    expect(segmentText(' \n\t\n').sentences).toEqual([]);
  });
});

/** Sentences must tile the text: in order, exact slices, non-empty, only whitespace between them. */
function expectSentencesCoverText(segmented: SegmentedText, label: string): void {
  const { text, sentences } = segmented;
  let cursor = 0;
  for (const sentence of sentences) {
    const where = `${label} [${sentence.id}]`;
    expect(sentence.end, where).toBeGreaterThan(sentence.start);
    expect(sentence.text, where).toBe(text.slice(sentence.start, sentence.end));
    expect(sentence.text.trim(), where).toBe(sentence.text);
    expect(text.slice(cursor, sentence.start).trim(), `${where}: gap before`).toBe('');
    cursor = sentence.end;
  }
  expect(text.slice(cursor).trim(), `${label}: text after the last sentence`).toBe('');
}

describe('the seed article', () => {
  const article = loadArticle('articles/xi-putin-visit.ar.txt');

  it('has 16 paragraphs and 21 sentences', () => {
    // The source counts 22, but it has exactly 21 full stops and no other terminator, so the rules give 21.
    expect(article.paragraphs).toHaveLength(16);
    expect(article.sentences).toHaveLength(21);
  });

  it('splits exactly paragraphs 5, 12, 14, 15 and 16 in two', () => {
    const twoSentenceParagraphs = article.sentences.filter((s) => s.index === 2).map((s) => s.paragraph);
    expect(twoSentenceParagraphs).toEqual([5, 12, 14, 15, 16]);
    expect(article.sentences.some((s) => s.index > 2)).toBe(false);
    expect(article.sentences.map((s) => s.id)).toContain('16.2');
  });

  it('keeps the stray closing quotation mark of paragraph 5 inside its sentence', () => {
    const sentence = article.sentences.find((s) => s.id === '5.2')!;
    expect(sentence.text.endsWith('“.')).toBe(true);
  });

  it('covers the whole text', () => {
    expectSentencesCoverText(article, 'seed');
  });
});

const EVAL_DIR = '../shared/eval';
const evalFiles = ['xquad.ar.json', 'arcd-train.json'].map((name) => `${EVAL_DIR}/${name}`);
const evalPresent = evalFiles.every((path) => existsSync(path));
if (!evalPresent) console.warn(`Skipping the corpus segmentation checks: ${EVAL_DIR} is absent.`);

interface SquadFile {
  data: { title?: string; paragraphs: { context: string }[] }[];
}

describe.skipIf(!evalPresent)('every XQuAD and ARCD context', () => {
  for (const path of evalFiles) {
    it(`segments every context of ${path} into covering sentences`, () => {
      const squad = JSON.parse(readFileSync(path, 'utf8')) as SquadFile;
      let contexts = 0;
      let sentenceCount = 0;
      for (const [a, entry] of squad.data.entries()) {
        for (const [p, paragraph] of entry.paragraphs.entries()) {
          const segmented = segmentText(paragraph.context);
          expect(segmented.sentences.length, `${path} ${a}/${p}`).toBeGreaterThan(0);
          expectSentencesCoverText(segmented, `${path} ${a}/${p}`);
          contexts++;
          sentenceCount += segmented.sentences.length;
        }
      }
      expect(contexts).toBeGreaterThan(200);
      expect(sentenceCount).toBeGreaterThan(contexts);
    });
  }
});
