// Benchmark: npm run eval:verify [-- --dataset FILE ...] [--per-article N] [--seed N] [--sweep]
// Machine-altered quotes from real articles; our checker against plain substring search in the same run.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DatasetError, loadEasc } from '../eval/easc.ts';
import { runProgram } from './args.ts';
import { loadSquadArticles } from '../eval/squad.ts';
import { makeVerifyCases } from '../eval/verify-cases.ts';
import { alterationTable, foldedSubstringChecker, ourChecker, runChecker, substringChecker, sweepTable, verdictTable } from '../eval/verify-bench.ts';

const DEFAULT_DATASETS = ['../shared/eval/xquad.ar.json', '../shared/eval/arcd-train.json', '../shared/eval/easc.dev.json'];

function articleTexts(path: string): string[] {
  if (/easc/i.test(path)) return loadEasc(path).map((topic) => topic.article);
  return loadSquadArticles(path).map((article) => article.text);
}

function main(): number {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', multiple: true },
      'per-article': { type: 'string' },
      seed: { type: 'string' },
      sweep: { type: 'boolean', default: false },
    },
  });
  const perArticle = Number(values['per-article'] ?? 4);
  const seed = Number(values.seed ?? 7);
  if (!Number.isInteger(perArticle) || perArticle < 1 || !Number.isInteger(seed)) {
    process.stderr.write('--per-article must be a positive integer and --seed an integer.\n');
    return 2;
  }
  const paths = (values.dataset ?? DEFAULT_DATASETS).filter((path) => {
    if (existsSync(path)) return true;
    process.stderr.write(`No dataset at "${path}"; skipped.\n`);
    return false;
  });
  for (const path of paths) {
    const cases = makeVerifyCases(articleTexts(path), { perArticle, seed });
    const ours = runChecker(cases, ourChecker());
    const substring = runChecker(cases, substringChecker);
    const folded = runChecker(cases, foldedSubstringChecker);
    process.stdout.write(`\n${path}: ${cases.length} claimed quotes\n\n`);
    process.stdout.write(`${verdictTable([['ours (default)', ours], ['plain substring (baseline)', substring], ['folded substring', folded]])}\n\n`);
    process.stdout.write(`${alterationTable(ours, substring)}\n`);
    if (values.sweep) process.stdout.write(`\n${sweepTable(cases, [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8])}\n`);
  }
  return 0;
}

await runProgram(main, [DatasetError]);
