// `npm run verify`: checks a claimed quote against an article from the terminal.
import { runProgram } from './args.ts';
import { runVerify } from './verify-command.ts';

await runProgram(() => runVerify(process.argv.slice(2)));
