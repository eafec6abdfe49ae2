import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachEngine, ENGINES, TEST_DATABASE_URL, createScratchDatabase } from '../support/engines.js';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logging.js';
import { Sweeper, sweepUntilDone, type Sweep } from '../../src/platform/sweeper/sweeper.js';
import { expiredIdempotencyKeysSweep } from '../../src/platform/maintenance-sweeps.js';
import { idempotencyKeys, tenants } from '../../src/platform/db/schema.js';

/** A deadline table of the test's own, so the framework is exercised independently of any business module. */
async function createDeadlineTable(handle: DatabaseHandle, rows: number) {
  await handle.query('CREATE TABLE test_deadlines (id int PRIMARY KEY, due_at timestamptz, fired_count int NOT NULL DEFAULT 0, fired_by text)');
  await handle.query('CREATE INDEX test_deadlines_due ON test_deadlines (due_at) WHERE due_at IS NOT NULL');
  await handle.query(`INSERT INTO test_deadlines (id, due_at) SELECT g, timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, ${rows}) g`);
}

function deadlineSweep(workerName: string, batchSize: number): Sweep<{ id: number }> {
  return {
    name: `test-deadlines-${workerName}`,
    batchSize,
    async claimDue(tx, now, limit) {
      return rowsOf<{ id: number }>(
        await tx.execute(sql`SELECT id FROM test_deadlines WHERE due_at <= ${now} ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`),
      );
    },
    async fire(tx, rows) {
      const ids = rows.map((row) => row.id);
      // Give the other worker time to race for the same rows while these are locked.
      await tx.execute(sql`SELECT pg_sleep(0.002)`);
      await tx.execute(sql`UPDATE test_deadlines SET due_at = NULL, fired_count = fired_count + 1, fired_by = ${workerName} WHERE id IN ${sql.raw(`(${ids.join(',')})`)}`);
    },
  };
}

describeEachEngine('deadline sweeper', (engine) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: engine === 'pglite' });
    await applyMigrations(handle);
    await createDeadlineTable(handle, 300);
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it('fires only what is due, in bounded batches, each deadline once', async () => {
    const clock = new ManualClock('2026-01-01T00:02:00Z');
    const report = await sweepUntilDone(handle.db, deadlineSweep('one', 50), clock);
    expect(report).toEqual({ name: 'test-deadlines-one', processed: 120, batches: 3 });
    const again = await sweepUntilDone(handle.db, deadlineSweep('one', 50), clock);
    expect(again.processed).toBe(0);
    const counts = await handle.query<{ fired: string; pending: string }>('SELECT count(*)::int AS fired FROM test_deadlines WHERE fired_count = 1 UNION ALL SELECT count(*)::int FROM test_deadlines WHERE due_at IS NOT NULL');
    expect(counts.map((row) => Number(row.fired))).toEqual([120, 180]);
  });

  it('deletes idempotency keys past their expiry and keeps the rest', async () => {
    const tenantId = '00000000-0000-4000-8000-000000000001';
    await handle.db.insert(tenants).values({ id: tenantId, name: 'T', mode: 'sandbox', clientId: '00000000-0000-4000-8000-000000000002', createdAt: new Date() });
    const base = { tenantId, scope: 's', requestHash: 'h', responseStatus: 200, responseBody: '{}', responseContentType: 'application/json', createdAt: new Date('2026-01-01T00:00:00Z') };
    await handle.db.insert(idempotencyKeys).values([
      { ...base, key: 'old', expiresAt: new Date('2026-01-02T00:00:00Z') },
      { ...base, key: 'new', expiresAt: new Date('2026-01-03T00:00:00Z') },
    ]);
    const report = await sweepUntilDone(handle.db, expiredIdempotencyKeysSweep, new ManualClock('2026-01-02T12:00:00Z'));
    expect(report.processed).toBe(1);
    expect((await handle.db.select().from(idempotencyKeys)).map((row) => row.key)).toEqual(['new']);
  });
});

// Two pools on PostgreSQL make a real race (CI always has it); without it, both workers share PGlite's one connection.
describe(`deadline sweeper race [${ENGINES.includes('postgres') ? 'postgres' : 'pglite'}]`, () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (!TEST_DATABASE_URL) {
      first = await openDatabase({ dataDir: '', inMemory: true });
      second = first;
      drop = async () => undefined;
    } else {
      const scratch = await createScratchDatabase();
      drop = scratch.drop;
      first = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 4 });
      second = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 4 });
    }
    await applyMigrations(first);
    await createDeadlineTable(first, 5000);
  });
  afterAll(async () => {
    await first?.close();
    if (second !== first) await second?.close();
    await drop?.();
  });

  it('two workers sweeping at once fire every deadline exactly once', async () => {
    const clock = new ManualClock('2027-01-01T00:00:00Z');
    const logger = createLogger('silent');
    const workerA = new Sweeper(first.db, clock, logger);
    const workerB = new Sweeper(second.db, clock, logger);
    workerA.register(deadlineSweep('a', 100));
    workerB.register(deadlineSweep('b', 100));
    const [reportA, reportB] = await Promise.all([workerA.runOnce(), workerB.runOnce()]);
    const processedA = reportA[0]!.processed;
    const processedB = reportB[0]!.processed;
    expect(processedA + processedB).toBe(5000);
    // Both really worked: the race happened.
    expect(processedA).toBeGreaterThan(0);
    expect(processedB).toBeGreaterThan(0);
    const stats = await first.query<{ once: unknown; other: unknown; by_a: unknown }>(
      "SELECT count(*) FILTER (WHERE fired_count = 1) AS once, count(*) FILTER (WHERE fired_count <> 1) AS other, count(*) FILTER (WHERE fired_by = 'a') AS by_a FROM test_deadlines",
    );
    expect([stats[0]!.once, stats[0]!.other, stats[0]!.by_a].map(Number)).toEqual([5000, 0, processedA]);
  });
});
