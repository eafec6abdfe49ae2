import pg from 'pg';

/** A set but unreachable TEST_DATABASE_URL fails the whole run at once instead of letting PostgreSQL tests vanish. */
export default async function checkPostgres(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable (${url}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
