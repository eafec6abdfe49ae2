// A run step reads its claims once: the claim snapshot carries the messaging view (amount due, currency, due date,
// payment reference, primary debtor), which must be what getClaimForMessaging answers, for a claim sent as data and
// for a ledger-managed one (whose currency, payment reference and debtor live on its account).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimSnapshots, getClaimForMessaging } from '../../src/servicing/api.js';
import { describeEachEngine } from '../support/engines.js';
import { accountBody, fee, invoice, startServicing, type ServicingClient } from '../servicing/support.js';

const DEBTOR = { debtorReference: 'DEBTOR-SNAP', firstName: 'Snap', lastName: 'Shot', contactInformation: { country: 'DE', email: 'snap@example.com' } };

describeEachEngine('The claim snapshot\'s messaging view', (engine) => {
  let servicing: ServicingClient;

  beforeAll(async () => {
    servicing = await startServicing(engine);
    const claims = await servicing.post('create_claims', {
      PLAIN: { amount: 12_345, currency: 'SEK', currentDueDate: '2026-11-10', originalDueDate: '2026-11-10', accountReference: 'ACC-PLAIN', totalFees: 500, paymentReference: 'OCR-1', primaryDebtor: DEBTOR, meta: {} },
      NO_REFERENCE: { amount: 100, currency: 'EUR', currentDueDate: '2026-11-12', originalDueDate: '2026-11-12', accountReference: 'ACC-OTHER', totalFees: 0, primaryDebtor: DEBTOR, meta: {} },
    });
    expect(claims.body.PLAIN?.success && claims.body.NO_REFERENCE?.success, claims.text).toBe(true);
    const account = await servicing.post('create_accounts', accountBody('ACC-LEDGER', [invoice('INV-1', 50_000, { dueDate: '2026-11-01' }), fee('FEE-1', 1_500, 'INV-1')]));
    expect(account.body['ACC-LEDGER']?.success, account.text).toBe(true);
  });
  afterAll(async () => {
    await servicing?.stop();
  });

  it('answers what getClaimForMessaging answers, for claims sent as data and for ledger claims', async () => {
    const db = servicing.service.platform.db;
    const tenantId = servicing.tenant.tenant.id;
    const references = ['PLAIN', 'NO_REFERENCE', 'INV-1'];
    const snapshots = await claimSnapshots(db, tenantId, references);
    for (const reference of references) {
      const expected = await getClaimForMessaging(db, tenantId, reference);
      expect(expected, reference).toBeDefined();
      expect(snapshots.get(reference)?.messaging, reference).toEqual(expected);
    }
    expect(snapshots.get('INV-1')?.messaging).toMatchObject({ currency: 'EUR', amountDue: 51_500, paymentReference: 'paymentReference1' });
  });
});
