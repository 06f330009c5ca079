// The sandbox is for one person trying the bot: a burst of questions there is not a flood.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { startSandbox } from '../src/sandbox/sandbox.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-limit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the sandbox rate limit', () => {
  it('answers ten quick questions in a row although RATE_LIMIT_PER_MINUTE is 5', async () => {
    const config = parseConfig({ DATA_DIR: join(scratch, 'data'), RATE_LIMIT_PER_MINUTE: '5', LOG_LEVEL: 'silent' });
    const sandbox = await startSandbox({ config, port: 0, log: pino({ level: 'silent' }) });
    try {
      for (let i = 0; i < 10; i++) {
        const sent = await sandbox.discord.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: `متى سيزور شي روسيا؟ ${i}` }] });
        const edit = await sandbox.discord.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token), 10_000);
        expect(String((edit.body as { content?: string }).content), `question ${i}`).toContain("يقول المقال ما يلي");
      }
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
