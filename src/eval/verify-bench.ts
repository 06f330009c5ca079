// Scores quote checking on machine-made cases: precision and recall of each verdict, for our checker and
// for plain substring search (the baseline), per alteration, and how often a changed number or an added
// negation is called out in words.
import { normaliseArabic } from '../text/arabic.ts';
import { DEFAULT_THRESHOLDS, verifyQuote, type Verdict, type Verification, type VerifyThresholds } from '../verify/verify.ts';
import { percentile } from './metrics.ts';
import { markdownTable } from './table.ts';
import { ALTERATIONS, type Alteration, type VerifyCase } from './verify-cases.ts';

const VERDICTS: Verdict[] = ['exact', 'close', 'not-found'];

interface Outcome {
  testCase: VerifyCase;
  verdict: Verdict;
  result?: Verification;
  ms: number;
}

export type Checker = (testCase: VerifyCase) => Omit<Outcome, 'testCase'>;

export function ourChecker(thresholds: VerifyThresholds = DEFAULT_THRESHOLDS): Checker {
  return ({ article, claim }) => {
    const started = performance.now();
    const result = verifyQuote(article, claim, thresholds);
    return { verdict: result.verdict, result, ms: performance.now() - started };
  };
}

/** The baseline: the claim as typed, found in the article's text or not. */
export const substringChecker: Checker = ({ article, claim }) => {
  const started = performance.now();
  const verdict: Verdict = article.text.includes(claim.trim()) ? 'exact' : 'not-found';
  return { verdict, ms: performance.now() - started };
};

/** A stronger baseline: both sides folded (diacritics, alef forms...) and punctuation dropped before searching. */
export const foldedSubstringChecker: Checker = ({ article, claim }) => {
  const started = performance.now();
  const fold = (text: string) => ` ${normaliseArabic(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const verdict: Verdict = fold(article.text).includes(fold(claim)) ? 'exact' : 'not-found';
  return { verdict, ms: performance.now() - started };
};

export function runChecker(cases: VerifyCase[], checker: Checker): Outcome[] {
  return cases.map((testCase) => ({ testCase, ...checker(testCase) }));
}

const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

function precisionRecall(outcomes: Outcome[], verdict: Verdict): [number, number] {
  const predicted = outcomes.filter((o) => o.verdict === verdict);
  const actual = outcomes.filter((o) => o.testCase.expected === verdict);
  const right = predicted.filter((o) => o.testCase.expected === verdict).length;
  return [right / predicted.length, right / actual.length];
}

export function verdictTable(systems: [string, Outcome[]][]): string {
  const header = ['system', ...VERDICTS.flatMap((v) => [`${v} P`, `${v} R`]), 'accuracy', 'p50 ms', 'p95 ms'];
  const rows = systems.map(([name, outcomes]) => {
    const accuracy = outcomes.filter((o) => o.verdict === o.testCase.expected).length / outcomes.length;
    const ms = outcomes.map((o) => o.ms);
    return [name, ...VERDICTS.flatMap((v) => precisionRecall(outcomes, v).map(fixed)), fixed(accuracy), percentile(ms, 50).toFixed(2), percentile(ms, 95).toFixed(2)];
  });
  return markdownTable(header, rows);
}

/** Per alteration: how often each system gives the expected verdict; for ours, what it said instead. */
export function alterationTable(ours: Outcome[], baseline: Outcome[]): string {
  const header = ['alteration', 'cases', 'expected', 'ours', 'substring', 'ours said instead', 'called out'];
  const rows = (Object.keys(ALTERATIONS) as Alteration[]).flatMap((alteration) => {
    const mine = ours.filter((o) => o.testCase.alteration === alteration);
    if (mine.length === 0) return [];
    const theirs = baseline.filter((o) => o.testCase.alteration === alteration);
    const share = (list: Outcome[]) => list.filter((o) => o.verdict === o.testCase.expected).length / list.length;
    const wrong = VERDICTS.filter((v) => v !== ALTERATIONS[alteration])
      .map((v) => `${v} ${mine.filter((o) => o.verdict === v).length}`)
      .join(', ');
    return [[alteration, String(mine.length), ALTERATIONS[alteration], fixed(share(mine)), fixed(share(theirs)), wrong, calledOut(alteration, mine)]];
  });
  return markdownTable(header, rows);
}

/**
 * A changed number or an added negation must be said in words, not only shown in the diff; for text not in
 * the article, how often a nearest sentence was shown as related.
 */
function calledOut(alteration: Alteration, outcomes: Outcome[]): string {
  if (ALTERATIONS[alteration] === 'not-found') return `nearest shown ${fixed(outcomes.filter((o) => o.result?.nearest).length / outcomes.length)}`;
  const subject = alteration === 'number changed' ? 'number' : alteration === 'negation added' ? 'negation' : undefined;
  if (!subject) return '';
  const flagged = outcomes.filter((o) => o.result?.differences.some((d) => d.subject === subject)).length;
  return `${subject} ${fixed(flagged / outcomes.length)}`;
}

/** Close-versus-not-found thresholds tried on the cases that are not exact. */
export function sweepTable(cases: VerifyCase[], thresholds: number[]): string {
  const inexact = cases.filter((c) => c.expected !== 'exact');
  const rows = thresholds.map((close) => {
    const outcomes = runChecker(inexact, ourChecker({ close, related: Math.min(close, DEFAULT_THRESHOLDS.related) }));
    const accuracy = outcomes.filter((o) => o.verdict === o.testCase.expected).length / outcomes.length;
    const [closeP, closeR] = precisionRecall(outcomes, 'close');
    const [notP, notR] = precisionRecall(outcomes, 'not-found');
    return [close.toFixed(2), fixed(closeP), fixed(closeR), fixed(notP), fixed(notR), fixed(accuracy)];
  });
  return markdownTable(['close threshold', 'close P', 'close R', 'not-found P', 'not-found R', 'accuracy'], rows);
}
