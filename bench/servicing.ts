import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { measureCpu, reportCpu, type CpuSplit } from './_cpu.js';
import { BENCH_DATABASE_URL, BENCH_POOL_SIZE, httpClient, load, report, startBenchService, type LoadResult } from './_harness.js';
import { reportAgainstWriteBaseline, writeBaseline } from './_pgbench.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';
import { sql } from 'drizzle-orm';

/*
 * Debt-servicing writes at steady state (issue 12): 16 clients in a closed loop after a warm-up, each endpoint's rate
 * printed as a ratio to same-run baselines (pgbench TPC-B at scale 10 with 8 clients for the single-account writes,
 * a bare 1,000-row INSERT one at a time for create_claims, as when the issue was filed), with the CPU each side spent per
 * request; then the cost of one ledger write on an account with 10 entries against one with 10,000, and get_account
 * on 10,000 entries. The import's RSS is measured by the servicing-import suite (the CLI).
 * Env: BENCH_SECONDS (default 5 per measurement), BENCH_CONCURRENCY (default 16), BENCH_SERVICING_PHASES (a comma
 * list of ledger, match, claims, history, get; default all: one phase's CPU per request measured alone),
 * BENCH_SERVICING_SEED (0 leaves out the seeded ledgers and statistics taken before the first ledger write).
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const options = { seconds: SECONDS, concurrency: CONCURRENCY };
const warmUp = { seconds: 1, concurrency: CONCURRENCY };
/** Accounts each client writes to in turn (a request locks its account; clients never share one). */
const ACCOUNTS_PER_CLIENT = 20;
const HISTORY = 10_000;
const PHASES = new Set((process.env.BENCH_SERVICING_PHASES ?? 'ledger,match,claims,history,get').split(',').map((phase) => phase.trim()));

/**
 * The ledger tables as a tenant in service has them before the writes are measured (BENCH_SERVICING_SEED=0 leaves it
 * out): the bench server runs with autovacuum off, and the service's connections cache a generic plan of each
 * statement on its sixth run, so without rows and statistics at that moment they kept plans made for empty tables
 * (the claims read by the ledger and payment reads scanned every claim of the tenant, a cost growing with every
 * claim the run wrote). ANALYZE during the run instead invalidates the cached plans and makes the connections plan
 * each write again for a while, so the statistics come before the first ledger write.
 */
const SEED_STEADY_STATE = process.env.BENCH_SERVICING_SEED !== '0';
/** Accounts of the seeded ledgers (apart from the ones the clients write to), each with an invoice and its fee per entry pair. */
const SEEDED_ACCOUNTS = 200;
const SEEDED_INVOICES_PER_ACCOUNT = 25;

/** A number no two requests of the run share (load() numbers each run's requests from 0). */
let unique = 0;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function debtor(i: number) {
  return { debtorReference: `D${i}`, firstName: 'Bench', lastName: `Debtor${i}`, contactInformation: { country: 'DE', email: `d${i}@example.com` } };
}

/** A create_claims body of 1,000 claims as JSON text with `@P@` where each batch puts its own prefix. */
function claimsTemplate(accountOf: (i: number) => string): string {
  return JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`@P@_${i}`, {
    amount: 1000 + i, currency: 'EUR', currentDueDate: '2025-01-15', originalDueDate: '2025-01-15', accountReference: accountOf(i),
    primaryDebtor: debtor(i % 50), totalFees: 100, meta: { batch: '@P@' },
  }])));
}

type Client = ReturnType<typeof httpClient>;

/** The servicing face of a new live tenant: its base path and a bearer token. */
async function servicingTenant(service: Awaited<ReturnType<typeof startBenchService>>, client: Client) {
  const created = await createTenant(service.db, { name: 'Bench', mode: 'live', now: new Date() });
  const sheet = credentialSheet(created, service.url).credentials.servicing;
  const reply = await client.request('POST', '/v1/oauth2/token', {
    authorization: `Basic ${Buffer.from(`${sheet.apiClientId}:${sheet.apiClientSecret}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  }, 'grant_type=client_credentials');
  const token = (JSON.parse(reply.text) as { access_token: string }).access_token;
  return { tenantId: created.tenant.id, base: `/v1/${created.tenant.clientId}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
}

/** Runs a warm-up of `task`, then measures it with the CPU each side spent. */
async function measured(
  db: Parameters<typeof measureCpu>[0], pid: number, task: (i: number, loop: number) => Promise<void>, loadOptions = options,
): Promise<{ result: LoadResult; cpu: CpuSplit }> {
  await load(task, { ...warmUp, concurrency: loadOptions.concurrency });
  return measureCpu(db, pid, () => load(task, loadOptions));
}

export async function run(_args: string[]): Promise<void> {
  const service = await startBenchService({ env: { LOG_LEVEL: 'warn', BODY_LIMIT_BYTES: String(16 * 1024 * 1024) } });
  const { handle, db, pid } = service;
  const client = httpClient(service.url, CONCURRENCY);
  try {
    const { tenantId, base, headers } = await servicingTenant(service, client);
    /** Posts a body and checks every item succeeded. */
    const post = async (operation: string, body: string) => {
      const response = await client.request('POST', `${base}/${operation}`, headers, body);
      if (response.status !== 200) throw new Error(`${operation}: ${response.status} ${response.text.slice(0, 300)}`);
      const json = JSON.parse(response.text) as Record<string, { success: boolean; messages: string[] }>;
      const failure = Object.entries(json).find(([, item]) => !item.success);
      if (failure) throw new Error(`${operation}: ${failure[0]} failed: ${failure[1].messages.join('; ')}`);
    };
    const get = async (operation: string, query: string) => {
      const response = await client.request('GET', `${base}/${operation}?${query}`, headers);
      if (response.status !== 200) throw new Error(`${operation}: ${response.status}`);
    };

    console.log(`servicing benchmark on ${new URL(BENCH_DATABASE_URL).host}, ${new Date().toISOString()}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    console.log(`${CONCURRENCY} concurrent clients in a closed loop, ${SECONDS} s each after 1 s of warm-up`);
    const tpcB = PHASES.has('ledger') || PHASES.has('match') ? await writeBaseline(db, options) : undefined;

    // Accounts: client c writes to ACC_c_0 … ACC_c_19 in turn.
    const accountRef = (clientIndex: number, n: number) => `ACC_${clientIndex}_${n % ACCOUNTS_PER_CLIENT}`;
    await post('create_accounts', JSON.stringify(Object.fromEntries(Array.from({ length: CONCURRENCY * ACCOUNTS_PER_CLIENT }, (_, a) => [
      accountRef(Math.floor(a / ACCOUNTS_PER_CLIENT), a), { currency: 'EUR', debtors: Array.from({ length: 50 }, (_, d) => debtor(d)) },
    ]))));

    if (SEED_STEADY_STATE) await seedSteadyState(handle, tenantId);

    // add_account_ledger_entries: an invoice and its fee on one account per request.
    const ledgerBody = (account: string, ref: string) => JSON.stringify([
      { accountReference: account, ledgerEntryReference: `INV_${ref}`, invoiceDetails: { amount: 10_000, dueDate: '2025-01-15' }, context: {} },
      { accountReference: account, ledgerEntryReference: `FEE_${ref}`, feeDetails: { type: 'LATE', amount: 500 }, context: { ledgerEntryReference: `INV_${ref}` } },
    ]);
    const addEntries = async (_: number, loop: number) => {
      const n = unique++;
      await post('add_account_ledger_entries', ledgerBody(accountRef(loop, n), `L${n}`));
    };
    if (PHASES.has('ledger') || PHASES.has('match')) {
      // match_account_payment pays the invoices this phase wrote (a warm-up's worth when only match is measured).
      const ledger = await measured(db, pid, addEntries, PHASES.has('ledger') ? options : warmUp);
      if (PHASES.has('ledger')) {
        reportAgainstWriteBaseline('add_account_ledger_entries (invoice + fee)', ledger.result, tpcB!, 0.6);
        reportCpu(ledger.cpu, ledger.result.requests);
      }
    }

    // match_account_payment: 777 cents paid over the account's open invoices and fees.
    const matchPayment = async (_: number, loop: number) => {
      await post('match_account_payment', JSON.stringify([{
        accountReference: accountRef(loop, unique++), currency: 'EUR', totalAmount: 777,
        matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES', providerName: 'trustly', trackingId: randomUUID(),
      }]));
    };
    if (PHASES.has('match')) {
      const match = await measured(db, pid, matchPayment);
      reportAgainstWriteBaseline('match_account_payment', match.result, tpcB!, 0.6);
      reportCpu(match.cpu, match.result.requests);
    }

    if (PHASES.has('claims')) await createClaimsAgainstInsert({ handle, db, pid, tenantId, post, accountRef });
    // The test server runs with autovacuum off. What autovacuum would do after the create_claims phase's 75,000-odd
    // rows: statistics, which also retire the generic plans the service cached while the tables were tiny (without
    // it, the 1-client write below cost 24 ms of PostgreSQL CPU; with it, 1.4 ms, in two runs of 2026-12-05).
    await handle.query('ANALYZE');
    if (PHASES.has('history') || PHASES.has('get')) await historyCost({ db, pid, post, measure: PHASES.has('history') });
    if (PHASES.has('get')) await getAccountLatency({ db, pid, post, get });
  } finally {
    client.close();
    await service.stop();
  }
}

/**
 * Seeds SEEDED_ACCOUNTS accounts of the tenant straight into the ledger tables (entries, running state, one payment's
 * settlement and a managed claim per invoice), then takes statistics: what the tables of a tenant in service hold
 * and what autovacuum would have gathered, before the service plans its first ledger statement. The accounts are
 * not the ones the clients write to; nothing reads them.
 */
async function seedSteadyState(handle: Awaited<ReturnType<typeof startBenchService>>['handle'], tenantId: string): Promise<void> {
  const invoices = `SELECT a, i, 'SEED_' || a AS account, 'SINV_' || a || '_' || i AS invoice
    FROM generate_series(0, ${SEEDED_ACCOUNTS - 1}) AS a, generate_series(0, ${SEEDED_INVOICES_PER_ACCOUNT - 1}) AS i`;
  await handle.query(`INSERT INTO servicing_accounts (tenant_id, account_reference, currency, scores, debtors, products, ledger_count,
      created_at, updated_at, ledger_state_built)
    SELECT $1::uuid, 'SEED_' || a, 'EUR', '[]', '[]', '[]', ${3 * SEEDED_INVOICES_PER_ACCOUNT}, now(), now(), true
    FROM generate_series(0, ${SEEDED_ACCOUNTS - 1}) AS a`, [tenantId]);
  await handle.query(`INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
    SELECT $1::uuid, account, 3 * i + k, ref, entry, 0, now() FROM (${invoices}) AS v, LATERAL (VALUES
      (0, invoice, jsonb_build_object('ledgerEntryReference', invoice, 'invoiceDetails', jsonb_build_object('amount', 10000, 'dueDate', '2025-01-15'), 'context', '{}'::jsonb)),
      (1, 'S' || invoice, jsonb_build_object('ledgerEntryReference', 'S' || invoice, 'feeDetails', jsonb_build_object('type', 'LATE', 'amount', 500), 'context', jsonb_build_object('ledgerEntryReference', invoice))),
      (2, 'P' || invoice, jsonb_build_object('ledgerEntryReference', 'P' || invoice, 'paymentDetails', jsonb_build_object('amount', 777), 'context', '{}'::jsonb))
    ) AS e(k, ref, entry)`, [tenantId]);
  await handle.query(`INSERT INTO servicing_ledger_items (tenant_id, account_reference, ledger_entry_reference, kind, source_type, invoice_reference,
      fee_type, created_at_ms, sequence, open_amount)
    SELECT $1::uuid, account, invoice, 'INVOICE_PRINCIPAL', 'INVOICE', invoice, NULL, 0, 3 * i, 10000 - 777 FROM (${invoices}) AS v
    UNION ALL SELECT $1::uuid, account, 'S' || invoice, 'INVOICE_FEE', 'FEE', invoice, 'LATE', 0, 3 * i + 1, 500 FROM (${invoices}) AS v`, [tenantId]);
  await handle.query(`INSERT INTO servicing_ledger_settlements (tenant_id, account_reference, payment_reference, position, item_reference, amount, paid_at)
    SELECT $1::uuid, account, 'P' || invoice, 0, invoice, 777, now() FROM (${invoices}) AS v`, [tenantId]);
  await handle.query(`INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, receeve_claim_ref, data,
      created_at, updated_at, placed_principal, placed_currency, debtor_reference)
    SELECT $1::uuid, invoice, account, true, 'ACTIVE', invoice || '-2025-01-15', '{}', now(), now(), 10000, 'EUR', 'D0' FROM (${invoices}) AS v`, [tenantId]);
  await handle.query('ANALYZE');
}

type Post = (operation: string, body: string) => Promise<void>;
type Db = Awaited<ReturnType<typeof startBenchService>>['db'];

/**
 * create_claims in batches of 1,000, at the pool's size, next to the bare 1,000-row INSERT of the same shape. The
 * target (issue 12: ≥ 0.6 × "the bench's bare 1,000-row INSERT", then 0.45 × at 15,600 claims/s) is judged against
 * that INSERT as the bench ran it when the issue was filed: one batch at a time on one connection (now warmed up
 * first, which only raises it). The same INSERT at create_claims' concurrency is printed too, for information: the
 * rows alone of a claim and its ClaimCreated event cost PostgreSQL 4-5 × a bare row, so 0.6 × of that one would need
 * less stored per claim, not a faster service (docs/architecture.md, "where create_claims' ratio went").
 */
async function createClaimsAgainstInsert(context: {
  handle: Awaited<ReturnType<typeof startBenchService>>['handle']; db: Db; pid: number; tenantId: string; post: Post;
  accountRef: (clientIndex: number, n: number) => string;
}): Promise<void> {
  const { handle, db, pid, tenantId, post, accountRef } = context;
  await handle.query('CREATE TABLE bench_baseline (tenant_id uuid, ref text, data jsonb, PRIMARY KEY (tenant_id, ref))');
  const rowJson = (i: number) => JSON.stringify({ amount: 1000 + i, currency: 'EUR', meta: { batch: 'x' } });
  const insertBatch = async () => {
    const batch = unique++;
    const values: unknown[] = [];
    const rows = Array.from({ length: 1000 }, (_, i) => {
      values.push(tenantId, `B${batch}_${i}`, rowJson(i));
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    await handle.query(`INSERT INTO bench_baseline VALUES ${rows.join(',')}`, values);
  };
  const loadOptions = { ...options, concurrency: Math.min(options.concurrency, BENCH_POOL_SIZE) };
  const perRow = (result: LoadResult): LoadResult => ({ ...result, perSecond: result.perSecond * 1000 });
  const sequential = await measured(db, pid, insertBatch, { ...options, concurrency: 1 });
  report('baseline: bare 1,000-row INSERT, one at a time', perRow(sequential.result));
  reportCpu(sequential.cpu, sequential.result.requests * 1000, 'client');
  const insert = await measured(db, pid, insertBatch, loadOptions);
  console.log(`create_claims and the same INSERT: ${loadOptions.concurrency} batches at a time (the pool's size)`);
  report('bare 1,000-row INSERT, concurrent (rows/s)', perRow(insert.result));
  reportCpu(insert.cpu, insert.result.requests * 1000, 'client');

  const templates = Array.from({ length: loadOptions.concurrency }, (_, c) => claimsTemplate((i) => accountRef(c, i)));
  const createBatch = async (_: number, loop: number) => {
    await post('create_claims', templates[loop]!.replaceAll('@P@', `C${unique++}`));
  };
  const claims = await measured(db, pid, createBatch, loadOptions);
  const rate = perRow(claims.result);
  report('create_claims, batches of 1,000 (claims/s)', rate);
  const ratio = rate.perSecond / perRow(sequential.result).perSecond;
  const concurrentRatio = rate.perSecond / perRow(insert.result).perSecond;
  console.log(`${''.padEnd(48)} = ${ratio.toFixed(2)} × the INSERT one at a time   target ≥ 0.6 × (${ratio >= 0.6 ? 'met' : 'NOT met'}); latency is per batch`);
  console.log(`${''.padEnd(48)} = ${concurrentRatio.toFixed(2)} × the concurrent INSERT (no target: see the comment above)`);
  reportCpu(claims.cpu, claims.result.requests * 1000);
}

/** What one ledger write costs on an account with 10 entries and on one with 10,000 (1 client, so CPU is the figure). */
async function historyCost(context: { db: Db; pid: number; post: Post; measure: boolean }): Promise<void> {
  const { db, pid, post, measure } = context;
  const accounts = { SHORT: 10, LONG: HISTORY };
  for (const [account, entries] of Object.entries(accounts)) {
    await post('create_accounts', JSON.stringify({ [account]: { currency: 'EUR', debtors: [debtor(1)] } }));
    await fillLedger(post, account, entries);
  }
  await db.execute(sql`ANALYZE`); // what autovacuum (off on the test server) would do after 10,000 ledger rows
  if (!measure) return;
  const results = new Map<string, { result: LoadResult; cpu: CpuSplit }>();
  for (const account of Object.keys(accounts)) {
    const write = async () => {
      const ref = `H${unique++}`;
      await post('add_account_ledger_entries', JSON.stringify([
        { accountReference: account, ledgerEntryReference: `INV_${ref}`, invoiceDetails: { amount: 10_000, dueDate: '2025-01-15' }, context: {} },
        { accountReference: account, ledgerEntryReference: `FEE_${ref}`, feeDetails: { type: 'LATE', amount: 500 }, context: { ledgerEntryReference: `INV_${ref}` } },
      ]));
    };
    results.set(account, await measured(db, pid, write, { seconds: Math.max(2, SECONDS / 2), concurrency: 1 }));
  }
  for (const [account, entries] of Object.entries(accounts)) {
    const { result, cpu } = results.get(account)!;
    report(`ledger write, ${fmt(entries)} entries, 1 client`, result);
    reportCpu(cpu, result.requests);
  }
  const cpuPer = (account: string) => {
    const { result, cpu } = results.get(account)!;
    return ((cpu.serviceMs ?? 0) + (cpu.postgresMs ?? 0)) / result.requests;
  };
  const ratio = cpuPer('LONG') / cpuPer('SHORT');
  console.log(`${''.padEnd(48)} CPU (service + PostgreSQL) per write at ${fmt(HISTORY)} vs 10 entries: ${ratio.toFixed(2)} ×   target ≤ 1.5 × (${ratio <= 1.5 ? 'met' : 'NOT met'})`);
}

/** Fills an account's ledger with `entries` entries: invoices, each paid in full by the next entry. */
async function fillLedger(post: Post, account: string, entries: number): Promise<void> {
  for (let chunk = 0; chunk < entries; chunk += 1000) {
    await post('add_account_ledger_entries', JSON.stringify(Array.from({ length: Math.min(1000, entries - chunk) }, (_, i) => {
      const n = chunk + i;
      return n % 2 === 0
        ? { accountReference: account, ledgerEntryReference: `${account}_INV_${n}`, invoiceDetails: { amount: 5000, dueDate: '2025-01-15' }, context: {} }
        : { accountReference: account, ledgerEntryReference: `${account}_PAY_${n}`, paymentDetails: { amount: 5000 }, context: { ledgerEntryReference: `${account}_INV_${n - 1}` } };
    })));
  }
}

/** get_account on the account with 10,000 ledger entries, one client. */
async function getAccountLatency(context: { db: Db; pid: number; post: Post; get: (operation: string, query: string) => Promise<void> }): Promise<void> {
  const { db, pid, get } = context;
  const read = await measured(db, pid, () => get('get_account', 'accountReference=LONG'), { seconds: Math.max(2, SECONDS / 2), concurrency: 1 });
  report(`get_account, ${fmt(HISTORY)}+ ledger entries, 1 client`, read.result);
  console.log(`${''.padEnd(48)} target p99 < 30 ms (${read.result.p99Ms < 30 ? 'met' : 'NOT met'})`);
  reportCpu(read.cpu, read.result.requests);
}
