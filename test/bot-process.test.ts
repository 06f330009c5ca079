// `npm start` as a separate process (tsx src/main.ts) pointed at the local server through DISCORD_API_URL:
// start, answer, SIGTERM shutdown, restart on the same data, and the follow-up and votes still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { botProcessEnv, run, startBotProcess, within, type Running } from './support/bot-process.ts';

describe('npm start as a process', () => {
  let server: DiscordServer;
  let dir: string;
  let env: Record<string, string>;
  const running: Running[] = [];

  beforeAll(async () => {
    server = await startDiscordServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'article-bot-proc-'));
    env = botProcessEnv(server, dir);
  });
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const startProcess = () => startBotProcess(server, dir, env, running);

  async function stopProcess(r: Running): Promise<number | null> {
    r.child.kill('SIGTERM');
    return within(r.exited, 10_000, 'shutdown');
  }

  it('starts, registers commands, answers, stops on SIGTERM, and after a restart still knows its threads and votes', async () => {
    const first = await startProcess();
    await server.waitForRequest((r) => r.method === 'PUT' && r.route.endsWith('/commands'), 10_000);
    expect(server.commands().guild.map((c) => c.name).sort()).toEqual(['Check quote in article', 'about', 'article', 'ask', 'source', 'summary', 'verify']);

    const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
    await server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.status === 200, 10_000);
    const reply = await server.waitForMessage((m) => m.interaction?.id === sent.interactionId && m.components.length > 0);
    await server.waitForMessage((m) => m.channelId === reply.id); // the first source in the thread
    const vote = await server.sendButton({ customId: `vote:up:${sent.interactionId}`, messageId: reply.id });
    await server.waitForRequest((r) => r.route.includes(`/interactions/${vote.interactionId}/`));

    expect(await stopProcess(first)).toBe(0);
    expect(first.output()).toContain('bot stopped');
    expect(first.output()).not.toContain(server.token);
    // closing the connection on purpose is not connection trouble
    expect(first.output()).not.toMatch(/reconnecting|gateway disconnected/);

    await startProcess();
    const followUp = await server.sendMessage({ content: 'ومتى؟', channelId: reply.id });
    const answer = await server.waitForMessage((m) => m.messageReference?.message_id === followUp.id, 10_000);
    expect(answer.channelId).toBe(reply.id);
    // the restarted bot still knows the thread: what it adds is new, or it says there is nothing more
    const idsIn = (content: string) => [...content.matchAll(/\[(\d+\.\d+)\]/g)].map((m) => m[1]);
    const added = idsIn(answer.content);
    expect(added.filter((id) => idsIn(reply.content).includes(id))).toEqual([]);
    if (added.length === 0) expect(answer.content).toContain('لا يقول المقال عن هذا أكثر مما في الاقتباسات أعلاه');

    const again = await server.sendButton({ customId: `vote:up:${sent.interactionId}`, messageId: reply.id });
    const thanks = await server.waitForRequest((r) => r.route.includes(`/interactions/${again.interactionId}/`));
    expect((thanks.body as { data: { content: string } }).data.content).toContain('already noted');
  }, 60_000);

  it('deploy-commands registers the commands alone; without a token it explains how to get one', async () => {
    const deploy = run('src/cli/deploy-commands.ts', dir, env);
    expect(await within(deploy.exited, 20_000, 'deploy-commands')).toBe(0);
    expect(deploy.output()).toContain('Registered 7 commands');
    expect(deploy.output()).toContain('"Check quote in article" on messages');
    expect(deploy.output()).not.toContain(server.token);

    const { DISCORD_TOKEN: _token, ...withoutToken } = env;
    const missing = run('src/cli/deploy-commands.ts', dir, withoutToken);
    expect(await within(missing.exited, 20_000, 'deploy-commands without a token')).toBe(1);
    expect(missing.output()).toContain('DISCORD_TOKEN is not set');
    expect(missing.output()).toContain('discord.com/developers/applications');
  }, 45_000);
});
