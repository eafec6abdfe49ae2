import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../../src/platform/db/database.js';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, fee, invoice, startServicing, type ServicingClient } from '../support.js';

describeEachEngine('servicing ledger and payments (Receeve)', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());


  it('matches a payment invoice by invoice with fees, keeps over-payment as credit, and emits payment events', async () => {
    await client.post('create_accounts', accountBody('ACC_MATCH', [
      invoice('INV_1', 1000, { createdAt: 1000, productReference: 'PRODUCT_REFERENCE_2' }),
      fee('FEE_1', 200, 'INV_1', 'LATE_FEE', 1500),
      invoice('INV_2', 3000, { createdAt: 2000, productReference: 'PRODUCT_REFERENCE_2' }),
    ]));
    const response = await client.post('match_account_payment', [{
      accountReference: 'ACC_MATCH', currency: 'EUR', totalAmount: 5000, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'TRACKING_ID_2', paymentReference: 'PAYMENT_REFERENCE_2', context: { productReference: 'PRODUCT_REFERENCE_2' }, meta: {},
    }]);
    expect(response.status).toBe(200);
    const item = response.body.ACC_MATCH;
    expect(item.success).toBe(true);
    expect(item.messages).toEqual(['Successfully processed action']);
    expect(item.data.map((e: any) => e.ledgerEntryReference)).toEqual(['INV_1', 'FEE_1', 'INV_2']);
    expect(item.data[1]).toEqual(fee('FEE_1', 200, 'INV_1', 'LATE_FEE', 1500));
    const payments = (await client.get('get_account', { accountReference: 'ACC_MATCH' })).body.ledgerEntries.slice(3);
    expect(payments.map((e: any) => [e.ledgerEntryReference, e.paymentDetails.amount, e.context.ledgerEntryReference])).toEqual([
      ['TRACKING_ID_2_1', 1000, 'INV_1'], ['TRACKING_ID_2_2', 200, 'FEE_1'], ['TRACKING_ID_2_3', 3000, 'INV_2'], ['TRACKING_ID_2_4', 800, undefined],
    ]);
    expect(payments[0]).toMatchObject({ paymentDetails: { paymentReference: 'PAYMENT_REFERENCE_2', paymentProvider: 'trustly', createdAt: expect.any(Number) }, context: { productReference: 'PRODUCT_REFERENCE_2' } });
    const claims = await client.claimsOf('ACC_MATCH');
    expect(claims.INV_1).toMatchObject({ status: 'RESOLVED', amount: 0, totalFees: 0, fees: [{ name: 'LATE_FEE', amount: 0 }] });
    expect(claims.INV_2).toMatchObject({ status: 'RESOLVED', amount: 0 });

    const day = client.service.clock.now().toISOString().slice(0, 10);
    const events = await client.get('get_events', { eventType: 'event.claimDebtPayment.processing', date: day });
    expect(events.status).toBe(200);
    const details = events.body.events.map((e: any) => e.details);
    expect(details).toEqual(expect.arrayContaining([
      { messageType: 'event.claimDebtPayment.processing.v1', claimRef: 'INV_1', receeveClaimRef: 'INV_1-2022-01-08', providerName: 'trustly', amount: 1200, currency: 'EUR', trackingId: 'TRACKING_ID_2', paymentReference: 'PAYMENT_REFERENCE_2' },
      expect.objectContaining({ claimRef: 'INV_2', amount: 3000 }),
    ]));
    expect(events.body).toMatchObject({ limit: 1000, page: 1, numberOfPages: 1 });
    expect(events.body.events[0]).toMatchObject({ messageId: expect.any(String), timestamp: expect.stringMatching(/Z$/) });
    const created = await client.get('get_events', { eventType: 'event.claim.created', date: day });
    expect(created.body.events.map((e: any) => e.details.claimRef)).toEqual(expect.arrayContaining(['INV_1', 'INV_2']));
    expect(created.body.events.find((e: any) => e.details.claimRef === 'INV_2').details).toEqual({
      messageType: 'event.claim.created.v1', claimRef: 'INV_2', receeveClaimRef: 'INV_2-2022-01-08', amount: 3000, currency: 'EUR', dueDate: '2022-01-08',
    });
    const paged = await client.get('get_events', { eventType: 'event.claim.created', date: day, limit: '1', page: '2' });
    expect(paged.body).toMatchObject({ limit: 1, page: 2 });
    expect(paged.body.events).toHaveLength(1);
    expect((await client.get('get_events', { eventType: 'event.claim.created', date: '2019-13-01' })).status).toBe(400);
    expect((await client.get('get_events', { eventType: 'unknown', date: day })).body).toEqual({ events: [], limit: 1000, page: 1, numberOfPages: 0 });
  });

  it('reopens an auto-resolved claim on a chargeback, the settlement keeping the date its payment was booked', async () => {
    const settlementDates = () => executeRaw(client.service.platform.db, `SELECT s.payment_reference, s.paid_at = p.created_at AS at_booking
      FROM servicing_ledger_settlements s JOIN servicing_ledger_entries p ON p.tenant_id = s.tenant_id
        AND p.account_reference = s.account_reference AND p.ledger_entry_reference = s.payment_reference
      WHERE s.tenant_id = $1 AND s.account_reference = 'ACC_MATCH' ORDER BY 1`, [client.tenant.tenant.id]);
    const booked = await settlementDates();
    expect(booked).toEqual(['TRACKING_ID_2_1', 'TRACKING_ID_2_2', 'TRACKING_ID_2_3', 'TRACKING_ID_2_4'].map((payment) => ({ payment_reference: payment, at_booking: true })));
    client.service.clock.advance(60_000);
    await client.post('add_account_ledger_entries', [
      { accountReference: 'ACC_MATCH', ledgerEntryReference: 'CB_1', chargebackDetails: { amount: 500 }, context: { ledgerEntryReference: 'TRACKING_ID_2_3' } },
    ]);
    const claims = await client.claimsOf('ACC_MATCH');
    expect(claims.INV_2).toMatchObject({ status: 'ACTIVE', amount: 500 });
    const [chargedBack] = await executeRaw(client.service.platform.db, `SELECT s.amount::int, s.paid_at < c.created_at AS before_chargeback
      FROM servicing_ledger_settlements s JOIN servicing_ledger_entries c ON c.tenant_id = s.tenant_id
        AND c.account_reference = s.account_reference AND c.ledger_entry_reference = 'CB_1'
      WHERE s.tenant_id = $1 AND s.account_reference = 'ACC_MATCH' AND s.payment_reference = 'TRACKING_ID_2_3'`, [client.tenant.tenant.id]);
    expect(chargedBack).toEqual({ amount: 2500, before_chargeback: true });
    expect(await settlementDates()).toEqual(booked);
  });

  it('refuses currency mismatch, unknown strategy and CUSTOM_ORDERED_FEES without an order', async () => {
    const mismatch = await client.post('match_account_payment', [{ accountReference: 'ACC_MATCH', currency: 'USD', totalAmount: 100, matchStrategy: 'ORDERED_LEDGER_ENTRIES' }]);
    expect(mismatch.body.ACC_MATCH).toMatchObject({ success: false, messages: ['Currency USD does not match the account currency EUR'] });
    const custom = await client.post('match_account_payment', [{ accountReference: 'ACC_MATCH', currency: 'EUR', totalAmount: 100, matchStrategy: 'CUSTOM_ORDERED_FEES' }]);
    expect(custom.body.ACC_MATCH.success).toBe(false);
    const strategy = await client.post('match_account_payment', [{ accountReference: 'ACC_MATCH', currency: 'EUR', totalAmount: 100, matchStrategy: 'NOPE' }]);
    expect(strategy.status).toBe(400);
  });

  it('sets entries to target amounts (spec #13 example) atomically per account', async () => {
    await client.post('create_accounts', accountBody('ACCOUNT_REFERENCE_002', [
      invoice('INVOICE_LEDGER_ENTRY_REFERENCE_002_1', 5000), invoice('INVOICE_LEDGER_ENTRY_REFERENCE_002_2', 13025),
    ]));
    const body = [{ accountReference: 'ACCOUNT_REFERENCE_002', ledgerEntries: [
      { ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', amount: 10000, reason: 'CHARGEBACK', meta: {} },
      { ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2', amount: 0, reason: 'PAYMENT', meta: {} },
    ] }];
    const response = await client.post('update_account_ledger_entries_amounts', body);
    expect(response.body).toEqual({ ACCOUNT_REFERENCE_002: { success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)], data: body } });
    const claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect(claims.INVOICE_LEDGER_ENTRY_REFERENCE_002_1).toMatchObject({ amount: 10000, status: 'ACTIVE' });
    expect(claims.INVOICE_LEDGER_ENTRY_REFERENCE_002_2).toMatchObject({ amount: 0, status: 'RESOLVED' });
    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(account.body.ledgerEntries.slice(2).map((e: any) => e.ledgerEntryReference)).toEqual([
      'INVOICE_LEDGER_ENTRY_REFERENCE_002_1_CHARGEBACK_1', 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2_PAYMENT_1',
    ]);

    const conflict = await client.post('update_account_ledger_entries_amounts', { accountReference: 'ACCOUNT_REFERENCE_002', ledgerEntries: [
      { ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', amount: 20000, reason: 'INVALID', meta: {} },
      { ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', amount: 30000, reason: 'PAYMENT', meta: {} },
    ] });
    expect(conflict.body.ACCOUNT_REFERENCE_002.success).toBe(false);
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).INVOICE_LEDGER_ENTRY_REFERENCE_002_1.amount).toBe(10000);
  });

  it('pages account claims with X-Pagination-Id', async () => {
    const first = await client.get('get_account_claims', { accountReference: 'ACC_MATCH', limit: '1' });
    expect(first.body).toHaveLength(1);
    const cursor = first.headers.get('x-pagination-id');
    expect(cursor).toBeTruthy();
    const second = await client.get('get_account_claims', { accountReference: 'ACC_MATCH', limit: '1', paginationId: cursor! });
    expect(second.body.map((c: any) => c.claimReference)).toEqual(['INV_2']);
    expect(second.headers.get('x-pagination-id')).toBeNull();
    expect((await client.get('get_account_claims', { accountReference: 'ACC_MATCH', limit: '0' })).status).toBe(400);
    expect((await client.get('get_account_claims', { accountReference: 'NOPE' })).body).toEqual([]);
    expect((await client.get('get_account_claims', { accountReference: 'ACC_MATCH', status: 'RESOLVED' })).body.map((c: any) => c.claimReference)).toEqual(['INV_1']);
  });
});

describeEachEngine('servicing managed-claim recomputation', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('rewrites only the claims a ledger change affected (triggers land on those claims only)', async () => {
    await client.post('create_accounts', accountBody('ACC_RECOMPUTE', [invoice('RC_1', 1000, { createdAt: 1 }), invoice('RC_2', 2000, { createdAt: 2 })]));
    const { servicingTriggerExecutions, servicingClaims } = await import('../../../src/servicing/schema.js');
    const before = client.service.clock.now();
    client.service.clock.advance(60_000);
    const response = await client.post('add_account_ledger_entries', [
      { accountReference: 'ACC_RECOMPUTE', ...fee('RC_FEE', 50, 'RC_2') },
    ], 'triggerName=onFee');
    expect(response.body.ACC_RECOMPUTE.success).toBe(true);
    const rows = await client.service.platform.db.select().from(servicingTriggerExecutions);
    // Account-level calls fire on every ACTIVE claim of the account (spec §1.3), so both are recorded once each.
    expect(rows.map((row) => row.claimReference).sort()).toEqual(['RC_1', 'RC_2']);
    const claims = await client.service.platform.db.select().from(servicingClaims);
    const updated = Object.fromEntries(claims.map((row) => [row.claimReference, row.updatedAt.getTime()]));
    expect(updated.RC_1).toBe(before.getTime());
    expect(updated.RC_2).toBe(before.getTime() + 60_000);
    const { canonicalJson } = await import('../../../src/servicing/domain/managed-claim.js');
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":1,"f":2}]},"b":1}');
  });
});
