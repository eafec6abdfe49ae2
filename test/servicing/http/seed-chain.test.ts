// Replays the seed's account and claim examples (shared/seeds/003_…, Receeve v1.53.1) one after another, in the
// seed's order, on a fresh tenant, and checks every answer field by field. Only generated ids (messageIds) and
// dates are excepted. Where the seed's example answer is the generic one (keys `property1`/`property2`, placeholder
// data), the expected answer is that example under the request's own keys, with `data` as the request shows it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { startServicing, type ServicingClient } from '../support.js';

interface SeedOperation {
  operation: string;
  method: 'GET' | 'POST';
  request?: any;
  response: any;
}

const SEED = JSON.parse(readFileSync(new URL('./fixtures/receeve-seed-examples.json', import.meta.url), 'utf8')) as { operations: SeedOperation[] };
const seed = (operation: string): SeedOperation => {
  const found = SEED.operations.find((candidate) => candidate.operation === operation);
  if (!found) throw new Error(`no seed example for ${operation}`);
  return found;
};
const ACCOUNT = 'ACCOUNT_REFERENCE_002';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The answer with each item's generated messageIds replaced by their count, so the rest compares exactly. */
function withoutIds(body: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(body).map(([key, item]) => {
    for (const id of item.messageIds) expect(id).toMatch(UUID);
    return [key, { ...item, messageIds: item.messageIds.length }];
  }));
}

/** The seed's generic item (`property1`) as the answer for each key, with `data` replaced where given. */
function genericAnswer(operation: string, keys: readonly string[], data?: (key: string) => unknown): Record<string, any> {
  const { data: _placeholder, ...item } = seed(operation).response.property1;
  return Object.fromEntries(keys.map((key) => [key, { ...item, ...(data ? { data: data(key) } : {}) }]));
}

function expectAnswer(response: { status: number; body: any; text: string }, expected: Record<string, any>): void {
  expect(response.status, response.text).toBe(200);
  expect(withoutIds(response.body)).toEqual(withoutIds(expected));
}

/** The claims as get_account_claims shows them for the seed's account after the account examples. */
const accountClaim = (claim: Record<string, unknown>) => ({
  currency: 'EUR', totalFees: 0, accountReference: ACCOUNT, fees: [], linkGroupId: null,
  meta: { accountMetaKey002: 'value002', invoiceExternalNumber: 111, updateAccountMeta002: 'updateAccountMetaValue002' },
  primaryDebtor: { debtorReference: 'EXTERNAL_DEBTOR_REF_002', firstName: 'First_2', lastName: 'Last_2', contactInformation: { country: 'DE', email: 'first.last@acme.com' } },
  ...claim,
});

describeEachEngine('the seed\'s account and claim examples, replayed as one chain', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());
  const send = (operation: string) => client.post(operation, seed(operation).request);

  it('accounts: get_account … get_debtor_accounts_and_claims, in the seed\'s order', async () => {
    // get_account comes first in the seed; on a fresh tenant the account does not exist yet.
    expect(await client.get('get_account', { accountReference: ACCOUNT }))
      .toMatchObject({ status: 404, body: { error: 'NotFound', message: `Account ${ACCOUNT} not found` } });

    const created = await send('create_accounts');
    expectAnswer(created, seed('create_accounts').response);
    const account = await client.get('get_account', { accountReference: ACCOUNT });
    expect(account.body).toEqual(seed('create_accounts').response[ACCOUNT].data);

    expectAnswer(await send('update_account_meta'), genericAnswer('update_account_meta', [ACCOUNT]));
    expectAnswer(await send('add_account_ledger_entries'), seed('add_account_ledger_entries').response);
    expectAnswer(await send('add_account_products'), seed('add_account_products').response);
    expectAnswer(await send('update_account_products'), seed('update_account_products').response);
    const { accountReference: _account, ...debtor } = seed('add_account_debtors').request[0];
    expectAnswer(await send('add_account_debtors'), genericAnswer('add_account_debtors', [ACCOUNT], () => [{ ...debtor, type: 'natural' }]));
    expectAnswer(await send('update_account_debtors'), genericAnswer('update_account_debtors', [ACCOUNT]));

    const invoice1 = accountClaim({
      amount: 100000, productReference: 'PRODUCT_REFERENCE_1', product: { productReference: 'PRODUCT_REFERENCE_1', paymentReference: 'PRODUCT_PAYMENT_REFERENCE_1' },
      currentDueDate: '2022-01-08', originalDueDate: '2022-01-08', paymentReference: 'INVOICE_PAYMENT_REFERENCE_1',
    });
    const invoice2 = accountClaim({ amount: 13025, currentDueDate: '2020-01-01', originalDueDate: '2020-01-01' });
    const claims = await client.get('get_account_claims', { accountReference: ACCOUNT });
    expect(claims.body).toEqual([
      { ...invoice1, claimReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_1', status: 'ACTIVE' },
      { ...invoice2, claimReference: 'INVOICE_LEDGER_ENTRY_REFERENCE_002_2', status: 'ACTIVE' },
    ]);

    expectAnswer(await send('set_account_scores'), { [ACCOUNT]: seed('set_account_scores').response.property1 });
    // The payment settles the oldest invoice (created first), whatever its context.productReference says.
    expectAnswer(await send('match_account_payment'), { [ACCOUNT]: seed('match_account_payment').response.property1 });
    expectAnswer(await send('update_account_ledger_entries_amounts'),
      genericAnswer('update_account_ledger_entries_amounts', [ACCOUNT], () => seed('update_account_ledger_entries_amounts').request));

    const afterAmounts = await client.claimsOf(ACCOUNT);
    // The chargeback takes back 90000 of the payment that settled the invoice; the PAYMENT settles the second one.
    expect(afterAmounts.INVOICE_LEDGER_ENTRY_REFERENCE_002_1).toMatchObject({ amount: 10000, status: 'ACTIVE' });
    expect(afterAmounts.INVOICE_LEDGER_ENTRY_REFERENCE_002_2).toMatchObject({ amount: 0, status: 'RESOLVED' });

    const debtorView = await client.get('get_debtor_accounts_and_claims', { debtorReference: 'EXTERNAL_DEBTOR_REF_002' });
    const stored = (await client.get('get_account', { accountReference: ACCOUNT })).body;
    const { claimReference: _r1, status: _s1, ...base1 } = afterAmounts.INVOICE_LEDGER_ENTRY_REFERENCE_002_1;
    const { claimReference: _r2, status: _s2, ...base2 } = afterAmounts.INVOICE_LEDGER_ENTRY_REFERENCE_002_2;
    expect(debtorView.body).toEqual([[{
      accountReference: ACCOUNT, meta: stored.meta, paymentReference: 'ACCOUNT_PAYMENT_REFERENCE', currency: 'EUR', claims: [base1, base2], debtors: stored.debtors,
    }]]);
    expect(Object.keys(debtorView.body[0][0]).sort()).toEqual(Object.keys(seed('get_debtor_accounts_and_claims').response[0][0]).filter((key) => key !== 'portfolioReference').sort());
    const seedClaimKeys = Object.keys(seed('get_debtor_accounts_and_claims').response[0][0].claims[0]);
    for (const claim of debtorView.body[0][0].claims) for (const key of Object.keys(claim)) expect(seedClaimKeys).toContain(key);
  });

  it('claims: create_claims … set_link_claims, in the seed\'s order', async () => {
    const created = await send('create_claims');
    const { accountReference: _a, ...createdInput } = seed('create_claims').request.CLAIM_REF_002_1;
    expectAnswer(created, genericAnswer('create_claims', ['CLAIM_REF_002_1'], () => ({
      ...createdInput, accountReference: ACCOUNT, fees: [], linkGroupId: null,
    })));
    // recreate_claims is for a deleted claim; the seed's example names the claim create_claims just made.
    expect(withoutIds((await send('recreate_claims')).body)).toEqual({
      CLAIM_REF_002_1: { success: false, messages: ['Claim CLAIM_REF_002_1 is not in a deleted state'], messageIds: 1 },
    });
    expectAnswer(await send('update_claims'), genericAnswer('update_claims', ['CLAIM_REF_002_1']));
    expectAnswer(await send('import_claims'), genericAnswer('import_claims', ['API_CLAIM_REF_002']));
    expect((await client.claimsOf(ACCOUNT)).CLAIM_REF_002_1).toMatchObject({ amount: 5000, status: 'ACTIVE' });

    // The next examples name claims no earlier example creates; they are created first, as the seed's client would.
    const prerequisite = (amount: number) => ({
      amount, currency: 'EUR', currentDueDate: '2019-02-15', originalDueDate: '2019-09-09', accountReference: ACCOUNT, totalFees: 500,
      primaryDebtor: { debtorReference: 'EXTERNAL_DEBTOR_REF_002', firstName: 'F_N', lastName: 'L_N', contactInformation: { country: 'DE', email: 'first.last@acme.com' } },
    });
    const references = ['API_CLAIM_REF_002_1', 'API_CLAIM_REF_002_2', 'API_CLAIM_REF_002_3', 'API_CLAIM_REF_001', 'API_CLAIM_REF_003', 'API_CLAIM_REF_004'];
    const setup = await client.post('create_claims', Object.fromEntries(references.map((reference) => [reference, prerequisite(5000)])));
    expect(Object.values(setup.body).every((item: any) => item.success)).toBe(true);

    expectAnswer(await send('resolve_claims'), genericAnswer('resolve_claims', ['API_CLAIM_REF_002_1']));
    // API_CLAIM_REF_002_1 is resolved now: crediting it is the seed's item failure; the other two are credited.
    const credited = await send('credit_claims');
    const creditRequest = seed('credit_claims').request;
    expect(withoutIds(credited.body)).toEqual({
      API_CLAIM_REF_002_1: { success: false, messages: ['Claim is not active'], messageIds: 1 },
      ...withoutIds(genericAnswer('credit_claims', ['API_CLAIM_REF_002_2', 'API_CLAIM_REF_002_3'], (key) => creditRequest[key])),
    });
    const debitRequest = seed('debit_claims').request;
    expect(withoutIds((await send('debit_claims')).body)).toEqual({
      API_CLAIM_REF_002_1: { success: false, messages: ['Claim is not active'], messageIds: 1 },
      ...withoutIds(genericAnswer('debit_claims', ['API_CLAIM_REF_002_2'], (key) => debitRequest[key])),
    });
    expectAnswer(await send('set_link_claims'), genericAnswer('set_link_claims', ['API_CLAIM_REF_002', 'API_CLAIM_REF_003', 'API_CLAIM_REF_004']));
    const linked = await client.claimsOf(ACCOUNT);
    expect(linked.API_CLAIM_REF_002.linkGroupId).toEqual(expect.any(String));
    expect(linked.API_CLAIM_REF_003.linkGroupId).toBe(linked.API_CLAIM_REF_002.linkGroupId);
    expect(linked.API_CLAIM_REF_001.linkGroupId).toBe(linked.API_CLAIM_REF_002.linkGroupId);
    expect(linked.API_CLAIM_REF_004.linkGroupId).toBeNull();
  });
});
