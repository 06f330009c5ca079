// `npm run verify`: checks a claimed quote against an article from the terminal.
import { runVerify } from './verify-command.ts';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runVerify(process.argv.slice(2));
