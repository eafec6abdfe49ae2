import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, invoice, startServicing, type ServicingClient } from '../support.js';
import { servicingTriggerExecutions } from '../../../src/servicing/schema.js';

const PRIMARY_DEBTOR = { debtorReference: 'EXTERNAL_DEBTOR_REF_002', firstName: 'F_N', lastName: 'L_N', contactInformation: { country: 'DE', email: 'first.last@acme.com' } };

function claim(overrides: Record<string, unknown> = {}) {
  return {
    amount: 1000, currency: 'EUR', currentDueDate: '2019-02-15', originalDueDate: '2019-09-09', productReference: 'PRODUCT_REFERENCE_002',
    accountReference: 'ACCOUNT_REFERENCE_002', portfolioReference: 'EXTERNAL_PORTFOLIO_REFERENCE_002', totalFees: 0, primaryDebtor: PRIMARY_DEBTOR, meta: {},
    ...overrides,
  };
}

describeEachEngine('servicing claims (Receeve)', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());


  it('creates claims (spec #15 example) with data as stored, an implicit account and a ClaimCreatedEvent', async () => {
    const response = await client.post('create_claims', { CLAIM_REF_002_1: claim() });
    expect(response.status).toBe(200);
    expect(response.body.CLAIM_REF_002_1).toEqual({
      success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)],
      data: expect.objectContaining({ amount: 1000, currency: 'EUR', currentDueDate: '2019-02-15', originalDueDate: '2019-09-09', accountReference: 'ACCOUNT_REFERENCE_002', totalFees: 0, fees: [], linkGroupId: null, primaryDebtor: PRIMARY_DEBTOR, meta: {} }),
    });
    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(account.body).toMatchObject({ currency: 'EUR', debtors: [PRIMARY_DEBTOR] });
    const claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect(claims.CLAIM_REF_002_1).toMatchObject({ status: 'ACTIVE', amount: 1000, claimReference: 'CLAIM_REF_002_1' });
    const day = client.service.clock.now().toISOString().slice(0, 10);
    const events = await client.get('get_events', { eventType: 'event.claim.created', date: day });
    expect(events.body.events.map((e: any) => e.details)).toContainEqual({
      messageType: 'event.claim.created.v1', claimRef: 'CLAIM_REF_002_1', receeveClaimRef: 'CLAIM_REF_002_1-2019-02-15', amount: 1000, currency: 'EUR', dueDate: '2019-02-15',
    });
  });

  it('adds a claim debtor new to an existing account to its debtors once, after the ones it had, and keeps the first as default', async () => {
    await client.post('create_accounts', { DEBTOR_JOIN_ACC: { currency: 'EUR', debtors: [PRIMARY_DEBTOR] } });
    const newcomer = { debtorReference: 'JOINING_DEBTOR', firstName: 'J', lastName: 'D', contactInformation: { country: 'DE' } };
    const response = await client.post('create_claims', {
      JOIN_1: claim({ accountReference: 'DEBTOR_JOIN_ACC', primaryDebtor: newcomer }),
      JOIN_2: claim({ accountReference: 'DEBTOR_JOIN_ACC', primaryDebtor: { ...newcomer, firstName: 'Other' } }),
      JOIN_3: claim({ accountReference: 'DEBTOR_JOIN_ACC', primaryDebtor: PRIMARY_DEBTOR }),
    });
    expect(Object.values(response.body).every((item: any) => item.success)).toBe(true);
    const account = await client.get('get_account', { accountReference: 'DEBTOR_JOIN_ACC' });
    expect(account.body.debtors).toEqual([PRIMARY_DEBTOR, newcomer]);
    const found = await client.get('get_debtor_accounts_and_claims', { debtorReference: 'JOINING_DEBTOR' });
    expect(found.body[0].map((entry: any) => entry.accountReference)).toEqual(['DEBTOR_JOIN_ACC']);
    const imported = await client.post('import_claims', { JOIN_4: { amount: 5, currentDueDate: '2019-02-15', originalDueDate: '2019-02-15', accountReference: 'DEBTOR_JOIN_ACC' } });
    expect(imported.body.JOIN_4.success).toBe(true);
    expect((await client.claimsOf('DEBTOR_JOIN_ACC')).JOIN_4).toMatchObject({ currency: 'EUR', primaryDebtor: PRIMARY_DEBTOR });
  });

  it('refuses a second create, missing prose fields, a bad debtor and a currency mismatch as item failures', async () => {
    const response = await client.post('create_claims', {
      CLAIM_REF_002_1: claim(),
      NO_DEBTOR: claim({ primaryDebtor: undefined }),
      BAD_DEBTOR: claim({ primaryDebtor: { firstName: 'A', contactInformation: { country: 'DE' } } }),
      USD: claim({ currency: 'USD' }),
      OK_2: claim({ fees: [{ name: 'Interest', amount: 100 }, { name: 'Late', amount: 50 }], totalFees: 999 }),
    });
    expect(response.body.CLAIM_REF_002_1).toMatchObject({ success: false, messages: ['Claim CLAIM_REF_002_1 already exists'] });
    expect(response.body.NO_DEBTOR).toMatchObject({ success: false, messages: ['Missing required fields: primaryDebtor'] });
    expect(response.body.BAD_DEBTOR.success).toBe(false);
    expect(response.body.USD).toMatchObject({ success: false, messages: ['Currency USD does not match the account currency EUR'] });
    expect(response.body.OK_2).toMatchObject({ success: true, data: { totalFees: 150 } });
    const bad = await client.post('create_claims', { X: claim({ amount: -1 }) });
    expect(bad.status).toBe(400);
  });

  it('updates claims partially (spec #17) and resolves with forceAmountCheck or amount 0 + reason', async () => {
    const response = await client.post('update_claims', { CLAIM_REF_002_1: { amount: 5000 }, MISSING: { amount: 1 } });
    expect(response.body.CLAIM_REF_002_1).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] });
    expect(response.body.MISSING).toMatchObject({ success: false, messages: ['Claim MISSING not found'] });
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).CLAIM_REF_002_1).toMatchObject({ amount: 5000, status: 'ACTIVE' });
    await client.post('update_claims', { OK_2: { amount: 0, fees: [] } }, 'forceAmountCheck=true');
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).OK_2).toMatchObject({ status: 'RESOLVED', amount: 0, totalFees: 0 });
    await client.post('update_claims', { CLAIM_REF_002_1: { amount: 0, reason: 'CLAIM_PAID', meta: { note: 'x' } } });
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).CLAIM_REF_002_1).toMatchObject({ status: 'RESOLVED', amount: 0, meta: { note: 'x' } });
  });

  it('recreates a resolved claim and refuses to recreate an active or unknown one', async () => {
    const response = await client.post('recreate_claims', { CLAIM_REF_002_1: claim({ amount: 700 }), NEW_ONE: claim() });
    expect(response.body.CLAIM_REF_002_1).toMatchObject({ success: true, data: { amount: 700 } });
    expect(response.body.NEW_ONE).toMatchObject({ success: false, messages: ['Claim NEW_ONE not found'] });
    const again = await client.post('recreate_claims', { CLAIM_REF_002_1: claim() });
    expect(again.body.CLAIM_REF_002_1).toMatchObject({ success: false, messages: ['Claim CLAIM_REF_002_1 is not in a deleted state'] });
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).CLAIM_REF_002_1).toMatchObject({ status: 'ACTIVE', amount: 700 });
  });

  it('imports claims (spec #18 example): creates, then replaces the whole document', async () => {
    const body = { API_CLAIM_REF_002: claim({ amount: 3002, totalFees: 40, meta: { claimMeta1: 'value1', claimMeta2: 'value2' } }) };
    const first = await client.post('import_claims', body);
    expect(first.body.API_CLAIM_REF_002).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] });
    const second = await client.post('import_claims', { API_CLAIM_REF_002: claim({ amount: 2000 }) });
    expect(second.body.API_CLAIM_REF_002.success).toBe(true);
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).API_CLAIM_REF_002).toMatchObject({ amount: 2000, totalFees: 0, meta: {} });
    const partial = await client.post('import_claims', { API_CLAIM_REF_002: { amount: 1 } });
    expect(partial.status).toBe(400);
  });

  it('debits and credits claims (spec #20/#21 examples) with named and unnamed fees', async () => {
    const refs = ['API_CLAIM_REF_002_1', 'API_CLAIM_REF_002_2', 'API_CLAIM_REF_002_3'];
    await client.post('create_claims', Object.fromEntries(refs.map((ref) => [ref, claim({ amount: 2000 })])));
    const debit = await client.post('debit_claims', {
      API_CLAIM_REF_002_1: { amount: 1000, currency: 'EUR', originator: 'CLIENT', date: 1647526514000, fees: 50 },
      API_CLAIM_REF_002_2: { amount: 1500, currency: 'EUR', originator: 'CLIENT', date: 1647526514000, fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }] },
      API_CLAIM_REF_002_3: { amount: 0, currency: 'EUR', originator: 'CLIENT', date: 1647526514000, fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }] },
    });
    expect(debit.body.API_CLAIM_REF_002_1).toMatchObject({ success: true, data: { amount: 1000, currency: 'EUR', originator: 'CLIENT', date: 1647526514000, fees: 50 } });
    let claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect(claims.API_CLAIM_REF_002_1).toMatchObject({ amount: 3000, totalFees: 50 });
    expect(claims.API_CLAIM_REF_002_2).toMatchObject({ amount: 3500, totalFees: 40, fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }] });

    const credit = await client.post('credit_claims', {
      API_CLAIM_REF_002_1: { amount: 1000, currency: 'EUR', originator: 'DCA', date: 1647526514000, descriptionText: 'Credit with flat fee reduction', paymentDistributionPriority: 'AMOUNT_FIRST' },
      API_CLAIM_REF_002_2: { amount: 1000, fees: 500, currency: 'EUR', originator: 'DCA', date: 1647526514000, descriptionText: 'Credit with flat fee reduction', paymentDistributionPriority: 'AMOUNT_FIRST' },
      API_CLAIM_REF_002_3: { amount: 1000, currency: 'EUR', originator: 'DCA', date: 1647526514000, descriptionText: 'Credit with named fee reduction', paymentDistributionPriority: 'FEES_FIRST', fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }] },
    });
    expect(credit.body.API_CLAIM_REF_002_1).toEqual({
      success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)],
      data: { amount: 1000, currency: 'EUR', originator: 'DCA', paymentDistributionPriority: 'AMOUNT_FIRST', date: 1647526514000, descriptionText: 'Credit with flat fee reduction' },
    });
    claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect(claims.API_CLAIM_REF_002_1).toMatchObject({ amount: 2000, totalFees: 50 });
    expect(claims.API_CLAIM_REF_002_2).toMatchObject({ amount: 2500, totalFees: 0 });
    expect(claims.API_CLAIM_REF_002_3).toMatchObject({ amount: 1000, totalFees: 0, fees: [{ name: 'Processing Fee', amount: 0 }, { name: 'Late Fee', amount: 0 }] });
    const payOff = await client.post('credit_claims', { API_CLAIM_REF_002_3: { amount: 1200, currency: 'EUR', originator: 'CLIENT' } });
    expect(payOff.body.API_CLAIM_REF_002_3.messages).toEqual(['Successfully processed action']);
    expect((await client.claimsOf('ACCOUNT_REFERENCE_002')).API_CLAIM_REF_002_3).toMatchObject({ status: 'RESOLVED', amount: 0 });
    const onResolved = await client.post('credit_claims', { API_CLAIM_REF_002_3: { amount: 1, currency: 'EUR', originator: 'CLIENT' } });
    expect(onResolved.body.API_CLAIM_REF_002_3).toMatchObject({ success: false, messages: ['Claim is not active'] });
    const noDate = await client.post('debit_claims', { API_CLAIM_REF_002_1: { amount: 1, currency: 'EUR', originator: 'CLIENT' } });
    expect(noDate.status).toBe(400);
  });

  it('resolves claims (spec #19, nested example) and refuses an already resolved one', async () => {
    const response = await client.post('resolve_claims', [[{ ref: 'API_CLAIM_REF_002_1', reason: 'CLAIM_SOLD' }]]);
    expect(response.body).toEqual({ API_CLAIM_REF_002_1: { success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] } });
    const again = await client.post('resolve_claims', [{ ref: 'API_CLAIM_REF_002_1', reason: 'CLAIM_SOLD' }, { ref: 'NOPE', reason: 'FRAUDULENT' }]);
    expect(again.body.API_CLAIM_REF_002_1).toMatchObject({ success: false, messages: ['Claim is not active'] });
    expect(again.body.NOPE.success).toBe(false);
    expect((await client.post('resolve_claims', [{ ref: 'X', reason: 'WHATEVER' }])).status).toBe(400);
  });

  it('links claims (spec #22 example) and unlinks, clearing a single-member group', async () => {
    const response = await client.post('set_link_claims', { API_CLAIM_REF_002_2: 'API_CLAIM_REF_002', API_CLAIM_REF_002_3: 'API_CLAIM_REF_002', OK_2: null });
    expect(Object.values(response.body).every((r: any) => r.success)).toBe(true);
    let claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    const group = claims.API_CLAIM_REF_002.linkGroupId;
    expect(group).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.API_CLAIM_REF_002_2.linkGroupId).toBe(group);
    expect(claims.API_CLAIM_REF_002_3.linkGroupId).toBe(group);
    await client.post('set_link_claims', { API_CLAIM_REF_002_2: null, API_CLAIM_REF_002_3: null });
    claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect([claims.API_CLAIM_REF_002.linkGroupId, claims.API_CLAIM_REF_002_2.linkGroupId, claims.API_CLAIM_REF_002_3.linkGroupId]).toEqual([null, null, null]);
    const self = await client.post('set_link_claims', { OK_2: 'OK_2', GHOST: 'OK_2' });
    expect(self.body.OK_2.success).toBe(false);
    expect(self.body.GHOST.success).toBe(false);
  });

  it('keeps managed claims to the ledger: update/credit refused, explicit resolution survives ledger activity', async () => {
    await client.post('create_accounts', accountBody('ACC_MANAGED', [invoice('MANAGED_INV', 1000)]));
    const update = await client.post('update_claims', { MANAGED_INV: { amount: 1 } });
    expect(update.body.MANAGED_INV.success).toBe(false);
    const credit = await client.post('credit_claims', { MANAGED_INV: { amount: 1, currency: 'EUR', originator: 'CLIENT' } });
    expect(credit.body.MANAGED_INV.success).toBe(false);
    const clash = await client.post('create_claims', { MANAGED_INV: claim({ accountReference: 'ACC_MANAGED' }) });
    expect(clash.body.MANAGED_INV).toMatchObject({ success: false, messages: ['Claim MANAGED_INV already exists'] });
    const resolved = await client.post('resolve_claims', [{ ref: 'MANAGED_INV', reason: 'CLAIM_DISCARDED' }]);
    expect(resolved.body.MANAGED_INV.success).toBe(true);
    await client.post('add_account_ledger_entries', [{ accountReference: 'ACC_MANAGED', ledgerEntryReference: 'F', feeDetails: { amount: 10 }, context: { ledgerEntryReference: 'MANAGED_INV' } }]);
    expect((await client.claimsOf('ACC_MANAGED')).MANAGED_INV).toMatchObject({ status: 'RESOLVED', totalFees: 10 });
    // An invoice named like an existing unmanaged claim: its managed claim takes the account-qualified reference.
    const invoiceClash = await client.post('add_account_ledger_entries', [{ accountReference: 'ACC_MANAGED', ...invoice('OK_2', 5) }]);
    expect(invoiceClash.body.ACC_MANAGED).toMatchObject({ success: true, messages: ['Successfully added Ledger Entries: OK_2'] });
    const claims = await client.claimsOf('ACC_MANAGED');
    expect(claims['ACC_MANAGED:OK_2']).toMatchObject({ amount: 5, status: 'ACTIVE' });
    expect(claims.OK_2).toBeUndefined();
  });

  it('records triggerName on every ACTIVE claim the call touched', async () => {
    await client.post('create_claims', { TRIG_1: claim(), TRIG_2: claim() }, 'triggerName=sendReminder');
    const rows = await client.service.platform.db.select().from(servicingTriggerExecutions)
      .where(and(eq(servicingTriggerExecutions.tenantId, client.tenant.tenant.id), eq(servicingTriggerExecutions.triggerName, 'sendReminder')));
    expect(rows.map((row) => row.claimReference).sort()).toEqual(['TRIG_1', 'TRIG_2']);
  });

  it('records triggerName on reads too, on the ACTIVE claims of the accounts read', async () => {
    const response = await client.get('get_account_claims', { accountReference: 'ACCOUNT_REFERENCE_002', triggerName: 'onRead' });
    expect(response.status).toBe(200);
    const active = response.body.filter((c: any) => c.status === 'ACTIVE').map((c: any) => c.claimReference).sort();
    const rows = await client.service.platform.db.select().from(servicingTriggerExecutions)
      .where(and(eq(servicingTriggerExecutions.tenantId, client.tenant.tenant.id), eq(servicingTriggerExecutions.triggerName, 'onRead')));
    expect(rows.map((row) => row.claimReference).sort()).toEqual(active);
    expect(active.length).toBeGreaterThan(0);
  });

  it('re-imports a large batch in place (bulk update), keeping status and creation order', async () => {
    const batch = (amount: number) => Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`BULK_${String(i).padStart(3, '0')}`, claim({ amount, accountReference: 'BULK_ACC' })]));
    expect(Object.values((await client.post('import_claims', batch(100))).body).every((r: any) => r.success)).toBe(true);
    await client.post('resolve_claims', [{ ref: 'BULK_007', reason: 'CLAIM_SOLD' }]);
    expect(Object.values((await client.post('import_claims', batch(250))).body).every((r: any) => r.success)).toBe(true);
    const claims = (await client.get('get_account_claims', { accountReference: 'BULK_ACC' })).body;
    expect(claims).toHaveLength(300);
    expect(claims.every((c: any) => c.amount === 250)).toBe(true);
    expect(claims.map((c: any) => c.claimReference)).toEqual(Object.keys(batch(0)));
    expect(claims.find((c: any) => c.claimReference === 'BULK_007').status).toBe('RESOLVED');
  });
});
