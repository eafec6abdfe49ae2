import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/platform/db/database.js';
import { coverExposureAt } from '../src/cover/api.js';
import { insuredInvoiceExposureAt, premiumsByMonth } from '../src/insurance/api.js';
import { casesByStatusAt, indemnitiesByMonth } from '../src/cases/api.js';
import { placedInWindow, receivablesAgeing, recoveryByPlacementMonth } from '../src/servicing/api.js';
import { promisesByDueMonth, resultsPerSplitArm } from '../src/collections/api.js';
import { measureCpu } from './_cpu.js';
import { seedServicingBook } from './_servicing-book.js';
import { benchTenant, httpClient, startBenchService } from './_harness.js';

/*
 * `npm run bench -- reports`: every report of /backoffice/v1/reports over a book seeded with set-based SQL
 * (generate_series): BENCH_REPORT_COVERS cover versions (default 100,000, a fifth of them ended), as many insured
 * invoices as a fifth of that, BENCH_REPORT_CLAIMS servicing claims (default 1,000,000; a share
 * BENCH_REPORT_MANAGED_SHARE, default 0.5, ledger-managed with their invoices, payments and settlements, see
 * _servicing-book.ts), 10,000 cases with their status logs, 50,000 promises and 20,000 runs through a two-arm split. Each
 * report is drawn over HTTP (JSON, today and as of 90 days ago) BENCH_REPORT_ROUNDS times (default 5) and printed next
 * to the same-run baseline: the bare SQL the report is made of, run from this process through a pool (no HTTP, no
 * auth, no rendering). BENCH_REPORTS=recovery,ageing draws only those reports (the seed is the same).
 */
const COVERS = Number(process.env.BENCH_REPORT_COVERS ?? 100_000);
const CLAIMS = Number(process.env.BENCH_REPORT_CLAIMS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 5);
/** Ledger-managed claims among them (default half), two per account. */
const MANAGED = 2 * Math.floor(CLAIMS * Number(process.env.BENCH_REPORT_MANAGED_SHARE ?? 0.5) / 2);
const TIME_ZONE = 'Europe/Stockholm';

async function timed(step: string, work: () => Promise<unknown>): Promise<void> {
  const began = performance.now();
  await work();
  console.log(`  seeded ${step} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

async function seed(db: Database, tenantId: string): Promise<void> {
  const t = sql.raw(`'${tenantId}'::uuid`);
  await timed(`${COVERS} cover versions`, async () => {
    const [customer] = rowsOf<{ customer_id: number }>(await db.execute(sql`INSERT INTO cover_customers (tenant_id, name, created_at) VALUES (${t}, 'Bench customer', now()) RETURNING customer_id`));
    const [policy] = rowsOf<{ policy_id: number }>(await db.execute(sql`INSERT INTO cover_policies (tenant_id, customer_id, status, currency, start_date, expiry_date, insured_percentage, discretionary_limit, max_extension_days, credit_check_amount, auto_decision_max, created_at)
      VALUES (${t}, ${customer!.customer_id}, 'live', 'EUR', '2025-01-01', '2027-12-31', 90, 0, 60, 0, 0, now()) RETURNING policy_id`));
    await db.execute(sql`INSERT INTO risk_buyers (country, registry_id, name, rating)
      SELECT (ARRAY['SE','NO','DK','FI','DE'])[1 + i % 5], 'BENCH' || i, 'Bench buyer ' || i, 1 + i % 10 FROM generate_series(1, ${COVERS}) i
      ON CONFLICT DO NOTHING`);
    await db.execute(sql`INSERT INTO cover_versions (tenant_id, customer_id, policy_id, buyer_id, buyer_country, buyer_registry_id, book_id, cover_type, cover_status,
        decision_code, neutral_code, historic_code, currency, requested_amount, first_amount, buyer_rating_at_application, application_date, decision_date,
        effect_from_date, ended_at, updated_at)
      SELECT ${t}, ${customer!.customer_id}, ${policy!.policy_id}, i, (ARRAY['SE','NO','DK','FI','DE'])[1 + i % 5], 'BENCH' || i, ${t}, 'credit-limit', 'DECISION',
        'A', 'N', CASE WHEN i % 5 = 0 THEN 'HSUP' END, 'EUR', 100000 + (i % 97) * 10000, 100000 + (i % 97) * 10000, 1 + i % 10,
        now() - make_interval(days => 1 + i % 365), now() - make_interval(days => 1 + i % 365), '2025-01-01',
        CASE WHEN i % 5 = 0 THEN now() - make_interval(days => i % 30) END, now()
      FROM generate_series(1, ${COVERS}) i`);
  });
  await timed(`${COVERS / 5} insured invoices`, () => db.execute(sql`INSERT INTO insurance_quotes (id, tenant_id, product, book_id, user_reference, seller_reference, seller_identifier,
      seller_country, buyer_reference, buyer_identifier, buyer_country, invoice_reference, invoice_amount, invoice_currency, invoice_issue_date, invoice_due_date,
      premium_amount, premium_currency, status, activated_at, closed_at, created_at, updated_at)
    SELECT 'bench-' || i, ${t}, (ARRAY['reinsure','insure'])[1 + i % 2], ${t}, 'u', 's', '5560000000', 'SE', 'b' || i, 'BENCH' || i, (ARRAY['SE','NO','DK','FI','DE'])[1 + i % 5],
      'INV-' || i, 50000 + i % 1000 * 100, 'EUR', '2026-01-01', '2026-03-01', 500 + i % 100, 'EUR',
      CASE WHEN i % 3 = 0 THEN 'cover.settled' ELSE 'cover.activated' END, now() - make_interval(days => i % 365),
      CASE WHEN i % 3 = 0 THEN now() - make_interval(days => i % 30) END, now() - make_interval(days => i % 365), now()
    FROM generate_series(1, ${COVERS / 5}) i`));
  await seedServicingBook(db, t, { claims: CLAIMS, managed: MANAGED });
  await timed('10,000 cases with status logs', async () => {
    await db.execute(sql`INSERT INTO nonpayment_cases (tenant_id, customer_id, policy_id, buyer_id, buyer_name, case_type, case_status, claim_status, currency,
        total_invoiced, total_credited, total_paid, outstanding_amount, oldest_due_date, first_invoice_date, notified_on, indemnity_amount, created_at, updated_at)
      SELECT ${t}, 1, 1, i, 'Buyer ' || i, 'CLAIM_COLLECTION', CASE WHEN i % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END, CASE WHEN i % 3 = 0 THEN 'PAID' ELSE 'IN_ASSESSMENT' END,
        'EUR', 100000, 0, 0, 100000, '2026-01-01', '2025-12-01', '2026-02-01', CASE WHEN i % 3 = 0 THEN 90000 END, now() - make_interval(days => i % 365), now()
      FROM generate_series(1, 10000) i`);
    // A case's status log is its platform events (entity id: the case id, NP-000042).
    await db.execute(sql`INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, dispatch_pending)
      SELECT c.tenant_id, e.type, 'nonpayment_case', 'NP-' || lpad(c.case_number::text, 6, '0'), jsonb_build_object('from', NULL, 'to', e.status), c.created_at + e.after, false
      FROM nonpayment_cases c, LATERAL (VALUES ('case.status_changed', 'SUBMITTED', interval '0'), ('case.status_changed', 'OPEN', interval '1 day'),
        ('claim.status_changed', 'IN_ASSESSMENT', interval '2 days')) e(type, status, after) WHERE c.tenant_id = ${t}`);
    await db.execute(sql`INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, dispatch_pending)
      SELECT c.tenant_id, e.type, 'nonpayment_case', 'NP-' || lpad(c.case_number::text, 6, '0'), jsonb_build_object('from', NULL, 'to', e.status), c.created_at + interval '20 days', false
      FROM nonpayment_cases c, LATERAL (VALUES ('claim.status_changed', 'PAID'), ('case.status_changed', 'CLOSED')) e(type, status)
      WHERE c.tenant_id = ${t} AND c.case_status = 'CLOSED'`);
  });
  await timed('50,000 promises, 20,000 split runs', async () => {
    await db.execute(sql`INSERT INTO collections_promises (tenant_id, id, claim_reference, amount, currency, due_date, status, baseline_outstanding, created_at, resolved_at)
      SELECT ${t}, gen_random_uuid(), 'C' || i, 5000, 'EUR', to_char(current_date - i % 300, 'YYYY-MM-DD'), (ARRAY['kept','broken','replaced','open'])[1 + i % 4], 20000,
        now() - make_interval(days => 10 + i % 300), CASE WHEN i % 4 <> 3 THEN now() - make_interval(days => i % 300) END
      FROM generate_series(1, 50000) i`);
    await db.execute(sql`INSERT INTO collections_runs (tenant_id, claim_reference, strategy_key, strategy_version, position, state, created_at, updated_at)
      SELECT ${t}, 'C' || i, 'bench-split', 1, '{}'::jsonb, 'RUNNING', now() - make_interval(days => i % 300), now() FROM generate_series(1, 20000) i`);
    await db.execute(sql`INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, step_id, reason, recorded_at)
      SELECT ${t}, 'C' || i, 1, now() - make_interval(days => i % 300), 'step', 'split-1',
        'split arm ' || (ARRAY['A','B'])[1 + i % 2] || ' (hash of claim reference and seed 7)', now() - make_interval(days => i % 300)
      FROM generate_series(1, 20000) i`);
  });
  await db.execute(sql`ANALYZE`);
}

/** The bare SQL each report is made of, called from this process (the baseline). */
function baselines(db: Database, tenantId: string): Record<string, (before: Date, asOfDate: string) => Promise<unknown>> {
  return {
    'exposure?by=buyer': (before, asOfDate) => Promise.all([coverExposureAt(db, tenantId, { before, asOfDate, by: 'buyer' }), insuredInvoiceExposureAt(db, tenantId, { before, by: 'buyer' })]),
    'exposure?by=rating': (before, asOfDate) => Promise.all([coverExposureAt(db, tenantId, { before, asOfDate, by: 'rating' }), insuredInvoiceExposureAt(db, tenantId, { before, by: 'rating' })]),
    'loss-ratio': (before) => Promise.all([premiumsByMonth(db, tenantId, { before, timeZone: TIME_ZONE }), indemnitiesByMonth(db, tenantId, { before, timeZone: TIME_ZONE })]),
    ageing: (before, asOfDate) => Promise.all([receivablesAgeing(db, tenantId, { before, asOfDate }), placedInWindow(db, tenantId, { before, days: 90 })]),
    cases: (before) => casesByStatusAt(db, tenantId, { before }),
    promises: (before) => promisesByDueMonth(db, tenantId, { before }),
    'split-arms': (before) => resultsPerSplitArm(db, tenantId, { before }),
    recovery: (before) => recoveryByPlacementMonth(db, tenantId, { before, timeZone: TIME_ZONE }),
  };
}

function businessDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function spread(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0).padStart(5)} ms, max ${sorted[sorted.length - 1]!.toFixed(0).padStart(5)} ms`;
}

export default async function main(): Promise<void> {
  const service = await startBenchService();
  try {
    const sheet = await benchTenant(service);
    const tenantId = sheet.tenantId;
    console.log(`Reports over ${COVERS} cover versions and ${CLAIMS} servicing claims (load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
    await seed(service.db, tenantId);
    const client = httpClient(service.url, 1);
    const headers = { authorization: `Bearer ${sheet.credentials.staff.apiKey}` };
    const bare = baselines(service.db, tenantId);
    const past = new Date(Date.now() - 90 * 86_400_000);
    const only = process.env.BENCH_REPORTS?.split(',');
    for (const [name, query] of Object.entries(bare).filter(([key]) => !only || only.includes(key.split('?')[0]!))) {
      const [report, parameters] = name.split('?');
      for (const [label, asOf] of [['today', undefined], ['as of 90 days ago', businessDate(past)]] as const) {
        const path = `/backoffice/v1/reports/${report}?${parameters ?? ''}${asOf ? `&asOf=${asOf}` : ''}`;
        const before = asOf ? new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000) : new Date(Date.now() + 86_400_000);
        const http: number[] = [];
        const sqlOnly: number[] = [];
        const { cpu } = await measureCpu(service.db, service.pid, async () => {
          for (let round = 0; round <= ROUNDS; round += 1) {
            const began = performance.now();
            const answer = await client.request('GET', path, headers);
            if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`);
            if (round > 0) http.push(performance.now() - began);
          }
        });
        for (let round = 0; round <= ROUNDS; round += 1) {
          const began = performance.now();
          await query(before, asOf ?? businessDate(new Date()));
          if (round > 0) sqlOnly.push(performance.now() - began);
        }
        console.log(`${`${name} ${label}`.padEnd(36)} HTTP ${spread(http)} | bare SQL ${spread(sqlOnly)} | service CPU ${((cpu.serviceMs ?? 0) / (ROUNDS + 1)).toFixed(0)} ms, PostgreSQL CPU ${((cpu.postgresMs ?? 0) / (ROUNDS + 1)).toFixed(0)} ms per report`);
      }
    }
    client.close();
  } finally {
    await service.stop();
  }
}
