import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectionsMandates } from '../../src/collections/schema/debtor-records-schema.js';
import { describeEachEngine } from '../support/engines.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { accountWithClaims, eventsOf, startDebtorRecords } from './support.js';

const ACCOUNT = 'ACCOUNT_REFERENCE_002';
const SEED_MANDATE = {
  mandateId: 'd34b443e-968e-4647-80ec-292ee38c8b34', accountReference: ACCOUNT, providerName: 'trustly',
  debtorReference: 'EXTERNAL_DEBTOR_REF_002', productReferences: ['PRODUCT_REFERENCE_1'],
};
const SEED_CARD_MANDATE = {
  mandateId: 'CARD-1', accountReference: ACCOUNT, providerName: 'ferratumCheckoutCreditCardV2', debtorReference: 'EXTERNAL_DEBTOR_REF_002',
  productReferences: ['PRODUCT_REFERENCE_1'], mandateRepresentation: { holderName: 'string', bankName: 'string', accountNumber: 'string' },
};
const SUCCESS = { success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] };

describeEachEngine('account mandates (Receeve #32-#34)', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    await accountWithClaims(client, ACCOUNT);
  });
  afterAll(async () => env?.stop());

  it('#32 stores the seed examples and echoes them as data, merged per account', async () => {
    const response = await client.post('create_account_mandates', [SEED_MANDATE, SEED_CARD_MANDATE]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      [ACCOUNT]: { success: true, messages: ['Successfully processed action', 'Successfully processed action'], messageIds: [expect.any(String), expect.any(String)], data: [SEED_MANDATE, SEED_CARD_MANDATE] },
    });
    expect((await eventsOf(client, 'mandate.created')).map((e) => e.entity_id)).toEqual([SEED_MANDATE.mandateId, 'CARD-1']);
  });

  it('#34 lists the account mandates as the seed shows them, without clientIpAddress', async () => {
    const bizum = { ...SEED_MANDATE, mandateId: 'BIZUM-1', providerName: 'paylandsenBizum', clientIpAddress: '203.0.113.9' };
    expect((await client.post('create_account_mandates', bizum)).body[ACCOUNT]).toEqual({ ...SUCCESS, data: [bizum] });
    const listed = await client.get('get_account_mandates', { accountReference: ACCOUNT });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([SEED_MANDATE, SEED_CARD_MANDATE, { ...SEED_MANDATE, mandateId: 'BIZUM-1', providerName: 'paylandsenBizum' }]);
    expect((await client.get('get_account_mandates', { accountReference: 'UNKNOWN' })).body).toEqual([]);
    expect((await client.get('get_account_mandates', {})).body).toEqual({ error: 'BadRequest', message: 'Missing required request parameters: [accountReference]' });
  });

  it('#32 item failures: unknown account, debtor or product not on the account, invalid IBAN, a reference already used', async () => {
    const response = await client.post('create_account_mandates', [
      { ...SEED_MANDATE, mandateId: 'M-NO-ACCOUNT', accountReference: 'NOPE' },
      { ...SEED_MANDATE, mandateId: 'M-DEBTOR', debtorReference: 'SOMEONE_ELSE' },
      { ...SEED_MANDATE, mandateId: 'M-PRODUCT', productReferences: ['PRODUCT_X'] },
      { ...SEED_MANDATE, mandateId: 'M-IBAN', mandateRepresentation: { bankName: 'Bank', accountNumber: 'DE89370400440532013001' } },
      SEED_MANDATE,
      { ...SEED_MANDATE, mandateId: 'M-IBAN-OK', mandateRepresentation: { holderName: 'Acme GmbH', bankName: 'Bank', accountNumber: 'DE89 3704 0044 0532 0130 00' } },
    ]);
    expect(response.body.NOPE).toEqual({ success: false, messages: ['Account NOPE not found'], messageIds: [expect.any(String)] });
    expect(response.body[ACCOUNT].success).toBe(false);
    expect(response.body[ACCOUNT].messages).toEqual([
      `Debtor SOMEONE_ELSE is not a debtor of Account ${ACCOUNT}`,
      `Product PRODUCT_X is not a product of Account ${ACCOUNT}`,
      'mandateRepresentation.accountNumber is not a valid IBAN (ISO 13616)',
      `Mandate ${SEED_MANDATE.mandateId} already exists for this creditor`,
      'Successfully processed action',
    ]);
    expect(response.body[ACCOUNT].data).toHaveLength(1);
  });

  it('schema violations are whole-request 400s: unknown provider, Paylands without clientIpAddress, missing fields', async () => {
    for (const body of [
      [{ ...SEED_MANDATE, providerName: 'paypal' }], [{ ...SEED_MANDATE, providerName: 'paylandsenCards' }],
      [{ ...SEED_MANDATE, productReferences: undefined }], 'nope', [],
    ]) {
      const response = await client.post('create_account_mandates', body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'BadRequest', message: expect.stringContaining('Invalid request body') });
    }
  });

  it('#33 deletes keeping history: gone from #34, the row kept, the reference never reused; unknown is an item failure', async () => {
    const deleted = await client.post('delete_account_mandates', [{ mandateId: SEED_MANDATE.mandateId, accountReference: ACCOUNT }]);
    expect(deleted.body).toEqual({ [ACCOUNT]: SUCCESS });
    const listed = await client.get('get_account_mandates', { accountReference: ACCOUNT });
    expect(listed.body.map((m: any) => m.mandateId)).toEqual(['CARD-1', 'BIZUM-1', 'M-IBAN-OK']);
    const rows = await client.service.platform.db.select().from(collectionsMandates);
    const kept = rows.find((row) => row.mandateId === SEED_MANDATE.mandateId);
    expect(kept?.deletedAt).toBeInstanceOf(Date);
    const again = await client.post('delete_account_mandates', [{ mandateId: SEED_MANDATE.mandateId, accountReference: ACCOUNT }]);
    expect(again.body[ACCOUNT]).toEqual({ success: false, messages: [`Mandate ${SEED_MANDATE.mandateId} not found on Account ${ACCOUNT}`], messageIds: [expect.any(String)] });
    const reuse = await client.post('create_account_mandates', [SEED_MANDATE]);
    expect(reuse.body[ACCOUNT].messages).toEqual([`Mandate ${SEED_MANDATE.mandateId} already exists for this creditor`]);
    expect((await eventsOf(client, 'mandate.deleted')).map((e) => e.entity_id)).toEqual([SEED_MANDATE.mandateId]);
  });

  it("another tenant's mandates are unknown: not listed, not deletable, and its references are its own", async () => {
    const other = await startServicing(engine, client.service);
    await accountWithClaims(other, ACCOUNT);
    expect((await other.get('get_account_mandates', { accountReference: ACCOUNT })).body).toEqual([]);
    const deleted = await other.post('delete_account_mandates', [{ mandateId: 'CARD-1', accountReference: ACCOUNT }]);
    expect(deleted.body[ACCOUNT].success).toBe(false);
    expect((await other.post('create_account_mandates', [SEED_CARD_MANDATE])).body[ACCOUNT]).toEqual({ ...SUCCESS, data: [SEED_CARD_MANDATE] });
    expect((await client.get('get_account_mandates', { accountReference: ACCOUNT })).body.map((m: any) => m.mandateId)).toEqual(['CARD-1', 'BIZUM-1', 'M-IBAN-OK']);
  });
});
