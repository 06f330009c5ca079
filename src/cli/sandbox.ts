// npm run sandbox: the real bot against a local Discord stand-in, used from a web page.
import { ConfigError } from '../config.ts';
import { log } from '../log.ts';
import { runSandbox } from '../sandbox/run.ts';
import { readSettings } from '../settings.ts';
import { ArticleError } from '../text/article.ts';

Promise.resolve()
  .then(() => runSandbox(readSettings()))
  .catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof ArticleError) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, 'the sandbox could not start');
    process.exit(1);
  });
