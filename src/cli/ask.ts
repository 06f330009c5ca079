// `npm run ask`: answers questions about an article from the terminal.
import { runProgram } from './args.ts';
import { runAsk } from './ask-command.ts';

await runProgram(() => runAsk(process.argv.slice(2)));
