import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, NodePgDatabase, NodePgSession } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';

/**
 * Queries name their tables (`select().from(table)`), so the handle's type carries no schema: platform knows no
 * module's tables. The app hands them in (DatabaseOptions.schema) for drizzle's relational queries.
 */
type NoSchema = Record<string, never>;
export type Database = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Transaction = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  engine: Engine;
  db: Database;
  /** Runs one parametrised statement outside drizzle (pg-boss, maintenance). */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /** Runs `work` while this process holds a session advisory lock (embedded: there is only one process). */
  withAdvisoryLock<T>(lockId: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; absent means the embedded PGlite database in `dataDir/db`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Embedded only: keep the database in memory instead of on disk (tests). */
  inMemory?: boolean;
  /**
   * In memory only: start as a copy of this dumped data directory (PGlite's `dumpDataDir`) instead of an empty
   * cluster. Tests start from a migrated template: a new cluster's initdb costs several seconds of CPU.
   */
  inMemoryTemplate?: Blob;
  /** Every table of the service, as the modules define them. */
  schema?: Record<string, unknown>;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.schema ?? {}) : openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let client: PGlite;
  if (options.inMemory) {
    client = await PGlite.create(options.inMemoryTemplate ? { loadDataDir: options.inMemoryTemplate } : {});
  } else {
    const directory = path.resolve(options.dataDir, 'db');
    mkdirSync(directory, { recursive: true });
    client = await PGlite.create(directory);
  }
  const db = drizzlePglite({ client, schema: options.schema ?? {} }) as unknown as Database;
  return {
    engine: 'pglite',
    db,
    async query<Row>(text: string, values: unknown[] = []) {
      if (values.length > 0) return (await client.query<Row>(text, values)).rows;
      const results = await client.exec(text);
      return (results.at(-1)?.rows ?? []) as Row[];
    },
    withAdvisoryLock: (_lockId, work) => work(),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number, schema: Record<string, unknown>): Promise<DatabaseHandle> {
  // JIT off: the service's statements are short, and a generic plan priced on a guessed row count made PostgreSQL
  // JIT-compile a 100-row cover page on every execution (34 ms of CPU for a page that reads in 3 ms).
  // min = max: once opened, a connection stays in the pool. pg-pool arms an idle timer (setTimeout) on every release
  // of a client while the pool holds more than `min` connections and clears it on the next checkout, i.e. twice per
  // statement on a busy service (issue 14: part of the pool's 25-30 µs a statement); a pool of `poolSize` idle
  // connections is what a busy service holds anyway.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, min: poolSize, application_name: 'tradecredit', options: '-c jit=off' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
  return {
    engine: 'postgres',
    db,
    async query<Row>(text: string, values: unknown[] = []) {
      return (await pool.query(text, values)).rows as Row[];
    },
    async withAdvisoryLock(lockId, work) {
      const session = await pool.connect();
      try {
        await session.query('SELECT pg_advisory_lock($1)', [lockId]);
        try {
          return await work();
        } finally {
          await session.query('SELECT pg_advisory_unlock($1)', [lockId]);
        }
      } finally {
        session.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The drizzle database over each checked-out connection of a pool (built once per connection: pool clients live long). */
const pinnedDatabases = new WeakMap<pg.PoolClient, Database>();

/**
 * Runs `work` with an executor bound to ONE connection held throughout: on PostgreSQL one checkout of the pool for
 * all of `work`'s statements instead of one each (pg-pool's checkout and release cost 25-30 µs of CPU a statement,
 * issue 14); on PGlite, or when `executor` is a transaction or already one connection, `work` gets `executor`
 * itself. The statements run outside any transaction unless `work` opens one on it. The connection goes back to the
 * pool however `work` ends; after an error that PostgreSQL did not report (the connection's state is unknown: a
 * statement may still be running on it) it is closed rather than reused. `work` must not wait for another connection
 * of the same pool while it holds this one (under a full pool every holder could wait for the others).
 */
export async function onOneConnection<T>(executor: Executor, work: (executor: Executor) => Promise<T>): Promise<T> {
  const session = (executor as unknown as { session?: { client?: unknown; dialect: never; schema: never; options: never } }).session;
  if (!(session?.client instanceof pg.Pool)) return work(executor);
  const client = await session.client.connect();
  let pinned = pinnedDatabases.get(client);
  if (!pinned) {
    pinned = new NodePgDatabase(session.dialect, new NodePgSession(client, session.dialect, session.schema, session.options), session.schema) as unknown as Database;
    pinnedDatabases.set(client, pinned);
  }
  let result: T;
  try {
    result = await work(pinned);
  } catch (error) {
    client.release(reportedByPostgres(error) ? undefined : (error instanceof Error ? error : new Error(String(error))));
    throw error;
  }
  client.release();
  return result;
}

/** Whether `error` is (or wraps, as drizzle's query errors do) an error PostgreSQL answered: its connection is sound. */
function reportedByPostgres(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if (cause instanceof pg.DatabaseError) return true;
  }
  return false;
}

/** Rows of a raw `execute` result, whichever driver produced it. */
export function rowsOf<Row>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/** Runs a raw statement with `$1…$n` placeholders on an executor (used to enlist pg-boss in our transaction). */
export async function executeRaw(executor: Executor, text: string, values: unknown[] = []): Promise<unknown[]> {
  return rowsOf(await executor.execute(toSql(text, values)));
}

function toSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${values[Number(match[1]) - 1] ?? null}`);
    last = (match.index ?? 0) + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
