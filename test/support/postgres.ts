// PostgreSQL for tests: TEST_DATABASE_URL names a server where the tests may create schemas (each test
// its own). Without it the PostgreSQL tests are skipped with the reason, except under CI, where they run
// and fail, so that a CI without PostgreSQL cannot pass unnoticed.
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL || undefined;
const MISSING = 'TEST_DATABASE_URL is not set (postgres://user:password@host:port/database)';

/** Why the PostgreSQL tests are skipped here, or undefined when they run (always under CI). */
export const postgresSkipped: string | undefined = url || process.env.CI ? undefined : `skipped: ${MISSING}`;
if (postgresSkipped) console.warn(`PostgreSQL tests ${postgresSkipped}`);

/** The server to test against; under CI without one, the failure that says why. */
export function testDatabaseUrl(): string {
  if (!url) throw new Error(`CI must test PostgreSQL, but ${MISSING}`);
  return url;
}

const schemas: string[] = [];
/** A new, unused schema name; dropSchemas() removes them all. */
export function freshSchema(): string {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
  schemas.push(name);
  return name;
}

/** A URL whose connections use a fresh schema (created here), as a deployment would through `options`. */
export async function urlWithFreshSchema(): Promise<string> {
  const schema = freshSchema();
  await withClient((client) => client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`));
  const withSchema = new URL(testDatabaseUrl());
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

export async function dropSchemas(): Promise<void> {
  if (!url || schemas.length === 0) return;
  await withClient(async (client) => {
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  });
}

/** Ends the server side of every connection with this application_name, as a server restart would; returns how many. */
export async function terminateBackends(applicationName: string): Promise<number> {
  const { rows } = await withClient((client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]),
  );
  return rows.length;
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
