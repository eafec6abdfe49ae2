import { JobQueue } from '../src/platform/jobs/queue.js';
import { createLogger } from '../src/platform/logging.js';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { casesContext } from '../src/cases/api.js';
import { casesModule } from '../src/cases/module.js';
import { caseTimerSweep, letterRenderSweep } from '../src/cases/sweeps.js';
import { systemClock } from '../src/platform/clock.js';
import { rowsOf } from '../src/platform/db/database.js';
import { sweepUntilDone } from '../src/platform/sweeper/sweeper.js';
import { withLuhnCheckDigit } from '../src/risk/api.js';
import { measureCpu, reportCpu } from './_cpu.js';
import { benchTenant, BENCH_DATABASE_URL, type BenchService, httpClient, load, report, scratchDatabase, startBenchService, type LoadResult } from './_harness.js';

const BUYERS = 1000;
const POLICIES = 100;
const TRANSACTIONS_PER_CASE = 10;
const CONCURRENCY = 16;
/**
 * Open cases the claim phase may use (1 s of warm-up and 3 s measured); topped up through POST /cases/batch after
 * creation. 8,000 covers a claim rate of 2,000 /s (0.5x of a quiet host's pgbench is about 1,700). It was 3,000: on a
 * loaded host the creation phase left few cases while the claims still ran at 800 /s, and the run stopped with
 * "ran out of open cases to claim on" (2026-12-06, load average 5). Only the top-up grows; nothing measured changes.
 */
const CLAIM_CASES = 8000;
const BATCH = 100;

function seOrgNumber(n: number): string {
  return withLuhnCheckDigit(`558${String(n).padStart(6, '0')}`);
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * The same-run baseline of this suite: pgbench's TPC-B-like script (`pgbench -i`, then `pgbench -T`) on a scratch
 * database of the same PostgreSQL server, with as many clients as the load below. Answers transactions per second.
 */
function pgbenchTpcb(url: string, seconds: number): LoadResult {
  const env = { ...process.env, PGCONNECT_TIMEOUT: '10' };
  execFileSync('pgbench', ['-i', '-q', '-s', '10', url], { env, stdio: 'ignore' });
  const out = execFileSync('pgbench', ['-T', String(seconds), '-c', String(CONCURRENCY), '-j', '2', '-n', url], { env, encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? Number.NaN);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${out}`);
  return { requests: Math.round(tps * seconds), seconds, perSecond: tps, p50Ms: latency, p99Ms: Number.NaN };
}

interface LetterCounts { issued: number; unrendered: number }

async function letterCounts(db: BenchService['db']): Promise<LetterCounts> {
  const [row] = rowsOf<{ issued: string; unrendered: string }>(await db.execute(sql`
    SELECT count(*) AS issued, count(*) FILTER (WHERE rendered_at IS NULL) AS unrendered FROM nonpayment_case_letters`));
  return { issued: Number(row!.issued), unrendered: Number(row!.unrendered) };
}

/**
 * The letters behind the claims: each claim issues a letter, stored without its PDF for the workers' letter sweep
 * (this service runs the API role only, so it renders none while the claims run). The backlog is then drained by
 * that sweep in this process, one pass as a worker runs it, and its time and CPU reported (BENCH_CASES_DRAIN=0 skips
 * the drain; bench/case-letters.ts measures the rendering rate against its own target).
 */
async function reportLetterBacklog(service: BenchService, before: LetterCounts): Promise<void> {
  const { db } = service;
  const after = await letterCounts(db);
  console.log(`letters: ${after.issued - before.issued} issued by the claim phase (warm-up included), none rendered by the service; `
    + `backlog ${after.unrendered} unrendered (${before.unrendered} acknowledgements and updates from before the claims)`);
  if (process.env.BENCH_CASES_DRAIN === '0' || after.unrendered === 0) return;
  const jobs = await JobQueue.start(service.handle, { logger: createLogger('silent'), maintenance: false });
  try {
    for (const queue of casesModule.queues ?? []) await jobs.define(queue);
    const sweep = letterRenderSweep(casesContext({ config: service.config, jobs }), createLogger('silent'));
    const started = performance.now();
    const { result, cpu } = await measureCpu(db, undefined, () => sweepUntilDone(db, sweep, systemClock, Number.MAX_SAFE_INTEGER));
    const seconds = (performance.now() - started) / 1000;
    const left = (await letterCounts(db)).unrendered;
    console.log(`letter backlog drained by one letter sweep: ${result.processed} letters in ${seconds.toFixed(1)} s (${(result.processed / seconds).toFixed(0)} /s), `
      + `CPU each: renderer ${(cpu.loadMs / result.processed).toFixed(2)} ms, PostgreSQL ${((cpu.postgresMs ?? Number.NaN) / result.processed).toFixed(2)} ms; ${left} left unrendered`);
  } finally {
    await jobs.stop();
  }
}

/**
 * Non-payment cases on PostgreSQL: POST /cases with 10 invoices (each case on a new policy + buyer), and the claim
 * on an existing OPEN collection case (POST /cases/{id}/claim), each as a ratio to pgbench TPC-B in the same run.
 */
export default async function casesBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const options = { seconds: 5, concurrency: CONCURRENCY };
  const warmUp = { seconds: 1, concurrency: CONCURRENCY };
  const client = httpClient(service.url, CONCURRENCY);
  const baselineDb = await scratchDatabase();
  try {
    const sheet = await benchTenant(service);
    const login = async (product: 'cover' | 'nonpayment') => {
      const c = sheet.credentials[product];
      const reply = await client.request('POST', '/authenticate/v2/tokens', {
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'atradius-app-key': String(c.appKey), 'content-type': 'application/json',
      }, '{}');
      const token = (JSON.parse(reply.text) as { data: { access_token: string } }).data.access_token;
      return { authorization: `Bearer ${token}`, 'atradius-app-key': String(c.appKey), 'content-type': 'application/json' };
    };
    const coverHeaders = await login('cover');
    const headers = await login('nonpayment');
    const portfolio = JSON.parse((await client.request('GET', '/credit-insurance/policy-management/v1/policies', coverHeaders)).text) as { data: { customerId: number }[] };
    const customerId = portfolio.data[0]!.customerId;
    const tenantId = sheet.tenantId;

    // 1000 buyers, and 100 live EUR policies begun a year ago (so the invoices below fall inside them; DCL 5 000).
    const identifiers = Array.from({ length: BUYERS }, (_, i) => seOrgNumber(i + 1));
    await db.execute(sql.raw(`INSERT INTO risk_buyers (country, registry_id, name, rating) VALUES ${identifiers.map((id, i) => `('SE', '${id}', 'Case buyer ${i}', 3)`).join(',')} ON CONFLICT DO NOTHING`));
    await db.execute(sql.raw(`INSERT INTO risk_buyer_numbers (country, registry_id) VALUES ${identifiers.map((id) => `('SE', '${id}')`).join(',')} ON CONFLICT DO NOTHING`));
    const buyerIds = rowsOf<{ buyer_id: string }>(await db.execute(sql.raw(`SELECT buyer_id FROM risk_buyer_numbers WHERE registry_id IN (${identifiers.map((id) => `'${id}'`).join(',')}) ORDER BY buyer_id`))).map((row) => Number(row.buyer_id));
    const policyIds = rowsOf<{ policy_id: string }>(await db.execute(sql.raw(`
      INSERT INTO cover_policies (tenant_id, customer_id, status, currency, start_date, expiry_date, insured_percentage, discretionary_limit,
        max_extension_days, credit_check_amount, auto_decision_max, created_at)
      SELECT '${tenantId}', ${customerId}, 'live', 'EUR', '${isoDay(-365)}', '${isoDay(365)}', 90, 500000, 60, 700000, 5000000, now()
      FROM generate_series(1, ${POLICIES}) RETURNING policy_id`))).map((row) => Number(row.policy_id));
    await db.execute(sql`ANALYZE`); // autovacuum may be off: plans must see the seeded rows

    const transactions = JSON.stringify(Array.from({ length: TRANSACTIONS_PER_CASE }, (_, t) => ({
      transactionType: 'INVOICE', documentNumber: `INV-${t}`, documentDate: isoDay(-60 + t), dueDate: isoDay(-30 + t), grossAmount: '1210.00', netAmount: '1000.00',
    })));
    const caseBody = (i: number) => `{"customerId":${customerId},"policyId":"${policyIds[Math.floor(i / BUYERS) % POLICIES]}","buyerId":${buyerIds[i % BUYERS]},`
      + `"caseType":"COLLECTION","currencyCode":"EUR","customerRefNumber":"B-${i}","transactions":${transactions}}`;
    let next = 0;
    const caseIds: string[] = [];
    const createOne = async () => {
      const response = await client.request('POST', '/credit-insurance/non-payment-management/v1/cases', headers, caseBody(next++));
      if (response.status !== 201) throw new Error(`POST /cases answered ${response.status}: ${response.text}`);
      caseIds.push((JSON.parse(response.text) as { data: { caseId: string } }).data.caseId);
    };

    console.log(`cases benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${CONCURRENCY} concurrent clients, ${options.seconds} s each after ${warmUp.seconds} s of warm-up`);
    const baseline = pgbenchTpcb(baselineDb.url, options.seconds);
    report('baseline: pgbench TPC-B (same server)', baseline);

    await load(createOne, warmUp);
    // What autovacuum (off on the bench server) would have done by now: statistics of the warm-up's cases. Without them
    // the foreign-key checks of each creation's transactions, history row and letters (one lookup of the case per row)
    // keep the plan each backend made on a table that looked empty, a sequential scan of nonpayment_cases: PostgreSQL's
    // CPU per creation then grows with every case the run writes (1.4 ms at 1,000 cases, 4.3 ms at 6,000). The
    // statements plan again on the new statistics in a second warm-up rather than in the measured phase.
    await db.execute(sql`ANALYZE`);
    await load(createOne, warmUp);
    const { result: created, cpu: createdCpu } = await measureCpu(db, service.pid, () => load(createOne, options));
    report(`POST /cases with ${TRANSACTIONS_PER_CASE} transactions`, created, baseline);
    reportCpu(createdCpu, created.requests);
    if (next > POLICIES * BUYERS) throw new Error('ran out of fresh positions; raise BUYERS or POLICIES');

    // Enough cases for the claims: claims are cheaper than creations, so the creation phase alone may leave too few.
    while (caseIds.length < CLAIM_CASES) {
      const items = Array.from({ length: Math.min(BATCH, CLAIM_CASES - caseIds.length) }, () => caseBody(next++));
      const response = await client.request('POST', '/credit-insurance/non-payment-management/v1/cases/batch', headers, `{"cases":[${items.join(',')}]}`);
      if (response.status !== 207) throw new Error(`POST /cases/batch answered ${response.status}: ${response.text}`);
      for (const item of (JSON.parse(response.text) as { data: { httpStatus: number; caseId?: string }[] }).data) {
        if (item.httpStatus !== 201 || !item.caseId) throw new Error(`a batch case was refused: ${JSON.stringify(item)}`);
        caseIds.push(item.caseId);
      }
    }
    if (next > POLICIES * BUYERS) throw new Error('ran out of fresh positions; raise BUYERS or POLICIES');
    await db.execute(sql`ANALYZE`);

    // The eligibility sweep opens every case (as the worker would within seconds), then claims on them.
    // The sweep issues the ACKNOWLEDGEMENT letters (they wait unrendered: this service runs no workers, so no letter sweep).
    const jobs = await JobQueue.start(service.handle, { logger: createLogger('silent'), maintenance: false });
    for (const queue of casesModule.queues ?? []) await jobs.define(queue);
    await sweepUntilDone(db, caseTimerSweep(casesContext({ config: service.config, jobs }), 'eligibility'), systemClock, 10_000);
    await jobs.stop();
    const lettersBefore = await letterCounts(db);
    let claimed = 0;
    const claimOne = async () => {
      const caseId = caseIds[claimed++];
      if (!caseId) throw new Error('ran out of open cases to claim on');
      const response = await client.request('POST', `/credit-insurance/non-payment-management/v1/cases/${caseId}/claim`, headers, '{"claimCause":"PROTRACTED_DEFAULT"}');
      if (response.status !== 202) throw new Error(`POST /cases/{id}/claim answered ${response.status}: ${response.text}`);
    };
    await load(claimOne, warmUp);
    const { result: claims, cpu: claimsCpu } = await measureCpu(db, service.pid, () => load(claimOne, { ...options, seconds: Math.min(options.seconds, 3) }));
    report('POST /cases/{caseId}/claim', claims, baseline);
    reportCpu(claimsCpu, claims.requests);
    await reportLetterBacklog(service, lettersBefore);
    console.log(`ratios to pgbench TPC-B: case creation ${(created.perSecond / baseline.perSecond).toFixed(2)}x, claim ${(claims.perSecond / baseline.perSecond).toFixed(2)}x (target >= 0.5x)`);
    const serviceMs = (cpu: typeof createdCpu, requests: number) => (cpu.serviceMs === undefined ? 'n/a' : `${(cpu.serviceMs / requests).toFixed(2)} ms`);
    console.log(`server CPU per operation (the machine is shared; this is what the code costs): case creation ${serviceMs(createdCpu, created.requests)}, claim ${serviceMs(claimsCpu, claims.requests)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    client.close();
    await baselineDb.drop();
    await service.stop();
  }
}
