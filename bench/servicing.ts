import { processCpuMs } from './_cpu.js';
import { startBenchService } from './_harness.js';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';

/*
 * Debt-servicing load scenarios (issue 4): create_claims in batches of 1,000, add_account_ledger_entries,
 * match_account_payment, get_account on an account with 10,000 ledger entries, and peak RSS while importing
 * claims, each printed next to a same-run baseline: a bare 1,000-row INSERT through a pool of the server's size.
 * The server runs as its own process (`tradecredit serve`), so its CPU and peak RSS (VmHWM) are its own.
 * Env: BENCH_CLAIM_BATCHES (default 60), BENCH_IMPORT_CLAIMS (default 100000; the issue's target is 1,000,000),
 * BENCH_CONCURRENCY (default 4).
 */

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function debtor(i: number) {
  return { debtorReference: `D${i}`, firstName: 'Bench', lastName: `Debtor${i}`, contactInformation: { country: 'DE', email: `d${i}@example.com` } };
}

function claimsBatch(prefix: string, size: number, account: (i: number) => string) {
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`${prefix}_${i}`, {
    amount: 1000 + i, currency: 'EUR', currentDueDate: '2025-01-15', originalDueDate: '2025-01-15', accountReference: account(i),
    primaryDebtor: debtor(i % 50), totalFees: 100, meta: { batch: prefix },
  }]));
}

/** Starts a new peak-RSS window for a process (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Resident set size of a process now (Linux VmRSS), in bytes. */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Peak resident set size of a process (Linux VmHWM), in bytes. */
function peakRssOf(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

export async function run(_args: string[]): Promise<void> {
  const service = await startBenchService({
    role: 'all', env: { LOG_LEVEL: 'warn', BODY_LIMIT_BYTES: String(16 * 1024 * 1024) },
  });
  const { url, handle, pid } = service;
  try {
    const created = await createTenant(handle.db, { name: 'Bench', mode: 'live', now: new Date() });
    const sheet = credentialSheet(created, url).credentials.servicing;
    const tokenResponse = await fetch(`${url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${sheet.apiClientId}:${sheet.apiClientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const base = `${url}/v1/${created.tenant.clientId}`;
    /** Posts a body (an object, or JSON text built beforehand) and checks every item succeeded; returns the latency. */
    const post = async (operation: string, body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const started = performance.now();
      const response = await fetch(`${base}/${operation}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: text });
      const json = (await response.json()) as Record<string, { success: boolean; messages: string[] }>;
      if (response.status !== 200) throw new Error(`${operation}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
      const failure = Object.entries(json).find(([, item]) => !item.success);
      if (failure) throw new Error(`${operation}: ${failure[0]} failed: ${failure[1].messages.join('; ')}`);
      return performance.now() - started;
    };
    const get = async (operation: string, query: Record<string, string>) => {
      const started = performance.now();
      const response = await fetch(`${base}/${operation}?${new URLSearchParams(query).toString()}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${operation}: ${response.status}`);
      return performance.now() - started;
    };

    console.log(`servicing bench on PostgreSQL, ${new Date().toISOString()}`);
    const pingLatencies: number[] = [];
    for (let i = 0; i < 50; i += 1) pingLatencies.push(await get('get_debtor_accounts_and_claims', { debtorReference: 'nobody' }));
    console.log(`request floor  get_debtor_accounts_and_claims (empty)  p50 ${fmt(percentile(pingLatencies, 50), 1)} ms`);
    const healthLatencies: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      healthLatencies.push(performance.now() - started);
    }
    console.log(`request floor  /healthz  p50 ${fmt(percentile(healthLatencies, 50), 1)} ms`);
    const readyLatencies: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      await (await fetch(`${url}/readyz`)).arrayBuffer();
      readyLatencies.push(performance.now() - started);
    }
    console.log(`request floor  /readyz  p50 ${fmt(percentile(readyLatencies, 50), 1)} ms`);
    // Baseline: a bare multi-row insert of 1,000 rows through the same pool.
    await handle.query('CREATE TABLE bench_baseline (tenant_id uuid, ref text, data jsonb, PRIMARY KEY (tenant_id, ref))');
    const baselineBatches = 20;
    const baselineStarted = performance.now();
    for (let batch = 0; batch < baselineBatches; batch += 1) {
      const values: unknown[] = [];
      const rows = Array.from({ length: 1000 }, (_, i) => {
        values.push(created.tenant.id, `B${batch}_${i}`, JSON.stringify({ amount: 1000 + i, currency: 'EUR', meta: { batch } }));
        return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
      });
      await handle.query(`INSERT INTO bench_baseline VALUES ${rows.join(',')}`, values);
    }
    const baselineRate = (baselineBatches * 1000) / ((performance.now() - baselineStarted) / 1000);
    console.log(`baseline   bare 1,000-row INSERT            ${fmt(baselineRate)} rows/s`);

    // create_claims, batches of 1,000 (accounts exist, so no implicit creation dominates).
    // Each concurrent client works on its own accounts (account rows are locked per request).
    const batches = env('BENCH_CLAIM_BATCHES', 60);
    const concurrency = env('BENCH_CONCURRENCY', 4);
    const accountsPerWorker = 50;
    const accounts = accountsPerWorker * concurrency;
    const accountRef = (n: number) => `ACC_${Math.floor(n / accountsPerWorker)}_${n % accountsPerWorker}`;
    await post('create_accounts', Object.fromEntries(Array.from({ length: accounts }, (_, a) => [accountRef(a), {
      currency: 'EUR', debtors: Array.from({ length: 50 }, (_, d) => debtor(d)),
    }])));
    // Steady state, as a client with `concurrency` connections sees it: a warm-up round first (JIT, prepared
    // statements), then each connection sends its next batch as soon as the previous one is answered (closed loop).
    // The bodies are built before the clock starts, so the load generator's own work does not steal the service's CPU.
    const batchBody = (prefix: string, worker: number) => JSON.stringify(claimsBatch(prefix, 1000, (i) => `ACC_${worker}_${i % accountsPerWorker}`));
    await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
      for (let round = 0; round < 2; round += 1) await post('create_claims', batchBody(`W${round}_${worker}`, worker));
    }));
    const bodies = Array.from({ length: batches }, (_, n) => batchBody(`C${n}`, n % concurrency));
    const claimLatencies: number[] = [];
    const serverCpuBefore = processCpuMs(pid) ?? 0;
    const claimsStarted = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = worker; n < batches; n += concurrency) claimLatencies.push(await post('create_claims', bodies[n]));
    }));
    const claimRate = (batches * 1000) / ((performance.now() - claimsStarted) / 1000);
    // Server CPU per batch: steadier than throughput on a machine shared with other work.
    const serverCpuPerBatch = ((processCpuMs(pid) ?? 0) - serverCpuBefore) / batches;
    console.log(`create_claims  batches of 1,000 x${concurrency}   ${fmt(claimRate)} claims/s (${fmt(100 * claimRate / baselineRate, 1)}% of baseline; p99 ${fmt(percentile(claimLatencies, 99))} ms/batch; server CPU ${fmt(serverCpuPerBatch)} ms/batch; target >= 20,000)`);

    // add_account_ledger_entries: one invoice + one fee per request on its own account; then match_account_payment.
    const ledgerLatencies: number[] = [];
    const ledgerStarted = performance.now();
    const ledgerRequests = 400;
    for (let i = 0; i < ledgerRequests; i += concurrency) {
      ledgerLatencies.push(...await Promise.all(Array.from({ length: concurrency }, (_, k) => post('add_account_ledger_entries', [
        { accountReference: accountRef((i + k) % accounts), ledgerEntryReference: `INV_${i + k}`, invoiceDetails: { amount: 10_000, dueDate: '2025-01-15' }, context: {} },
        { accountReference: accountRef((i + k) % accounts), ledgerEntryReference: `FEE_${i + k}`, feeDetails: { type: 'LATE', amount: 500 }, context: { ledgerEntryReference: `INV_${i + k}` } },
      ]))));
    }
    const ledgerRate = ledgerRequests / ((performance.now() - ledgerStarted) / 1000);
    console.log(`add_account_ledger_entries               ${fmt(ledgerRate)} requests/s, p99 ${fmt(percentile(ledgerLatencies, 99), 1)} ms`);
    const matchLatencies: number[] = [];
    const matchStarted = performance.now();
    const matchRequests = 400;
    for (let i = 0; i < matchRequests; i += concurrency) {
      matchLatencies.push(...await Promise.all(Array.from({ length: concurrency }, (_, k) => post('match_account_payment', [{
        accountReference: accountRef((i + k) % accounts), currency: 'EUR', totalAmount: 777, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES', providerName: 'trustly', trackingId: randomUUID(),
      }]))));
    }
    const matchRate = matchRequests / ((performance.now() - matchStarted) / 1000);
    console.log(`match_account_payment                    ${fmt(matchRate)} requests/s, p99 ${fmt(percentile(matchLatencies, 99), 1)} ms`);

    // get_account on an account with 10,000 ledger entries.
    await post('create_accounts', { BIG: { currency: 'EUR', debtors: [debtor(1)] } });
    for (let chunk = 0; chunk < 10; chunk += 1) {
      await post('add_account_ledger_entries', Array.from({ length: 1000 }, (_, i) => {
        const n = chunk * 1000 + i;
        return n % 2 === 0
          ? { accountReference: 'BIG', ledgerEntryReference: `BIG_INV_${n}`, invoiceDetails: { amount: 5000, dueDate: '2025-01-15' }, context: {} }
          : { accountReference: 'BIG', ledgerEntryReference: `BIG_PAY_${n}`, paymentDetails: { amount: 1000 }, context: { ledgerEntryReference: `BIG_INV_${n - 1}` } };
      }));
    }
    const readLatencies: number[] = [];
    for (let i = 0; i < 100; i += 1) readLatencies.push(await get('get_account', { accountReference: 'BIG' }));
    console.log(`get_account  10,000 ledger entries       p50 ${fmt(percentile(readLatencies, 50), 1)} ms, p99 ${fmt(percentile(readLatencies, 99), 1)} ms (target p99 < 100 ms)`);

    // import_claims volume and peak RSS.
    const importClaims = env('BENCH_IMPORT_CLAIMS', 100_000);
    const peakBeforeImport = peakRssOf(pid);
    resetPeakRss(pid);
    const importStarted = performance.now();
    const importBatches = importClaims / 1000;
    const progressEvery = Math.max(concurrency, Math.round(importBatches / 10 / concurrency) * concurrency);
    for (let batch = 0; batch < importBatches; batch += concurrency) {
      await Promise.all(Array.from({ length: Math.min(concurrency, importBatches - batch) }, (_, k) =>
        post('import_claims', claimsBatch(`I${batch + k}`, 1000, (i) => `ACC_${k}_${i % accountsPerWorker}`))));
      if ((batch + concurrency) % progressEvery === 0) {
        console.log(`  import ${fmt((batch + concurrency) * 1000)} claims: RSS ${fmt(rssOf(pid) / 1024 / 1024)} MB, peak ${fmt(peakRssOf(pid) / 1024 / 1024)} MB`);
      }
    }
    const importRate = importClaims / ((performance.now() - importStarted) / 1000);
    console.log(`import_claims  ${fmt(importClaims)} claims              ${fmt(importRate)} claims/s; server peak RSS during the import ${fmt(peakRssOf(pid) / 1024 / 1024)} MB (target < 400 MB; peak of the earlier phases ${fmt(peakBeforeImport / 1024 / 1024)} MB)`);
  } finally {
    await service.stop();
  }
}
