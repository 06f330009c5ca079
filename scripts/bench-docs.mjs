// Runs one benchmark and writes what it printed into docs/benchmarks.md, between its markers
// (<!-- bench:NAME --> … <!-- /bench:NAME -->), with the date and the command: the tables there come from the
// benchmarks themselves, never from a hand edit.
//
//   npm run bench:docs -- eval:summary            # runs `npm run eval:summary`, then rewrites its block
//   npm run bench:docs -- bench:bot --quick       # arguments after the name go to the benchmark
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const docs = join(root, 'docs', 'benchmarks.md');
const [name, ...args] = process.argv.slice(2);
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
if (!name || !scripts[name] || !/^(eval|bench:)/.test(name) || name === 'bench:docs') {
  const known = Object.keys(scripts).filter((s) => /^(eval|bench:)/.test(s) && s !== 'bench:docs');
  process.stderr.write(`usage: npm run bench:docs -- <benchmark> [arguments]\nbenchmarks: ${known.join(', ')}\n`);
  process.exit(2);
}

const command = ['run', '-s', name, ...(args.length ? ['--', ...args] : [])];
const child = spawn('npm', command, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let printed = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  printed += chunk;
});
const code = await new Promise((resolve) => child.on('close', resolve));
if (code !== 0) {
  process.stderr.write(`bench:docs: ${name} exited with ${code}; docs/benchmarks.md is unchanged.\n`);
  process.exit(code ?? 1);
}

const open = `<!-- bench:${name} -->`;
const close = `<!-- /bench:${name} -->`;
const day = new Date().toISOString().slice(0, 10);
// the benchmark's own knobs from the environment (BENCH_ASKS=1000 …) are part of what was run
const knobs = Object.entries(process.env).filter(([key]) => key.startsWith('BENCH_')).map(([key, value]) => `${key}=${value} `).join('');
const shown = `${knobs}npm run ${name}${args.length ? ` -- ${args.join(' ')}` : ''}`;
const block = [open, `_Printed by \`${shown}\` on ${day}, ${availableParallelism()} cores; rewritten by \`npm run bench:docs -- ${name}\`._`, '', printed.trim(), close].join('\n');
const current = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
const at = current.indexOf(open);
const end = current.indexOf(close);
const next =
  at >= 0 && end > at ? `${current.slice(0, at)}${block}${current.slice(end + close.length)}` : `${current.trimEnd()}\n\n## \`npm run ${name}\`\n\n${block}\n`;
// written beside and renamed, so an interrupted run never leaves half a file
writeFileSync(`${docs}.tmp`, next);
renameSync(`${docs}.tmp`, docs);
process.stderr.write(`bench:docs: wrote the ${name} block of docs/benchmarks.md\n`);
