// Where the project's own files live, whatever the current directory is, and whether the code runs
// from src/ (TypeScript) or from dist/ (compiled at install): the root is the folder with package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const PROJECT_ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));
/** The article the bot knows when none is configured. */
export const DEFAULT_ARTICLE_PATH = join(PROJECT_ROOT, 'articles', 'xi-putin-visit.ar.txt');
/** Files that are read, not compiled: the sandbox page and the embedder's launcher. */
export const SANDBOX_PAGE_DIR = join(PROJECT_ROOT, 'src', 'sandbox', 'public');
export const EMBEDDER_LAUNCHER = join(PROJECT_ROOT, 'src', 'embedder', 'serve.py');
