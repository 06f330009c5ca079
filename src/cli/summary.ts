// `npm run summary`: a cited extractive summary of an article from the terminal.
import { runProgram } from './args.ts';
import { runSummary } from './summary-command.ts';

await runProgram(() => runSummary(process.argv.slice(2)));
