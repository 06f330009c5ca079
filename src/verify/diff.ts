// The word-level difference between a claimed quote and the article's span, and which differences
// matter most: a changed number first, then a negation added or dropped, then names, then other words.
import type { Alignment, Step } from './align.ts';
import { isNegation, isNumber, type Word } from './words.ts';

export type DiffKind = 'same' | 'added' | 'dropped' | 'changed';
export type DifferenceSubject = 'number' | 'negation' | 'name' | 'word';

/** One run of the diff. `article` is the article's exact text (at `articleStart`..`articleEnd`); `claim` is the claim's own text. */
export interface DiffPart {
  kind: DiffKind;
  article?: string;
  articleStart?: number;
  articleEnd?: number;
  claim?: string;
  /** What the change touches (not for `same`). */
  subject?: DifferenceSubject;
}

export type Difference = DiffPart & { kind: Exclude<DiffKind, 'same'>; subject: DifferenceSubject };

const SEVERITY: DifferenceSubject[] = ['number', 'negation', 'name', 'word'];

export function diffParts(alignment: Alignment, claimText: string, claimWords: Word[], articleText: string, articleWords: Word[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const run of runs(alignment.steps)) {
    const articleRun = run.flatMap((s) => (s.article === undefined ? [] : [articleWords[s.article]!]));
    const claimRun = run.flatMap((s) => (s.claim === undefined ? [] : [claimWords[s.claim]!]));
    const article = articleRun.length > 0 ? { article: textOf(articleText, articleRun), articleStart: articleRun[0]!.start, articleEnd: articleRun[articleRun.length - 1]!.end } : undefined;
    const claim = textOf(claimText, claimRun);
    if (run[0]!.kind === 'same') {
      parts.push({ kind: 'same', ...article });
      continue;
    }
    const kind: DiffKind = claimRun.length === 0 ? 'dropped' : articleRun.length === 0 ? 'added' : 'changed';
    parts.push({
      kind,
      ...article,
      ...(claim ? { claim } : {}),
      subject: subjectOf(articleRun, claimRun, article?.article ?? '', claim),
    });
  }
  return parts;
}

/** Consecutive steps of the same sort: runs of matching words, and runs of everything else. */
function runs(steps: Step[]): Step[][] {
  const out: Step[][] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last && (last[0]!.kind === 'same') === (step.kind === 'same')) last.push(step);
    else out.push([step]);
  }
  return out;
}

function textOf(text: string, words: Word[]): string {
  if (words.length === 0) return '';
  return text.slice(words[0]!.start, words[words.length - 1]!.end);
}

function subjectOf(article: Word[], claim: Word[], articleText: string, claimText: string): DifferenceSubject {
  if ([...article, ...claim].some(isNumber)) return 'number';
  if (article.filter(isNegation).length !== claim.filter(isNegation).length) return 'negation';
  // Latin names are capitalised; Arabic has no capitals, so an Arabic name reads as a word here.
  if (/(^|\s)\p{Lu}/u.test(articleText) || /(^|\s)\p{Lu}/u.test(claimText)) return 'name';
  return 'word';
}

/** The differences, most serious first (a stable sort keeps article order within each subject). */
export function describeDifferences(parts: DiffPart[]): Difference[] {
  return parts
    .filter((p): p is Difference => p.kind !== 'same' && p.subject !== undefined)
    .sort((a, b) => SEVERITY.indexOf(a.subject) - SEVERITY.indexOf(b.subject));
}
