// Benchmarks against PostgreSQL work in schemas of their own, dropped afterwards. pg is loaded only here.

/** Creates the schema and returns a URL whose connections use it (as a deployment would, through `options`). */
export async function urlWithSchema(url: string, schema: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } finally {
    await client.end();
  }
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

/** Drops the schemas, passing over a server that is gone. */
export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(url);
  await client.connect().catch(() => undefined);
  for (const name of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(name)} CASCADE`).catch(() => undefined);
  await client.end().catch(() => undefined);
}
