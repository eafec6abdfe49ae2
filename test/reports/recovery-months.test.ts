// The recovery curves' month arithmetic (servicing/report-queries.ts), on both engines: a payment counts within k
// months of its claim's placement when it was booked before placement + k months in tenant time, so the month edge
// moves with the placement's day, a month end clamps (31 January + 1 month = 28 February), and an instant exactly on
// the edge belongs to the next month. The ledger rows are written in SQL as the ledger writes them, at chosen instants.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';
import { executeRaw, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import { recoveryByPlacementMonth } from '../../src/servicing/api.js';

const ZONE = 'Europe/Stockholm';

/** Claims (their invoice principal and placement instant) and the payments on each (amount, instant). */
const BOOK = [
  // Placed 31 January 12:00 Stockholm: 28 February 11:00 is within one month, 28 February 12:00 is not.
  { claim: 'JAN-31', placed: '2026-01-31T11:00:00Z', principal: 10_000, payments: [[1_000, '2026-02-28T10:00:00Z'], [2_000, '2026-02-28T11:00:00Z']] },
  // Placed 10 January: 15 February is a calendar month later but past the 10th, so within two months, not one.
  { claim: 'JAN-10', placed: '2026-01-10T09:00:00Z', principal: 5_000, payments: [[500, '2026-02-15T09:00:00Z'], [700, '2026-01-20T09:00:00Z']] },
  // Placed 1 February 00:30 Stockholm (still 31 January in UTC): its month is February; paid 12 March is month two.
  { claim: 'FEB-1', placed: '2026-01-31T23:30:00Z', principal: 4_000, payments: [[400, '2026-03-12T09:00:00Z']] },
] as const;

describeEachEngine('Recovery curves: months after placement', (engine) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let tenantId: string;

  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: engine === 'pglite', poolSize: 2 });
    await applyMigrations(handle);
    tenantId = (await createTenant(handle.db, { name: 'recovery months', mode: 'live', now: new Date('2026-01-01T00:00:00Z') })).tenant.id;
    await executeRaw(handle.db, `INSERT INTO servicing_accounts (tenant_id, account_reference, currency, scores, debtors, products, created_at, updated_at)
      VALUES ($1, 'ACC', 'EUR', '[]', '[]', '[]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, [tenantId]);
    let seq = 0;
    for (const { claim, placed, principal, payments } of BOOK) {
      await executeRaw(handle.db, `INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
        VALUES ($1, 'ACC', $2, $3, $4::jsonb, $5, $6)`,
      [tenantId, seq++, claim, JSON.stringify({ ledgerEntryReference: claim, invoiceDetails: { amount: principal, dueDate: '2026-03-01' }, context: {} }), Date.parse(placed), placed]);
      await executeRaw(handle.db, `INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, receeve_claim_ref, data,
          created_at, updated_at, placed_principal, placed_currency)
        VALUES ($1, $2, 'ACC', true, 'ACTIVE', $2, '{}'::jsonb, $3, $3, $4, 'EUR')`, [tenantId, claim, placed, principal]);
      for (const [index, [amount, at]] of payments.entries()) {
        const reference = `${claim}-PAY-${index}`;
        await executeRaw(handle.db, `INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
          VALUES ($1, 'ACC', $2, $3, $4::jsonb, $5, $6)`,
        [tenantId, seq++, reference, JSON.stringify({ ledgerEntryReference: reference, paymentDetails: { amount }, context: { ledgerEntryReference: claim } }), Date.parse(at), at]);
        await executeRaw(handle.db, `INSERT INTO servicing_ledger_settlements (tenant_id, account_reference, payment_reference, position, item_reference, amount,
            paid_at, placed_at, currency)
          VALUES ($1, 'ACC', $2, 0, $3, $4, $5, $6, 'EUR')`, [tenantId, reference, claim, amount, at, placed]);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  const curve = (...points: number[]) => [...points, ...Array.from({ length: 12 - points.length }, () => points[points.length - 1]!)];

  it('counts a payment in the first month whose edge (placement + k months, clamped at month end) it precedes', async () => {
    const rows = await recoveryByPlacementMonth(handle.db, tenantId, { before: new Date('2026-12-31T00:00:00Z'), timeZone: ZONE });
    expect(rows).toEqual([
      // JAN-31: 1,000 within 1 month, 2,000 on the edge (month 2); JAN-10: 700 in month 1, 500 in month 2.
      { month: '2026-01', currency: 'EUR', claims: 2, placed: 15_000, recovered: 4_200, recoveredWithin: curve(1_700, 4_200) },
      { month: '2026-02', currency: 'EUR', claims: 1, placed: 4_000, recovered: 400, recoveredWithin: curve(0, 400) },
    ]);
  });

  it('leaves out payments booked at or after the as-of instant, and claims placed after it', async () => {
    const rows = await recoveryByPlacementMonth(handle.db, tenantId, { before: new Date('2026-02-28T11:00:00Z'), timeZone: ZONE });
    expect(rows).toEqual([
      { month: '2026-01', currency: 'EUR', claims: 2, placed: 15_000, recovered: 2_200, recoveredWithin: curve(1_700, 2_200) },
      { month: '2026-02', currency: 'EUR', claims: 1, placed: 4_000, recovered: 0, recoveredWithin: curve(0) },
    ]);
    expect(await recoveryByPlacementMonth(handle.db, tenantId, { before: new Date('2026-01-31T23:00:00Z'), timeZone: ZONE }))
      .toEqual([{ month: '2026-01', currency: 'EUR', claims: 2, placed: 15_000, recovered: 700, recoveredWithin: curve(700) }]);
  });
});
