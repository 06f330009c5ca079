// The install step that compiles the TypeScript into dist/ (see scripts/run.mjs). Never fails the install:
// without the compiler (a production install) or on a compile error, programs run through tsx instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  process.stdout.write('sanad: TypeScript is not installed, so programs will run from source (slower to start).\n');
} else {
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  process.stdout.write(result.status === 0 ? 'sanad: compiled into dist/.\n' : 'sanad: could not compile; programs will run from source.\n');
}
