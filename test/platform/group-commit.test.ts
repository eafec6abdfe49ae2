// groupCommit: the writes of concurrent requests in one statement, each request with the outcome it would have alone.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import type { FastStatement, FastWrite } from '../../src/platform/db/fast-query.js';
import { groupCommit } from '../../src/platform/db/group-commit.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const TAKE: FastStatement = { name: 'test_group_take', text: 'UPDATE group_stock SET left_over = left_over - $2 WHERE id = $1 AND left_over >= $2 RETURNING id' };
const RECORD: FastStatement = { name: 'test_group_record', text: 'INSERT INTO group_log (id, amount) VALUES ($1, $2)' };
const RECORD_RETURNING: FastStatement = { name: 'test_group_record_returning', text: 'INSERT INTO group_log (id, amount) VALUES ($1, $2) RETURNING id' };

describeEachEngine('group commit', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
    await service.platform.db.execute(sql`CREATE TABLE group_stock (id text PRIMARY KEY, left_over integer NOT NULL)`);
    await service.platform.db.execute(sql`CREATE TABLE group_log (id text PRIMARY KEY, amount integer NOT NULL)`);
  });
  afterAll(async () => service?.stop());
  beforeEach(async () => {
    await service.platform.db.execute(sql`TRUNCATE group_stock, group_log`);
    await service.platform.db.execute(sql`INSERT INTO group_stock SELECT 's' || n, 10 FROM generate_series(0, 19) AS n`);
  });

  /** A request's writes: take `amount` from its stock (a compare-and-set) and log it under `logId`. */
  const request = (stock: string, amount: number, logId: string): { writes: FastWrite[]; keys: string[] } => ({
    writes: [{ statement: TAKE, values: [stock, amount], expectRows: 1 }, { statement: RECORD, values: [logId, amount] }],
    keys: [stock],
  });
  const logs = async () => rowsOf<{ id: string; amount: number; tx: string }>(
    await service.platform.db.execute(sql`SELECT id, amount, xmin::text AS tx FROM group_log ORDER BY id`));
  const stock = async (id: string) =>
    rowsOf<{ left_over: number }>(await service.platform.db.execute(sql`SELECT left_over FROM group_stock WHERE id = ${id}`))[0]?.left_over;
  const sqlState = (error: unknown) => (error as { code?: string }).code;

  it('writes every request, several requests to a statement', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, n) => groupCommit(service.platform.db, request(`s${n}`, 1 + (n % 3), `log${n}`))));
    const rows = await logs();
    expect(rows.map((row) => row.amount)).toEqual(Array.from({ length: 20 }, (_, n) => n).sort().map((n) => 1 + (n % 3)));
    expect(await stock('s2')).toBe(7);
    // One transaction per statement: fewer transactions than requests means requests shared statements.
    const transactions = new Set(rows.map((row) => row.tx)).size;
    expect(transactions).toBeGreaterThan(1);
    expect(transactions).toBeLessThan(20);
  });

  it('fails a request whose compare-and-set does not hold alone, and writes the rest of its group', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, n) =>
      groupCommit(service.platform.db, request(`s${n}`, n === 3 ? 100 : 1, `log${n}`))));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array.from({ length: 10 }, (_, n) => (n === 3 ? 'rejected' : 'fulfilled')));
    expect(sqlState((outcomes[3] as PromiseRejectedResult).reason)).toBe('40001');
    expect((await logs()).map((row) => row.id)).toEqual(['log0', 'log1', 'log2', 'log4', 'log5', 'log6', 'log7', 'log8', 'log9']);
    expect(await stock('s3')).toBe(10);
    expect(await stock('s4')).toBe(9);
  });

  it('fails only the request that breaks a unique key', async () => {
    await service.platform.db.execute(sql`INSERT INTO group_log VALUES ('taken', 0)`);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, n) =>
      groupCommit(service.platform.db, request(`s${n}`, 2, n === 5 ? 'taken' : `log${n}`))));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    expect(sqlState((outcomes[5] as PromiseRejectedResult).reason)).toBe('23505');
    expect(await stock('s5')).toBe(10);
    expect((await logs()).map((row) => row.id)).toEqual(['log0', 'log1', 'log2', 'log3', 'log4', 'log6', 'log7', 'taken']);
  });

  it('never puts two requests on the same key in one statement, and keeps their order', async () => {
    await Promise.all([
      groupCommit(service.platform.db, request('s0', 4, 'first')),
      groupCommit(service.platform.db, request('s1', 1, 'other')),
      groupCommit(service.platform.db, request('s0', 4, 'second')),
    ]);
    const rows = new Map((await logs()).map((row) => [row.id, BigInt(row.tx)]));
    expect(rows.get('first')).not.toBe(rows.get('second'));
    expect(rows.get('first')! < rows.get('second')!).toBe(true);
    expect(await stock('s0')).toBe(2);
  });

  it('groups only requests that write the same statements, and sends a request with many parameters alone', async () => {
    const logOnly = (logId: string, stockKey: string) => ({ writes: [{ statement: RECORD, values: [logId, 1] }], keys: [stockKey] });
    const many = { writes: Array.from({ length: 201 }, (_, n) => ({ statement: RECORD, values: [`many${n}`, 1] })), keys: ['s9'] };
    await Promise.all([
      groupCommit(service.platform.db, request('s0', 1, 'take0')), groupCommit(service.platform.db, logOnly('plain0', 's5')),
      groupCommit(service.platform.db, request('s1', 1, 'take1')), groupCommit(service.platform.db, logOnly('plain1', 's6')),
      groupCommit(service.platform.db, many),
    ]);
    const tx = new Map((await logs()).map((row) => [row.id, row.tx]));
    expect(tx.get('take0')).toBe(tx.get('take1'));
    expect(tx.get('plain0')).toBe(tx.get('plain1'));
    expect(tx.get('take0')).not.toBe(tx.get('plain0'));
    expect(new Set([tx.get('take0'), tx.get('plain0')]).has(tx.get('many0'))).toBe(false);
    expect(tx.get('many200')).toBe(tx.get('many0'));
  });

  it("gives a request the error of its own row callback, after its writes as when it runs alone", async () => {
    const failing: { writes: FastWrite[]; keys: string[] } = {
      writes: [{ statement: RECORD_RETURNING, values: ['checked', 1], onRows: () => { throw new Error('not what was expected'); } }],
      keys: ['s9'],
    };
    const outcomes = await Promise.allSettled([
      groupCommit(service.platform.db, request('s0', 1, 'log0')), groupCommit(service.platform.db, failing), groupCommit(service.platform.db, request('s1', 1, 'log1')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/not what was expected/);
    expect((await logs()).map((row) => row.id)).toEqual(['checked', 'log0', 'log1']);
  });
});
