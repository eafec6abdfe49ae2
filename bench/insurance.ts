import { sql } from 'drizzle-orm';
import { systemClock } from '../src/platform/clock.js';
import { rowsOf } from '../src/platform/db/database.js';
import { sweepUntilDone } from '../src/platform/sweeper/sweeper.js';
import { addDays, businessDateAt } from '../src/platform/dates.js';
import { insuranceContext } from '../src/insurance/context.js';
import { quoteTimerSweep } from '../src/insurance/sweeps.js';
import { withLuhnCheckDigit } from '../src/risk/api.js';
import { measureCpu, reportCpu } from './_cpu.js';
import { benchTenant, BENCH_DATABASE_URL, httpClient, insertSelectBaseline, load, report, startBenchService } from './_harness.js';
import { reportWriteRatio, writeBaseline } from './_pgbench.js';

/** A valid Swedish organisation number 556xxxxxxC for buyer number `n`. */
function seOrgNumber(n: number): string {
  return withLuhnCheckDigit(`556${String(n).padStart(6, '0')}`);
}

/**
 * Invoice insurance on PostgreSQL: quote creation and the whole quote → activate → settle lifecycle over HTTP, next to
 * a bare insert-and-select transaction through the same pool; then the timer sweep over 100 000 expired offers.
 */
export default async function insuranceBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const options = { seconds: 5, concurrency: 16 };
  const warmUp = { seconds: 1, concurrency: 16 };
  const client = httpClient(service.url, options.concurrency);
  try {
    const sheet = await benchTenant(service);
    const headers = { authorization: String(sheet.credentials.reinsure.authorization), 'content-type': 'application/json' };
    const base = '/api/reinsure/v2';
    const today = businessDateAt(new Date(), 'Europe/Stockholm');
    const buyers = Array.from({ length: 1000 }, (_, i) => seOrgNumber(i + 1));
    let invoice = 0;
    const body = (i: number) => JSON.stringify({
      user_reference: 'bench', seller_reference: 'bench-seller', seller_identifier: '5567549125', seller_country: 'SE',
      buyer_reference: `b${i % buyers.length}`, buyer_identifier: buyers[i % buyers.length], buyer_country: 'SE',
      invoice_reference: `bench-${Date.now()}-${invoice++}`, invoice_amount: '1000.00', invoice_amount_currency: 'SEK',
      invoice_issue_date: today, invoice_due_date: addDays(today, 30),
    });
    const post = async (url: string, payload?: string, expected = 200) => {
      const response = await client.request('POST', url, headers, payload);
      if (response.status !== expected) throw new Error(`POST ${url} answered ${response.status}: ${response.text}`);
      return JSON.parse(response.text) as { id: string; status: { code: string } };
    };

    console.log(`insurance benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${options.concurrency} concurrent clients, ${options.seconds} s each after ${warmUp.seconds} s of warm-up`);
    // Each measurement follows a warm-up of the same load (discarded), so both sides are measured at steady state:
    // code compiled by the JIT, pools full, and the quotes' 1000 buyers already in the book.
    await insertSelectBaseline(db, warmUp);
    const { result: baseline, cpu: baselineCpu } = await measureCpu(db, undefined, () => insertSelectBaseline(db, options));
    report('baseline: insert+select transaction (pool)', baseline);
    reportCpu(baselineCpu, baseline.requests, 'client');
    const tpcB = await writeBaseline(db, options);

    const createOne = async (i: number) => {
      await post(`${base}/quotes/`, body(i), 201);
    };
    await load(createOne, warmUp);
    const { result: create, cpu: createCpu } = await measureCpu(db, service.pid, () => load(createOne, options));
    report('POST /quotes/ (validate, underwrite, exposure)', create, baseline);
    reportWriteRatio(create, tpcB);
    reportCpu(createCpu, create.requests);

    const { result: lifecycle, cpu: lifecycleCpu } = await measureCpu(db, service.pid, () => load(async (i) => {
      const quote = await post(`${base}/quotes/`, body(i + 1_000_000), 201);
      const got = await client.request('GET', `${base}/quotes/${quote.id}`, headers);
      const offered = JSON.parse(got.text) as { status: { code: string } };
      if (offered.status.code !== 'quote.offered') throw new Error(`expected an offer, got ${offered.status.code}`);
      await post(`${base}/quotes/${quote.id}/activate`);
      await post(`${base}/quotes/${quote.id}/settle`);
    }, options));
    report('lifecycle: create → GET → activate → settle', lifecycle, baseline);
    reportWriteRatio(lifecycle, tpcB);
    reportCpu(lifecycleCpu, lifecycle.requests);
    console.log(`  (${(lifecycle.perSecond * 4).toFixed(0)} requests/s inside the lifecycle)`);

    // The sweep: 100 000 offers whose 24 h validity ended an hour ago, spread over 1000 buyers.
    // The service runs no workers (--role api); the sweep runs here, on this process's pool.
    const count = 100_000;
    const tenantId = sheet.tenantId;
    const prefix = `sw${Date.now().toString(36)}`;
    await db.execute(sql.raw(`
      INSERT INTO insurance_quotes (id, tenant_id, product, book_id, user_reference, seller_reference, seller_identifier, seller_country,
        buyer_reference, buyer_identifier, buyer_country, invoice_reference, invoice_amount, invoice_currency, invoice_issue_date,
        invoice_due_date, premium_amount, premium_currency, status, exposure_held, offered_at, deadline_at, created_at, updated_at)
      SELECT '${prefix}' || lpad(i::text, 6, '0'), '${tenantId}', 'reinsure', '${tenantId}', 'bench', 'bench', '5567549125', 'SE',
        'b', '556' || lpad((i % 1000 + 1)::text, 6, '0') || 'X', 'SE', 'sweep-' || i, 100000, 'SEK', '${today}', '${addDays(today, 30)}',
        1500, 'SEK', 'quote.offered', 100000, now() - interval '25 hours', now() - interval '1 hour', now() - interval '25 hours', now() - interval '25 hours'
      FROM generate_series(1, ${count}) AS i`));
    const started = performance.now();
    const sweep = quoteTimerSweep(insuranceContext(service)); // the production settings
    const sweepReport = await sweepUntilDone(db, sweep, systemClock, 10_000);
    const seconds = (performance.now() - started) / 1000;
    const [left] = rowsOf<{ n: string }>(await db.execute(sql`SELECT count(*) AS n FROM insurance_quotes WHERE id LIKE ${`${prefix}%`} AND status = 'quote.offered'`));
    console.log(`${'sweep: expire 100 000 offers'.padEnd(48)} ${(sweepReport.processed / seconds).toFixed(0).padStart(7)} quotes/s  (${sweepReport.processed} in ${seconds.toFixed(2)} s, ${sweepReport.batches} batches of ≤${sweep.batchSize}, ${sweep.concurrency ?? 1} side by side, ${left?.n ?? '?'} left)`);
  } finally {
    client.close();
    await service.stop();
  }
}
