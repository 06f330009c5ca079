// `npm run summary`: a cited extractive summary of an article from the terminal.
import { runSummary } from './summary-command.ts';

process.exitCode = await runSummary(process.argv.slice(2));
