// Logs on a terminal are readable lines; anywhere else they stay JSON. The readable form is made from
// the same redacted JSON, so secrets stay out of it too.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/log.ts';
import { formatLogLine, readableDestination } from '../src/log-format.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldHNlY3JldHNlY3JldA';
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';
const TIME = /^\d\d:\d\d:\d\d\.\d{3} /;

function readable(colour = false) {
  let out = '';
  const log = pino(loggerOptions('debug'), readableDestination({ write: (text: string) => void (out += text) }, { colour }));
  return { log, text: () => out };
}

describe('readable log lines', () => {
  it('time, level, message, then key=value', () => {
    const { log, text } = readable();
    log.info({ guild: '123', commands: 4, question: 'متى سيزور شي روسيا؟', nested: { a: [1, 2] } }, 'bot ready');
    expect(text()).toMatch(TIME);
    expect(text().replace(TIME, '')).toBe('INFO  bot ready guild=123 commands=4 question="متى سيزور شي روسيا؟" nested={"a":[1,2]}\n');
  });

  it('an error: its message, its fields and its stack frames indented; no request body, no token', () => {
    const { log, text } = readable();
    const error = Object.assign(new Error('Unknown interaction'), {
      url: `https://discord.com/api/v10/webhooks/1/${TOKEN}/messages/%40original`,
      status: 404,
      requestBody: { json: { content: '**Question:** what my secret question was' } },
    });
    log.error({ err: error, auth: `Bot ${BOT_TOKEN}` }, 'edit failed');
    const [first, ...frames] = text().trimEnd().split('\n');
    expect(first).toContain('ERROR edit failed err="Unknown interaction"');
    expect(first).toContain('err.status=404');
    expect(first).toContain('/webhooks/1/[redacted]/');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^ {4}at /);
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain(BOT_TOKEN);
    expect(text()).not.toContain('secret question');
  });

  it('escape sequences and line breaks in logged text are shown escaped, never sent to the terminal', () => {
    const { log, text } = readable();
    log.warn({ question: 'clear\u001b[2J screen' }, 'asked\nFATAL forged line');
    expect(text()).not.toContain('\u001b');
    expect(text().trimEnd().split('\n')).toHaveLength(1);
    expect(text()).toContain('asked\\u000aFATAL forged line');
  });

  it('colours the level only when asked', () => {
    const coloured = readable(true);
    coloured.log.warn('careful');
    expect(coloured.text()).toContain('\u001b[33mWARN \u001b[0m careful');
    const plain = readable(false);
    plain.log.warn('careful');
    expect(plain.text()).not.toContain('\u001b');
  });

  it('passes through what is not JSON', () => {
    expect(formatLogLine('not json')).toBe('not json\n');
  });
});

// `script` runs a command on a pseudo-terminal: the real switch, as a person at a terminal would see it.
const SCRIPT = '/usr/bin/script';

describe.skipIf(!existsSync(SCRIPT))('which form, by where stderr goes', () => {
  const program = `
    import { log } from ${JSON.stringify(join(ROOT, 'src/log.ts'))};
    log.info({ guild: '123', token: 'hidden-${TOKEN}' }, 'bot ready');`;
  const node = [process.execPath, '--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), '--input-type=module', '-e', program];

  it('JSON when stderr is a pipe', () => {
    const run = spawnSync(node[0]!, node.slice(1), { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' } });
    const line = JSON.parse(run.stderr.trim()) as { msg: string; guild: string; token: string };
    expect(line.msg).toBe('bot ready');
    expect(line.guild).toBe('123');
    expect(line.token).not.toContain(TOKEN);
  });

  it('readable lines when stderr is a terminal', () => {
    const command = node.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    const run = spawnSync(SCRIPT, ['-q', '-e', '-c', command, '/dev/null'], {
      encoding: 'utf8',
      input: '',
      env: { ...process.env, LOG_LEVEL: 'info', NO_COLOR: '1' },
    });
    const out = run.stdout.replace(/\r/g, '');
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  bot ready guild=123 token="?\[Redacted\]"?\n$/);
    expect(out).not.toContain(TOKEN);
  });
});
