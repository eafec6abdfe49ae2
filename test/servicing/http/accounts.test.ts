import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, DEBTOR, fee, invoice, startServicing, type ServicingClient } from '../support.js';

describeEachEngine('servicing accounts (Receeve)', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('creates an account with the spec message, data, and a managed claim per invoice', async () => {
    const body = accountBody('ACCOUNT_REFERENCE_002', [
      { ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', invoiceDetails: { amount: 100000, dueDate: '2022-01-08', paymentReference: 'INVOICE_PAYMENT_REFERENCE_1' }, context: { productReference: 'PRODUCT_REFERENCE_1' } },
    ], { scores: [{ type: 'INTERNAL', value: 'V1' }] });
    const created = await client.post('create_accounts', body);
    expect(created.status).toBe(200);
    const item = created.body.ACCOUNT_REFERENCE_002;
    expect(item.success).toBe(true);
    expect(item.messages).toEqual(['Successfully created Account ACCOUNT_REFERENCE_002']);
    expect(item.messageIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(item.data).toMatchObject({ currency: 'EUR', paymentReference: 'paymentReference1', scores: [{ type: 'INTERNAL', value: 'V1' }] });
    expect(item.data.ledgerEntries).toEqual(body.ACCOUNT_REFERENCE_002!.ledgerEntries);

    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(account.status).toBe(200);
    expect(account.body.ledgerEntries).toEqual(body.ACCOUNT_REFERENCE_002!.ledgerEntries);
    expect(account.body.products).toEqual([{ productReference: 'PRODUCT_REFERENCE_1' }, { productReference: 'PRODUCT_REFERENCE_2' }]);

    const claims = await client.get('get_account_claims', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(claims.status).toBe(200);
    expect(claims.body).toEqual([expect.objectContaining({
      claimReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', status: 'ACTIVE', amount: 100000, totalFees: 0, fees: [], currency: 'EUR',
      currentDueDate: '2022-01-08', originalDueDate: '2022-01-08', productReference: 'PRODUCT_REFERENCE_1', accountReference: 'ACCOUNT_REFERENCE_002',
      paymentReference: 'INVOICE_PAYMENT_REFERENCE_1', linkGroupId: null, meta: { sourceSystem: 'system1' },
      primaryDebtor: DEBTOR,
    })]);
  });

  it('refuses an existing account as an item failure and a missing currency as a 400', async () => {
    const again = await client.post('create_accounts', accountBody('ACCOUNT_REFERENCE_002'));
    expect(again.status).toBe(200);
    expect(again.body.ACCOUNT_REFERENCE_002).toMatchObject({ success: false, messages: ['Account ACCOUNT_REFERENCE_002 already exists'] });
    const bad = await client.post('create_accounts', { X: { meta: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('BadRequest');
    expect(bad.body.message).toMatch(/^Invalid request body/);
  });

  it('answers 404 for an unknown account and 400 without accountReference', async () => {
    const missing = await client.get('get_account', { accountReference: 'NOPE' });
    expect(missing).toMatchObject({ status: 404, body: { error: 'NotFound', message: 'Account NOPE not found' } });
    const noParam = await client.get('get_account', {});
    expect(noParam).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [accountReference]' } });
  });

  it('merges account meta (spec #4 example)', async () => {
    const response = await client.post('update_account_meta', { ACCOUNT_REFERENCE_002: { updateAccountMeta002: 'updateAccountMetaValue002' } });
    expect(response.body.ACCOUNT_REFERENCE_002).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] });
    expect((await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' })).body.meta)
      .toMatchObject({ sourceSystem: 'system1', updateAccountMeta002: 'updateAccountMetaValue002' });
    const unknown = await client.post('update_account_meta', { NOPE: { a: 1 } });
    expect(unknown.body.NOPE).toMatchObject({ success: false });
  });

  it('adds ledger entries (spec #5 example) and recomputes the claim once', async () => {
    const response = await client.post('add_account_ledger_entries', [
      { accountReference: 'ACCOUNT_REFERENCE_002', context: {}, invoiceDetails: { amount: 13025, dueDate: '2020-01-01', meta: {} }, ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ACCOUNT_REFERENCE_002: {
      success: true,
      data: [{ accountReference: 'ACCOUNT_REFERENCE_002', context: {}, invoiceDetails: { amount: 13025, dueDate: '2020-01-01', meta: {} }, ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2' }],
      messageIds: [expect.any(String)],
      messages: ['Successfully added Ledger Entries: INVOICE_LEDGER_ENTRY_REFERENCE_002_2'],
    } });
    const withFee = await client.post('add_account_ledger_entries', [
      { accountReference: 'ACCOUNT_REFERENCE_002', ...fee('FEE_1', 500, 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2', 'Interest') },
      { accountReference: 'ACCOUNT_REFERENCE_002', ...fee('FEE_2', 250, 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2', 'Interest') },
    ]);
    expect(withFee.body.ACCOUNT_REFERENCE_002.success).toBe(true);
    const claims = await client.get('get_account_claims', { accountReference: 'ACCOUNT_REFERENCE_002', status: 'ACTIVE' });
    const claim = claims.body.find((c: any) => c.claimReference === 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2');
    expect(claim).toMatchObject({ amount: 13025, totalFees: 750, fees: [{ name: 'Interest', amount: 750 }] });
  });

  it('fails all entries of an account atomically (duplicate reference, missing target, unknown account)', async () => {
    const response = await client.post('add_account_ledger_entries', [
      { accountReference: 'ACCOUNT_REFERENCE_002', ...invoice('NEW_INVOICE', 100) },
      { accountReference: 'ACCOUNT_REFERENCE_002', ...invoice('NEW_INVOICE', 100) },
      { accountReference: 'UNKNOWN_ACCOUNT', ...invoice('X', 100) },
    ]);
    expect(response.body.ACCOUNT_REFERENCE_002.success).toBe(false);
    expect(response.body.UNKNOWN_ACCOUNT).toMatchObject({ success: false, messages: ['Account UNKNOWN_ACCOUNT not found'] });
    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(account.body.ledgerEntries.map((e: any) => e.ledgerEntryReference)).not.toContain('NEW_INVOICE');
    const twoDetails = await client.post('add_account_ledger_entries', [
      { accountReference: 'ACCOUNT_REFERENCE_002', ledgerEntryReference: 'Y', invoiceDetails: { amount: 1, dueDate: '2020-01-01' }, feeDetails: { amount: 1 }, context: {} },
    ]);
    expect(twoDetails.status).toBe(400);
  });

  it('adds and updates products, debtors and scores with the documented messages', async () => {
    const product = await client.post('add_account_products', [{ accountReference: 'ACCOUNT_REFERENCE_002', productReference: 'PRODUCT_REFERENCE_002_2', type: 'Computer', name: 'MacBook Air', code: '2022' }]);
    expect(product.body).toEqual({ ACCOUNT_REFERENCE_002: {
      success: true, messages: ['Successfully added Product PRODUCT_REFERENCE_002_2'], messageIds: [expect.any(String)],
      data: [{ accountReference: 'ACCOUNT_REFERENCE_002', productReference: 'PRODUCT_REFERENCE_002_2', type: 'Computer', name: 'MacBook Air', code: '2022', meta: {} }],
    } });
    const duplicate = await client.post('add_account_products', [{ accountReference: 'ACCOUNT_REFERENCE_002', productReference: 'PRODUCT_REFERENCE_002_2' }]);
    expect(duplicate.body.ACCOUNT_REFERENCE_002.success).toBe(false);
    const updated = await client.post('update_account_products', [{ accountReference: 'ACCOUNT_REFERENCE_002', productReference: 'PRODUCT_REFERENCE_002_2', name: 'MacBook Pro' }]);
    expect(updated.body.ACCOUNT_REFERENCE_002).toMatchObject({ success: true, messages: ['Successfully added Product PRODUCT_REFERENCE_002_2'] });

    const debtor = await client.post('add_account_debtors', [{ accountReference: 'ACCOUNT_REFERENCE_002', debtorReference: 'EXTERNAL_DEBTOR_REF_003', contactInformation: { country: 'DE', email: 'first.last@acme.com' }, firstName: 'First_2', lastName: 'Last_2' }]);
    expect(debtor.body.ACCOUNT_REFERENCE_002).toMatchObject({
      success: true, messages: ['Successfully processed action'],
      data: [{ firstName: 'First_2', lastName: 'Last_2', debtorReference: 'EXTERNAL_DEBTOR_REF_003', type: 'natural', contactInformation: { country: 'DE', email: 'first.last@acme.com' } }],
    });
    const noName = await client.post('add_account_debtors', [{ accountReference: 'ACCOUNT_REFERENCE_002', debtorReference: 'D4', contactInformation: { country: 'DE' } }]);
    expect(noName.body.ACCOUNT_REFERENCE_002.success).toBe(false);
    const legal = await client.post('add_account_debtors', [{ accountReference: 'ACCOUNT_REFERENCE_002', debtorReference: 'D5', type: 'legal', companyName: 'Acme', contactInformation: { country: 'DE', postalCode: 33129 } }]);
    expect(legal.body.ACCOUNT_REFERENCE_002.data[0].contactInformation.postalCode).toBe('33129');
    const updateDebtor = await client.post('update_account_debtors', [{ accountReference: 'ACCOUNT_REFERENCE_002', debtorReference: 'EXTERNAL_DEBTOR_REF_003', contactInformation: { city: 'Berlin' } }]);
    expect(updateDebtor.body.ACCOUNT_REFERENCE_002).toMatchObject({ success: true });
    expect(updateDebtor.body.ACCOUNT_REFERENCE_002.data).toBeUndefined();

    const score = await client.post('set_account_scores', [{ accountReference: 'ACCOUNT_REFERENCE_002', type: 'EXTERNAL', value: 'SCORE1', meta: {} }]);
    expect(score.body).toEqual({ ACCOUNT_REFERENCE_002: {
      messages: ['Successfully set the score of EXTERNAL'], success: true, messageIds: [expect.any(String)],
      data: [{ accountReference: 'ACCOUNT_REFERENCE_002', type: 'EXTERNAL', value: 'SCORE1', meta: {} }],
    } });
    await client.post('set_account_scores', [{ accountReference: 'ACCOUNT_REFERENCE_002', type: 'EXTERNAL', value: null }]);
    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_002' });
    expect(account.body.scores).toEqual([{ type: 'INTERNAL', value: 'V1' }, { type: 'EXTERNAL', value: null }]);
    expect(account.body.debtors.find((d: any) => d.debtorReference === 'EXTERNAL_DEBTOR_REF_003').contactInformation)
      .toEqual({ country: 'DE', email: 'first.last@acme.com', city: 'Berlin' });
  });

  it('lists a debtor\'s accounts and claims', async () => {
    const response = await client.get('get_debtor_accounts_and_claims', { debtorReference: 'EXTERNAL_DEBTOR_REF_002' });
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(1);
    expect(response.body[0]).toHaveLength(1);
    expect(response.body[0][0]).toMatchObject({ accountReference: 'ACCOUNT_REFERENCE_002', currency: 'EUR', paymentReference: 'paymentReference1' });
    expect(response.body[0][0].claims.length).toBe(2);
    expect((await client.get('get_debtor_accounts_and_claims', { debtorReference: 'NOBODY' })).body).toEqual([]);
  });

  it('refuses batches above the stated maximum', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ accountReference: `A${i}`, type: 'INTERNAL', value: 'x' }));
    const response = await client.post('set_account_scores', items);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/at most 1000/);
  });
});

describeEachEngine('servicing spec examples, field by field', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('get_account returns the stored account exactly as the spec #2 example', async () => {
    const example = {
      currency: 'EUR', paymentReference: 'paymentReference1', meta: { invoiceExternalNumber: 111 },
      scores: [{ type: 'INTERNAL', value: 'V1' }],
      debtors: [{ lastName: 'LAST_NAME_1', firstName: 'FIRST_NAME_1', debtorReference: 'EXTERNAL_DEBTOR_REF_001', contactInformation: { country: 'DE', email: 'first.last@acme.com' } }],
      products: [{ productReference: 'PRODUCT_REFERENCE_1', paymentReference: 'PRODUCT_PAYMENT_REFERENCE_1' }, { productReference: 'PRODUCT_REFERENCE_2', paymentReference: 'PRODUCT_PAYMENT_REFERENCE_2' }],
      ledgerEntries: [{ ledgerEntryReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', invoiceDetails: { amount: 100000, dueDate: '2022-01-08', paymentReference: 'INVOICE_PAYMENT_REFERENCE_1' }, context: { productReference: 'PRODUCT_REFERENCE_1' } }],
    };
    const created = await client.post('create_accounts', { ACCOUNT_REFERENCE_001: example });
    expect(created.body.ACCOUNT_REFERENCE_001).toEqual({
      success: true, messages: ['Successfully created Account ACCOUNT_REFERENCE_001'], messageIds: [expect.any(String)], data: example,
    });
    const account = await client.get('get_account', { accountReference: 'ACCOUNT_REFERENCE_001' });
    expect(account.body).toEqual(example);
  });

  it('get_debtor_accounts_and_claims answers the seed\'s nested shape, claims as BaseClaim (guide, decisions)', async () => {
    const response = await client.get('get_debtor_accounts_and_claims', { debtorReference: 'EXTERNAL_DEBTOR_REF_001' });
    expect(response.body).toEqual([[{
      accountReference: 'ACCOUNT_REFERENCE_001', currency: 'EUR', meta: { invoiceExternalNumber: 111 }, paymentReference: 'paymentReference1',
      claims: [{
        amount: 100000, currency: 'EUR', productReference: 'PRODUCT_REFERENCE_1',
        product: { productReference: 'PRODUCT_REFERENCE_1', paymentReference: 'PRODUCT_PAYMENT_REFERENCE_1' },
        totalFees: 0, currentDueDate: '2022-01-08', originalDueDate: '2022-01-08', accountReference: 'ACCOUNT_REFERENCE_001',
        paymentReference: 'INVOICE_PAYMENT_REFERENCE_1', meta: { invoiceExternalNumber: 111 }, fees: [], linkGroupId: null,
        primaryDebtor: { lastName: 'LAST_NAME_1', firstName: 'FIRST_NAME_1', debtorReference: 'EXTERNAL_DEBTOR_REF_001', contactInformation: { country: 'DE', email: 'first.last@acme.com' } },
      }],
      debtors: [{ lastName: 'LAST_NAME_1', firstName: 'FIRST_NAME_1', debtorReference: 'EXTERNAL_DEBTOR_REF_001', contactInformation: { country: 'DE', email: 'first.last@acme.com' } }],
    }]]);
  });
});
