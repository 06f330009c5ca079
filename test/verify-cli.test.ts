// `npm run verify` as people and scripts use it: spawned, checked on stdout, stderr and exit status.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../src/text/article.ts';

const seed = loadArticle('articles/xi-putin-visit.ar.txt');
const dir = mkdtempSync(join(tmpdir(), 'cli-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/verify.ts', ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

describe('npm run verify', () => {
  it('takes a name written in another script as the same name, and points to the nearest sentence for a changed number word', async () => {
    const name = await verify(['Wang Yi']);
    expect(name.code).toBe(0);
    expect(name.stdout).toMatch(/^the same name, as the article writes it · \[12\.1\]/);
    expect(name.stdout).not.toContain('changed');
    const article = join(dir, 'match.txt');
    writeFileSync(article, 'فاز المنتخب الوطني على ضيفه بهدفين مقابل هدف واحد في مباراة أمس.\nوأقيمت المباراة في العاصمة.\n');
    const changed = await verify(['--article', article, 'فاز المنتخب بثلاثة أهداف']);
    expect(changed.stdout).toMatch(/^not in the article/);
    expect(changed.stdout).toContain('the nearest sentence, which is not a match:\n  [1.1] فاز المنتخب الوطني');
  });

  it('--json prints one object with the verdict, the article\'s exact spans and the diff', async () => {
    const sentence = seed.sentences.find((s) => s.id === '6.1')!;
    const run = await verify(['--json', sentence.text.replace('الصين', 'الهند')]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { verdict: string; spans: { id: string; start: number; end: number; text: string }[]; diff: { kind: string }[] };
    expect(result.verdict).toBe('close');
    expect(result.spans.map((s) => s.id)).toEqual(['6.1']);
    for (const span of result.spans) expect(span.text).toBe(seed.text.slice(span.start, span.end));
    expect(result.diff.map((d) => d.kind)).toContain('changed');
  });

  it('reads the quote from standard input with "-", and checks against --article', async () => {
    const article = join(dir, 'other.txt');
    writeFileSync(article, 'عنوان قصير\nارتفعت أسعار القمح في الأسواق العالمية بنسبة 12 في المئة هذا الشهر.\n');
    const run = await verify(['--article', article, '-'], 'ارتفعت أسعار القمح في الأسواق العالمية بنسبة 15 في المئة هذا الشهر\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^close · \[2\.1\]/);
    expect(run.stdout).toContain('number changed: «12» → «15»');
  });

  it('refuses an empty quote (exit 2), a missing article (exit 1) and no quote at all (exit 2)', async () => {
    const empty = await verify(['--json', '  ']);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout)).toMatchObject({ verdict: 'not-found', problem: 'empty' });
    const plainEmpty = await verify(['']);
    expect(plainEmpty).toMatchObject({ code: 2, stdout: '' });
    expect(plainEmpty.stderr).toContain('There is no text to check');
    const missing = await verify(['--article', join(dir, 'nope.txt'), 'نص']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
    const none = await verify([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No quote given');
  });
});
