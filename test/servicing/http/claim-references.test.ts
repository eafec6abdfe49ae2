import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, DEBTOR, fee, invoice, startServicing, type ServicingClient } from '../support.js';

// Ledger entry references are unique per account only; claim references are unique per client. A managed claim takes
// its invoice's reference, or `<accountReference>:<ledgerEntryReference>` where another claim already holds it.
describeEachEngine('managed claim references when two accounts carry the same invoice reference', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  const claimReferences = async (account: string) =>
    (await client.get('get_account_claims', { accountReference: account })).body.map((claim: any) => [claim.claimReference, claim.status, claim.amount]);

  it('creates both accounts; the second account\'s claim takes the account-qualified reference', async () => {
    const first = await client.post('create_accounts', accountBody('ACC_A', [invoice('INV_X', 1000)]));
    const second = await client.post('create_accounts', accountBody('ACC_B', [invoice('INV_X', 2000)]));
    expect(first.body.ACC_A.success).toBe(true);
    expect(second.body.ACC_B).toMatchObject({ success: true, messages: ['Successfully created Account ACC_B'] });
    expect(second.body.ACC_B.data.ledgerEntries.map((entry: any) => entry.ledgerEntryReference)).toEqual(['INV_X']);
    expect(await claimReferences('ACC_A')).toEqual([['INV_X', 'ACTIVE', 1000]]);
    expect(await claimReferences('ACC_B')).toEqual([['ACC_B:INV_X', 'ACTIVE', 2000]]);
    const day = client.service.clock.now().toISOString().slice(0, 10);
    const created = (await client.get('get_events', { eventType: 'event.claim.created', date: day })).body.events.map((event: any) => event.details);
    expect(created).toEqual(expect.arrayContaining([
      expect.objectContaining({ claimRef: 'INV_X', amount: 1000 }), expect.objectContaining({ claimRef: 'ACC_B:INV_X', receeveClaimRef: 'ACC_B:INV_X-2022-01-08', amount: 2000 }),
    ]));
  });

  it('the ledger of each account changes its own claim; payment events name the claim by its reference', async () => {
    const fees = await client.post('add_account_ledger_entries', [{ accountReference: 'ACC_B', ...fee('FEE_X', 300, 'INV_X') }]);
    expect(fees.body.ACC_B.success).toBe(true);
    expect((await client.claimsOf('ACC_B'))['ACC_B:INV_X']).toMatchObject({ amount: 2000, totalFees: 300 });
    expect((await client.claimsOf('ACC_A')).INV_X).toMatchObject({ amount: 1000, totalFees: 0 });
    const paid = await client.post('match_account_payment', [{
      accountReference: 'ACC_B', currency: 'EUR', totalAmount: 500, matchStrategy: 'ORDERED_LEDGER_ENTRIES', providerName: 'trustly', trackingId: 'TRK_B',
    }]);
    expect(paid.body.ACC_B.data.map((entry: any) => entry.ledgerEntryReference)).toEqual(['INV_X']);
    expect((await client.claimsOf('ACC_B'))['ACC_B:INV_X']).toMatchObject({ amount: 1500, totalFees: 300 });
    const day = client.service.clock.now().toISOString().slice(0, 10);
    const payments = (await client.get('get_events', { eventType: 'event.claimDebtPayment.processing', date: day })).body.events.map((event: any) => event.details);
    expect(payments).toEqual([expect.objectContaining({ claimRef: 'ACC_B:INV_X', receeveClaimRef: 'ACC_B:INV_X-2022-01-08', amount: 500, trackingId: 'TRK_B' })]);
  });

  it('the claim endpoints address each claim without ambiguity, and an explicit resolution survives later entries', async () => {
    const resolved = await client.post('resolve_claims', [{ ref: 'ACC_B:INV_X', reason: 'CLAIM_SOLD' }]);
    expect(resolved.body['ACC_B:INV_X'].success).toBe(true);
    expect(await claimReferences('ACC_B')).toEqual([['ACC_B:INV_X', 'RESOLVED', 1500]]);
    expect(await claimReferences('ACC_A')).toEqual([['INV_X', 'ACTIVE', 1000]]);
    await client.post('add_account_ledger_entries', [{ accountReference: 'ACC_B', ...fee('FEE_Y', 100, 'INV_X') }]);
    expect((await client.claimsOf('ACC_B'))['ACC_B:INV_X']).toMatchObject({ status: 'RESOLVED', totalFees: 400 });
    const unmanaged = await client.post('update_claims', { INV_X: { amount: 1 } });
    expect(unmanaged.body.INV_X.success).toBe(false);
  });

  it('an account whose qualified reference is taken too is refused whole', async () => {
    const taken = await client.post('create_claims', {
      'ACC_C:INV_X': { amount: 10, currency: 'EUR', currentDueDate: '2019-02-15', originalDueDate: '2019-02-15', accountReference: 'ACC_A', primaryDebtor: DEBTOR },
    });
    expect(taken.body['ACC_C:INV_X'].success, taken.text).toBe(true);
    const refused = await client.post('create_accounts', accountBody('ACC_C', [invoice('INV_X', 500)]));
    expect(refused.body.ACC_C).toMatchObject({ success: false, messages: ['Claim ACC_C:INV_X already exists'] });
    expect((await client.get('get_account', { accountReference: 'ACC_C' })).status).toBe(404);
    const added = await client.post('create_accounts', accountBody('ACC_D', []));
    expect(added.body.ACC_D.success).toBe(true);
    const entry = await client.post('add_account_ledger_entries', [{ accountReference: 'ACC_D', ...invoice('INV_X', 700) }]);
    expect(entry.body.ACC_D.success).toBe(true);
    expect(await claimReferences('ACC_D')).toEqual([['ACC_D:INV_X', 'ACTIVE', 700]]);
  });
});
