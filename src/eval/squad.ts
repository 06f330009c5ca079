// Reads SQuAD 1.1/2.0 files: an article's paragraphs joined with "\n" form one document,
// and every answer span is moved to offsets in that document.
import { readFileSync } from 'node:fs';
import { DatasetError } from './dataset-error.ts';

export interface GoldSpan {
  start: number;
  end: number;
}

export interface EvalQuestion {
  id: string;
  question: string;
  answers: GoldSpan[];
  impossible: boolean;
}

export interface EvalArticle {
  title: string;
  text: string;
  questions: EvalQuestion[];
}

interface SquadFile {
  data: { title?: string; paragraphs: { context: string; qas: SquadQa[] }[] }[];
}

interface SquadQa {
  id: string;
  question: string;
  answers?: { text: string; answer_start: number }[];
  is_impossible?: boolean;
}

export { DatasetError };

export function readSquad(path: string): SquadFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new DatasetError(`The dataset file "${path}" does not exist or cannot be read.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DatasetError(`The dataset file "${path}" is not valid JSON.`);
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as SquadFile).data)) {
    throw new DatasetError(`The dataset file "${path}" is not in SQuAD format (no "data" list).`);
  }
  return parsed as SquadFile;
}

/** Loads articles; `questionTexts` (id -> text) replaces the questions, e.g. English ones for Arabic contexts. */
export function loadSquadArticles(path: string, questionTexts?: ReadonlyMap<string, string>): EvalArticle[] {
  return readSquad(path).data.map((entry, i) => {
    let offset = 0;
    const texts: string[] = [];
    const questions: EvalQuestion[] = [];
    for (const paragraph of entry.paragraphs) {
      for (const qa of paragraph.qas) {
        const answers = (qa.answers ?? []).map((a) => goldSpan(paragraph.context, a, offset));
        questions.push({
          id: qa.id,
          question: questionTexts?.get(qa.id) ?? qa.question,
          answers,
          impossible: qa.is_impossible === true || answers.length === 0,
        });
      }
      texts.push(paragraph.context);
      offset += paragraph.context.length + 1;
    }
    return { title: entry.title ?? `article ${i + 1}`, text: texts.join('\n'), questions };
  });
}

export function questionTextsById(path: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const entry of readSquad(path).data) for (const p of entry.paragraphs) for (const qa of p.qas) texts.set(qa.id, qa.question);
  return texts;
}

/** Trusts answer_start when the text is there; otherwise finds the answer text in its paragraph. */
function goldSpan(context: string, answer: { text: string; answer_start: number }, offset: number): GoldSpan {
  let start = answer.answer_start;
  if (context.slice(start, start + answer.text.length) !== answer.text) {
    const found = context.indexOf(answer.text);
    if (found >= 0) start = found;
  }
  return { start: offset + start, end: offset + start + Math.max(1, answer.text.length) };
}
