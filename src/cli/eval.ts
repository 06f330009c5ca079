// npm run eval -- --dataset FILE [--questions-from FILE] [--off-topic] [--skip-peer] [--min-coverage X] [--key-weight X] [--json]
//                  --gold FILE (hand-written questions of one article, e.g. test/fixtures/seed-gold.json)
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { goldTable, runGold } from '../eval/gold.ts';
import { runProgram } from './args.ts';
import { markdownTable } from '../eval/table.ts';
import { runEval, type EvalResult } from '../eval/run.ts';
import { DatasetError, loadSquadArticles, questionTextsById } from '../eval/squad.ts';
import type { SystemFigures } from '../eval/metrics.ts';
import type { AnswerOptions, ExtraQuoteRule } from '../qa/answer.ts';
import { readingTable } from '../eval/reading.ts';
import { startEmbedder } from '../embedder/start.ts';
import { readSettings } from '../settings.ts';
import { log } from '../log.ts';

const USAGE = 'Usage: npm run eval -- --dataset FILE [--questions-from FILE] [--off-topic] [--skip-peer] [--min-coverage X] [--key-weight X] [--extra-quotes close|own-evidence|relative] [--json]\n       npm run eval -- --gold test/fixtures/seed-gold.json';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        dataset: { type: 'string' },
        gold: { type: 'string' },
        'questions-from': { type: 'string' },
        'off-topic': { type: 'boolean', default: false },
        // the LangChain chunk retriever and the reading table (with the neural embedder)
        'skip-peer': { type: 'boolean', default: false },
        // abstention settings, to measure the trade-off between false and off-topic abstention
        'min-coverage': { type: 'string' },
        'key-weight': { type: 'string' },
        // which further quotes are shown: close (the default), own-evidence (before) or relative
        'extra-quotes': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.gold) return runGoldSet(values.gold);
  if (!values.dataset) {
    console.error(`Missing --dataset FILE (a SQuAD 1.1/2.0 JSON file, e.g. ../shared/eval/xquad.ar.json).\n${USAGE}`);
    return 2;
  }
  let result: EvalResult;
  try {
    const questions = values['questions-from'] ? questionTextsById(values['questions-from']) : undefined;
    const articles = loadSquadArticles(values.dataset, questions);
    const answer: AnswerOptions = {};
    if (values['min-coverage'] !== undefined) answer.minCoverage = numberOption('--min-coverage', values['min-coverage']);
    if (values['key-weight'] !== undefined) answer.absentKeyWeight = numberOption('--key-weight', values['key-weight']);
    if (values['extra-quotes'] !== undefined) {
      if (!['close', 'relative', 'own-evidence'].includes(values['extra-quotes'])) throw new DatasetError('--extra-quotes takes close, own-evidence or relative.');
      answer.extraQuotes = values['extra-quotes'] as ExtraQuoteRule;
    }
    const embedder = await startEmbedder(readSettings().embeddings, log);
    try {
      result = await runEval(articles, { offTopic: values['off-topic'], skipPeer: values['skip-peer'], answer, embedder, dataset: values.dataset, log });
    } finally {
      await embedder.stop();
    }
  } catch (error) {
    if (error instanceof DatasetError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (values.json) {
    console.log(JSON.stringify({ dataset: values.dataset, questionsFrom: values['questions-from'] ?? null, ...result }));
  } else {
    const title = `${values.dataset}${values['questions-from'] ? ` with questions from ${values['questions-from']}` : ''}`;
    console.log(`${title}: ${result.articles} articles, ${result.systems[0]?.questions ?? 0} questions\n`);
    console.log(renderTable(result.systems));
    if (result.reading.length > 0) {
      console.log(`\nWhat a reader is shown for the answerable questions (hit: a gold answer overlaps it; a refusal shows nothing):\n`);
      console.log(readingTable(result.reading));
    }
  }
  return 0;
}

async function runGoldSet(path: string): Promise<number> {
  const embedder = await startEmbedder(readSettings().embeddings, log);
  try {
    console.log(`${path}\n\n${goldTable(await runGold(path, embedder))}`);
    return 0;
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await embedder.stop();
  }
}

function numberOption(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new DatasetError(`${name} takes a non-negative number, not "${raw}".`);
  return value;
}

function renderTable(rows: readonly SystemFigures[]): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const header = ['system', 'hit@1', 'hit@3', 'MRR', 'answered hit@1', 'false abst.', 'abst. impossible', 'abst. off-topic', 'quotes / answer', 'hit in quotes shown', 'extras w/o answer', 'p50 ms', 'p95 ms'];
  const body = rows.map((r) => [
    r.system,
    pct(r.hitAt1),
    pct(r.hitAt3),
    pct(r.mrr),
    pct(r.answeredHitAt1),
    pct(r.falseAbstention),
    pct(r.impossibleAbstention),
    pct(r.offTopicAbstention),
    r.quotesPerAnswer === null ? 'n/a' : r.quotesPerAnswer.toFixed(2),
    pct(r.shownHit),
    pct(r.extraWithoutAnswer),
    r.p50Ms.toFixed(2),
    r.p95Ms.toFixed(2),
  ]);
  return markdownTable(header, body);
}

await runProgram(main, [DatasetError, ConfigError]);
