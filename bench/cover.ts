import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/database.js';
import { measureCpu, measurePgbenchCpu, reportCpu } from './_cpu.js';
import { withLuhnCheckDigit } from '../src/risk/api.js';
import {
  benchTenant, BENCH_DATABASE_URL, httpClient, insertSelectBaseline, load, type LoadResult, report, startBenchService,
} from './_harness.js';
import { pgbenchTpcB } from './_pgbench.js';

/** A valid Swedish organisation number 559xxxxxxC for buyer number `n`. */
function seOrgNumber(n: number): string {
  return withLuhnCheckDigit(`559${String(n).padStart(6, '0')}`);
}

const BUYERS = 1000;
const POLICIES = 200;
const PORTFOLIO = 100_000;
/** pgbench's TPC-B run: seconds (BENCH_PGBENCH_SECONDS, default 20) at the clients of the HTTP loads, 2 threads. */
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 20);
/** Which phases run (BENCH_COVER_PHASES, comma-separated; default all): apply, listings, batch. For profiling one of them. */
const PHASES = new Set((process.env.BENCH_COVER_PHASES ?? 'apply,listings,batch').split(','));

/** A figure with its two same-run baselines: the insert+select transaction (as % by `report`) and pgbench TPC-B (as ×). */
function reportAgainstBoth(name: string, result: LoadResult, insertSelect: LoadResult, tpcB: number): void {
  report(name, result, insertSelect);
  console.log(`${''.padEnd(48)} = ${(result.perSecond / tpcB).toFixed(2)} × pgbench TPC-B (${tpcB.toFixed(0)} tps)`);
}

/**
 * Credit cover on PostgreSQL: first-time applications (each on a new policy + buyer position, decided on the locked
 * exposure row), a listing page of a 100 000-cover portfolio, and batches of 100 applications, next to two same-run
 * baselines: a bare insert-and-select transaction through the same pool (as the other suites) and pgbench's TPC-B at
 * the same client count (issue 13's targets: an application ≥ 0.6 × TPC-B, a listing page's p99 < 50 ms).
 *
 * The load generator shares the two cores with the service and PostgreSQL, so its CPU is taken from theirs. Since
 * 2026-12-06 its client copies each body into a buffer reused per connection (_http-client.ts) instead of a new
 * 134 kB one per listing page: 0.10–0.37 ms of its CPU a page instead of 0.25–0.89 in alternated runs, more of the
 * machine for what is measured. It still reads every byte of every answer and checks its status.
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
    const { result: tpcB, cpu: tpcBCpu } = PGBENCH_SECONDS > 0 ? await measurePgbenchCpu(db, () => pgbenchTpcB(options.concurrency, PGBENCH_SECONDS)) : { result: Number.NaN, cpu: undefined };
    console.log(`${'baseline: pgbench TPC-B, scale 1'.padEnd(48)} ${tpcB.toFixed(0).padStart(7)} /s   (${options.concurrency} clients, 2 threads, ${PGBENCH_SECONDS} s)`);
    if (tpcBCpu) reportCpu(tpcBCpu, tpcB * PGBENCH_SECONDS, 'pgbench');
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);

    if (PHASES.has('apply')) {
      await load(applyOne, warmUp);
      // What autovacuum (off on the bench server) would have done by now: statistics of the seeded buyers and
      // policies and of the warm-up's covers. Without them the service's prepared statements keep the generic plans
      // they made on a table that looked empty, and the live-position probe of each application walks the tenant's
      // covers instead of the position's unique index (its cost then grows with every cover the run writes).
      // The statements then plan again on the new statistics, in a second warm-up rather than in the measured phase.
      await db.execute(sql`ANALYZE`);
      await load(applyOne, warmUp);
      const { result: apply, cpu: applyCpu } = await measureCpu(db, service.pid, () => load(applyOne, options));
      reportAgainstBoth('POST /covers (first application, decided)', apply, baseline, tpcB);
      reportCpu(applyCpu, apply.requests);
      if (next > POLICIES * BUYERS) throw new Error('ran out of fresh positions; raise BUYERS or POLICIES');
    }

    // A 100 000-cover portfolio on the demo policy, then random pages of 100 from the paged listings.
    if (PHASES.has('listings')) {
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
      await db.execute(sql`VACUUM ANALYZE cover_versions, cover_live_counts, cover_listed_counts`);
      const pages = PORTFOLIO / 100;
      const portfolioIds = rowsOf<{ cover_id: string }>(await db.execute(sql.raw(`SELECT cover_id FROM cover_versions WHERE policy_id = ${demoPolicy} AND historic_code IS NULL ORDER BY cover_id`))).map((row) => row.cover_id);
      const listingPath = (path: string) => `/credit-insurance/cover-management/v1/covers${path ? `/${path}` : ''}?policyId=${demoPolicy}&pageSize=100`;
      const listings: [name: string, path: string, paging: 'page' | 'after', concurrency: number][] = [
        ['GET /covers/bulk page=N of 100 (100 000 covers)', 'bulk', 'page', options.concurrency],
        ['GET /covers page=N of 100 (100 000 covers)', '', 'page', options.concurrency],
        ['GET /covers/bulk after=<id>, 100 (keyset)', 'bulk', 'after', options.concurrency],
        ['GET /covers after=<id>, 100 (keyset)', '', 'after', options.concurrency],
        ['GET /covers after=<id>, 100 (keyset), 1 client', '', 'after', 1],
      ];
      // BENCH_COVER_LISTINGS picks and orders the listing phases by their numbers above (e.g. `2,0,0`: the bulk keyset
      // page, then the bulk offset page twice), to tell a phase's own cost from its place in the run.
      const picked = process.env.BENCH_COVER_LISTINGS ? process.env.BENCH_COVER_LISTINGS.split(',').map((n) => listings[Number(n)]!) : listings;
      const lister = (path: string, paging: 'page' | 'after') => async (i: number) => {
        const spot = (i * 7919) % pages;
        const query = paging === 'page' ? `&page=${spot + 1}` : `&after=${portfolioIds[spot * 100]}`;
        const response = await client.request('GET', `${listingPath(path)}${query}`, headers);
        if (response.status !== 200) throw new Error(`listing answered ${response.status}: ${response.text}`);
      };
      // Every listing warmed up once before the first measured phase, so the service's listing code is optimized
      // (by V8) before it as before the others. With only its own second of warm-up, the first phase measured 0.15–0.37
      // ms more service CPU a page than the same phase run later (BENCH_COVER_LISTINGS=2,0,1,3,0,2, 2026-12-06); with
      // this pass still 0.1–0.17 ms more (`2,0,2,0`, also with --min-semi-space-size=16), so compare a phase with the
      // same phase at the same place in another run.
      for (const [, path, paging, concurrency] of picked) await load(lister(path, paging), { ...warmUp, concurrency });
      for (const [name, path, paging, concurrency] of picked) {
        const listOne = lister(path, paging);
        await load(listOne, { ...warmUp, concurrency });
        const { result: listing, cpu: listingCpu } = await measureCpu(db, service.pid, () => load(listOne, { ...options, concurrency }));
        reportAgainstBoth(name, listing, baseline, tpcB);
        reportCpu(listingCpu, listing.requests);
      }
    }

    // Batches of 100 fresh applications, one after another.
    if (PHASES.has('batch')) {
      const batchLatencies: number[] = [];
      const { cpu: batchCpu } = await measureCpu(db, service.pid, async () => {
        for (let round = 0; round < 20; round += 1) {
          const body = `{"applications":[${Array.from({ length: 100 }, () => application(next++)).join(',')}]}`;
          const began = performance.now();
          const response = await client.request('POST', '/credit-insurance/cover-management/v1/covers/batch', headers, body);
          batchLatencies.push(performance.now() - began);
          if (response.status !== 207) throw new Error(`batch answered ${response.status}: ${response.text}`);
        }
      });
      batchLatencies.sort((a, b) => a - b);
      console.log(`${'POST /covers/batch of 100 applications'.padEnd(48)} p50 ${batchLatencies[10]!.toFixed(1)} ms   max ${batchLatencies[19]!.toFixed(1)} ms  (20 batches, sequential)`);
      reportCpu(batchCpu, 20);
    }
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    client.close();
    await service.stop();
  }
}
