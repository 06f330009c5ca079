// One way out: every message the bot sends is a payload only the exact-quote check can make, and every
// interaction reply is made in one module, so no command or handler can skip the check.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const botFiles = [...sources('src/discord'), ...sources('commands')];

describe('the way out', () => {
  it('makes every interaction reply, follow-up and edit in src/discord/way-out.ts', () => {
    const elsewhere = botFiles.filter((file) => file !== join('src', 'discord', 'way-out.ts') && /\.(reply|followUp|editReply)\(/.test(readFileSync(file, 'utf8')));
    expect(elsewhere).toEqual([]);
  });

  it('lets only the check make a payload (and the outbox re-read payloads it stored after the check)', () => {
    const casts = botFiles.filter((file) => /as MessagePayload\b/.test(readFileSync(file, 'utf8')));
    expect(casts.sort()).toEqual([join('src', 'discord', 'outbox.ts'), join('src', 'discord', 'render.ts')]);
  });
});
