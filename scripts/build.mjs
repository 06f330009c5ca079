// The install step that compiles the TypeScript into dist/ (see scripts/run.mjs). It starts from an empty
// dist/, so a file deleted or renamed in the sources leaves nothing behind. Never fails the install:
// without the compiler (a production install) or on a compile error, programs run through tsx instead.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });
if (!existsSync(tsc)) {
  process.stdout.write('sanad: TypeScript is not installed, so programs will run from source (slower to start).\n');
} else {
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) rmSync(join(root, 'dist'), { recursive: true, force: true });
  process.stdout.write(result.status === 0 ? 'sanad: compiled into dist/.\n' : 'sanad: could not compile; programs will run from source.\n');
}
