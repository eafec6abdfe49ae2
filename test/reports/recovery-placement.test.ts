// The recovery curves read what the ledger writes with each claim and settlement (issue 17, migration 0034): a
// managed claim keeps its invoice principal as booked and its currency, a settled part of an invoice principal keeps
// the invoice's placement and the currency, so the report needs no join. Over HTTP on both engines: an invoice paid
// in the batch that books it, an invoice reference used on two accounts (the second claim takes the
// account-qualified reference and is counted like any other), a fee paid beside its invoice (left out of the curve);
// then the migration's backfill rebuilds the same columns from the ledger.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../src/platform/db/database.js';
import { MIGRATIONS_FOLDER } from '../../src/platform/db/migrate.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { accountBody, fee, invoice, startServicing, type ServicingClient } from '../servicing/support.js';
import { advanceClockTo, getReport, staffHeaders } from './support.js';

describeEachEngine('Recovery curves: placement written with the ledger', (engine) => {
  let service: TestService;
  let servicing: ServicingClient;
  let handler: Record<string, string>;

  const advanceTo = (iso: string) => advanceClockTo(service, servicing.tenant, iso);
  const append = async (accountReference: string, entries: object[]) => {
    const appended = await servicing.post('add_account_ledger_entries', entries.map((entry) => ({ accountReference, ...entry })));
    expect(appended.body[accountReference]?.success, appended.text).toBe(true);
  };
  const payment = (reference: string, target: string, amount: number) =>
    ({ ledgerEntryReference: reference, paymentDetails: { amount }, context: { ledgerEntryReference: target } });
  const tenantId = () => servicing.tenant.tenant.id;
  const db = () => service.platform.db;

  beforeAll(async () => {
    service = await startTestService({ engine });
    servicing = await startServicing(engine, service); // the tenant's clock starts at 2026-11-21T10:00Z
    handler = await staffHeaders(service, servicing.tenant, ['collections_manager']);
    const created = await servicing.post('create_accounts', accountBody('ACC-A', [invoice('INV-1', 100_000, { dueDate: '2026-11-01' })]));
    expect(created.body['ACC-A']?.success, created.text).toBe(true);
    // Booked and half paid in one batch: the claim and the settlement are written by the same request.
    await append('ACC-A', [invoice('INV-2', 200_000, { dueDate: '2026-11-01' }), payment('PAY-A2', 'INV-2', 50_000)]);
    await advanceTo('2026-11-23T10:00:00.000Z');
    const second = await servicing.post('create_accounts', accountBody('ACC-B', [invoice('INV-1', 300_000, { dueDate: '2026-11-01' })]));
    expect(second.body['ACC-B']?.success, second.text).toBe(true);
    await advanceTo('2026-12-01T10:00:00.000Z');
    await append('ACC-B', [payment('PAY-B1', 'INV-1', 120_000)]);
    await append('ACC-A', [fee('FEE-1', 5_000, 'INV-1'), payment('PAY-A1', 'INV-1', 105_000)]);
    await advanceTo('2027-01-05T10:00:00.000Z');
  }, 300_000);
  afterAll(async () => service?.stop());

  const november = {
    month: '2026-11', currency: 'EUR', claims: 3, placed: '6000.00', recovered: '2700.00', m1: '0.4500',
    ...Object.fromEntries(Array.from({ length: 11 }, (_unused, index) => [`m${index + 2}`, null])),
  };

  it('stores each managed claim\'s principal as booked and each principal part\'s placement', async () => {
    const claims = await executeRaw(db(), `SELECT account_reference, claim_reference, placed_principal::int AS principal, placed_currency,
        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS placed
      FROM servicing_claims WHERE tenant_id = $1 ORDER BY account_reference, claim_reference`, [tenantId()]);
    expect(claims).toEqual([
      { account_reference: 'ACC-A', claim_reference: 'INV-1', principal: 100_000, placed_currency: 'EUR', placed: '2026-11-21' },
      { account_reference: 'ACC-A', claim_reference: 'INV-2', principal: 200_000, placed_currency: 'EUR', placed: '2026-11-21' },
      { account_reference: 'ACC-B', claim_reference: 'ACC-B:INV-1', principal: 300_000, placed_currency: 'EUR', placed: '2026-11-23' },
    ]);
    const parts = await executeRaw(db(), `SELECT s.payment_reference, s.item_reference, s.amount::int AS amount, s.currency,
        s.placed_at = cl.created_at AS at_claim_placement, s.placed_at IS NULL AS unplaced
      FROM servicing_ledger_settlements s
      LEFT JOIN servicing_claims cl ON cl.tenant_id = s.tenant_id AND cl.account_reference = s.account_reference
        AND coalesce(cl.data->>'ledgerEntryReference', cl.claim_reference) = s.item_reference
      WHERE s.tenant_id = $1 ORDER BY s.payment_reference, s.item_reference`, [tenantId()]);
    expect(parts).toEqual([
      { payment_reference: 'PAY-A1', item_reference: 'FEE-1', amount: 5_000, currency: 'EUR', at_claim_placement: null, unplaced: true },
      { payment_reference: 'PAY-A1', item_reference: 'INV-1', amount: 100_000, currency: 'EUR', at_claim_placement: true, unplaced: false },
      { payment_reference: 'PAY-A2', item_reference: 'INV-2', amount: 50_000, currency: 'EUR', at_claim_placement: true, unplaced: false },
      { payment_reference: 'PAY-B1', item_reference: 'INV-1', amount: 120_000, currency: 'EUR', at_claim_placement: true, unplaced: false },
    ]);
  });

  it('counts every managed claim of the month, the account-qualified one too, and no fee', async () => {
    const report = await getReport(service, handler, 'recovery');
    expect(report.status, report.text).toBe(200);
    expect(report.body.rows).toEqual([november]);
    const asOfNovember = await getReport(service, handler, 'recovery', { asOf: '2026-11-30' });
    expect(asOfNovember.body.rows).toEqual([{ ...november, recovered: '500.00', m1: null }]);
  });

  it('rebuilds the same columns from the ledger with the migration\'s backfill', async () => {
    await executeRaw(db(), 'UPDATE servicing_claims SET placed_principal = NULL, placed_currency = NULL WHERE tenant_id = $1', [tenantId()]);
    await executeRaw(db(), 'UPDATE servicing_ledger_settlements SET placed_at = NULL, currency = NULL WHERE tenant_id = $1', [tenantId()]);
    expect((await getReport(service, handler, 'recovery')).body.rows).toEqual([]);
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, '0034_recovery_placement.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').map((statement) => statement.trim()).filter((statement) => statement.startsWith('UPDATE'));
    expect(backfill).toHaveLength(3);
    for (const statement of backfill) await executeRaw(db(), statement, []);
    expect((await getReport(service, handler, 'recovery')).body.rows).toEqual([november]);
  });
});
