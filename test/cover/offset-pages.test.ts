// Offset pages of the live portfolio listings (`page` + `pageSize`) on portfolios spread over many buckets of coverIds
// (cover_live_counts counts each bucket; an offset page of /covers/bulk starts its walk in the bucket holding its
// first cover): every page holds exactly what the whole listing holds there, by policy and by customer, after
// versions end and the counts are folded, on both engines.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { businessDateAt } from '../../src/platform/dates.js';
import { readLivePortfolioPage } from '../../src/cover/live-portfolio-page.js';
import { COVER_ID_BUCKET_BITS } from '../../src/cover/store.js';
import type { Executor } from '../../src/platform/db/database.js';
import { COVER, type CoverClient, coverClient, newPolicy } from './support.js';

/** Where this file's versions are numbered: far above any coverId the sequence gives out in a test. */
const FIRST_ID = 900_000_000;

describeEachEngine('Cover: offset pages across buckets of coverIds', (engine) => {
  let service: TestService;
  let client: CoverClient;
  let tenantId: string;
  let policies: string[];

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await coverClient(service, await service.createTenant());
    const today = businessDateAt(service.clock.now(), service.platform.config.BUSINESS_TIME_ZONE);
    policies = [await newPolicy(client, today), await newPolicy(client, today)];
    const [row] = await executeRaw(service.platform.db, 'SELECT tenant_id FROM cover_customers WHERE customer_id = $1', [client.customerId]) as { tenant_id: string }[];
    tenantId = row!.tenant_id;
    // 3 000 versions 1, 2 or 7 coverIds apart (a run of 1 500 ids holds none), alternating between the two policies;
    // every fifth one ended.
    const ids: number[] = [];
    for (let n = 0, id = FIRST_ID + 5; n < 3000; n += 1) {
      ids.push(id);
      id += n === 1200 ? 1500 : [1, 2, 7][n % 3]!;
    }
    await insertVersions(ids.map((id, n) => ({ id, policy: policies[n % 2]!, ended: n % 5 === 4 })));
  });
  afterAll(async () => service?.stop());

  async function insertVersions(versions: { id: number; policy: string; ended: boolean }[]): Promise<void> {
    const values = versions.map(({ id, policy, ended }) => `(${id}, '${tenantId}', ${client.customerId}, ${policy}, ${id}, 'SE', 'P${id}', '${tenantId}',
      'credit-limit', 'DECISION', 'DC01', 'APPROVED', 'EUR', 500000, 500000, 1, now(), now(), '2026-01-01', now(), ${ended ? `'CANC'` : 'null'})`);
    await executeRaw(service.platform.db, `INSERT INTO cover_versions (cover_id, tenant_id, customer_id, policy_id, buyer_id, buyer_country,
      buyer_registry_id, book_id, cover_type, cover_status, decision_code, neutral_code, currency, requested_amount, first_amount,
      buyer_rating_at_application, application_date, decision_date, effect_from_date, updated_at, historic_code) OVERRIDING SYSTEM VALUE VALUES ${values.join(',')}`);
  }

  async function liveIds(scope: string): Promise<number[]> {
    const rows = await executeRaw(service.platform.db,
      `SELECT cover_id FROM cover_versions WHERE tenant_id = $1 AND ${scope} AND historic_code IS NULL ORDER BY cover_id`, [tenantId]) as { cover_id: string | number }[];
    return rows.map((row) => Number(row.cover_id));
  }

  async function expectEveryPage(query: string, expected: number[], pageSizes: number[]): Promise<void> {
    for (const pageSize of pageSizes) {
      const pages = Math.ceil(expected.length / pageSize) + 1;
      for (let page = 1; page <= pages; page += 1) {
        const reply = await client.get(`${COVER}/covers/bulk?${query}&page=${page}&pageSize=${pageSize}`);
        expect(reply.status).toBe(200);
        expect(reply.body.meta).toEqual({ page, pageSize, totalItems: expected.length, totalPages: Math.ceil(expected.length / pageSize) });
        const got = (reply.body.data as { coverId: number }[]).map((cover) => cover.coverId);
        expect(got, `${query} page ${page} of ${pageSize}`).toEqual(expected.slice((page - 1) * pageSize, page * pageSize));
      }
    }
  }

  it('answers every offset page of a policy and of the customer with the covers at that position', async () => {
    const byPolicy = await liveIds(`policy_id = ${policies[0]}`);
    expect(byPolicy.length).toBe(1200);
    const span = (byPolicy.at(-1)! >> COVER_ID_BUCKET_BITS) - (byPolicy[0]! >> COVER_ID_BUCKET_BITS);
    expect(span).toBeGreaterThan(5);
    await expectEveryPage(`policyId=${policies[0]}`, byPolicy, [1000, 97, 999]);
    const byCustomer = await liveIds(`customer_id = ${client.customerId}`);
    expect(byCustomer.length).toBe(2400);
    await expectEveryPage(`customerId=${client.customerId}`, byCustomer, [1000, 333]);
  });

  it('stays exact when versions end, come and go, and the counts are folded', async () => {
    // End every third live version of the first policy (−1 rows), then remove some ended and some live ones.
    await executeRaw(service.platform.db, `UPDATE cover_versions SET historic_code = 'CANC' WHERE tenant_id = $1 AND policy_id = ${policies[0]}
      AND historic_code IS NULL AND cover_id % 3 = 0`, [tenantId]);
    await executeRaw(service.platform.db, `DELETE FROM cover_versions WHERE tenant_id = $1 AND policy_id = ${policies[0]} AND cover_id % 11 = 0`, [tenantId]);
    await insertVersions(Array.from({ length: 40 }, (_, n) => ({ id: FIRST_ID + 100_000 + n * 300, policy: policies[0]!, ended: false })));
    const surplus = async () => Number((await executeRaw(service.platform.db,
      'SELECT count(*) - count(DISTINCT bucket) AS n FROM cover_live_counts WHERE tenant_id = $1 AND policy_id = $2', [tenantId, Number(policies[0])]) as { n: string }[])[0]!.n);
    expect(await surplus()).toBeGreaterThan(32);
    const byPolicy = await liveIds(`policy_id = ${policies[0]}`);
    await expectEveryPage(`policyId=${policies[0]}`, byPolicy, [100]);
    // The first read folded the rows: one per bucket with live versions.
    expect(await surplus()).toBe(0);
    const counted = await executeRaw(service.platform.db, `SELECT bucket, live FROM cover_live_counts WHERE tenant_id = $1 AND policy_id = $2 ORDER BY bucket`,
      [tenantId, Number(policies[0])]) as { bucket: string; live: string }[];
    const buckets = new Map<number, number>();
    for (const id of byPolicy) buckets.set(id >> COVER_ID_BUCKET_BITS, (buckets.get(id >> COVER_ID_BUCKET_BITS) ?? 0) + 1);
    expect(counted.map((row) => [Number(row.bucket), Number(row.live)])).toEqual([...buckets]);
    await expectEveryPage(`customerId=${client.customerId}`, await liveIds(`customer_id = ${client.customerId}`), [1000]);
  });

  // PostgreSQL plans a prepared statement's first five executions for their values, then keeps a generic plan only
  // if it is priced no higher than those were; a page statement planned on every execution costs as much again.
  // (PGlite runs these statements unnamed: there is no plan cache to look at.)
  if (engine === 'postgres') it('keeps one generic plan per connection for each kind of page, whatever the page', async () => {
    await executeRaw(service.platform.db, 'ANALYZE cover_versions');
    await executeRaw(service.platform.db, 'ANALYZE cover_live_counts');
    const connection = new pg.Client({ connectionString: service.databaseUrl, options: '-c jit=off' });
    await connection.connect();
    try {
      const executor = { session: { client: connection } } as unknown as Executor;
      const ids = await liveIds(`policy_id = ${policies[1]}`);
      for (const listing of ['bulk', 'portfolio'] as const) {
        for (let n = 0; n < 8; n += 1) {
          for (const start of [{ offset: n * 150 }, { after: ids[n * 150]! }]) {
            const page = await readLivePortfolioPage(executor, { tenantId, listing, policyId: Number(policies[1]), pageSize: 10 + n * 20, start, now: service.clock.now() });
            expect(page.totalItems).toBe(ids.length);
          }
        }
      }
      const plans = await connection.query<{ name: string; generic_plans: string; custom_plans: string }>(
        `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'cover_live_page_%' ORDER BY name`);
      expect(plans.rows.map((row) => [row.name, Number(row.custom_plans), Number(row.generic_plans)])).toEqual([
        ['cover_live_page_bulk_p_after', 5, 3], ['cover_live_page_bulk_p_offset', 5, 3],
        ['cover_live_page_portfolio_p_after', 5, 3], ['cover_live_page_portfolio_p_offset', 5, 3],
      ]);
    } finally {
      await connection.end();
    }
  });
});
