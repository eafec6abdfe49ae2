// fastGuardedWriteAll: the guard and its writes take effect together, or not at all.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { fastGuardedWriteAll, type FastStatement } from '../../src/platform/db/fast-query.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const TAKE: FastStatement = { name: 'test_guard_take', text: 'UPDATE guard_stock SET left_over = left_over - $2 WHERE id = $1 AND left_over >= $2 RETURNING id' };
const RECORD: FastStatement = { name: 'test_guard_record', text: 'INSERT INTO guard_log (id, amount, note) VALUES ($1, $2, $3::jsonb)' };
const RECORD_MANY: FastStatement = {
  name: 'test_guard_record_many',
  text: `INSERT INTO guard_log (id, amount, note) SELECT e.id, e.amount, e.note FROM jsonb_to_recordset($1::jsonb) AS e(id text, amount integer, note jsonb)
    RETURNING id`,
};

describeEachEngine('guarded writes in one statement', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
    await service.platform.db.execute(sql`CREATE TABLE guard_stock (id text PRIMARY KEY, left_over integer NOT NULL)`);
    await service.platform.db.execute(sql`CREATE TABLE guard_log (id text PRIMARY KEY, amount integer NOT NULL, note jsonb)`);
    await service.platform.db.execute(sql`CREATE TABLE guard_totals (id text PRIMARY KEY, total integer NOT NULL)`);
    await service.platform.db.execute(sql`INSERT INTO guard_stock VALUES ('a', 10)`);
  });
  afterAll(async () => service?.stop());

  const state = async () => ({
    stock: rowsOf<{ left_over: number }>(await service.platform.db.execute(sql`SELECT left_over FROM guard_stock WHERE id = 'a'`))[0]?.left_over,
    log: rowsOf<{ id: string; amount: number }>(await service.platform.db.execute(sql`SELECT id, amount FROM guard_log ORDER BY id`)),
  });

  it('writes everything when the guard holds, nothing when it does not', async () => {
    const take = (amount: number, id: string) => fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', amount] }, [
      { statement: RECORD, values: [id, amount, JSON.stringify({ by: 'single' })] },
      { statement: RECORD_MANY, values: [JSON.stringify([{ id: `${id}-x`, amount: 1, note: null }, { id: `${id}-y`, amount: 2, note: { n: 1 } }])] },
    ]);
    expect(await take(7, 'first')).toBe(true);
    expect(await state()).toEqual({
      stock: 3, log: [{ id: 'first', amount: 7 }, { id: 'first-x', amount: 1 }, { id: 'first-y', amount: 2 }],
    });
    expect(await take(4, 'second')).toBe(false);
    expect(await state()).toMatchObject({ stock: 3, log: { length: 3 } });
  });

  it('makes an upsert conditional too', async () => {
    const upsert: FastStatement = {
      name: 'test_guard_upsert',
      text: 'INSERT INTO guard_totals (id, total) VALUES ($1, greatest(0, $2::integer)) ON CONFLICT (id) DO UPDATE SET total = guard_totals.total + $2::integer',
    };
    const add = (amount: number) => fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', 1] }, [{ statement: upsert, values: ['t', amount] }]);
    expect(await add(5)).toBe(true);
    expect(await add(6)).toBe(true);
    const totals = async () => rowsOf<{ total: number }>(await service.platform.db.execute(sql`SELECT total FROM guard_totals WHERE id = 't'`))[0]?.total;
    expect(await totals()).toBe(11);
    await service.platform.db.execute(sql`UPDATE guard_stock SET left_over = 0 WHERE id = 'a'`);
    expect(await add(7)).toBe(false);
    expect(await totals()).toBe(11);
    await service.platform.db.execute(sql`UPDATE guard_stock SET left_over = 3 WHERE id = 'a'`);
  });

  it('undoes the guard when one of the writes fails', async () => {
    const before = await state();
    const failing = fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', 1] }, [
      { statement: RECORD, values: ['first', 1, null] }, // duplicate primary key
    ]);
    await expect(failing).rejects.toThrow();
    expect(await state()).toEqual(before);
  });

  it('makes an insert of ordered rows conditional (the condition before its ORDER BY)', async () => {
    const ordered: FastStatement = {
      name: 'test_guard_record_ordered',
      text: `INSERT INTO guard_log (id, amount, note) SELECT e.id, e.amount, NULL FROM jsonb_to_recordset($1::jsonb) AS e(n integer, id text, amount integer)
        ORDER BY e.n`,
    };
    const rows = (prefix: string) => [JSON.stringify([{ n: 0, id: `${prefix}-b`, amount: 1 }, { n: 1, id: `${prefix}-a`, amount: 2 }])];
    expect(await fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', 1] }, [{ statement: ordered, values: rows('ordered') }])).toBe(true);
    expect(await fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', 100] }, [{ statement: ordered, values: rows('refused') }])).toBe(false);
    const ids = rowsOf<{ id: string }>(await service.platform.db.execute(sql`SELECT id FROM guard_log WHERE id LIKE 'ordered-%' OR id LIKE 'refused-%' ORDER BY id`));
    expect(ids.map((row) => row.id)).toEqual(['ordered-a', 'ordered-b']);
    await service.platform.db.execute(sql`UPDATE guard_stock SET left_over = 3 WHERE id = 'a'`);
  });

  it('gives a guard with onRows the rows it returned, only when it held', async () => {
    const insert: FastStatement = { name: 'test_guard_insert_returning', text: 'INSERT INTO guard_totals (id, total) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id, total' };
    const seen: Record<string, unknown>[][] = [];
    const guard = (id: string) => ({ statement: insert, values: [id, 4], onRows: (rows: Record<string, unknown>[]) => seen.push(rows) });
    expect(await fastGuardedWriteAll(service.platform.db, guard('returned'), [{ statement: RECORD, values: ['returned-log', 4, null] }])).toBe(true);
    expect(await fastGuardedWriteAll(service.platform.db, guard('returned'), [{ statement: RECORD, values: ['returned-again', 4, null] }])).toBe(false);
    expect(seen).toEqual([[{ id: 'returned', total: 4 }]]);
    const logged = rowsOf<{ id: string }>(await service.platform.db.execute(sql`SELECT id FROM guard_log WHERE id LIKE 'returned%' ORDER BY id`));
    expect(logged.map((row) => row.id)).toEqual(['returned-log']);
  });

  it('refuses a write it cannot make conditional', async () => {
    const update: FastStatement = { name: 'test_guard_update', text: 'UPDATE guard_log SET amount = 0 WHERE id = $1' };
    await expect(fastGuardedWriteAll(service.platform.db, { statement: TAKE, values: ['a', 1] }, [{ statement: update, values: ['first'] }]))
      .rejects.toThrow(/cannot make this write conditional/);
    expect((await state()).stock).toBe(3);
  });
});
