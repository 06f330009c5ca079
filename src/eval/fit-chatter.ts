// Refits the small-talk decision on the fitting part of test/fixtures/thread-chatter.tsv and writes the
// weights to src/qa/small-talk-weights.ts (the held-out part is never read here).
//   npm run fit:chatter                 choose the penalty and threshold, fit, write the table
//   npm run fit:chatter -- --dry-run    the same, printing the table instead of writing it
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadChatterData } from './chatter-data.ts';
import { DatasetError } from './dataset-error.ts';
import { chooseSettings, examplesOf, fitModel, TARGET_ANSWERED, TARGET_LEFT_ALONE } from './small-talk-fit.ts';
import { markdownTable } from './table.ts';
import { FEATURE_NAMES } from '../qa/small-talk-features.ts';
import { runProgram } from '../cli/args.ts';

const WEIGHTS_FILE = 'src/qa/small-talk-weights.ts';

function main(): number {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
  const fitting = loadChatterData().filter((m) => m.part === 'fit');
  const examples = examplesOf(fitting);
  const { best, trials } = chooseSettings(examples);
  process.stderr.write(
    `${markdownTable(
      ['L2', 'threshold', 'questions answered (5-fold)', 'chatter left alone (5-fold)'],
      trials.map((t) => [String(t.l2), String(t.threshold), t.answered.toFixed(3), t.leftAlone.toFixed(3)]),
    )}\n`,
  );
  const model = fitModel(examples, best.l2, best.threshold);
  const table = [
    '// Fitted by `npm run fit:chatter` on the fitting part of test/fixtures/thread-chatter.tsv; do not edit by hand.',
    `// ${fitting.length} messages; penalty and threshold chosen by 5-fold cross-validation against the targets`,
    `// (${TARGET_ANSWERED} of questions answered, ${TARGET_LEFT_ALONE} of small talk left alone). Positive weights lean towards answering.`,
    "import type { SmallTalkModel } from './small-talk.ts';",
    '',
    'export const SMALL_TALK_MODEL: SmallTalkModel = {',
    `  bias: ${model.bias},`,
    `  threshold: ${model.threshold},`,
    `  penalty: ${model.penalty},`,
    '  weights: {',
    ...FEATURE_NAMES.map((name) => `    ${name}: ${model.weights[name]},`),
    '  },',
    '};',
    '',
  ].join('\n');
  if (values['dry-run']) process.stdout.write(table);
  else writeFileSync(WEIGHTS_FILE, table);
  process.stderr.write(
    `chose L2 ${best.l2}, threshold ${best.threshold} (5-fold: questions answered ${best.answered.toFixed(3)}, chatter left alone ${best.leftAlone.toFixed(3)})` +
      `${values['dry-run'] ? '' : `; wrote ${WEIGHTS_FILE}`}\n`,
  );
  return 0;
}

await runProgram(main, [DatasetError]);
