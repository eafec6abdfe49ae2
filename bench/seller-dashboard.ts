import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, businessDateAt } from '../src/platform/dates.js';
import { measureCpu, reportCpu } from './_cpu.js';
import { benchTenant, BENCH_DATABASE_URL, httpClient, load, report, startBenchService } from './_harness.js';

const SELLERS = 2_000;
const COVERS_PER_SELLER = 50;
/** Registered buyers the covers are spread over: each seller's 50 covers are on 50 different buyers. */
const BUYERS = 7_919;

/** Seller number `n`: ten digits (the dashboard only compares them). */
function sellerNumber(n: number): string {
  return `55${String(n).padStart(8, '0')}`;
}

/**
 * The seller dashboard on PostgreSQL: a book of 100 000 bought Connect covers (2 000 sellers, 50 each, each cover on one
 * of 7,919 registered buyers, so a seller's page names 50 different buyers) in one tenant;
 * a signed-in seller's dashboard and invoice page over HTTP (session check, the seller's covers and payments, buyer
 * names, the page rendered), next to a same-run baseline of the bare SQL query for the seller's covers.
 */
export default async function sellerDashboardBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const options = { seconds: 5, concurrency: 8 };
  const warmUp = { seconds: 1, concurrency: 8 };
  const client = httpClient(service.url, options.concurrency);
  try {
    const sheet = await benchTenant(service);
    const tenantId = sheet.tenantId;
    const today = businessDateAt(new Date(), 'Europe/Stockholm');
    await db.execute(sql.raw(`
      INSERT INTO connect_quote_requests (id, tenant_id, book_id, seller_identifier, seller_country, seller_email, language,
        buyer_identifier, buyer_country, invoice_amount, invoice_currency, invoice_payment_terms, invoice_number, new_user, status,
        premium_amount, premium_currency, purchased_at, cover_from, cover_to, created_at, updated_at)
      SELECT 'bench' || n, '${tenantId}', '${tenantId}', '55' || lpad((n % ${SELLERS})::text, 8, '0'), 'SE',
        'seller' || (n % ${SELLERS}) || '@bench.example', 'en', 'BUYER' || (n % ${BUYERS}), 'SE', 1000000, 'SEK', 30, 'F-' || n, false, 'purchased',
        14500, 'SEK', now(), '${addDays(today, -15)}', '${addDays(today, 15)}', now(), now()
      FROM generate_series(1, ${SELLERS * COVERS_PER_SELLER}) AS n`));
    await db.execute(sql.raw(`INSERT INTO risk_buyers (country, registry_id, name, rating)
      SELECT 'SE', 'BUYER' || n, 'Bench buyer ' || n, 1 + n % 10 FROM generate_series(0, ${BUYERS - 1}) AS n ON CONFLICT DO NOTHING`));
    await db.execute(sql`ANALYZE connect_quote_requests`);
    await db.execute(sql`ANALYZE risk_buyers`);
    const sessionId = randomBytes(32).toString('base64url');
    const seller = sellerNumber(7);
    await db.execute(sql`INSERT INTO seller_sessions (id_hash, tenant_id, seller_country, seller_identifier, email, language, created_at, last_seen_at, expires_at)
      VALUES (${createHash('sha256').update(sessionId).digest('hex')}, ${tenantId}, 'SE', ${seller}, 'seller7@bench.example', 'en', now(), now(), now() + interval '12 hours')`);
    const cookie = { cookie: `tc_seller_session=${sessionId}` };

    console.log(`seller dashboard benchmark on ${new URL(BENCH_DATABASE_URL).host}: ${SELLERS * COVERS_PER_SELLER} covers, `
      + `${COVERS_PER_SELLER} on the seller's page; ${options.concurrency} concurrent clients, ${options.seconds} s each after ${warmUp.seconds} s of warm-up`);
    const bareQuery = () => load(async () => {
      await db.execute(sql`SELECT * FROM connect_quote_requests WHERE tenant_id = ${tenantId} AND seller_country = 'SE'
        AND seller_identifier = ${seller} AND status IN ('purchased', 'ended') ORDER BY purchased_at DESC, id LIMIT 200`);
    }, options);
    await bareQuery();
    const { result: baseline, cpu: baselineCpu } = await measureCpu(db, undefined, bareQuery);
    report('baseline: the seller\'s covers, bare SQL (pool)', baseline);
    reportCpu(baselineCpu, baseline.requests, 'client');

    const page = (path: string) => async () => {
      const response = await client.request('GET', path, cookie);
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    };
    for (const [name, path] of [
      ['GET dashboard (session, 50 covers, 50 buyers, HTML)', '/app/connect/dashboard'],
      ['GET invoice page (session, one cover, HTML)', '/app/connect/dashboard/invoices/bench7'],
    ] as const) {
      await load(page(path), warmUp);
      const { result, cpu } = await measureCpu(db, service.pid, () => load(page(path), options));
      report(name, result, baseline);
      reportCpu(cpu, result.requests);
    }
  } finally {
    client.close();
    await service.stop();
  }
}
