// Replays the seed's examples of #30 and #32–#35 (shared/seeds/003_…, Receeve v1.53.1) on the seed's own account
// and claim (made by the seed's create_accounts, create_claims and update_claims examples) and checks the answers
// field by field. The seed's generic answers (keys property1/property2) are expected under the request's keys. The
// tenant's clock stands at 2024-06-01 so that the seed's promise date (2024-06-30) lies ahead, as a client's would.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService } from '../support/service.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../servicing/http/fixtures/receeve-seed-examples.json', import.meta.url), 'utf8')) as { operations: { operation: string; request: any }[] };
const request = (operation: string) => FIXTURE.operations.find((candidate) => candidate.operation === operation)!.request;
const ACCOUNT = 'ACCOUNT_REFERENCE_002';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GENERIC = { success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(UUID)] };

// seed line 8418: create_promises_to_pay body; 8857/8866: create_account_mandates body; 8890: its answer's data
// (a ferratumCheckoutCreditCardV2 mandate with a representation); 9192: delete body; 9395: get_account_mandates answer.
const PROMISE = { CLAIM_REF_002_1: { amount: 5000, currency: 'EUR', dueDate: '2024-06-30' } };
const MANDATE = { mandateId: 'd34b443e-968e-4647-80ec-292ee38c8b34', accountReference: ACCOUNT, providerName: 'trustly', debtorReference: 'EXTERNAL_DEBTOR_REF_002', productReferences: ['PRODUCT_REFERENCE_1'] };
const ANSWER_MANDATE = { ...MANDATE, providerName: 'ferratumCheckoutCreditCardV2', mandateRepresentation: { holderName: 'string', bankName: 'string', accountNumber: 'string' } };
const LISTED_MANDATE = { ...MANDATE, mandateRepresentation: { holderName: 'string', bankName: 'string', accountNumber: 'string' } };

describeEachEngine("the seed's debtor-record examples", (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    const service = await startTestService({ engine, clock: new ManualClock('2024-06-01T10:00:00Z') });
    client = await startServicing(engine, service);
    for (const operation of ['create_accounts', 'create_claims', 'update_claims']) {
      const response = await client.post(operation, request(operation));
      expect(Object.values(response.body).every((item: any) => item.success), response.text).toBe(true);
    }
  });
  afterAll(async () => client?.service.stop());

  it('#30 create_promises_to_pay: the seed body, answered with the promise as data', async () => {
    const response = await client.post('create_promises_to_pay', PROMISE);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ CLAIM_REF_002_1: { ...GENERIC, data: PROMISE.CLAIM_REF_002_1 } });
  });

  it('#32 create_account_mandates: the seed body and the mandate of the seed answer, each echoed as data', async () => {
    expect((await client.post('create_account_mandates', [MANDATE])).body).toEqual({ [ACCOUNT]: { ...GENERIC, data: [MANDATE] } });
    const answer = { ...ANSWER_MANDATE, mandateId: 'seed-answer-mandate' };
    expect((await client.post('create_account_mandates', [answer])).body).toEqual({ [ACCOUNT]: { ...GENERIC, data: [answer] } });
  });

  it('#34 get_account_mandates: the seed answer (a trustly mandate with its representation)', async () => {
    const listed = { ...LISTED_MANDATE, mandateId: 'seed-listed-mandate' };
    await client.post('create_account_mandates', [listed]);
    const response = await client.get('get_account_mandates', { accountReference: ACCOUNT });
    expect(response.status).toBe(200);
    expect(response.body).toContainEqual(listed);
    for (const mandate of response.body) expect(Object.keys(mandate).every((key) => Object.keys(listed).includes(key))).toBe(true);
  });

  it('#33 delete_account_mandates: the seed body, answered without data', async () => {
    const response = await client.post('delete_account_mandates', [{ mandateId: MANDATE.mandateId, accountReference: ACCOUNT }]);
    expect(response.body).toEqual({ [ACCOUNT]: GENERIC });
  });

  it('the documented error shape: a missing Authorization header and a bad body', async () => {
    const url = `${client.service.url}/v1/${client.tenant.tenant.clientId}/create_promises_to_pay`;
    const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PROMISE) });
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toEqual({ error: 'BadRequest', message: 'Missing required request parameters: [Authorization]' });
    const bad = await client.post('create_promises_to_pay', { CLAIM_REF_002_1: { amount: '5000', currency: 'EUR', dueDate: '2024-06-30' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'BadRequest', message: expect.stringMatching(/^Invalid request body: CLAIM_REF_002_1\.amount: /) });
  });
});
