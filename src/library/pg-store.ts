// The shared library store: PostgreSQL, for several bot processes (or shards) asking one library. The
// tables are SQLite's; vectors are BYTEA (no pgvector), loaded by each process into its own search.
import pg from 'pg';
import type { StashKey } from '../index/vector-stash.ts';
import { LibraryError } from './library.ts';
import { ARTICLE_COLUMNS, checkedVectors, entryOf, floatBytes, MIGRATE_ARTICLES, type ArticleRow, type StoredVectors } from './sqlite-store.ts';
import { idOf, numberOf, requireNumber, vectorsChecksum, type LibraryStore, type NewEntry, type StoreOptions } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS texts (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS guild_articles (
  guild_id TEXT NOT NULL, -- '' outside servers
  n INTEGER NOT NULL,
  title TEXT NOT NULL,
  outlet TEXT,
  published TEXT,
  url TEXT,
  hash TEXT NOT NULL REFERENCES texts (hash),
  added_at BIGINT NOT NULL,
  removed_at BIGINT,
  PRIMARY KEY (guild_id, n)
);
-- one live article per text in a server, whatever the callers do
CREATE UNIQUE INDEX IF NOT EXISTS guild_articles_live_hash ON guild_articles (guild_id, hash) WHERE removed_at IS NULL;
CREATE TABLE IF NOT EXISTS guild_bindings (
  guild_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, -- '' is the server's default
  article_n INTEGER NOT NULL,
  PRIMARY KEY (guild_id, channel_id),
  FOREIGN KEY (guild_id, article_n) REFERENCES guild_articles (guild_id, n)
);
CREATE TABLE IF NOT EXISTS vectors (
  article_hash TEXT NOT NULL,
  signal TEXT NOT NULL,
  embedder_id TEXT NOT NULL,
  units INTEGER NOT NULL,
  dimensions INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (article_hash, signal, embedder_id, units)
);
ALTER TABLE vectors ADD COLUMN IF NOT EXISTS checksum TEXT;
`;

// Transaction-scoped advisory locks: one for creating schemas and tables (processes starting at once would
// race on CREATE), and one per schema and server for adding (two processes adding the same text make one
// article, and a lost race does not burn an id).
const CREATE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sanad library schema'))";
const ADD_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.articles.' || $1))";
const CONNECT_MS = 5_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions extends StoreOptions {
  /** Tables in this schema (created when missing) instead of the URL's default search path. */
  schema?: string;
}

export async function openPostgresLibraryStore(url: string, options: PostgresStoreOptions = {}): Promise<LibraryStore> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Not a plain schema name: ${schema.slice(0, 70)}`);
  const where = target(url);
  const config = { connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  await createTables(new pg.Client({ ...config, connectionTimeoutMillis: CONNECT_MS }), schema, options.homeGuildId ?? '').catch((error: unknown) => {
    throw clearError(error, where);
  });
  // no connectionTimeoutMillis here: it would also fail a query that waits for a free connection under load
  const pool = new pg.Pool({ ...config, max: 4 });
  // an idle connection dropped by the server: the next query reconnects, or reports the failure itself
  pool.on('error', () => undefined);
  const clear = <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work(...args);
      } catch (error) {
        throw clearError(error, where);
      }
    };
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true); // not reused: its connection may be what failed
      throw error;
    }
  };
  const rows = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await pool.query<R>(sql, values)).rows;

  let closed = false;
  return {
    location: where,
    add: clear((guildId: string, entry: NewEntry) =>
      transaction(async (client) => {
        await client.query(ADD_LOCK, [guildId]);
        // the same text again (its stored copy may be damaged: what is given is what its hash names) replaces it
        await client.query(
          'INSERT INTO texts (hash, text) VALUES ($1, $2) ON CONFLICT (hash) DO UPDATE SET text = excluded.text WHERE texts.text IS DISTINCT FROM excluded.text',
          [entry.hash, entry.text],
        );
        const same = await client.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = $1 AND hash = $2 AND removed_at IS NULL`, [
          guildId,
          entry.hash,
        ]);
        if (same.rows[0]) return { entry: entryOf(same.rows[0]), added: false };
        const inserted = await client.query<ArticleRow>(
          `INSERT INTO guild_articles (guild_id, n, title, outlet, published, url, hash, added_at)
           SELECT $1::text, COALESCE(MAX(n), 0) + 1, $2::text, $3::text, $4::text, $5::text, $6::text, $7::bigint FROM guild_articles WHERE guild_id = $1 RETURNING ${ARTICLE_COLUMNS}`,
          [guildId, entry.title, entry.outlet ?? null, entry.published ?? null, entry.url ?? null, entry.hash, Date.now()],
        );
        return { entry: entryOf(inserted.rows[0]!), added: true };
      }),
    ),
    list: clear(async (guildId: string, options: { includeRemoved?: boolean } = {}) => {
      const live = options.includeRemoved ? '' : 'AND removed_at IS NULL';
      return (await rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = $1 ${live} ORDER BY n`, [guildId])).map(entryOf);
    }),
    get: clear(async (guildId: string, id: string) => {
      const n = numberOf(id);
      const found = n === undefined ? undefined : (await rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM guild_articles WHERE guild_id = $1 AND n = $2`, [guildId, n]))[0];
      return found && entryOf(found);
    }),
    text: clear(async (guildId: string, id: string) => {
      const n = numberOf(id);
      if (n === undefined) return undefined;
      const found = await rows<{ text: string }>(
        'SELECT t.text FROM guild_articles a JOIN texts t ON t.hash = a.hash WHERE a.guild_id = $1 AND a.n = $2 AND a.removed_at IS NULL',
        [guildId, n],
      );
      return found[0]?.text;
    }),
    remove: clear(async (guildId: string, id: string) => {
      const n = numberOf(id);
      if (n === undefined) return false;
      return transaction(async (client) => {
        const marked = await client.query('UPDATE guild_articles SET removed_at = $1 WHERE guild_id = $2 AND n = $3 AND removed_at IS NULL', [Date.now(), guildId, n]);
        if (!marked.rowCount) return false;
        await client.query('DELETE FROM guild_bindings WHERE guild_id = $1 AND article_n = $2', [guildId, n]);
        return true;
      });
    }),
    async bind(scope, articleId) {
      const n = requireNumber(articleId); // the caller's mistake, not the server's: not reworded
      await clear(() =>
        pool.query(
          'INSERT INTO guild_bindings (guild_id, channel_id, article_n) VALUES ($1, $2, $3) ON CONFLICT (guild_id, channel_id) DO UPDATE SET article_n = excluded.article_n',
          [scope.guildId, scope.channelId ?? '', n],
        ),
      )();
    },
    binding: clear(async (scope) => {
      const found = await rows<{ article_n: number }>('SELECT article_n FROM guild_bindings WHERE guild_id = $1 AND channel_id = $2', [
        scope.guildId,
        scope.channelId ?? '',
      ]);
      return found[0] && idOf(found[0].article_n);
    }),
    load: async (key: StashKey) => {
      const [found] = await clear(() =>
        rows<StoredVectors>('SELECT dimensions, data, checksum FROM vectors WHERE article_hash = $1 AND signal = $2 AND embedder_id = $3 AND units = $4', [
          key.articleHash,
          key.signal,
          key.embedderId,
          key.units,
        ]),
      )();
      return checkedVectors(key, found, where);
    },
    save: clear(async (key, vectors) => {
      const bytes = floatBytes(vectors.data);
      await pool.query(
        `INSERT INTO vectors (article_hash, signal, embedder_id, units, dimensions, data, checksum) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (article_hash, signal, embedder_id, units) DO UPDATE SET dimensions = excluded.dimensions, data = excluded.data, checksum = excluded.checksum`,
        [key.articleHash, key.signal, key.embedderId, key.units, vectors.dimensions, bytes, vectorsChecksum(key, vectors.dimensions, bytes)],
      );
    }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The schema and tables, created once by whichever process gets there first; also checks the server answers. */
async function createTables(client: pg.Client, schema: string | undefined, homeGuildId: string): Promise<void> {
  try {
    await client.connect();
    await client.query('BEGIN');
    await client.query(CREATE_LOCK);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(SCHEMA);
    await migrate(client, homeGuildId);
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A library from before servers had their own, and vectors without a checksum (see sqlite-store.ts's migrate). */
async function migrate(client: pg.Client, homeGuildId: string): Promise<void> {
  const old = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'articles'");
  if (old.rowCount) for (const statement of MIGRATE_ARTICLES) await client.query(statement.replaceAll('$home', '$1'), statement.includes('$home') ? [homeGuildId] : []);
  const unchecked = await client.query<StoredVectors & { article_hash: string; signal: 'lexical' | 'neural'; embedder_id: string; units: number }>(
    'SELECT article_hash, signal, embedder_id, units, dimensions, data, checksum FROM vectors WHERE checksum IS NULL',
  );
  for (const row of unchecked.rows) {
    const key = { articleId: '', articleHash: row.article_hash, signal: row.signal, embedderId: row.embedder_id, units: row.units };
    await client.query('UPDATE vectors SET checksum = $1 WHERE article_hash = $2 AND signal = $3 AND embedder_id = $4 AND units = $5', [
      vectorsChecksum(key, row.dimensions, row.data),
      row.article_hash,
      row.signal,
      row.embedder_id,
      row.units,
    ]);
  }
}

/** host:port/database of a URL, never its password. */
export function target(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || 5432}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** One sentence instead of pg's internals: what failed, where, and PostgreSQL's own reason. */
function clearError(error: unknown, where: string): LibraryError {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const reason = e.message || e.errors?.[0]?.message || e.code || String(error);
  // 22021: a NUL character (text with one is refused as binary before it gets here)
  if (e.code === '22021') return new LibraryError(`PostgreSQL cannot store this text (it holds a NUL or invalid character): ${reason}`);
  if (error instanceof pg.DatabaseError) return new LibraryError(`The PostgreSQL library at ${where} failed: ${reason}`);
  return new LibraryError(`Cannot reach the PostgreSQL library at ${where}: ${reason}`);
}
