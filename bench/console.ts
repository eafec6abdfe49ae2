import { eq, sql } from 'drizzle-orm';
import { createStaffCredential } from '../src/backoffice/api.js';
import { defaultStrategyText, publishStrategyAsStaff } from '../src/collections/api.js';
import { systemClock } from '../src/platform/clock.js';
import { tenants } from '../src/platform/db/schema.js';
import { rowsOf } from '../src/platform/db/database.js';
import { withLuhnCheckDigit } from '../src/risk/api.js';
import { seedConsoleAccounts } from './_console-accounts.js';
import { measureCpu, reportCpu } from './_cpu.js';
import { seedServicingBook } from './_servicing-book.js';
import { BENCH_DATABASE_URL, benchTenant, httpClient, load, report, startBenchService, type LoadResult } from './_harness.js';

/** The seeded book (about a minute on the loaded machine): limits, referrals, quotes, cases, and the servicing book below. */
const BUYERS = 400;
const REFERRED_COVERS = 40;
const QUOTES = 300;
const REFERRED_QUOTES = 40;
const CASES = 60;
/** The servicing book behind the account screens: ledger-managed claims in SQL, two per account. */
const SERVICING_CLAIMS = Number(process.env.BENCH_CONSOLE_CLAIMS ?? 200_000);
/** Accounts written through the Receeve API, with their collections history, the account screen opens. */
const API_ACCOUNTS = 100;
const CONCURRENCY = 8;

const seOrgNumber = (n: number) => withLuhnCheckDigit(`559${String(n).padStart(6, '0')}`);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function inParallel(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Signs in through the form as a browser does and answers the session cookie. */
async function signIn(url: string, apiKey: string): Promise<string> {
  const page = await fetch(`${url}/console/sign-in`);
  const preCookie = page.headers.getSetCookie().find((line) => line.startsWith('tc_console_sign_in='))!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const signedIn = await fetch(`${url}/console/sign-in`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: preCookie },
    body: new URLSearchParams({ apiKey, _csrf: token }).toString(),
  });
  const session = signedIn.headers.getSetCookie().find((line) => line.startsWith('tc_console='));
  if (signedIn.status !== 303 || !session) throw new Error(`sign-in answered ${signedIn.status}`);
  return session.split(';')[0]!;
}

/**
 * The staff console on PostgreSQL: each screen's HTML (p50, p99, server CPU per page) over a seeded book (docs/console.md
 * lists it: cover limits and referrals, quotes, cases, a 200,000-claim ledger book and 100 accounts with collections
 * history behind the account screens, the sandbox policy's 400 limits behind the portfolio), next to two
 * same-run baselines: a hello-world route through the same HTTP stack (GET /healthz) and the bare SQL of the work
 * queue's main read (referred quotes) through a pool the size of the service's. Target: every screen's p99 < 150 ms.
 */
export default async function consoleBench(): Promise<void> {
  const service = await startBenchService();
  const { db } = service;
  const client = httpClient(service.url, CONCURRENCY);
  const options = { seconds: 4, concurrency: CONCURRENCY };
  const warmUp = { seconds: 1, concurrency: CONCURRENCY };
  try {
    const sheet = await benchTenant(service);
    const tenantId = sheet.tenantId;
    const cover = sheet.credentials.cover;
    const tokenOf = async (c: Record<string, string>) => {
      const reply = await client.request('POST', '/authenticate/v2/tokens', {
        authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'atradius-app-key': String(c.appKey), 'content-type': 'application/json',
      }, '{}');
      return { authorization: `Bearer ${(JSON.parse(reply.text) as { data: { access_token: string } }).data.access_token}`, 'atradius-app-key': String(c.appKey), 'content-type': 'application/json' };
    };
    const coverHeaders = await tokenOf(cover);
    const caseHeaders = await tokenOf(sheet.credentials.nonpayment);
    const portfolio = JSON.parse((await client.request('GET', '/credit-insurance/policy-management/v1/policies', coverHeaders)).text) as { data: { customerId: number; policies: { policyId: string }[] }[] };
    const customerId = portfolio.data[0]!.customerId;
    const policyId = portfolio.data[0]!.policies[0]!.policyId;

    const started = performance.now();
    const identifiers = Array.from({ length: BUYERS }, (_, i) => seOrgNumber(i + 1));
    await db.execute(sql.raw(`INSERT INTO risk_buyers (country, registry_id, name, rating) VALUES ${identifiers.map((id, i) => `('SE', '${id}', 'Console buyer ${i}', 3)`).join(',')} ON CONFLICT DO NOTHING`));
    await db.execute(sql.raw(`INSERT INTO risk_buyer_numbers (country, registry_id) VALUES ${identifiers.map((id) => `('SE', '${id}')`).join(',')} ON CONFLICT DO NOTHING`));
    const buyerIds = rowsOf<{ buyer_id: string }>(await db.execute(sql.raw(`SELECT buyer_id FROM risk_buyer_numbers WHERE registry_id IN (${identifiers.map((id) => `'${id}'`).join(',')}) ORDER BY buyer_id`))).map((row) => Number(row.buyer_id));
    // Limits on every buyer (the sandbox's 13 000 is always referred).
    await inParallel(BUYERS, async (i) => {
      const amount = i < REFERRED_COVERS ? '13000' : '5000';
      const body = JSON.stringify({ customerId, policyId, buyerId: buyerIds[i], coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: amount });
      const reply = await client.request('POST', '/credit-insurance/cover-management/v1/covers', coverHeaders, body);
      if (reply.status !== 201 && reply.status !== 202) throw new Error(`POST /covers answered ${reply.status}: ${reply.text}`);
    });
    // Single-invoice covers on the same buyers (600 000 SEK is above the automatic limit: referred).
    const credable = { authorization: `Token ${sheet.credentials.reinsure.apiKey}`, 'content-type': 'application/json' };
    await inParallel(QUOTES, async (i) => {
      const body = JSON.stringify({
        user_reference: `u${i}`, seller_reference: `s${i}`, seller_identifier: '5567549125', seller_country: 'SE', buyer_reference: `b${i}`,
        buyer_identifier: identifiers[i % BUYERS], buyer_country: 'SE', invoice_reference: `INV-${i}`, invoice_amount: i < REFERRED_QUOTES ? '600000.00' : '10010.00',
        invoice_amount_currency: 'SEK', invoice_issue_date: isoDay(0), invoice_due_date: isoDay(30),
      });
      const reply = await client.request('POST', '/api/reinsure/v2/quotes/', credable, body);
      if (reply.status !== 201) throw new Error(`POST /quotes answered ${reply.status}: ${reply.text}`);
    });
    // Collection cases with five invoices each, on a policy begun a year ago.
    const [oldPolicy] = rowsOf<{ policy_id: string }>(await db.execute(sql.raw(`
      INSERT INTO cover_policies (tenant_id, customer_id, status, currency, start_date, expiry_date, insured_percentage, discretionary_limit,
        max_extension_days, credit_check_amount, auto_decision_max, created_at)
      VALUES ('${tenantId}', ${customerId}, 'live', 'EUR', '${isoDay(-365)}', '${isoDay(365)}', 90, 500000, 60, 700000, 5000000, now()) RETURNING policy_id`)));
    const transactions = JSON.stringify(Array.from({ length: 5 }, (_, t) => ({
      transactionType: 'INVOICE', documentNumber: `INV-${t}`, documentDate: isoDay(-60 + t), dueDate: isoDay(-30 + t), grossAmount: '1210.00', netAmount: '1000.00',
    })));
    const caseIds: string[] = [];
    await inParallel(CASES, async (i) => {
      const body = `{"customerId":${customerId},"policyId":"${oldPolicy!.policy_id}","buyerId":${buyerIds[i]},"caseType":"COLLECTION","currencyCode":"EUR","customerRefNumber":"C-${i}","transactions":${transactions}}`;
      const reply = await client.request('POST', '/credit-insurance/non-payment-management/v1/cases', caseHeaders, body);
      if (reply.status !== 201) throw new Error(`POST /cases answered ${reply.status}: ${reply.text}`);
      caseIds.push((JSON.parse(reply.text) as { data: { caseId: string } }).data.caseId);
    });
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
    const published = await publishStrategyAsStaff({ db, clock: systemClock }, tenant!, defaultStrategyText());
    if (!published.ok) throw new Error(`the default strategy was refused: ${published.error}`);
    await seedServicingBook(db, sql.raw(`'${tenantId}'::uuid`), { claims: SERVICING_CLAIMS, managed: SERVICING_CLAIMS });
    const accounts = await seedConsoleAccounts(db, client, { tenantId, baseUrl: sheet.credentials.servicing.baseUrl!, clientId: sheet.credentials.servicing.apiClientId!, clientSecret: sheet.credentials.servicing.apiClientSecret! }, API_ACCOUNTS);
    await db.execute(sql`ANALYZE`);
    const seedSeconds = (performance.now() - started) / 1000;

    const { apiKey } = await createStaffCredential(db, { tenantId, roles: ['admin'], label: 'bench admin', now: new Date() });
    const cookie = await signIn(service.url, apiKey);
    const headers = { cookie };

    console.log(`console benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${CONCURRENCY} concurrent clients, ${options.seconds} s each after ${warmUp.seconds} s of warm-up`);
    console.log(`seeded in ${seedSeconds.toFixed(1)} s: ${BUYERS} buyers with limits (${REFERRED_COVERS} referred), ${QUOTES} Credable quotes (${REFERRED_QUOTES} referred), ${CASES} cases of 5 invoices, `
      + `${SERVICING_CLAIMS} ledger-managed servicing claims on ${SERVICING_CLAIMS / 2} accounts and ${API_ACCOUNTS} accounts of 4 claims with their collections history`);

    const measure = async (name: string, task: () => Promise<void>, servicePid: number | undefined, baseline?: LoadResult): Promise<LoadResult> => {
      await load(task, warmUp);
      const { result, cpu } = await measureCpu(db, servicePid, () => load(task, options));
      report(name, result, baseline);
      reportCpu(cpu, result.requests, servicePid === undefined ? 'client' : 'load generator');
      return result;
    };
    const hello = await measure('baseline: GET /healthz (hello world)', async () => {
      const reply = await client.request('GET', '/healthz', {});
      if (reply.status !== 200) throw new Error(`/healthz answered ${reply.status}`);
    }, service.pid);
    await measure('baseline: bare SQL of the referred-quote queue', async () => {
      await db.execute(sql`SELECT * FROM insurance_quotes WHERE tenant_id = ${tenantId} AND status = 'quote.pending' AND referred ORDER BY created_at LIMIT 100`);
    }, undefined);

    const screens: [string, string][] = [
      ['GET /console (overview)', '/console'],
      ['GET /console/queues (all five queues)', '/console/queues'],
      ['GET /console/portfolio (customers, policies)', '/console/portfolio'],
      ['GET /console/portfolio/{id} (policy\'s limits)', `/console/portfolio/${policyId}`],
      ['GET /console/buyers', '/console/buyers'],
      ['GET /console/buyers/SE/{id} (buyer file)', `/console/buyers/SE/${identifiers[0]}`],
      ['GET /console/cases/{id} (case file)', `/console/cases/${caseIds[0]}`],
      ['GET /console/accounts (recently changed)', '/console/accounts'],
      ['GET /console/accounts/{ref} (account, claims)', `/console/accounts/${accounts[0]}`],
      ['GET /console/strategies', '/console/strategies'],
      ['GET /console/strategies/default?preview=1', '/console/strategies/default?preview=1'],
    ];
    for (const [name, path] of screens) {
      await measure(name, async () => {
        const reply = await client.request('GET', path, headers);
        if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      }, service.pid, hello);
    }
  } finally {
    client.close();
    await service.stop();
  }
}
