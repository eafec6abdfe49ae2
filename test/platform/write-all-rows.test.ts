// fastWriteAll: a write that asks for its rows (onRows) gets what its RETURNING gave, sent alone or with others.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { fastWriteAll, type FastStatement, type FastWrite } from '../../src/platform/db/fast-query.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const INSERT_SKIPPING: FastStatement = {
  name: 'test_rows_insert_skipping',
  text: `INSERT INTO rows_items (id, amount) SELECT e.id, e.amount FROM jsonb_to_recordset($1::jsonb) AS e(id text, amount integer)
    ON CONFLICT DO NOTHING RETURNING id`,
};
const NOTE: FastStatement = { name: 'test_rows_note', text: 'INSERT INTO rows_notes (note) VALUES ($1)' };
const SET_AMOUNT_IF: FastStatement = {
  name: 'test_rows_set_amount_if', text: 'UPDATE rows_items SET amount = $2 WHERE id = $1 AND amount = $3 RETURNING 1',
};

describeEachEngine('fastWriteAll with returned rows', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
    await service.platform.db.execute(sql`CREATE TABLE rows_items (id text PRIMARY KEY, amount integer NOT NULL)`);
    await service.platform.db.execute(sql`CREATE TABLE rows_notes (note text NOT NULL)`);
  });
  afterAll(async () => service?.stop());

  const insert = (ids: string[], seen: string[][]): FastWrite => ({
    statement: INSERT_SKIPPING, values: [JSON.stringify(ids.map((id) => ({ id, amount: 1 })))],
    onRows: (rows) => seen.push(rows.map((row) => row.id as string).sort()),
  });
  const notes = async () => rowsOf<{ note: string }>(await service.platform.db.execute(sql`SELECT note FROM rows_notes ORDER BY note`)).map((row) => row.note);

  it('hands each write its own rows, alone and combined with other writes', async () => {
    const seen: string[][] = [];
    await fastWriteAll(service.platform.db, [insert(['a', 'b'], seen)]);
    await fastWriteAll(service.platform.db, [
      { statement: NOTE, values: ['first'] }, insert(['b', 'c'], seen), insert(['d'], seen), { statement: NOTE, values: ['second'] },
    ]);
    expect(seen).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(await notes()).toEqual(['first', 'second']);
  });

  it('fails the transaction when onRows throws, so none of the writes is kept', async () => {
    const refuse: FastWrite = {
      statement: INSERT_SKIPPING, values: [JSON.stringify([{ id: 'a', amount: 2 }, { id: 'e', amount: 2 }])],
      onRows: (rows) => {
        if (rows.length < 2) throw new Error('taken');
      },
    };
    await expect(service.platform.db.transaction((tx) => fastWriteAll(tx, [{ statement: NOTE, values: ['third'] }, refuse]))).rejects.toThrow('taken');
    expect(await notes()).toEqual(['first', 'second']);
    const ids = rowsOf<{ id: string }>(await service.platform.db.execute(sql`SELECT id FROM rows_items ORDER BY id`)).map((row) => row.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('expectRows: a compare-and-set that misses fails the whole statement with 40001, outside a transaction too', async () => {
    const setAmount = (id: string, to: number, from: number): FastWrite => ({ statement: SET_AMOUNT_IF, values: [id, to, from], expectRows: 1 });
    const amounts = async () => rowsOf<{ id: string; amount: number }>(
      await service.platform.db.execute(sql`SELECT id, amount FROM rows_items ORDER BY id`)).map((row) => `${row.id}=${row.amount}`);
    await fastWriteAll(service.platform.db, [{ statement: NOTE, values: ['fourth'] }, setAmount('a', 5, 1), setAmount('b', 5, 1)]);
    expect(await amounts()).toEqual(['a=5', 'b=5', 'c=1', 'd=1']);
    // c still holds 1, d does not hold 2: nothing of the statement is kept, c's update and the note included.
    const missed = fastWriteAll(service.platform.db, [{ statement: NOTE, values: ['fifth'] }, setAmount('c', 7, 1), setAmount('d', 7, 2)]);
    await expect(missed).rejects.toMatchObject({ code: '40001' });
    expect(await amounts()).toEqual(['a=5', 'b=5', 'c=1', 'd=1']);
    expect(await notes()).toEqual(['first', 'fourth', 'second']);
    // Alone, too (a single write with expectRows still goes through the check).
    await expect(fastWriteAll(service.platform.db, [setAmount('d', 7, 2)])).rejects.toMatchObject({ code: '40001' });
    await fastWriteAll(service.platform.db, [setAmount('d', 7, 1)]);
    expect(await amounts()).toEqual(['a=5', 'b=5', 'c=1', 'd=7']);
  });
});
