// npm run sandbox: the real bot against a local Discord stand-in, used from a web page.
import { ConfigError } from '../config.ts';
import { runSandbox } from '../sandbox/run.ts';
import { readSettings } from '../settings.ts';
import { ArticleError } from '../text/article.ts';
import { runProgram } from './args.ts';

await runProgram(() => runSandbox(readSettings()), [ConfigError, ArticleError]);
