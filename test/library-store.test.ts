// One suite for every library store: what one store does, the other must do the same way.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBRARY_FILE, LibraryError } from '../src/library/library.ts';
import { openLibraryStore } from '../src/library/open-store.ts';
import { openPostgresLibraryStore } from '../src/library/pg-store.ts';
import { openSqliteLibraryStore } from '../src/library/sqlite-store.ts';
import type { LibraryStore, NewEntry } from '../src/library/store.ts';
import { readSettings } from '../src/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'library-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each store under test: a fresh, empty store per call, and a way to open the same one again. */
interface StoreKind {
  name: string;
  fresh(): Promise<{ open(): Promise<LibraryStore> }>;
}

// PostgreSQL: the server in TEST_DATABASE_URL (scripts/postgres.sh start), a fresh schema per test.
const PG_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const schemas: string[] = [];
const freshSchema = () => {
  schemas.push(`library_test_${process.pid}_${schemas.length + 1}`);
  return schemas.at(-1)!;
};
afterAll(async () => {
  if (!PG_URL || schemas.length === 0) return;
  const client = new pg.Client(PG_URL);
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

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
if (PG_URL) {
  kinds.push({
    name: 'PostgreSQL',
    async fresh() {
      const schema = freshSchema();
      return { open: () => openPostgresLibraryStore(PG_URL, { schema }) };
    },
  });
}

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
    await expect(store.bind({ guildId: 'g', channelId: 'c' }, 'nonsense')).rejects.toThrow(/^Not an article id: nonsense$/);
    await expect(store.bind({ guildId: 'g', channelId: 'c' }, 'A99')).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await store.binding({ guildId: 'g', channelId: 'c' })).toBe('A2');
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

describe('the library store the settings choose', () => {
  it('is SQLite in DATA_DIR without DATABASE_URL, and refuses a URL that is not postgres:// without echoing it', async () => {
    const dataDir = join(dir, 'data');
    const store = await openLibraryStore(readSettings({ DATA_DIR: dataDir, DATABASE_URL: ' ' }).bot);
    await store.add(entry('نص'));
    await store.close();
    expect(existsSync(join(dataDir, LIBRARY_FILE))).toBe(true);
    expect(() => readSettings({ DATABASE_URL: 'mysql://user:pw-secret@host/db' })).toThrow(/DATABASE_URL.*must be a postgres:\/\/ URL/s);
    try {
      readSettings({ DATABASE_URL: 'mysql://user:pw-secret@host/db' });
    } catch (error) {
      expect(String(error)).not.toContain('pw-secret');
    }
  });

  it.skipIf(!PG_URL)('is PostgreSQL with a postgres:// DATABASE_URL', async () => {
    const schema = freshSchema();
    const admin = new pg.Client(PG_URL);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(PG_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const store = await openLibraryStore(readSettings({ DATA_DIR: join(dir, 'unused'), DATABASE_URL: url.href }).bot);
    await store.add(entry('نص'));
    await store.close();
    const same = await openPostgresLibraryStore(PG_URL!, { schema });
    expect((await same.list()).map((e) => e.id)).toEqual(['A1']);
    await same.close();
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });
});

const NO_PG = 'TEST_DATABASE_URL is not set (eval "$(scripts/postgres.sh start)" provides one)';
if (!PG_URL && !process.env.CI) console.warn(`PostgreSQL library store tests skipped: ${NO_PG}`);

describe.runIf(!PG_URL && process.env.CI)('the PostgreSQL library store under CI', () => {
  it('is tested: CI must provide TEST_DATABASE_URL', () => {
    throw new Error(`PostgreSQL is required under CI, but ${NO_PG}`);
  });
});

describe.skipIf(!PG_URL)(`the PostgreSQL library store shared by several processes${PG_URL ? '' : ` (skipped: ${NO_PG})`}`, () => {
  const url = PG_URL!;

  it('makes one article of the same texts added at the same time by two processes, ids without gaps', async () => {
    const schema = freshSchema();
    const [one, two] = await Promise.all([openPostgresLibraryStore(url, { schema }), openPostgresLibraryStore(url, { schema })]);
    const texts = Array.from({ length: 12 }, (_, i) => `نص رقم ${i}`);
    const results = await Promise.all(texts.flatMap((text) => [one.add(entry(text)), two.add(entry(text))]));
    expect(results.filter((r) => r.added)).toHaveLength(texts.length);
    for (let i = 0; i < results.length; i += 2) expect(results[i]!.entry.id).toBe(results[i + 1]!.entry.id);
    expect((await one.list()).map((e) => e.id)).toEqual(texts.map((_, i) => `A${i + 1}`));
    expect(await two.text(results[0]!.entry.id)).toBe(texts[0]);
    await Promise.all([one.close(), two.close()]);
  });

  it("sees the other process's removal and the bindings it dropped", async () => {
    const schema = freshSchema();
    const one = await openPostgresLibraryStore(url, { schema });
    const two = await openPostgresLibraryStore(url, { schema });
    const { entry: added } = await one.add(entry('مقال'));
    await one.bind({ guildId: 'g', channelId: 'c' }, added.id);
    expect(await two.binding({ guildId: 'g', channelId: 'c' })).toBe(added.id);
    expect(await two.remove(added.id)).toBe(true);
    expect(await one.text(added.id)).toBeUndefined();
    expect(await one.list()).toEqual([]);
    expect(await one.binding({ guildId: 'g', channelId: 'c' })).toBeUndefined();
    expect(await one.remove(added.id)).toBe(false);
    await Promise.all([one.close(), two.close()]);
  });

  it('says which server it cannot reach, in one line without the password', async () => {
    const wrong = new URL(url);
    wrong.port = String(Number(wrong.port || 5432) + 1);
    wrong.password = 'secret-word';
    const failure = await openPostgresLibraryStore(wrong.href, { schema: freshSchema() }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(LibraryError);
    const message = (failure as Error).message;
    expect(message).toMatch(new RegExp(`^Cannot reach the PostgreSQL library at ${wrong.hostname}:${wrong.port}/\\S+: .*ECONNREFUSED`));
    expect(message).not.toContain('secret-word');
    expect(message).not.toContain('\n');
  });

  it('refuses a text with a NUL character with a clear message', async () => {
    const store = await openPostgresLibraryStore(url, { schema: freshSchema() });
    await expect(store.add(entry('قبل\u0000بعد'))).rejects.toThrow(/^PostgreSQL cannot store this text/);
    expect(await store.list()).toEqual([]);
    await store.close();
  });
});
