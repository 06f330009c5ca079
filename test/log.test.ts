// The bot's logger: tokens and what people asked never reach a line, and exiting never hangs on a
// broken pipe.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactSecrets, startLevel } from '../src/log.ts';

const ROOT = resolve(import.meta.dirname, '..');

function capture() {
  const lines: string[] = [];
  return { log: pino(loggerOptions('debug'), { write: (line: string) => void lines.push(line) }), lines };
}

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldHNlY3JldHNlY3JldA';
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('redaction', () => {
  it('webhook and interaction URLs lose their token; bot tokens disappear', () => {
    expect(redactSecrets(`PATCH https://discord.com/api/v10/webhooks/123456789012345678/${TOKEN}/messages/@original`)).toBe(
      'PATCH https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original',
    );
    expect(redactSecrets(`/interactions/123456789012345678/${TOKEN}/callback`)).toBe('/interactions/123456789012345678/[redacted]/callback');
    expect(redactSecrets(`token ${BOT_TOKEN} here`)).not.toContain(BOT_TOKEN);
  });

  it('a forged id that is not a number does not let the token after it through, and a bare token goes too', () => {
    expect(redactSecrets(`POST /interactions/not-a-number/${TOKEN}/callback`)).toBe('POST /interactions/not-a-number/[redacted]/callback');
    expect(redactSecrets(`/webhooks/x%2Fy/${TOKEN}/messages/@original`)).toBe('/webhooks/x%2Fy/[redacted]/messages/@original');
    // an id with a slash in it shifts the token one place along; its shape still gives it away
    expect(redactSecrets(`/interactions/a/b/${TOKEN}/callback`)).not.toContain(TOKEN);
    expect(redactSecrets(`customId vote:up:${TOKEN}`)).toBe('customId vote:up:[redacted token]');
  });

  it('an error from Discord keeps its status and message, loses its URL token and its request body', () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error('Unknown interaction'), {
      url: `https://discord.com/api/v10/webhooks/1/${TOKEN}/messages/%40original`,
      status: 404,
      requestBody: { json: { content: '**Question:** what my secret question was' } },
    });
    log.error({ err: error, nested: { url: `/interactions/1/${TOKEN}/callback` } }, `failed on /webhooks/1/${TOKEN}`);
    log.error(error);
    const text = lines.join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('secret question');
    const first = JSON.parse(lines[0]!) as { err: { message: string; status: number; stack: string }; msg: string };
    expect(first.err.message).toBe('Unknown interaction');
    expect(first.err.status).toBe(404);
    expect(first.err.stack).toContain('Unknown interaction');
    expect(JSON.parse(lines[1]!).msg).toBe('Unknown interaction');
  });

  it('an unknown LOG_LEVEL starts at info (the configuration check reports it)', () => {
    expect(startLevel('loud')).toBe('info');
    expect(startLevel('DEBUG')).toBe('debug');
    expect(startLevel(undefined)).toBe('info');
  });
});

describe('a broken pipe', () => {
  it('a burst of log lines into a closed stderr, then process.exit, ends promptly', async () => {
    const script = `
      import { log } from ${JSON.stringify(join(ROOT, 'src/log.ts'))};
      setTimeout(() => {
        for (let i = 0; i < 2000; i++) log.info({ i }, 'a line nobody reads');
        process.exit(0);
      }, 500);`;
    const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.destroy(); // the reader goes away before the lines are written
    const started = Date.now();
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done(null);
      }, 8_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    expect(code, `still running after ${Date.now() - started} ms`).toBe(0);
  }, 15_000);
});
