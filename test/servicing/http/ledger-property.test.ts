import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, startServicing, type ServicingClient } from '../support.js';
import { ledger } from '../domain/ledger-arbitrary.js';
import { deriveManagedClaims } from '../../../src/servicing/domain/claim-derivation.js';
import type { LedgerEntry } from '../../../src/servicing/domain/ledger.js';
import { MATCH_STRATEGIES, matchAccountPayment } from '../../../src/servicing/domain/matching.js';
import { replayLedger } from '../../../src/servicing/domain/ledger-replay.js';
import { executeRaw } from '../../../src/platform/db/database.js';

/** Renames every reference of a generated ledger with a prefix (claim references are unique per client). */
function prefixed(entries: readonly LedgerEntry[], prefix: string): LedgerEntry[] {
  return entries.map((entry) => {
    const context = entry.context as Record<string, unknown>;
    return {
      ...entry,
      ledgerEntryReference: `${prefix}${entry.ledgerEntryReference}`,
      context: { ...context, ...(typeof context.ledgerEntryReference === 'string' ? { ledgerEntryReference: `${prefix}${context.ledgerEntryReference}` } : {}) },
    } as LedgerEntry;
  });
}

describeEachEngine('servicing ledger through HTTP (property)', (engine) => {
  let client: ServicingClient;
  let run = 0;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('any valid ledger, posted in chunks, yields the domain\'s managed claims; amount + totalFees = open items', async () => {
    await fc.assert(fc.asyncProperty(ledger, fc.integer({ min: 1, max: 3 }), async (generated, chunks) => {
      run += 1;
      const account = `PROP_${run}`;
      const entries = prefixed(generated, `R${run}_`);
      const created = await client.post('create_accounts', accountBody(account));
      expect(created.body[account].success).toBe(true);
      const size = Math.max(1, Math.ceil(entries.length / chunks));
      for (let offset = 0; offset < entries.length; offset += size) {
        const response = await client.post('add_account_ledger_entries', entries.slice(offset, offset + size).map((entry) => ({ accountReference: account, ...entry })));
        expect(response.status).toBe(200);
        expect(response.body[account].success).toBe(true);
      }
      const claims = (await client.get('get_account_claims', { accountReference: account })).body as any[];
      const expected = deriveManagedClaims(entries);
      expect(claims.map((claim) => claim.claimReference).sort()).toEqual(expected.map((claim) => claim.claimReference).sort());
      for (const claim of expected) {
        const served = claims.find((candidate) => candidate.claimReference === claim.claimReference);
        expect(served).toMatchObject({
          amount: claim.amount, totalFees: claim.totalFees, fees: claim.fees, status: claim.status, currentDueDate: claim.currentDueDate,
        });
        expect(served.amount + served.totalFees).toBe(claim.openItems.reduce((sum, item) => sum + item.openAmount, 0));
      }
    }), { numRuns: 15 });
  });

  it('match_account_payment through HTTP allocates exactly as the domain does, for every strategy', async () => {
    await fc.assert(fc.asyncProperty(
      ledger, fc.constantFrom(...MATCH_STRATEGIES), fc.integer({ min: 1, max: 80_000 }), fc.constantFrom<string | undefined>(undefined, 'A'),
      async (generated, strategy, totalAmount, productReference) => {
        run += 1;
        const account = `PROP_${run}`;
        const entries = prefixed(generated, `R${run}_`);
        await client.post('create_accounts', accountBody(account, entries));
        const input = {
          currency: 'EUR', totalAmount, matchStrategy: strategy, trackingId: `TRK${run}`, providerName: 'trustly',
          context: { ...(productReference ? { productReference } : {}), feeLedgerEntriesOrder: ['LATE_FEE', 'FEE'] },
        };
        const response = await client.post('match_account_payment', [{ accountReference: account, ...input }]);
        expect(response.body[account].success).toBe(true);
        const expected = matchAccountPayment(entries, input, { accountCurrency: 'EUR', nowMs: 0, fallbackReferencePrefix: 'x' });
        if (!expected.ok) throw new Error(expected.error.message);
        const paidReferences = [...new Set(expected.value.allocations.map((allocation) => allocation.ledgerEntryReference))];
        expect(response.body[account].data.map((entry: any) => entry.ledgerEntryReference)).toEqual(paidReferences);
        const stored = (await client.get('get_account', { accountReference: account })).body.ledgerEntries.slice(entries.length);
        const strip = (entry: any) => ({ ref: entry.ledgerEntryReference, amount: entry.paymentDetails.amount, target: entry.context.ledgerEntryReference });
        expect(stored.map(strip)).toEqual(expected.value.paymentEntries.map(strip));
        expect(stored.reduce((sum: number, entry: any) => sum + entry.paymentDetails.amount, 0)).toBe(totalAmount);
      },
    ), { numRuns: 15 });
  });

  it('the stored running state equals a replay of the whole ledger, kept chunk by chunk or built from a ledger written before it', async () => {
    const db = client.service.platform.db;
    const tenantId = client.tenant.tenant.id;
    await fc.assert(fc.asyncProperty(ledger, fc.integer({ min: 1, max: 3 }), fc.boolean(), async (generated, chunks, forgetState) => {
      run += 1;
      const account = `PROP_${run}`;
      const entries = prefixed(generated, `R${run}_`);
      await client.post('create_accounts', accountBody(account));
      const size = Math.max(1, Math.ceil(entries.length / chunks));
      for (let offset = 0; offset < entries.length; offset += size) {
        const response = await client.post('add_account_ledger_entries', entries.slice(offset, offset + size).map((entry) => ({ accountReference: account, ...entry })));
        expect(response.body[account].success).toBe(true);
        if (forgetState && offset === 0) {
          // As an account whose first entries were written before the running state was kept.
          await executeRaw(db, 'DELETE FROM servicing_ledger_items WHERE tenant_id = $1 AND account_reference = $2', [tenantId, account]);
          await executeRaw(db, 'DELETE FROM servicing_ledger_settlements WHERE tenant_id = $1 AND account_reference = $2', [tenantId, account]);
          await executeRaw(db, 'UPDATE servicing_accounts SET ledger_state_built = false, ledger_credit = 0 WHERE tenant_id = $1 AND account_reference = $2', [tenantId, account]);
        }
      }
      const replay = replayLedger(entries);
      const items = await executeRaw(db, 'SELECT ledger_entry_reference, open_amount, sequence FROM servicing_ledger_items WHERE tenant_id = $1 AND account_reference = $2', [tenantId, account]) as any[];
      const stored = Object.fromEntries(items.map((row) => [row.ledger_entry_reference, [Number(row.open_amount), Number(row.sequence)]]));
      if (!forgetState || size < entries.length) {
        expect(stored).toEqual(Object.fromEntries(replay.items.map((item) => [item.ledgerEntryReference, [item.openAmount, item.sequence]])));
        const [row] = await executeRaw(db, 'SELECT ledger_credit FROM servicing_accounts WHERE tenant_id = $1 AND account_reference = $2', [tenantId, account]) as any[];
        expect(Number(row.ledger_credit)).toBe(replay.accountCredit);
      }
    }), { numRuns: 15 });
  });
});
