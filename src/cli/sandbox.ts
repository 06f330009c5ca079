// npm run sandbox: the real bot against a local Discord stand-in, used from a web page.
import { existsSync } from 'node:fs';
import { ConfigError } from '../config.ts';
import { log } from '../log.ts';
import { runSandbox } from '../sandbox/run.ts';
import { ArticleError } from '../text/article.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

runSandbox(process.env).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ArticleError) process.stderr.write(`${error.message}\n`);
  else log.fatal({ err: error }, 'the sandbox could not start');
  process.exit(1);
});
