// Runs one of the project's programs (`node scripts/run.mjs src/cli/ask.ts ...`): the JavaScript compiled
// into dist/ at install when it is at least as new as every source file, otherwise the TypeScript itself
// through tsx (after an edit, until `npm run build`). Compiled, a terminal answer starts in a tenth of the time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCE_DIRS = ['src', 'commands', 'bench'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <path/to/program.ts> [arguments]\n');
  process.exit(2);
}
const compiled = join(root, 'dist', entry.replace(/\.ts$/, '.js'));
const fresh =
  existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(...SOURCE_DIRS.map((dir) => newestSource(join(root, dir))));
let program = compiled;
if (!fresh) {
  const { register } = await import('tsx/esm/api');
  register();
  program = join(root, entry);
}
process.argv = [process.argv[0], program, ...args];
await import(pathToFileURL(program).href);
