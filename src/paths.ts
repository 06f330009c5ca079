// Where the project's own files live, whatever the current directory is.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The article the bot knows when none is configured. */
export const DEFAULT_ARTICLE_PATH = join(PROJECT_ROOT, 'articles', 'xi-putin-visit.ar.txt');
