// `npm start` with SHARD_COUNT=2: discord.js's ShardingManager runs two bot processes against the local
// server; each identifies as its shard, the guild's events reach only the shard that owns it, commands
// are registered once, every question is answered once, and SIGTERM stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TSX_LOADER = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

describe('npm start with two shards', () => {
  let server: DiscordServer;
  let dir: string;
  let manager: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    server = await startDiscordServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'article-bot-shards-'));
  });
  afterAll(async () => {
    if (manager?.exitCode === null) manager.kill('SIGKILL');
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one process per shard, answers each question once, and stops them all on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guildId,
      ARTICLE_PATH: join(ROOT, 'articles/xi-putin-visit.ar.txt'),
      EMBEDDINGS: 'lexical',
      EMBEDDINGS_DIR: join(dir, 'embeddings'),
      DATA_DIR: join(dir, 'data'),
      RATE_LIMIT_PER_MINUTE: '0',
      SHARD_COUNT: '2',
      LOG_LEVEL: 'info',
    };
    manager = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src/main.ts')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    manager.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    manager.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => manager!.once('exit', (code) => done(code)));

    const deadline = Date.now() + 60_000;
    while (server.gatewayShards().join() !== '0,1') {
      if (Date.now() > deadline || manager.exitCode !== null) throw new Error(`the shards did not both connect:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.waitForRequest((r) => r.method === 'PUT' && r.route.endsWith('/commands'), 20_000);

    const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
    const reply = await server.waitForMessage((m) => m.interaction?.id === sent.interactionId && m.content.includes('>'), 15_000);
    expect(reply.content).toContain('متى سيزور شي روسيا؟');
    await new Promise((r) => setTimeout(r, 500));
    // one shard owns the guild: one deferral, no "already acknowledged" from another process
    const callbacks = server.requests.filter((r) => r.route.includes(`/interactions/${sent.interactionId}/`) && r.route.endsWith('/callback'));
    expect(callbacks.map((c) => c.status)).toEqual([200]); // one deferral, with_response (its message id)
    expect(server.requests.filter((r) => r.method === 'PUT' && r.route.endsWith('/commands'))).toHaveLength(1);

    manager.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(output.match(/bot stopped/g)?.length).toBe(2);
    expect(server.gatewayShards().length).toBeLessThanOrEqual(2);
  }, 120_000);
});
