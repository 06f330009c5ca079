// The shared library store: PostgreSQL, for several bot processes (or shards) asking one library. The
// tables are SQLite's; vectors are BYTEA (no pgvector), loaded by each process into its own search.
import pg from 'pg';
import type { StashKey } from '../index/vector-stash.ts';
import { LibraryError } from './library.ts';
import { ARTICLE_COLUMNS, entryOf, floatBytes, floatsOf, type ArticleRow } from './sqlite-store.ts';
import { idOf, numberOf, requireNumber, type LibraryStore, type NewEntry } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  n INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- a sequence: numbers are never handed out twice
  title TEXT NOT NULL,
  outlet TEXT,
  published TEXT,
  url TEXT,
  text TEXT NOT NULL,
  hash TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  removed_at BIGINT
);
-- one live article per text, whatever the callers do
CREATE UNIQUE INDEX IF NOT EXISTS articles_live_hash ON articles (hash) WHERE removed_at IS NULL;
CREATE TABLE IF NOT EXISTS bindings (
  guild_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, -- '' is the server's default
  article_n INTEGER NOT NULL REFERENCES articles (n),
  PRIMARY KEY (guild_id, channel_id)
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
`;

// Transaction-scoped advisory locks: one for creating schemas and tables (processes starting at once would
// race on CREATE), and one per schema for adding (two processes adding the same text make one article, and
// a lost race does not burn an id).
const CREATE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sanad library schema'))";
const ADD_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.articles'))";
const CONNECT_MS = 5_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  /** Tables in this schema (created when missing) instead of the URL's default search path. */
  schema?: string;
}

export async function openPostgresLibraryStore(url: string, options: PostgresStoreOptions = {}): Promise<LibraryStore> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Not a plain schema name: ${schema.slice(0, 70)}`);
  const where = target(url);
  const config = { connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  await createTables(new pg.Client({ ...config, connectionTimeoutMillis: CONNECT_MS }), schema).catch((error: unknown) => {
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
    add: clear((entry: NewEntry) =>
      transaction(async (client) => {
        await client.query(ADD_LOCK);
        const same = await client.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE hash = $1 AND removed_at IS NULL`, [entry.hash]);
        if (same.rows[0]) return { entry: entryOf(same.rows[0]), added: false };
        const inserted = await client.query<ArticleRow>(
          `INSERT INTO articles (title, outlet, published, url, text, hash, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ARTICLE_COLUMNS}`,
          [entry.title, entry.outlet ?? null, entry.published ?? null, entry.url ?? null, entry.text, entry.hash, Date.now()],
        );
        return { entry: entryOf(inserted.rows[0]!), added: true };
      }),
    ),
    list: clear(async (options: { includeRemoved?: boolean } = {}) => {
      const live = options.includeRemoved ? '' : 'WHERE removed_at IS NULL';
      return (await rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles ${live} ORDER BY n`)).map(entryOf);
    }),
    get: clear(async (id: string) => {
      const n = numberOf(id);
      const found = n === undefined ? undefined : (await rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE n = $1`, [n]))[0];
      return found && entryOf(found);
    }),
    text: clear(async (id: string) => {
      const n = numberOf(id);
      if (n === undefined) return undefined;
      return (await rows<{ text: string }>('SELECT text FROM articles WHERE n = $1 AND removed_at IS NULL', [n]))[0]?.text;
    }),
    remove: clear(async (id: string) => {
      const n = numberOf(id);
      if (n === undefined) return false;
      return transaction(async (client) => {
        const marked = await client.query('UPDATE articles SET removed_at = $1 WHERE n = $2 AND removed_at IS NULL', [Date.now(), n]);
        if (!marked.rowCount) return false;
        await client.query('DELETE FROM bindings WHERE article_n = $1', [n]);
        return true;
      });
    }),
    async bind(scope, articleId) {
      const n = requireNumber(articleId); // the caller's mistake, not the server's: not reworded
      await clear(() =>
        pool.query(
          'INSERT INTO bindings (guild_id, channel_id, article_n) VALUES ($1, $2, $3) ON CONFLICT (guild_id, channel_id) DO UPDATE SET article_n = excluded.article_n',
          [scope.guildId, scope.channelId ?? '', n],
        ),
      )();
    },
    binding: clear(async (scope) => {
      const found = await rows<{ article_n: number }>('SELECT article_n FROM bindings WHERE guild_id = $1 AND channel_id = $2', [scope.guildId, scope.channelId ?? '']);
      return found[0] && idOf(found[0].article_n);
    }),
    load: clear(async (key: StashKey) => {
      const [found] = await rows<{ dimensions: number; data: Buffer }>(
        'SELECT dimensions, data FROM vectors WHERE article_hash = $1 AND signal = $2 AND embedder_id = $3 AND units = $4',
        [key.articleHash, key.signal, key.embedderId, key.units],
      );
      return found && { dimensions: found.dimensions, data: floatsOf(found.data) };
    }),
    save: clear(async (key, vectors) => {
      await pool.query(
        `INSERT INTO vectors (article_hash, signal, embedder_id, units, dimensions, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (article_hash, signal, embedder_id, units) DO UPDATE SET dimensions = excluded.dimensions, data = excluded.data`,
        [key.articleHash, key.signal, key.embedderId, key.units, vectors.dimensions, floatBytes(vectors.data)],
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
async function createTables(client: pg.Client, schema: string | undefined): Promise<void> {
  try {
    await client.connect();
    await client.query('BEGIN');
    await client.query(CREATE_LOCK);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => undefined);
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
