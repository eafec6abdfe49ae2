// groupedRead: concurrent runs of one read statement in one statement, each request with its own rows or error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastStatement } from '../../src/platform/db/fast-query.js';
import { groupedRead } from '../../src/platform/db/grouped-read.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const SERIES: FastStatement = {
  name: 'test_grouped_series',
  text: `SELECT $1::int AS n, k, 100 / $3::int AS share, statement_timestamp()::text AS at
    FROM generate_series(1, $2::int) AS k ORDER BY k`,
};

interface SeriesRow { n: number; k: number; share: number; at: string }

describeEachEngine('grouped reads', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const read = (n: number, rows: number, divisor = 4) => groupedRead<SeriesRow>(service.platform.db, SERIES, [n, rows, divisor]);

  it("answers each request its own rows, several requests to a statement", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => read(n, n % 4)));
    answers.forEach((rows, n) => {
      expect(rows.map((row) => [Number(row.n), Number(row.k), Number(row.share)])).toEqual(Array.from({ length: n % 4 }, (_, k) => [n, k + 1, 25]));
      expect(rows.every((row) => !('group_index' in row))).toBe(true);
    });
    // Rows of one statement share its start time: fewer start times than requests means requests shared statements.
    const statements = new Set(answers.flat().map((row) => row.at)).size;
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThan(answers.filter((rows) => rows.length > 0).length);
  });

  it('fails only the request whose own read fails', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => read(n, 2, n === 2 ? 0 : 5)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    expect((outcomes[5] as PromiseFulfilledResult<SeriesRow[]>).value.map((row) => Number(row.share))).toEqual([20, 20]);
  });
});
