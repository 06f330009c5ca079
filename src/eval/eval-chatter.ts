// Benchmark: npm run eval:chatter [-- --wrong]
// The small-talk decision against the earlier first-word rule on test/fixtures/thread-chatter.tsv: a
// confusion table for the fitting part and the held-out part, then the held-out part by variety.
import { parseArgs } from 'node:util';
import { loadChatterData, type LabelledMessage } from './chatter-data.ts';
import { confusion, confusionTable } from './chatter-confusion.ts';
import { DatasetError } from './dataset-error.ts';
import { firstWordRule } from './first-word-rule.ts';
import { readsAsQuestion } from '../qa/small-talk.ts';
import { runProgram } from '../cli/args.ts';

const DECISIONS = [
  { rule: 'first word (baseline)', answers: firstWordRule },
  { rule: 'fitted features', answers: (text: string) => readsAsQuestion(text) },
];

function main(): number {
  const { values } = parseArgs({ options: { wrong: { type: 'boolean' } } });
  const data = loadChatterData();
  const parts: [string, LabelledMessage[]][] = [
    ['fit', data.filter((m) => m.part === 'fit')],
    ['held-out', data.filter((m) => m.part === 'held-out')],
  ];
  const rows = parts.flatMap(([part, messages]) => DECISIONS.map(({ rule, answers }) => ({ part: `${part} (${messages.length})`, rule, c: confusion(messages, answers) })));
  process.stdout.write(`${confusionTable(rows)}\n\n`);
  const heldOut = parts[1]![1];
  const varieties = [...new Set(heldOut.map((m) => m.variety))].sort();
  const byVariety = varieties.flatMap((variety) => {
    const messages = heldOut.filter((m) => m.variety === variety);
    return DECISIONS.map(({ rule, answers }) => ({ part: `held-out ${variety} (${messages.length})`, rule, c: confusion(messages, answers) }));
  });
  process.stdout.write(`${confusionTable(byVariety)}\n`);
  if (values.wrong) {
    for (const row of rows) {
      for (const m of row.c.wrong) process.stdout.write(`${row.part}\t${row.rule}\t${m.question ? 'question' : 'chatter'}\t${m.text}\n`);
    }
  }
  return 0;
}

await runProgram(main, [DatasetError]);
