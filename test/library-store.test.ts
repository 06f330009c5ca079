// One suite for every library store: what one store does, the other must do the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteLibraryStore } from '../src/library/sqlite-store.ts';
import type { LibraryStore, NewEntry } from '../src/library/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'library-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each store under test: a fresh, empty store per call, and a way to open the same one again. */
interface StoreKind {
  name: string;
  fresh(): Promise<{ open(): Promise<LibraryStore> }>;
}

let sqliteFiles = 0;
const kinds: StoreKind[] = [
  {
    name: 'SQLite',
    async fresh() {
      const path = join(dir, `store-${++sqliteFiles}.sqlite`);
      return { open: async () => openSqliteLibraryStore(path) };
    },
  },
];

const entry = (text: string, extra: Partial<NewEntry> = {}): NewEntry => ({ text, hash: `hash-of-${text}`, title: `title of ${text}`, ...extra });
const TEXT = 'نص\r\nبمسافة\u00a0غير منكسرة وتطويل ـ وتشكيلٌ.\n';

describe.each(kinds)('the $name library store', (kind) => {
  it('keeps texts byte for byte, stores the same text once, never reuses ids, and remembers after reopening', async () => {
    const where = await kind.fresh();
    const store = await where.open();
    const first = await store.add(entry(TEXT, { outlet: 'Outlet', published: '2026-12-01', url: 'https://example.test/a' }));
    expect(first).toMatchObject({ added: true, entry: { id: 'A1', title: `title of ${TEXT}`, outlet: 'Outlet', published: '2026-12-01' } });
    expect(await store.add(entry(TEXT))).toMatchObject({ added: false, entry: { id: 'A1' } });
    expect(await store.text('a1')).toBe(TEXT);
    expect((await store.add(entry('second'))).entry.id).toBe('A2');
    expect(await store.remove('A2')).toBe(true);
    expect(await store.remove('A2')).toBe(false);
    expect(await store.text('A2')).toBeUndefined();
    expect((await store.get('A2'))?.removedAt).toBeGreaterThan(0);
    expect((await store.add(entry('second'))).entry.id).toBe('A3'); // the same text again is a new article
    expect(await store.get('nonsense')).toBeUndefined();
    await store.close();

    const again = await where.open();
    expect((await again.list()).map((e) => e.id)).toEqual(['A1', 'A3']);
    expect((await again.list({ includeRemoved: true })).map((e) => e.id)).toEqual(['A1', 'A2', 'A3']);
    expect(await again.text('A1')).toBe(TEXT);
    await again.close();
  });

  it('binds channels and a server default, replaces a binding, and drops bindings of a removed article', async () => {
    const store = await (await kind.fresh()).open();
    await store.add(entry('one'));
    await store.add(entry('two'));
    await store.bind({ guildId: 'g', channelId: null }, 'A1');
    await store.bind({ guildId: 'g', channelId: 'c' }, 'A1');
    await store.bind({ guildId: 'g', channelId: 'c' }, 'a2');
    expect(await store.binding({ guildId: 'g', channelId: 'c' })).toBe('A2');
    expect(await store.binding({ guildId: 'g', channelId: null })).toBe('A1');
    expect(await store.binding({ guildId: 'other', channelId: 'c' })).toBeUndefined();
    await store.remove('A2');
    expect(await store.binding({ guildId: 'g', channelId: 'c' })).toBeUndefined();
    expect(await store.binding({ guildId: 'g', channelId: null })).toBe('A1');
    await store.close();
  });

  it('keeps vectors exactly, by article text, signal, embedder and unit count', async () => {
    const store = await (await kind.fresh()).open();
    const key = { articleId: 'A1', articleHash: 'h', signal: 'neural' as const, embedderId: 'e5', units: 3 };
    expect(await store.load(key)).toBeUndefined();
    const data = Float32Array.from([0.1, -2.5, 3e-8, Math.PI, 0, 1]);
    await store.save(key, { dimensions: 2, data });
    const loaded = await store.load(key);
    expect(loaded?.dimensions).toBe(2);
    expect([...loaded!.data]).toEqual([...data]);
    expect(await store.load({ ...key, embedderId: 'other' })).toBeUndefined();
    expect(await store.load({ ...key, units: 4 })).toBeUndefined();
    await store.close();
  });
});
