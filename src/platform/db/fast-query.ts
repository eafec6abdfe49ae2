import pg from 'pg';
import { executeRaw, type Executor } from './database.js';

/**
 * Hot-path statements without the query builder: fixed SQL text with `$n` parameters, sent straight to the driver
 * behind a drizzle executor (the pool or the transaction's connection). On PostgreSQL each statement is a named
 * prepared statement (parsed and planned once per connection). Results come back as the driver gives them:
 * timestamptz as Date, bigint and numeric as strings on pg (numbers on PGlite), so callers convert with Number().
 */
export interface FastStatement {
  /** Unique per distinct text: the prepared-statement name on PostgreSQL. */
  readonly name: string;
  readonly text: string;
}

interface DriverClient {
  query(config: { name?: string; text: string; values?: unknown[] } | string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

function driverOf(executor: Executor): { kind: 'pg' | 'pglite'; client: DriverClient } | undefined {
  const client = (executor as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof (client as DriverClient).query !== 'function') return undefined;
  const isPg = client instanceof pg.Pool || client instanceof pg.Client || (client as { release?: unknown }).release !== undefined;
  return { kind: isPg ? 'pg' : 'pglite', client: client as DriverClient };
}

export async function fastRows<Row>(executor: Executor, statement: FastStatement, values: unknown[]): Promise<Row[]> {
  const driver = driverOf(executor);
  if (!driver) return (await executeRaw(executor, statement.text, values)) as Row[];
  if (driver.kind === 'pg') return (await driver.client.query({ name: statement.name, text: statement.text, values })).rows as Row[];
  return (await driver.client.query(statement.text, values)).rows as Row[];
}
