// One settings module for every entry point: .env under the environment, every variable documented in
// .env.example and the README's table, and the command lines honouring the same settings as the bot.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.ts';
import { readSettings, SETTING_NAMES } from '../src/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('documents every variable it reads in .env.example and in the README table, and nothing else', () => {
    const example = readFileSync('.env.example', 'utf8');
    const inExample = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...inExample].sort()).toEqual([...SETTING_NAMES].sort());
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('\n## Configuration');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
    for (const name of SETTING_NAMES) expect(table, name).toContain(`\`${name}\``);
  });

  it('reads every section from one environment, and names each bad variable', () => {
    const settings = readSettings({ ARTICLE_PATH: 'a.txt', EMBEDDINGS: 'lexical', LLM_PROVIDER: 'none', SANDBOX_PORT: '0' });
    expect(settings.bot.ARTICLE_PATH).toBe('a.txt');
    expect(settings.embeddings.kind).toBe('lexical');
    expect(settings.llm.provider).toBe('none');
    expect(settings.sandbox).toEqual({ host: '127.0.0.1', port: 0 });
    expect(() => readSettings({ SANDBOX_PORT: 'x' })).toThrow(ConfigError);
    expect(() => readSettings({ EMBEDDINGS: 'magic' })).toThrow(/EMBEDDINGS/);
  });

  it('the command lines read .env as the bot does: its ARTICLE_PATH is the article asked about, a blank variable hiding nothing', async () => {
    const article = join(dir, 'wheat.txt');
    writeFileSync(article, 'عنوان قصير\nارتفعت أسعار القمح في الأسواق العالمية بنسبة 12 في المئة هذا الشهر.\n');
    writeFileSync(join(dir, '.env'), `ARTICLE_PATH=${article}\nEMBEDDINGS=lexical\n`);
    // set but blank in the environment, as a service manager may leave it: .env's value still counts
    const env = { ...process.env, ARTICLE_PATH: '' };
    const run = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(
        process.execPath,
        [resolve('scripts/run.mjs'), 'src/cli/verify.ts', '--json', 'ارتفعت أسعار القمح في الأسواق العالمية'],
        { cwd: dir, env, timeout: 20_000 },
        (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'exact', spans: [{ id: '2.1' }] });
  });
});
