// One suite for every library store: what one store does, the other must do the same way.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBRARY_FILE, LibraryError } from '../src/library/library.ts';
import { openLibraryStore } from '../src/library/open-store.ts';
import { openPostgresLibraryStore } from '../src/library/pg-store.ts';
import { openSqliteLibraryStore } from '../src/library/sqlite-store.ts';
import { vectorsChecksum, type LibraryStore, type NewEntry, type StoreOptions } from '../src/library/store.ts';
import { readSettings } from '../src/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'library-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each store under test: a fresh, empty store per call, and a way to open the same one again. */
interface StoreKind {
  name: string;
  /** `raw` runs SQL straight on the store's database (the tables as another program would see them). */
  fresh(): Promise<{ open(options?: StoreOptions): Promise<LibraryStore>; raw(sql: string): Promise<Record<string, unknown>[]> }>;
  /** The tables of a library from before servers had their own. */
  oldSchema: string;
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
      return {
        open: async (options) => openSqliteLibraryStore(path, options),
        async raw(sql) {
          const db = new Database(path);
          try {
            if (/;\s*\S/.test(sql)) return (db.exec(sql), []); // several statements: a schema
            const statement = db.prepare(sql);
            return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
          } finally {
            db.close();
          }
        },
      };
    },
    oldSchema: `
      CREATE TABLE articles (n INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, outlet TEXT, published TEXT, url TEXT,
        text TEXT NOT NULL, hash TEXT NOT NULL, added_at INTEGER NOT NULL, removed_at INTEGER);
      CREATE INDEX articles_hash ON articles (hash);
      CREATE TABLE bindings (guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, article_n INTEGER NOT NULL REFERENCES articles (n),
        PRIMARY KEY (guild_id, channel_id));
      CREATE TABLE vectors (article_hash TEXT NOT NULL, signal TEXT NOT NULL, embedder_id TEXT NOT NULL, units INTEGER NOT NULL,
        dimensions INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (article_hash, signal, embedder_id, units));`,
  },
];
if (PG_URL) {
  kinds.push({
    name: 'PostgreSQL',
    async fresh() {
      const schema = freshSchema();
      return {
        open: (options) => openPostgresLibraryStore(PG_URL, { schema, ...options }),
        async raw(sql) {
          const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
          await client.connect();
          try {
            await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
            const result = await client.query(sql);
            return (Array.isArray(result) ? result.at(-1)! : result).rows as Record<string, unknown>[];
          } finally {
            await client.end();
          }
        },
      };
    },
    oldSchema: `
      CREATE TABLE articles (n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title TEXT NOT NULL, outlet TEXT, published TEXT,
        url TEXT, text TEXT NOT NULL, hash TEXT NOT NULL, added_at BIGINT NOT NULL, removed_at BIGINT);
      CREATE UNIQUE INDEX articles_live_hash ON articles (hash) WHERE removed_at IS NULL;
      CREATE TABLE bindings (guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, article_n INTEGER NOT NULL REFERENCES articles (n),
        PRIMARY KEY (guild_id, channel_id));
      CREATE TABLE vectors (article_hash TEXT NOT NULL, signal TEXT NOT NULL, embedder_id TEXT NOT NULL, units INTEGER NOT NULL,
        dimensions INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (article_hash, signal, embedder_id, units));`,
  });
}

const entry = (text: string, extra: Partial<NewEntry> = {}): NewEntry => ({ text, hash: `hash-of-${text}`, title: `title of ${text}`, ...extra });
/** The server whose library these tests use (another is named where it matters). */
const G = 'g';
const TEXT = 'نص\r\nبمسافة\u00a0غير منكسرة وتطويل ـ وتشكيلٌ.\n';

describe.each(kinds)('the $name library store', (kind) => {
  it('keeps texts byte for byte, stores the same text once, never reuses ids, and remembers after reopening', async () => {
    const where = await kind.fresh();
    const store = await where.open();
    const first = await store.add(G, entry(TEXT, { outlet: 'Outlet', published: '2026-12-01', url: 'https://example.test/a' }));
    expect(first).toMatchObject({ added: true, entry: { id: 'A1', title: `title of ${TEXT}`, outlet: 'Outlet', published: '2026-12-01' } });
    expect(await store.add(G, entry(TEXT))).toMatchObject({ added: false, entry: { id: 'A1' } });
    expect(await store.text(G, 'a1')).toBe(TEXT);
    expect((await store.add(G, entry('second'))).entry.id).toBe('A2');
    expect(await store.remove(G, 'A2')).toBe(true);
    expect(await store.remove(G, 'A2')).toBe(false);
    expect(await store.text(G, 'A2')).toBeUndefined();
    expect((await store.get(G, 'A2'))?.removedAt).toBeGreaterThan(0);
    expect((await store.add(G, entry('second'))).entry.id).toBe('A3'); // the same text again is a new article
    expect(await store.get(G, 'nonsense')).toBeUndefined();
    await store.close();

    const again = await where.open();
    expect((await again.list(G)).map((e) => e.id)).toEqual(['A1', 'A3']);
    expect((await again.list(G, { includeRemoved: true })).map((e) => e.id)).toEqual(['A1', 'A2', 'A3']);
    expect(await again.text(G, 'A1')).toBe(TEXT);
    await again.close();
  });

  it('binds channels and a server default, replaces a binding, and drops bindings of a removed article', async () => {
    const store = await (await kind.fresh()).open();
    await store.add(G, entry('one'));
    await store.add(G, entry('two'));
    await store.bind({ guildId: 'g', channelId: null }, 'A1');
    await store.bind({ guildId: 'g', channelId: 'c' }, 'A1');
    await store.bind({ guildId: 'g', channelId: 'c' }, 'a2');
    expect(await store.binding({ guildId: 'g', channelId: 'c' })).toBe('A2');
    expect(await store.binding({ guildId: 'g', channelId: null })).toBe('A1');
    expect(await store.binding({ guildId: 'other', channelId: 'c' })).toBeUndefined();
    await expect(store.bind({ guildId: 'g', channelId: 'c' }, 'nonsense')).rejects.toThrow(/^Not an article id: nonsense$/);
    await expect(store.bind({ guildId: 'g', channelId: 'c' }, 'A99')).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await store.binding({ guildId: 'g', channelId: 'c' })).toBe('A2');
    await store.remove(G, 'A2');
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

  it("keeps each server's articles, ids and bindings to itself, and a text shared by two servers once", async () => {
    const store = await (await kind.fresh()).open();
    await store.add('a', entry('one'));
    await store.add('a', entry('shared'));
    // the other server's first article is A1 of its own, though the text is A2 of the first
    expect(await store.add('b', entry('shared'))).toMatchObject({ added: true, entry: { id: 'A1' } });
    expect((await store.list('b')).map((e) => e.title)).toEqual(['title of shared']);
    expect(await store.get('b', 'A2')).toBeUndefined();
    expect(await store.text('b', 'A2')).toBeUndefined();
    expect(await store.remove('b', 'A2')).toBe(false);
    await expect(store.bind({ guildId: 'b', channelId: 'c' }, 'A2')).rejects.toThrow(/FOREIGN KEY|foreign key/);
    await store.bind({ guildId: 'a', channelId: 'c' }, 'A2');
    expect(await store.binding({ guildId: 'b', channelId: 'c' })).toBeUndefined();
    // removed in one server, the shared text stays the other's
    expect(await store.remove('b', 'A1')).toBe(true);
    expect(await store.text('a', 'A2')).toBe('shared');
    expect(await store.binding({ guildId: 'a', channelId: 'c' })).toBe('A2');
    expect((await store.list('a')).map((e) => e.id)).toEqual(['A1', 'A2']);
    expect((await store.add('b', entry('two'))).entry.id).toBe('A2'); // the server's own ids are not reused either
    await store.close();
  });

  it('stores a text added to two servers once, and repairs a damaged copy when the text is added again', async () => {
    const where = await kind.fresh();
    const store = await where.open();
    await store.add('a', entry('shared'));
    await store.add('b', entry('shared'));
    expect(await where.raw("SELECT hash FROM texts WHERE hash = 'hash-of-shared'")).toHaveLength(1);
    await where.raw("UPDATE texts SET text = 'shaRed' WHERE hash = 'hash-of-shared'");
    expect(await store.text('a', 'A1')).toBe('shaRed'); // as it is now: the library checks it against the hash
    expect(await store.add('b', entry('shared'))).toMatchObject({ added: false, entry: { id: 'A1' } });
    expect(await store.text('a', 'A1')).toBe('shared');
    await store.close();
  });

  it('moves a library from before servers had their own: the home server keeps every article, others what they asked', async () => {
    const where = await kind.fresh();
    await where.raw(kind.oldSchema);
    const rows = [
      ['seed', 'Seed', null],
      ['gone', 'Gone', 1700000000000],
      ['wheat', 'Wheat', null],
      ['rice', 'Rice', null],
    ];
    for (const [i, [text, title, removed]] of rows.entries()) {
      await where.raw(`INSERT INTO articles (title, text, hash, added_at, removed_at) VALUES ('${title}', '${text}\r\n', 'hash-${text}', ${1000 + i}, ${removed ?? 'NULL'})`);
    }
    await where.raw("INSERT INTO bindings (guild_id, channel_id, article_n) VALUES ('home', 'c1', 4), ('other', 'c2', 3), ('other', '', 3)");
    await where.raw("INSERT INTO vectors (article_hash, signal, embedder_id, units, dimensions, data) VALUES ('hash-wheat', 'neural', 'e5', 1, 1, " +
      (kind.name === 'SQLite' ? "X'0000803F'" : "'\\x0000803f'::bytea") + ')');

    const store = await where.open({ homeGuildId: 'home' });
    expect((await store.list('home', { includeRemoved: true })).map((e) => [e.id, e.title, Boolean(e.removedAt)])).toEqual([
      ['A1', 'Seed', false],
      ['A2', 'Gone', true],
      ['A3', 'Wheat', false],
      ['A4', 'Rice', false],
    ]);
    expect(await store.binding({ guildId: 'home', channelId: 'c1' })).toBe('A4');
    // the other server: what its channels were bound to, and the library's first article, under the same ids
    expect((await store.list('other')).map((e) => [e.id, e.title])).toEqual([
      ['A1', 'Seed'],
      ['A3', 'Wheat'],
    ]);
    expect(await store.binding({ guildId: 'other', channelId: 'c2' })).toBe('A3');
    expect(await store.binding({ guildId: 'other', channelId: null })).toBe('A3');
    expect(await store.text('other', 'A3')).toBe('wheat\r\n');
    expect(await store.list('never-bound')).toEqual([]);
    expect((await store.add('home', entry('new'))).entry.id).toBe('A5');
    expect((await store.add('other', entry('new'))).entry.id).toBe('A4');
    // vectors saved before checksums were kept are given theirs, and load
    const key = { articleId: 'A3', articleHash: 'hash-wheat', signal: 'neural' as const, embedderId: 'e5', units: 1 };
    expect([...(await store.load(key))!.data]).toEqual([1]);
    await store.close();
    expect(await where.raw("SELECT 1 AS found FROM texts WHERE hash = 'hash-seed'")).toHaveLength(1);
    // opening again changes nothing
    const again = await where.open({ homeGuildId: 'elsewhere' });
    expect((await again.list('home')).map((e) => e.id)).toEqual(['A1', 'A3', 'A4', 'A5']);
    expect(await again.list('elsewhere')).toEqual([]);
    await again.close();
  });

  it('refuses vectors whose bytes no longer match their checksum, naming the store, and takes new ones in their place', async () => {
    const where = await kind.fresh();
    const store = await where.open();
    const key = { articleId: 'A1', articleHash: 'h', signal: 'neural' as const, embedderId: 'e5', units: 2 };
    const data = Float32Array.from([0.5, -1, 2, 0.25]);
    await store.save(key, { dimensions: 2, data });
    const bytes = new Uint8Array(data.buffer);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const literal = (b: Uint8Array) => (kind.name === 'SQLite' ? `X'${hex(b)}'` : `'\\x${hex(b)}'::bytea`);
    // one row rotated into the other's place, then every number zeroed
    const rotated = new Uint8Array([...bytes.slice(8), ...bytes.slice(0, 8)]);
    for (const damaged of [rotated, new Uint8Array(bytes.length)]) {
      await where.raw(`UPDATE vectors SET data = ${literal(damaged)} WHERE article_hash = 'h'`);
      await expect(store.load(key)).rejects.toThrow(new RegExp(`^The stored neural vectors of article A1 in ${store.location.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} do not match their checksum`));
    }
    // vectors copied under another key are refused too
    await store.save(key, { dimensions: 2, data });
    await where.raw("UPDATE vectors SET embedder_id = 'other' WHERE article_hash = 'h'");
    await expect(store.load({ ...key, embedderId: 'other' })).rejects.toThrow(/do not match their checksum/);
    await store.save(key, { dimensions: 2, data });
    expect([...(await store.load(key))!.data]).toEqual([...data]);
    expect(vectorsChecksum(key, 2, bytes)).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });
});

describe('the library store the settings choose', () => {
  it('is SQLite in DATA_DIR without DATABASE_URL, and refuses a URL that is not postgres:// without echoing it', async () => {
    const dataDir = join(dir, 'data');
    const store = await openLibraryStore(readSettings({ DATA_DIR: dataDir, DATABASE_URL: ' ' }).bot);
    await store.add(G, entry('نص'));
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
    await store.add(G, entry('نص'));
    await store.close();
    const same = await openPostgresLibraryStore(PG_URL!, { schema });
    expect((await same.list(G)).map((e) => e.id)).toEqual(['A1']);
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
    const results = await Promise.all(texts.flatMap((text) => [one.add(G, entry(text)), two.add(G, entry(text))]));
    expect(results.filter((r) => r.added)).toHaveLength(texts.length);
    for (let i = 0; i < results.length; i += 2) expect(results[i]!.entry.id).toBe(results[i + 1]!.entry.id);
    expect((await one.list(G)).map((e) => e.id)).toEqual(texts.map((_, i) => `A${i + 1}`));
    expect(await two.text(G, results[0]!.entry.id)).toBe(texts[0]);
    await Promise.all([one.close(), two.close()]);
  });

  it("sees the other process's removal and the bindings it dropped", async () => {
    const schema = freshSchema();
    const one = await openPostgresLibraryStore(url, { schema });
    const two = await openPostgresLibraryStore(url, { schema });
    const { entry: added } = await one.add(G, entry('مقال'));
    await one.bind({ guildId: 'g', channelId: 'c' }, added.id);
    expect(await two.binding({ guildId: 'g', channelId: 'c' })).toBe(added.id);
    expect(await two.remove(G, added.id)).toBe(true);
    expect(await one.text(G, added.id)).toBeUndefined();
    expect(await one.list(G)).toEqual([]);
    expect(await one.binding({ guildId: 'g', channelId: 'c' })).toBeUndefined();
    expect(await one.remove(G, added.id)).toBe(false);
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
    await expect(store.add(G, entry('قبل\u0000بعد'))).rejects.toThrow(/^PostgreSQL cannot store this text/);
    expect(await store.list(G)).toEqual([]);
    await store.close();
  });
});
