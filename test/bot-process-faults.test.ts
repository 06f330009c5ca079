// `npm start` as a separate process against the local server, when things go badly: a bad LOG_LEVEL,
// a token Discord rejects (HTTP 401, gateway close 4004), and a SIGTERM after the log reader has gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { ROOT, run as runScript, within, type Running } from './support/bot-process.ts';

const run = (cwd: string, env: Record<string, string>) => runScript('src/main.ts', cwd, env);

describe('npm start when things go badly', () => {
  let server: DiscordServer;
  let dir: string;
  let env: Record<string, string>;
  const running: Running[] = [];

  beforeAll(async () => {
    server = await startDiscordServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'article-bot-faults-'));
    env = {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guildId,
      ARTICLE_PATH: join(ROOT, 'articles/xi-putin-visit.ar.txt'),
      EMBEDDINGS_DIR: join(dir, 'embeddings'),
      DATA_DIR: join(dir, 'data'),
      RATE_LIMIT_PER_MINUTE: '0',
      REGISTER_COMMANDS: 'false',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function startProcess(extra: Record<string, string> = {}): Promise<Running> {
    const r = run(dir, { ...env, ...extra });
    running.push(r);
    await within(
      Promise.race([server.waitForBot(25_000), r.exited.then(() => Promise.reject(new Error(`exited early:\n${r.output()}`)))]),
      26_000,
      'bot start',
    );
    return r;
  }

  it('LOG_LEVEL=loud stops start-up with the configuration message, not a stack trace', async () => {
    const r = run(dir, { ...env, LOG_LEVEL: 'loud' });
    running.push(r);
    expect(await within(r.exited, 20_000, 'start with a bad LOG_LEVEL')).toBe(1);
    expect(r.output()).toContain('LOG_LEVEL: must be one of');
    expect(r.output()).not.toMatch(/^\s+at /m);
  }, 25_000);

  it('a single HTTP 401 logs one clear line about the token and exits non-zero', async () => {
    const r = await startProcess();
    server.failNext({ method: 'POST', route: /\/threads$/ }, 401);
    const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
    expect(await within(r.exited, 12_000, 'exit after a 401')).toBe(1);
    const lines = r.output().split('\n').filter((line) => line.includes('rejected the bot token'));
    expect(lines).toHaveLength(1);
    expect(r.output()).not.toContain(sent.token);
    expect(r.output()).not.toContain(server.token);
  }, 45_000);

  it('a gateway close with 4004 (authentication failed) exits non-zero', async () => {
    const r = await startProcess();
    server.closeGateway(4004, 'Authentication failed');
    expect(await within(r.exited, 12_000, 'exit after 4004')).toBe(1);
    expect(r.output()).toMatch(/code 4004, authentication failed/);
  }, 45_000);

  it('SIGTERM exits within a bounded time even when the reader of its output has gone', async () => {
    const r = await startProcess({ LOG_LEVEL: 'debug' });
    const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
    await server.waitForRequest((q) => q.method === 'PATCH' && q.route.includes(sent.token) && q.status === 200, 10_000);
    // The reader goes away (as with `npm start | head -1` after its line); every later write gets EPIPE.
    r.child.stdout!.destroy();
    r.child.stderr!.destroy();
    // Signalled in the middle of a burst, so log lines are still being written when it exits.
    for (let i = 0; i < 40; i++) await server.sendSlashCommand({ name: 'about' });
    const started = Date.now();
    r.child.kill('SIGTERM');
    for (let i = 0; i < 40; i++) await server.sendSlashCommand({ name: 'about' }).catch(() => undefined);
    const code = await within(r.exited, 12_000, 'shutdown with a broken pipe');
    expect(code).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 45_000);

  it('SIGKILL while the thread posts fail, then a restart: the promised sources are posted once each in the same thread', async () => {
    const first = await startProcess({ DATA_DIR: join(dir, 'kill-data') });
    let armed = true;
    const onCreate = (m: { channelId: string }) => {
      if (armed && server.threads().some((t) => t.id === m.channelId)) {
        armed = false;
        server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 500, 100_000);
      }
    };
    server.events.on('messageCreate', onCreate);
    // a long summary quotes sentences far apart, so several passages are promised
    const sent = await server.sendSlashCommand({ name: 'summary', options: [{ name: 'length', value: 'long' }] });
    const edit = await server.waitForRequest((q) => q.method === 'PATCH' && q.route.includes(sent.token) && q.status === 200, 10_000);
    const ids = [...(edit.body as { content: string }).content.matchAll(/\*\*\d+ · \[(\d+\.\d+)\]\*\*/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(1);
    const reply = await server.waitForMessage((m) => m.interaction?.id === sent.interactionId);
    await server.waitForRequest((q) => q.status === 500, 10_000);
    server.events.off('messageCreate', onCreate);
    first.child.kill('SIGKILL');
    await within(first.exited, 5_000, 'SIGKILL');
    expect(server.messagesIn(reply.id)).toHaveLength(1);
    server.clearFaults();

    const second = await startProcess({ DATA_DIR: join(dir, 'kill-data') });
    const deadline = Date.now() + 15_000;
    const marked = () => server.messagesIn(reply.id).flatMap((m) => [...m.content.matchAll(/\*\*\[(\d+\.\d+)\]\*\* ◀/g)].map((x) => x[1]));
    while (marked().length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    // every quoted sentence marked once, in the thread's order of passages
    expect([...marked()].sort()).toEqual([...ids].sort());
    expect(server.messagesIn(reply.id).length).toBeGreaterThan(1);
    expect(server.threads().filter((t) => t.id === reply.id)).toHaveLength(1);
    expect(second.output()).toContain('resuming');
    second.child.kill('SIGTERM');
    expect(await within(second.exited, 10_000, 'shutdown')).toBe(0);
  }, 60_000);
});
