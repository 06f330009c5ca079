// scripts/run.mjs: programs run from the JavaScript compiled at install while it is current, and from the
// TypeScript itself once a source file is newer (an edit) or nothing was compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const project = mkdtempSync(join(tmpdir(), 'run-script-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function layout(): void {
  for (const dir of ['scripts', 'src', 'commands', 'bench', 'dist/src']) mkdirSync(join(project, dir), { recursive: true });
  copyFileSync('scripts/run.mjs', join(project, 'scripts', 'run.mjs'));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(resolve('node_modules'), join(project, 'node_modules'));
  const program = (from: string) => `const words: string[] = process.argv.slice(2);\nconsole.log('${from}', words.join(' '));\n`;
  writeFileSync(join(project, 'src', 'hello.ts'), program('source'));
  writeFileSync(join(project, 'dist', 'src', 'hello.js'), "console.log('compiled', process.argv.slice(2).join(' '));\n");
}

const run = (...args: string[]) => execFileSync(process.execPath, [join(project, 'scripts', 'run.mjs'), 'src/hello.ts', ...args], { encoding: 'utf8' }).trim();

describe('scripts/run.mjs', () => {
  it('runs the compiled program while it is newer than every source, with the arguments given', () => {
    layout();
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(project, 'src', 'hello.ts'), past, past);
    expect(run('a', 'b c')).toBe('compiled a b c');
  });

  it('runs the TypeScript when a source file is newer than the compiled program, or there is none', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src', 'hello.ts'), future, future);
    expect(run('x')).toBe('source x');
    rmSync(join(project, 'dist'), { recursive: true });
    expect(run('y')).toBe('source y');
  });
});
