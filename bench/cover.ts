import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/database.js';
import { measureCpu, reportCpu } from './_cpu.js';
import { withLuhnCheckDigit } from '../src/risk/api.js';
import { benchTenant, BENCH_DATABASE_URL, httpClient, insertSelectBaseline, load, report, startBenchService } from './_harness.js';

/** A valid Swedish organisation number 559xxxxxxC for buyer number `n`. */
function seOrgNumber(n: number): string {
  return withLuhnCheckDigit(`559${String(n).padStart(6, '0')}`);
}

const BUYERS = 1000;
const POLICIES = 200;
const PORTFOLIO = 100_000;

/**
 * Credit cover on PostgreSQL: first-time applications (each on a new policy + buyer position, decided on the locked
 * exposure row), a listing page of a 100 000-cover portfolio, and batches of 100 applications, next to a bare
 * insert-and-select transaction through the same pool (the same-run baseline of the other suites).
 */
export default async function coverBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const options = { seconds: 5, concurrency: 16 };
  const warmUp = { seconds: 1, concurrency: 16 };
  const client = httpClient(service.url, options.concurrency);
  try {
    const sheet = await benchTenant(service);
    const cover = sheet.credentials.cover;
    const tokenReply = await client.request('POST', '/authenticate/v2/tokens', {
      authorization: `Basic ${Buffer.from(`${cover.clientId}:${cover.clientSecret}`).toString('base64')}`, 'atradius-app-key': String(cover.appKey), 'content-type': 'application/json',
    }, '{}');
    const token = (JSON.parse(tokenReply.text) as { data: { access_token: string } }).data.access_token;
    const headers = { authorization: `Bearer ${token}`, 'atradius-app-key': String(cover.appKey), 'content-type': 'application/json' };
    const portfolio = JSON.parse((await client.request('GET', '/credit-insurance/policy-management/v1/policies', headers)).text) as { data: { customerId: number; policies: { policyId: string }[] }[] };
    const customerId = portfolio.data[0]!.customerId;
    const demoPolicy = Number(portfolio.data[0]!.policies[0]!.policyId);
    const tenantId = sheet.tenantId;

    // 1000 rating-1 buyers with their numbers, and 200 more live policies of the demo customer.
    const identifiers = Array.from({ length: BUYERS }, (_, i) => seOrgNumber(i + 1));
    await db.execute(sql.raw(`INSERT INTO risk_buyers (country, registry_id, name, rating) VALUES ${identifiers.map((id, i) => `('SE', '${id}', 'Bench buyer ${i}', 1)`).join(',')} ON CONFLICT DO NOTHING`));
    await db.execute(sql.raw(`INSERT INTO risk_buyer_numbers (country, registry_id) VALUES ${identifiers.map((id) => `('SE', '${id}')`).join(',')} ON CONFLICT DO NOTHING`));
    const buyerIds = rowsOf<{ buyer_id: string }>(await db.execute(sql.raw(`SELECT buyer_id FROM risk_buyer_numbers WHERE registry_id IN (${identifiers.map((id) => `'${id}'`).join(',')}) ORDER BY buyer_id`))).map((row) => Number(row.buyer_id));
    const policyIds = rowsOf<{ policy_id: string }>(await db.execute(sql.raw(`
      INSERT INTO cover_policies (tenant_id, customer_id, status, currency, start_date, expiry_date, insured_percentage, discretionary_limit,
        max_extension_days, credit_check_amount, auto_decision_max, created_at)
      SELECT '${tenantId}', ${customerId}, 'live', 'EUR', start_date, expiry_date, 90, 500000, 60, 700000, 5000000, now()
      FROM cover_policies, generate_series(1, ${POLICIES}) WHERE policy_id = ${demoPolicy} RETURNING policy_id`))).map((row) => Number(row.policy_id));

    const application = (i: number) => JSON.stringify({
      customerId, policyId: String(policyIds[Math.floor(i / BUYERS) % POLICIES]), buyerId: buyerIds[i % BUYERS], coverType: 'credit-limit',
      currencyCode: 'EUR', creditLimitAmount: '5000',
    });
    let next = 0;
    const applyOne = async () => {
      const response = await client.request('POST', '/credit-insurance/cover-management/v1/covers', headers, application(next++));
      if (response.status !== 201) throw new Error(`POST /covers answered ${response.status}: ${response.text}`);
    };

    console.log(`cover benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${options.concurrency} concurrent clients, ${options.seconds} s each after ${warmUp.seconds} s of warm-up`);
    await insertSelectBaseline(db, warmUp);
    const { result: baseline, cpu: baselineCpu } = await measureCpu(db, undefined, () => insertSelectBaseline(db, options));
    report('baseline: insert+select transaction (pool)', baseline);
    reportCpu(baselineCpu, baseline.requests, 'client');

    await load(applyOne, warmUp);
    const { result: apply, cpu: applyCpu } = await measureCpu(db, service.pid, () => load(applyOne, options));
    report('POST /covers (first application, decided)', apply, baseline);
    reportCpu(applyCpu, apply.requests);
    if (next > POLICIES * BUYERS) throw new Error('ran out of fresh positions; raise BUYERS or POLICIES');

    // A 100 000-cover portfolio on the demo policy, then random pages of 100 from the paged listings.
    await db.execute(sql.raw(`
      INSERT INTO cover_versions (tenant_id, customer_id, policy_id, buyer_id, buyer_country, buyer_registry_id, book_id, cover_type,
        cover_status, decision_code, neutral_code, currency, requested_amount, first_amount, buyer_rating_at_application,
        application_date, decision_date, effect_from_date, updated_at, historic_code)
      SELECT '${tenantId}', ${customerId}, ${demoPolicy}, 20000000 + i, 'SE', 'P' || i, '${tenantId}', 'credit-limit', 'DECISION', 'DC01',
        'APPROVED', 'EUR', 500000, 500000, 1, now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval,
        to_char(now(), 'YYYY-MM-DD'), now(), null
      FROM generate_series(1, ${PORTFOLIO}) AS i`));
    // A portfolio built through the API has its live-count rows folded as it grows (the first page read folds the
    // 100 000 the insert's trigger appended); then what autovacuum does to tables at rest: statistics and the
    // visibility map the index-only page scans rely on, and the folded rows gone.
    const firstPage = await client.request('GET', `/credit-insurance/cover-management/v1/covers/bulk?policyId=${demoPolicy}&page=1&pageSize=100`, headers);
    if (firstPage.status !== 200) throw new Error(`listing answered ${firstPage.status}: ${firstPage.text}`);
    await db.execute(sql`VACUUM ANALYZE cover_versions, cover_live_counts`);
    const pages = PORTFOLIO / 100;
    for (const [name, path] of [['GET /covers/bulk page of 100 (100 000 covers)', 'bulk'], ['GET /covers page of 100 (100 000 covers)', '']] as const) {
      const listOne = async (i: number) => {
        const page = (i * 7919) % pages + 1;
        const response = await client.request('GET', `/credit-insurance/cover-management/v1/covers${path ? `/${path}` : ''}?policyId=${demoPolicy}&page=${page}&pageSize=100`, headers);
        if (response.status !== 200) throw new Error(`listing answered ${response.status}: ${response.text}`);
      };
      await load(listOne, warmUp);
      const { result: listing, cpu: listingCpu } = await measureCpu(db, service.pid, () => load(listOne, options));
      report(name, listing, baseline);
      reportCpu(listingCpu, listing.requests);
    }

    // Batches of 100 fresh applications, one after another.
    const batchLatencies: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const body = `{"applications":[${Array.from({ length: 100 }, () => application(next++)).join(',')}]}`;
      const began = performance.now();
      const response = await client.request('POST', '/credit-insurance/cover-management/v1/covers/batch', headers, body);
      batchLatencies.push(performance.now() - began);
      if (response.status !== 207) throw new Error(`batch answered ${response.status}: ${response.text}`);
    }
    batchLatencies.sort((a, b) => a - b);
    console.log(`${'POST /covers/batch of 100 applications'.padEnd(48)} p50 ${batchLatencies[10]!.toFixed(1)} ms   max ${batchLatencies[19]!.toFixed(1)} ms  (20 batches, sequential)`);
  } finally {
    client.close();
    await service.stop();
  }
}
