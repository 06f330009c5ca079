// The labelled thread messages (test/fixtures/thread-chatter.tsv): one message a line, with the part it
// belongs to (fit or held-out), its label (question or chatter) and its variety (msa, egy, lev, gulf,
// magh, en, arabizi, mixed, emoji).
import { readFileSync } from 'node:fs';
import { DatasetError } from './dataset-error.ts';

export const CHATTER_DATA = 'test/fixtures/thread-chatter.tsv';

export type Part = 'fit' | 'held-out';
export interface LabelledMessage {
  part: Part;
  question: boolean;
  variety: string;
  text: string;
}

const HEADER = 'part\tlabel\tvariety\ttext';

export function loadChatterData(path = CHATTER_DATA): LabelledMessage[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0] !== HEADER) throw new DatasetError(`${path}: the first line must be "${HEADER.replaceAll('\t', '<TAB>')}"`);
  return lines.slice(1).flatMap((line, i) => {
    if (line === '') return [];
    const [part, label, variety, text, ...extra] = line.split('\t');
    const where = `${path}:${i + 2}`;
    if (part !== 'fit' && part !== 'held-out') throw new DatasetError(`${where}: part must be fit or held-out, got "${part}"`);
    if (label !== 'question' && label !== 'chatter') throw new DatasetError(`${where}: label must be question or chatter, got "${label}"`);
    if (!variety || text === undefined || extra.length > 0) throw new DatasetError(`${where}: expected four tab-separated fields`);
    return [{ part, question: label === 'question', variety, text }];
  });
}
