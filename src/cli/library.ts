// `npm run library`: the articles the bot can answer about, from the terminal.
import { runProgram } from './args.ts';
import { runLibrary } from './library-command.ts';

await runProgram(() => runLibrary(process.argv.slice(2)));
