// JobQueue.enqueueWrite: the rows pg-boss's own insert (enqueue) writes, as a write that can go with others in one
// statement, also conditionally (fastGuardedWriteAll).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { fastGuardedWriteAll, fastRows, type FastStatement } from '../../src/platform/db/fast-query.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const GUARD: FastStatement = { name: 'test_jobs_guard', text: 'UPDATE jobs_guard SET n = n + 1 WHERE id = $1 RETURNING id' };

describeEachEngine('job enqueue write', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
    await service.platform.jobs.define({ name: 'enqueue-write-plain' });
    await service.platform.jobs.define({ name: 'enqueue-write-tuned', retryLimit: 7, retryDelaySeconds: 3, retryBackoff: false, expireInSeconds: 90 });
    await service.platform.db.execute(sql`CREATE TABLE jobs_guard (id text PRIMARY KEY, n integer NOT NULL)`);
    await service.platform.db.execute(sql`INSERT INTO jobs_guard VALUES ('held', 0)`);
  });
  afterAll(async () => service?.stop());

  const jobsOf = async (name: string) => rowsOf<Record<string, unknown>>(await service.platform.db.execute(sql`
    SELECT name, data, priority, state, singleton_key, singleton_on, dead_letter, expire_in::text AS expire_in, retry_limit, retry_delay,
      retry_backoff, policy, (keep_until - start_after)::text AS kept_for, start_after <= now() AS started
    FROM pgboss.job WHERE name = ${name} ORDER BY data->>'n'`));

  for (const name of ['enqueue-write-plain', 'enqueue-write-tuned']) {
    it(`writes the rows enqueue writes (${name})`, async () => {
      const { jobs, db } = service.platform;
      await jobs.enqueue(db, name, [{ n: 1, by: 'boss' }]);
      const write = jobs.enqueueWrite(name, [{ n: 2, by: 'write' }, { n: 3, by: 'write' }]);
      await fastRows(db, write.statement, write.values);
      const [boss, ...written] = await jobsOf(name);
      expect(written).toHaveLength(2);
      const { data: _data, ...settings } = boss!;
      for (const row of written) expect(row).toMatchObject(settings);
      expect(written.map((row) => row.data)).toEqual([{ n: 2, by: 'write' }, { n: 3, by: 'write' }]);
    });
  }

  it('enqueues only when the guard holds', async () => {
    const { jobs, db } = service.platform;
    const write = jobs.enqueueWrite('enqueue-write-plain', [{ n: 9 }]);
    expect(await fastGuardedWriteAll(db, { statement: GUARD, values: ['missing'] }, [write])).toBe(false);
    expect((await jobsOf('enqueue-write-plain')).filter((row) => (row.data as { n: number }).n === 9)).toHaveLength(0);
    expect(await fastGuardedWriteAll(db, { statement: GUARD, values: ['held'] }, [write])).toBe(true);
    expect((await jobsOf('enqueue-write-plain')).filter((row) => (row.data as { n: number }).n === 9)).toHaveLength(1);
  });

  it('refuses a queue that is not defined', () => {
    expect(() => service.platform.jobs.enqueueWrite('no-such-queue', [{}])).toThrow(/not defined/);
  });
});
