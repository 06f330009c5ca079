// `npm run ask`: answers questions about an article from the terminal.
import { runAsk } from './ask-command.ts';

// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runAsk(process.argv.slice(2));
