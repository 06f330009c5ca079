// Benchmark: npm run eval:summary -- --dataset ../shared/eval/easc.dev.json [--topics FROM-TO] [--json] [--seed N]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DatasetError, formatEascTable, loadEasc, runEasc, topicRange } from '../eval/easc.ts';
import { runProgram } from './args.ts';

const DEFAULT_DATASET = '../shared/eval/easc.dev.json';

function main(): number {
  const { values } = parseArgs({
    options: { dataset: { type: 'string' }, json: { type: 'boolean' }, seed: { type: 'string' }, topics: { type: 'string' } },
  });
  const path = values.dataset ?? DEFAULT_DATASET;
  if (!existsSync(path)) {
    process.stderr.write(`The EASC dataset is not at "${path}"; skipping (pass --dataset FILE).\n`);
    return 0;
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) {
    process.stderr.write(`--seed must be an integer, got "${values.seed}".\n`);
    return 2;
  }
  let topics = loadEasc(path);
  if (values.topics !== undefined) {
    try {
      topics = topicRange(values.topics, topics);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
  }
  const report = runEasc(topics, seed);
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatEascTable(report)}\n`);
  return 0;
}

await runProgram(main, [DatasetError]);
