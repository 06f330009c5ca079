// Two bot processes (`npm start`), each connected to its own local Discord server playing the same guild
// (as two shards or machines serving one server would), sharing one PostgreSQL library (DATABASE_URL): started at once they make one seed article; an article added through one is asked through
// the other, its quotes exact; one removed through the other is never quoted again by the first, which had it
// open. Skipped without TEST_DATABASE_URL, except under CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../src/emulator/discord-server.ts';
import { articleFromText } from '../src/text/article.ts';
import { ROOT, run, within, type Running } from './support/bot-process.ts';
import { dropSchemas, postgresSkipped, urlWithFreshSchema } from './support/postgres.ts';

const EGYPT = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف الذي ضرب المحاصيل.\nوقالت وزارة التموين إن المخزون يكفي ستة أشهر.\n';

const servers: DiscordServer[] = [];
const bots: Running[] = [];
const dir = mkdtempSync(join(tmpdir(), 'bot-postgres-processes-'));
afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
  await dropSchemas();
});

async function startPair(databaseUrl: string): Promise<DiscordServer[]> {
  const one = await startDiscordServer({ port: 0 });
  // the same guild (a library is its server's), the other world's own bot token and conversation
  const pair = [one, await startDiscordServer({ port: 0, saved: { ids: one.ids, messages: [], threads: [] } })];
  servers.push(...pair);
  pair.forEach((server, n) => {
    const own = join(dir, `bot-${n}`);
    bots.push(
      run('src/main.ts', dir, {
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        DISCORD_GUILD_ID: server.guildId,
        ARTICLE_PATH: join(ROOT, 'articles/xi-putin-visit.ar.txt'),
        DATABASE_URL: databaseUrl,
        DATA_DIR: join(own, 'data'),
        EMBEDDINGS_DIR: join(own, 'embeddings'),
        EMBEDDINGS: 'lexical',
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'info',
      }),
    );
  });
  await within(Promise.all(pair.map((s) => s.waitForBot(40_000))), 41_000, 'both bots starting');
  return pair;
}

/** The reply to an interaction once it says what `done` looks for (a deferred reply is edited in place). */
function replyOf(server: DiscordServer, interactionId: string, done: (content: string) => boolean = () => true): Promise<StoredMessage> {
  return server.waitForMessage((m) => m.interaction?.id === interactionId && m.content !== '' && !m.content.includes('⏳') && done(m.content), 15_000);
}

describe.skipIf(postgresSkipped)('two bot processes sharing one PostgreSQL library', () => {
  it('share added and removed articles, each asked through the other process', async () => {
    const [first, second] = await startPair(await urlWithFreshSchema());

    const added = await first!.sendSlashCommand({ name: 'article', subcommand: 'add', options: [{ name: 'file', attachment: { filename: 'egypt.txt', content: EGYPT } }] as never });
    expect((await replyOf(first!, added.interactionId, (c) => c.includes('Ready'))).content).toMatch(/Added: 📰 .القمح في مصر. · A2/);

    // the other process knows it at once: one seed article for both, then the new one
    const list = await second!.sendSlashCommand({ name: 'article', subcommand: 'list' });
    expect((await replyOf(second!, list.interactionId)).content).toMatch(/2 articles/);
    const asked = await second!.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }, { name: 'article', value: 'A2' }] as never });
    const answer = (await replyOf(second!, asked.interactionId, (c) => c.includes('>'))).content;
    expect(answer.split('\n').find((l) => l.startsWith('-# 📰'))).toMatch(/القمح في مصر. · A2/);
    const article = articleFromText(EGYPT, 'A2');
    const quotes = [...answer.matchAll(/\[(\d+\.\d+)\][^\n]*\n> ([^\n]*)/g)];
    expect(quotes.length).toBeGreaterThan(0);
    for (const [, id, quoted] of quotes) {
      const sentence = article.sentences.find((s) => s.id === id)!;
      expect(quoted).toBe(EGYPT.slice(sentence.start, sentence.end));
    }
    expect(answer).toContain('12 في المئة');

    // removed through the second process, after the first has it open
    const confirm = await replyOf(second!, (await second!.sendSlashCommand({ name: 'article', subcommand: 'remove', options: [{ name: 'article', value: 'A2' }] })).interactionId);
    await second!.sendButton({ customId: 'article:remove:A2', messageId: confirm.id });
    await second!.waitForMessage((m) => m.id === confirm.id && m.content.startsWith('Removed'), 15_000);
    const again = await first!.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'بكم ارتفعت أسعار القمح؟' }, { name: 'article', value: 'A2' }] as never });
    const refused = (await replyOf(first!, again.interactionId)).content;
    expect(refused).toContain('any more (it was removed)');
    expect(refused).not.toContain('>');

    for (const bot of bots) bot.child.kill('SIGTERM');
    expect(await within(Promise.all(bots.map((b) => b.exited)), 15_000, 'shutdown')).toEqual([0, 0]);
    for (const bot of bots) expect(bot.output()).not.toMatch(/"level":(50|60)/);
  }, 120_000);
});
