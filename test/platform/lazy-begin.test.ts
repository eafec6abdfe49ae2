import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/platform/db/database.js';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/engines.js';

/*
 * The pool's transactions send BEGIN with their first statement (platform/db/lazy-begin.ts). What must hold: the
 * statements run inside one transaction (commit keeps, rollback undoes, a failing statement aborts it), the first
 * statement's own result comes back, and a transaction that ran nothing sends nothing.
 */
describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL transactions with BEGIN sent with their first statement', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let handle: DatabaseHandle;
  const sent: string[] = [];
  type Send = (this: pg.Connection, message: unknown) => void;
  const connection = pg.Connection.prototype as unknown as { parse: Send; query: Send };
  let original: Send;
  let originalQuery: Send;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    handle = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2, schema: {} });
    await handle.query('CREATE TABLE lazy (id int PRIMARY KEY, note text)');
    // What goes on the wire: Parse messages (extended protocol) and simple queries.
    original = connection.parse;
    originalQuery = connection.query;
    connection.parse = function (this: pg.Connection, query: unknown) {
      sent.push(`parse ${(query as { text: string }).text.trim().split(/\s+/)[0]}`);
      original.call(this, query);
    };
    connection.query = function (this: pg.Connection, text: unknown) {
      sent.push(`query ${(text as string).trim().split(/\s+/)[0]}`);
      originalQuery.call(this, text);
    };
  });
  afterAll(async () => {
    connection.parse = original;
    connection.query = originalQuery;
    await handle?.close();
    await scratch?.drop();
  });

  const ids = async () => rowsOf<{ id: number }>(await handle.db.execute(sql`SELECT id FROM lazy ORDER BY id`)).map((row) => row.id);

  it('sends BEGIN in the first statement\'s pipeline, returns that statement\'s rows and commits', async () => {
    sent.length = 0;
    const returned = await handle.db.transaction(async (tx) => {
      const first = rowsOf<{ id: number; xact: string }>(await tx.execute(sql`INSERT INTO lazy VALUES (${1}, 'a') RETURNING id, txid_current()::text AS xact`));
      const second = rowsOf<{ count: number; xact: string }>(await tx.execute(sql`SELECT count(*)::int AS count, txid_current()::text AS xact FROM lazy`));
      return { first, second };
    });
    // One transaction id for both statements: without the BEGIN each would have run in a transaction of its own.
    expect(returned.first).toEqual([{ id: 1, xact: returned.second[0]!.xact }]);
    expect(returned.second).toEqual([{ count: 1, xact: returned.first[0]!.xact }]);
    // BEGIN with the INSERT (extended protocol, one Sync), the SELECT without parameters as a simple query.
    expect(sent).toEqual(['parse BEGIN', 'parse INSERT', 'query SELECT', 'query commit']);
    expect(await ids()).toEqual([1]);
  });

  it('rolls the whole transaction back, the first statement included', async () => {
    await expect(handle.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO lazy VALUES (${2}, 'b')`);
      await tx.execute(sql`INSERT INTO lazy VALUES (${3}, 'c')`);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    expect(await ids()).toEqual([1]);
  });

  it('fails the transaction when its first statement fails, and the connection serves the next one', async () => {
    const failure = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO lazy VALUES (${1}, 'duplicate')`);
    }).then(() => undefined, (error: unknown) => error as { cause?: { code?: string } });
    expect(failure?.cause?.code).toBe('23505'); // unique_violation, from PostgreSQL through the pipeline
    await Promise.all([4, 5, 6].map((id) => handle.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO lazy VALUES (${id}, 'again')`);
    })));
    expect(await ids()).toEqual([1, 4, 5, 6]);
  });

  it('sends nothing for a transaction that ran no statement', async () => {
    sent.length = 0;
    expect(await handle.db.transaction(async () => 'nothing')).toBe('nothing');
    await expect(handle.db.transaction(async () => {
      throw new Error('before any statement');
    })).rejects.toThrow('before any statement');
    expect(sent).toEqual([]);
  });

  it('keeps a held BEGIN ahead of a query it cannot pipeline (a plain text query)', async () => {
    const client = await (handle.db as unknown as { $client: pg.Pool }).$client.connect();
    try {
      await client.query({ text: 'begin' });
      const first = (await client.query('SELECT txid_current()::text AS xact')).rows[0] as { xact: string };
      await client.query('INSERT INTO lazy VALUES (7, \'plain\')');
      expect((await client.query('SELECT txid_current()::text AS xact')).rows[0]).toEqual(first);
      await client.query({ text: 'rollback' });
    } finally {
      client.release();
    }
    expect(await ids()).toEqual([1, 4, 5, 6]);
  });
});
