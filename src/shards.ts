// npm start with SHARD_COUNT of 2 or more: discord.js's ShardingManager runs one bot process per shard
// (each through scripts/run.mjs, like every program here), restarts one that dies, and stops them all on
// SIGINT/SIGTERM. Shard 0 registers the commands and resumes the outbox; all share the stores.
import { join } from 'node:path';
import { ShardingManager } from 'discord.js';
import type { BotConfig } from './config.ts';
import type { Logger } from './log.ts';
import { PROJECT_ROOT } from './paths.ts';

export async function runShards(config: BotConfig, log: Logger): Promise<{ stop(): Promise<void> }> {
  const manager = new ShardingManager(join(PROJECT_ROOT, 'scripts', 'run.mjs'), {
    totalShards: config.SHARD_COUNT,
    token: config.DISCORD_TOKEN,
    shardArgs: ['src/main.ts'],
    respawn: true,
    mode: 'process',
  });
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: config.SHARD_COUNT }, 'shard started');
    shard.on('death', () => log.warn({ shard: shard.id }, 'shard process ended; starting it again'));
  });
  await manager.spawn({ timeout: 120_000 });
  return {
    async stop() {
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.kill(); // SIGTERM: each shard stops cleanly
    },
  };
}
