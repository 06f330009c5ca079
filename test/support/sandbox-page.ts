// The sandbox (local Discord server, the real bot, the page) opened in Debian's chromium, as the browser
// tests use it. Playwright cannot download its own browser here, so the system one is driven.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface SandboxPage {
  sandbox: Sandbox;
  context: BrowserContext;
  page: Page;
  /** URLs the page asked for outside the sandbox (it works offline: there should be none). */
  foreignRequests: string[];
  close(): Promise<void>;
}

export async function openSandboxPage(options: { name: string; viewport: { width: number; height: number } }): Promise<SandboxPage> {
  const scratch = mkdtempSync(join(tmpdir(), `${options.name}-`));
  const config = parseConfig({
    ...process.env,
    DISCORD_TOKEN: '',
    ARTICLE_PATH: 'articles/xi-putin-visit.ar.txt',
    DATA_DIR: join(scratch, 'data'),
    RATE_LIMIT_PER_MINUTE: '0',
    // the news page the library test adds is served on 127.0.0.1
    LIBRARY_ALLOW_PRIVATE_URLS: '1',
    LOG_LEVEL: 'silent',
  });
  const sandbox = await startSandbox({ config, port: 0, log: pino({ level: 'silent' }) });
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(sandbox.url)) foreignRequests.push(request.url());
  });
  await page.goto(sandbox.url);
  await page.locator('body[data-ready="true"]').waitFor();
  return {
    sandbox,
    context,
    page,
    foreignRequests,
    async close() {
      await context.close();
      await sandbox.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
