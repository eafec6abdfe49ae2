// Offset pages of `/covers` (newest first: listed_at desc, coverId desc) on portfolios spread over many buckets of
// listing times (cover_listed_counts counts each coarse and fine bucket; an offset page starts its walk in the fine
// bucket holding its first cover): every page holds exactly what the whole ordering holds there, by policy and by
// customer, with ties on the listing time, across the boundaries of fine and coarse buckets, after covers change
// state between pages (decided, ended, deleted, added) and the counts are folded, next to another tenant's covers in
// the same buckets, on both engines.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { businessDateAt } from '../../src/platform/dates.js';
import { LISTED_COARSE_BITS, LISTED_FINE_BITS } from '../../src/cover/store.js';
import { COVER, type CoverClient, coverClient, newPolicy } from './support.js';

/** Where this file's versions are numbered: far above any coverId the sequence gives out in a test. */
const FIRST_ID = 910_000_000;
/** The listing times start here (seconds since the epoch): a coarse bucket begins 100 s later. */
const T0 = (((1_767_225_600 >> LISTED_COARSE_BITS) + 1) << LISTED_COARSE_BITS) - 100;

interface Version { id: number; policy: string; at: number; decidedAt: number | null; ended: boolean }

describeEachEngine('Cover: newest-first offset pages across buckets of listing times', (engine) => {
  let service: TestService;
  let client: CoverClient;
  let other: CoverClient;
  let tenantId: string;
  let otherTenantId: string;
  let policies: string[];
  let otherPolicy: string;

  const tenantOf = async (customerId: number) => ((await executeRaw(service.platform.db,
    'SELECT tenant_id FROM cover_customers WHERE customer_id = $1', [customerId]) as { tenant_id: string }[])[0]!.tenant_id);

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await coverClient(service, await service.createTenant());
    other = await coverClient(service, await service.createTenant());
    const today = businessDateAt(service.clock.now(), service.platform.config.BUSINESS_TIME_ZONE);
    policies = [await newPolicy(client, today), await newPolicy(client, today)];
    otherPolicy = await newPolicy(other, today);
    tenantId = await tenantOf(client.customerId);
    otherTenantId = await tenantOf(other.customerId);
    // 3 000 versions alternating between the two policies. Listing times: runs of equal times (ties broken by coverId),
    // steps of 1 s to several days, so pages cross fine buckets (2^10 s) and coarse ones (2^20 s); a quiet stretch of
    // 40 days holds none. Every seventh one is referred (no decision date: listed at its application), every fifth
    // one ended. CoverIds do not follow the listing times (every third one is numbered backwards).
    const versions: Version[] = [];
    for (let n = 0, at = T0; n < 3000; n += 1) {
      const id = n % 3 === 0 ? FIRST_ID + 10_000 - n : FIRST_ID + 20_000 + n;
      const referred = n % 7 === 3;
      versions.push({ id, policy: policies[n % 2]!, at, decidedAt: referred ? null : at, ended: n % 5 === 4 });
      at += n === 1500 ? 40 * 86_400 : n % 4 === 0 ? 0 : [1, 37, 700, 4_000, 90_000][n % 5]!;
    }
    await insertVersions(tenantId, client.customerId, versions);
    // The other tenant: covers at the same times, in the same buckets.
    await insertVersions(otherTenantId, other.customerId, versions.slice(0, 500).map((version, n) => ({ ...version, id: FIRST_ID + 50_000 + n, policy: otherPolicy })));
  });
  afterAll(async () => service?.stop());

  const time = (seconds: number) => `'${new Date(seconds * 1000).toISOString()}'::timestamptz`;

  async function insertVersions(tenant: string, customerId: number, versions: Version[]): Promise<void> {
    const values = versions.map(({ id, policy, at, decidedAt, ended }) => `(${id}, '${tenant}', ${customerId}, ${policy}, ${id}, 'SE', 'P${id}', '${tenant}',
      'credit-limit', '${decidedAt === null ? 'REFERRED' : 'DECISION'}', ${decidedAt === null ? 'null' : `'DC01'`}, 'APPROVED', 'EUR', 500000,
      ${decidedAt === null ? 0 : 500000}, 1, ${time(at)}, ${decidedAt === null ? 'null' : time(decidedAt)}, '2026-01-01', now(), ${ended ? `'CANC'` : 'null'})`);
    await executeRaw(service.platform.db, `INSERT INTO cover_versions (cover_id, tenant_id, customer_id, policy_id, buyer_id, buyer_country,
      buyer_registry_id, book_id, cover_type, cover_status, decision_code, neutral_code, currency, requested_amount, first_amount,
      buyer_rating_at_application, application_date, decision_date, effect_from_date, updated_at, historic_code) OVERRIDING SYSTEM VALUE VALUES ${values.join(',')}`);
  }

  /** The live covers of a scope, newest first, as the listing orders them. */
  async function newestFirst(tenant: string, scope: string): Promise<number[]> {
    const rows = await executeRaw(service.platform.db, `SELECT cover_id FROM cover_versions WHERE tenant_id = $1 AND ${scope} AND historic_code IS NULL
      ORDER BY coalesce(decision_date, application_date) DESC, cover_id DESC`, [tenant]) as { cover_id: string | number }[];
    return rows.map((row) => Number(row.cover_id));
  }

  async function expectEveryPage(as: CoverClient, query: string, expected: number[], pageSizes: number[]): Promise<void> {
    for (const pageSize of pageSizes) {
      const pages = Math.ceil(expected.length / pageSize) + 1;
      for (let page = 1; page <= pages; page += 1) {
        const reply = await as.get(`${COVER}/covers?${query}&page=${page}&pageSize=${pageSize}`);
        expect(reply.status).toBe(200);
        expect(reply.body.meta).toEqual({ page, pageSize, totalItems: expected.length, totalPages: Math.ceil(expected.length / pageSize) });
        const got = (reply.body.data as { coverId: number }[]).map((cover) => cover.coverId);
        expect(got, `${query} page ${page} of ${pageSize}`).toEqual(expected.slice((page - 1) * pageSize, page * pageSize));
      }
    }
  }

  /** The listing counts of a policy recomputed from its live versions: [span, bucket, live], ordered. */
  async function countsOf(policy: string): Promise<{ recomputed: number[][]; stored: number[][] }> {
    const recomputed = await executeRaw(service.platform.db, `SELECT s.span, floor(extract(epoch FROM listed_at))::bigint >> s.span AS bucket, count(*) AS live
      FROM cover_versions, (VALUES (${LISTED_FINE_BITS}), (${LISTED_COARSE_BITS})) AS s(span)
      WHERE tenant_id = $1 AND policy_id = $2 AND historic_code IS NULL GROUP BY 1, 2 ORDER BY 1, 2`, [tenantId, Number(policy)]) as Record<string, string>[];
    const stored = await executeRaw(service.platform.db, `SELECT span, bucket, live FROM cover_listed_counts WHERE tenant_id = $1 AND policy_id = $2
      ORDER BY span, bucket`, [tenantId, Number(policy)]) as Record<string, string>[];
    const triples = (rows: Record<string, string>[]) => rows.map((row) => [Number(row.span), Number(row.bucket), Number(row.live)]);
    return { recomputed: triples(recomputed), stored: triples(stored) };
  }

  it('answers every offset page of a policy and of the customer with the covers at that position', async () => {
    const byPolicy = await newestFirst(tenantId, `policy_id = ${policies[0]}`);
    expect(byPolicy.length).toBe(1200);
    // The portfolio spans several coarse buckets and many fine ones.
    const { recomputed } = await countsOf(policies[0]!);
    expect(recomputed.filter(([span]) => span === LISTED_COARSE_BITS).length).toBeGreaterThan(3);
    expect(recomputed.filter(([span]) => span === LISTED_FINE_BITS).length).toBeGreaterThan(100);
    await expectEveryPage(client, `policyId=${policies[0]}`, byPolicy, [1000, 97, 7, 999]);
    const byCustomer = await newestFirst(tenantId, `customer_id = ${client.customerId}`);
    expect(byCustomer.length).toBe(2400);
    await expectEveryPage(client, `customerId=${client.customerId}`, byCustomer, [1000, 333]);
    await expectEveryPage(client, `customerId=${client.customerId}&policyId=${policies[1]}`, await newestFirst(tenantId, `policy_id = ${policies[1]}`), [250]);
  }, 240_000);

  it('stays exact when covers change state between pages, and the counts are folded', async () => {
    const scope = `policy_id = ${policies[0]}`;
    const before = await newestFirst(tenantId, scope);
    const first = await client.get(`${COVER}/covers?policyId=${policies[0]}&page=3&pageSize=50`);
    expect((first.body.data as { coverId: number }[]).map((cover) => cover.coverId)).toEqual(before.slice(100, 150));
    // Referred covers decided later (their listing time moves to the decision), some decided within the same second,
    // live covers ended, some versions deleted, new ones added at the newest and at an old time.
    await executeRaw(service.platform.db, `UPDATE cover_versions SET cover_status = 'DECISION', decision_code = 'DC01',
      decision_date = application_date + (cover_id % 4) * interval '3 days' + interval '0.4 second'
      WHERE tenant_id = $1 AND ${scope} AND historic_code IS NULL AND cover_status = 'REFERRED'`, [tenantId]);
    await executeRaw(service.platform.db, `UPDATE cover_versions SET historic_code = 'CANC' WHERE tenant_id = $1 AND ${scope}
      AND historic_code IS NULL AND cover_id % 3 = 0`, [tenantId]);
    await executeRaw(service.platform.db, `DELETE FROM cover_versions WHERE tenant_id = $1 AND ${scope} AND cover_id % 11 = 0`, [tenantId]);
    await insertVersions(tenantId, client.customerId, Array.from({ length: 40 }, (_, n) => ({
      id: FIRST_ID + 100_000 + n, policy: policies[0]!, at: T0 - 5 * 86_400, decidedAt: n % 2 === 0 ? T0 + 200 * 86_400 + (n >> 2) : T0 - 5 * 86_400, ended: false,
    })));
    const stored = await countsOf(policies[0]!);
    expect(stored.stored.length).toBeGreaterThan(stored.recomputed.length + 32);
    const after = await newestFirst(tenantId, scope);
    expect(after).not.toEqual(before);
    await expectEveryPage(client, `policyId=${policies[0]}`, after, [100, 33]);
    // The first read folded the rows: one per (span, bucket) with live versions, each the bucket's count.
    const folded = await countsOf(policies[0]!);
    expect(folded.stored).toEqual(folded.recomputed);
    await expectEveryPage(client, `customerId=${client.customerId}`, await newestFirst(tenantId, `customer_id = ${client.customerId}`), [1000]);
  }, 240_000);

  it('renders each cover of a page as the filtered listing (read through the query builder) renders it', async () => {
    // Covers of every shape on the second policy: conditions and texts needing escapes, a second amount, pending
    // processes with their amount, conditions or policy, a reference and notes, a buyer the registry does not know.
    const condition = (code: string) => ({ code, type: 'STD', category: 'Payment "terms"', description: `Max 60 days\\net\n${code} Å` });
    const shapes = [
      `conditions = '${JSON.stringify([condition('C1'), condition('C2')])}'::jsonb, decision_code = 'DC02', neutral_code = 'CONDITIONAL'`,
      `second_amount = 250000, second_expiry_date = '2026-09-30', customer_ref_number = 'ref "7" \\ x'`,
      `pending_process = 'B', pending_effective_date = '2026-04-01', pending_conditions = '${JSON.stringify([condition('B1')])}'::jsonb, pending_amount = 300000`,
      `pending_process = 'W', pending_effective_date = '2026-04-02', pending_amount = 0, notes = 'line one\nline "two"'`,
      `pending_process = 'T', pending_effective_date = '2026-04-03', pending_policy_id = ${policies[0]}`,
      `pending_process = 'C', pending_effective_date = '2026-04-04', pending_amount = 100000, cover_type = 'indication'`,
      `cover_type = 'credit-check', effective_to_date = '2026-12-31', withdrawal_date = '2026-11-30', previous_cover_id = 40000001`,
    ];
    const ids = await newestFirst(tenantId, `policy_id = ${policies[1]}`);
    for (const [n, set] of shapes.entries()) {
      await executeRaw(service.platform.db, `UPDATE cover_versions SET ${set} WHERE cover_id = $1`, [ids[n * 3]!]);
    }
    const paged = await client.get(`${COVER}/covers?policyId=${policies[1]}&page=1&pageSize=40`);
    const bulk = await client.get(`${COVER}/covers/bulk?policyId=${policies[1]}&page=1&pageSize=1000`);
    // A filter (coverType) takes the listing off the one-statement page: the rows come from the query builder.
    const filtered = new Map<number, unknown>();
    for (const coverType of ['credit-limit', 'credit-check', 'indication']) {
      for (const page of [1, 2]) {
        const reply = await client.get(`${COVER}/covers?policyId=${policies[1]}&coverType=${coverType}&page=${page}&pageSize=1000`);
        expect(reply.status).toBe(200);
        for (const cover of reply.body.data as { coverId: number }[]) filtered.set(cover.coverId, cover);
      }
    }
    expect(filtered.size).toBe(ids.length);
    expect(paged.status).toBe(200);
    const listed = paged.body.data as { coverId: number }[];
    expect(listed.map((cover) => cover.coverId)).toEqual(ids.slice(0, 40));
    for (const cover of listed) expect(cover).toEqual(filtered.get(cover.coverId));
    for (const cover of bulk.body.data as { coverId: number }[]) expect(cover).toEqual(filtered.get(cover.coverId));
    expect(listed.filter((cover: any) => cover.pendingProcessIndicator !== null).length).toBe(4);
  }, 120_000);

  it("pages another tenant's covers in the same buckets on their own, and refuses the first tenant's policy to it", async () => {
    const theirs = await newestFirst(otherTenantId, `policy_id = ${otherPolicy}`);
    expect(theirs.length).toBe(400);
    await expectEveryPage(other, `policyId=${otherPolicy}`, theirs, [64]);
    await expectEveryPage(other, `customerId=${other.customerId}`, await newestFirst(otherTenantId, `customer_id = ${other.customerId}`), [1000]);
    const refused = await other.get(`${COVER}/covers?policyId=${policies[0]}&page=2&pageSize=10`);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({ code: 'FORBIDDEN', source: { pointer: '/policyId' } });
    const mine = await client.get(`${COVER}/covers?policyId=${policies[0]}&page=1&pageSize=5`);
    expect(mine.body.meta.totalItems).toBe((await newestFirst(tenantId, `policy_id = ${policies[0]}`)).length);
  }, 120_000);
});
