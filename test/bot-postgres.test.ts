// The real bot with its memory in PostgreSQL (DATABASE_URL), against the local Discord server: a vote
// and a sources thread from before a restart are still known after it. Skipped without TEST_DATABASE_URL,
// except under CI, where it fails (test/support/postgres.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from './bot-harness.ts';
import { dropSchemas, postgresSkipped, urlWithFreshSchema } from './support/postgres.ts';

afterAll(() => dropSchemas());

describe.skipIf(postgresSkipped)('the bot with DATABASE_URL', () => {
  it('asks, votes, restarts, and still knows the vote and the sources thread', async () => {
    const h = await startHarness({ env: { DATABASE_URL: await urlWithFreshSchema() } });
    try {
      const sent = await h.server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'متى سيزور شي روسيا؟' }] });
      const answer = await h.server.waitForMessage((m) => m.interaction?.id === sent.interactionId && m.components.length > 0, 10_000);
      await expect.poll(() => h.server.threads().find((t) => t.id === answer.id), { timeout: 10_000 }).toBeDefined();
      const vote = await h.server.sendButton({ customId: `vote:up:${sent.interactionId}`, messageId: answer.id });
      await h.server.waitForRequest((r) => r.route.includes(`/interactions/${vote.interactionId}/`));

      await h.restart();
      expect(await h.bot.store.getVote(sent.interactionId, h.server.userId)).toBe('up');
      // the thread is remembered: a question asked in it is answered there
      const followUp = await h.server.sendMessage({ content: 'ولماذا؟', channelId: answer.id });
      const reply = await h.server.waitForMessage((m) => m.messageReference?.message_id === followUp.id, 10_000);
      expect(reply.channelId).toBe(answer.id);
      expect(existsSync(join(h.dataDir, 'bot.sqlite'))).toBe(false); // nothing kept beside it
    } finally {
      await h.close();
    }
  }, 60_000);
});
