// onOneConnection: several statements on one checkout of the pool, and the connection back in the pool however the
// work ends (a failing statement, a thrown error, a transaction opened on it).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, onOneConnection, openDatabase, rowsOf } from '../../src/platform/db/database.js';
import { fastRows, type FastStatement } from '../../src/platform/db/fast-query.js';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';

const BACKEND: FastStatement = { name: 'test_one_connection_backend', text: 'SELECT pg_backend_pid() AS pid, $1::int AS n' };

describeEachEngine('statements on one connection (onOneConnection)', (engine) => {
  let handle: DatabaseHandle;
  let drop = async () => undefined as unknown;
  beforeAll(async () => {
    if (engine === 'postgres') {
      const scratch = await createScratchDatabase();
      drop = scratch.drop;
      // ONE connection: a client not given back would leave every later statement waiting for ever.
      handle = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 1, schema: {} });
    } else {
      handle = await openDatabase({ dataDir: '', inMemory: true, schema: {} });
    }
    await handle.db.execute(sql`CREATE TABLE one_connection (id integer PRIMARY KEY)`);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
  });

  const pidOutside = async () => rowsOf<{ pid: number }>(await handle.db.execute(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
  const within = <T>(ms: number, promise: Promise<T>) => Promise.race([
    promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms: a connection was not given back`)), ms)),
  ]);

  it('runs the statements of the work on one session, drizzle and fast statements alike', async () => {
    const seen = await onOneConnection(handle.db, async (db) => {
      const [first] = await fastRows<{ pid: number; n: number }>(db, BACKEND, [1]);
      await db.execute(sql`SET application_name = 'one-connection-test'`);
      const [second] = rowsOf<{ pid: number; name: string }>(await db.execute(sql`SELECT pg_backend_pid() AS pid, current_setting('application_name') AS name`));
      return { first: first!, second: second! };
    });
    expect(seen.first.n).toBe(1);
    expect(seen.second.pid).toBe(seen.first.pid);
    expect(seen.second.name).toBe('one-connection-test');
    expect(await within(5000, pidOutside())).toBe(seen.first.pid);
  });

  const codeOf = (error: unknown): unknown => (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;

  it('gives the connection back after a failing statement, which it reports, and keeps using it', async () => {
    await handle.db.execute(sql`INSERT INTO one_connection VALUES (1)`);
    const before = await pidOutside();
    const failing = [
      (db: typeof handle.db) => db.execute(sql`INSERT INTO one_connection VALUES (1)`), // drizzle wraps the driver's error
      (db: typeof handle.db) => fastRows(db, { name: 'test_one_connection_duplicate', text: 'INSERT INTO one_connection VALUES ($1)' }, [1]),
    ];
    for (const statement of failing) {
      const error = await onOneConnection(handle.db, async (db) => {
        await statement(db);
        return 'not reached';
      }).catch((caught: unknown) => caught);
      expect(codeOf(error)).toBe('23505');
      expect(await within(5000, onOneConnection(handle.db, async (db) => rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM one_connection`))[0]!.n))).toBe(1);
      // The same session: an error PostgreSQL answered leaves its connection sound.
      expect(await pidOutside()).toBe(before);
    }
  });

  it('gives the connection back after an error of the work itself, and closes it (PostgreSQL) since its state is unknown', async () => {
    const before = await pidOutside();
    await expect(onOneConnection(handle.db, async (db) => {
      await fastRows(db, BACKEND, [2]);
      throw new Error('the use case failed');
    })).rejects.toThrow('the use case failed');
    const after = await within(5000, pidOutside());
    // PostgreSQL: the pool replaced the connection whose state the error left unknown; PGlite has the one session.
    if (engine === 'postgres') expect(after).not.toBe(before);
    else expect(after).toBe(before);
  });

  it('commits and rolls back a transaction opened on it, and then gives the connection back', async () => {
    await onOneConnection(handle.db, (db) => db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO one_connection VALUES (2)`);
    }));
    await expect(onOneConnection(handle.db, (db) => db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO one_connection VALUES (3)`);
      throw new Error('roll back');
    }))).rejects.toThrow('roll back');
    const ids = rowsOf<{ id: number }>(await within(5000, handle.db.execute(sql`SELECT id FROM one_connection ORDER BY id`))).map((row) => row.id);
    expect(ids).toEqual([1, 2]);
  });

  it('inside a transaction, runs the work on the transaction itself', async () => {
    const pids = await handle.db.transaction(async (tx) => {
      const outer = rowsOf<{ pid: number }>(await tx.execute(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
      const inner = await onOneConnection(tx, async (db) => {
        expect(db).toBe(tx);
        return rowsOf<{ pid: number }>(await db.execute(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
      });
      return { outer, inner };
    });
    expect(pids.inner).toBe(pids.outer);
  });
});
