import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, COVER, type CoverClient, coverClient, liveCover, ORG, POLICY } from './support.js';

describeEachEngine('Cover API: spec §2/§5 facts', (engine) => {
  let service: TestService;
  let client: CoverClient;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await coverClient(service, await service.createTenant());
  });
  afterAll(async () => service?.stop());

  it('gives a sandbox tenant a demo customer with a live EUR policy, readable through policy details', async () => {
    const details = await client.get(`${POLICY}/policies/details?policyId=${client.policyId}`);
    expect(details.status).toBe(200);
    expect(details.body.data).toMatchObject({ policyId: client.policyId, policyStatus: 'live', policyCurrency: 'EUR', creditCheckAmount: '7000' });
    expect(details.body.data.policyStartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const refused = await client.get(`${POLICY}/policies/details?policyId=${client.policyId}&customerId=${client.customerId}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ detail: 'Unknown query parameter', source: { parameter: 'customerId' } });
  });

  it('finds buyers by alpha-3 country and identifier, always as an array, and by buyerId', async () => {
    const found = await client.get(`${ORG}/buyers?country=SWE&uid=556710-4046&uidType=NRN`);
    expect(found.status).toBe(200);
    expect(found.body.data).toHaveLength(1);
    const buyer = found.body.data[0];
    expect(buyer).toMatchObject({ buyerName: 'Exempel Grossist AB', buyerCountryCode: 'SWE', currentBuyerRating: '4' });
    expect(typeof buyer.buyerId).toBe('number');
    expect(buyer.uniqueIdentifiers[0]).toEqual({ uid: '5567104046', uidType: 'NRN', uidTypeDescription: 'National registration number' });
    const vat = await client.get(`${ORG}/buyers?country=SWE&uid=SE556710404601&uidType=VAT`);
    expect(vat.body.data[0].buyerId).toBe(buyer.buyerId);
    const byId = await client.get(`${ORG}/buyers/${buyer.buyerId}`);
    expect(byId.body.data).toEqual([buyer]);
    const missing = await client.get(`${ORG}/buyers?country=SWE&uid=5560000000&uidType=NRN`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].detail).toBe('No buyer match found');
    expect((await client.get(`${ORG}/buyers/99999999`)).status).toBe(404);
    const noType = await client.get(`${ORG}/buyers?country=SWE&uid=5567104046`);
    expect(noType.status).toBe(400);
    expect(noType.body.errors[0].source).toEqual({ parameter: 'uidType' });
  });

  it('decides an application at once (201, DC01), renders amounts as numeric strings and refuses a second first-time application', async () => {
    const buyerId = await client.buyerId(BUYERS.rating4);
    const created = await client.apply(buyerId, { creditLimitAmount: 20000, customerRefNumber: 'ERP-CUST-0042' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ data: [{ coverId: expect.any(Number), response: 'Action successful' }] });
    const [cover] = await liveCover(client, buyerId);
    expect(cover).toMatchObject({
      coverId: created.body.data[0].coverId, customerId: client.customerId, policyId: client.policyId, buyerId,
      buyerName: 'Exempel Grossist AB', coverType: 'credit-limit', coverStatus: 'DECISION', decisionCode: 'DC01',
      neutralDecisionCode: 'APPROVED', historicCode: null, pendingProcessIndicator: null, customerRefNumber: 'ERP-CUST-0042',
      policyCurrencyCode: 'EUR', creditLimitApplicationAmountInPolicyCurrency: '20000',
      totalDecision: { decisionAmtInPolicyCurrency: '20000', decisionConditions: [] },
      firstAmtDecision: { decisionAmtInPolicyCurrency: '20000' }, effectiveToDate: null, withdrawalDate: null, changeType: 'NEW',
    });
    const again = await client.apply(buyerId);
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ status: '409', code: 'COVER_EXISTS', detail: 'Credit limit/credit check already exists for this buyer.' });
  });

  it('refers an application above the automatic limit (202, REFERRED, listed in applications)', async () => {
    const buyerId = await client.buyerId(BUYERS.rating1);
    const referred = await client.apply(buyerId, { creditLimitAmount: '60000' });
    expect(referred.status).toBe(202);
    expect(referred.body.data[0].response).toBe('Action successful');
    const applications = await client.get(`${COVER}/covers/applications?customerId=${client.customerId}`);
    const mine = applications.body.data.find((c: any) => c.coverId === referred.body.data[0].coverId);
    expect(mine).toMatchObject({ coverStatus: 'REFERRED', decisionCode: null, totalDecision: null, neutralDecisionCode: 'STILL_INVESTIGATING' });
  });

  it('applies the rating rules: DC04 at half, DC02 with the payment-terms condition, DC03 zero decision', async () => {
    const partial = await client.apply(await client.buyerId(BUYERS.rating6), { creditLimitAmount: '30000' });
    expect(partial.status).toBe(201);
    // Rating 8 holds 100 000 SEK of capacity: 8 000 EUR (92 000 SEK) fits.
    const conditions = await client.apply(await client.buyerId(BUYERS.rating8), { creditLimitAmount: '8000' });
    const refused = await client.apply(await client.buyerId(BUYERS.rating10), { creditLimitAmount: '10000' });
    expect(refused.status).toBe(201);
    const byId = async (id: number) => (await client.get(`${COVER}/covers/${id}`)).body.data;
    expect(await byId(partial.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC04', totalDecision: { decisionAmtInPolicyCurrency: '15000' }, neutralDecisionCode: 'PARTLY_APPROVED' });
    const dc02 = await byId(conditions.body.data[0].coverId);
    expect(dc02).toMatchObject({ decisionCode: 'DC02', neutralDecisionCode: 'CONDITIONAL' });
    expect(dc02.totalDecision.decisionConditions[0]).toEqual({
      conditionCode: 'PT60', conditionType: 'PAYMENT_TERMS', conditionCategoryDescription: 'Maximum payment terms', conditionDescription: 'Cover applies to payment terms up to 60 days.',
    });
    expect(await byId(refused.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC03', totalDecision: { decisionAmtInPolicyCurrency: '0' }, neutralDecisionCode: 'NOT_APPROVED' });
  });

  it('answers a credit check at the policy amount, never referred', async () => {
    const check = await client.apply(await client.buyerId(BUYERS.rating3), { coverType: 'credit-check', currencyCode: undefined, creditLimitAmount: undefined });
    expect(check.status).toBe(201);
    const cover = (await client.get(`${COVER}/covers/${check.body.data[0].coverId}`)).body.data;
    expect(cover).toMatchObject({ coverType: 'credit-check', decisionCode: 'DC01', totalDecision: { decisionAmtInPolicyCurrency: '7000' } });
  });

  it('validates amounts with the documented text and pointer', async () => {
    const buyerId = await client.buyerId(BUYERS.rating3);
    for (const amount of ['1500', 0, -1000, '10000.50', 'abc', 2500]) {
      const bad = await client.apply(buyerId, { creditLimitAmount: amount });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ code: 'INVALID_AMOUNT', detail: 'Must be positive number greater than zero and a multiple of 1000.', source: { pointer: '/creditLimitAmount' } });
    }
    const unknownBuyer = await client.apply(99_999_999);
    expect(unknownBuyer.status).toBe(404);
    expect(unknownBuyer.body.errors[0].detail).toBe('No buyer match found');
  });

  it('answers unknown routes with 403 like the gateway', async () => {
    const unknown = await client.get(`${COVER}/nothing-here`);
    expect(unknown.status).toBe(403);
    expect(unknown.body.errors[0].status).toBe('403');
  });
});

describeEachEngine('Cover API in the OpenAPI document', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('documents every cover, buyer and policy route', async () => {
    const openapi = await call(service.url, 'GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys((openapi.body as { paths: object }).paths)).toEqual(expect.arrayContaining([
      `${COVER}/covers`, `${COVER}/covers/batch`, `${COVER}/covers/{coverId}/cover-type`, `${COVER}/covers/decisions`,
      `${COVER}/covers/applications`, `${COVER}/covers/historic`, `${COVER}/covers/bulk`, `${COVER}/covers/{coverId}`,
      `${ORG}/buyers`, `${ORG}/buyers/my-buyers`, `${ORG}/buyers/{buyerId}`, `${POLICY}/policies/details`, `${POLICY}/policies`,
      '/backoffice/v1/cover/referrals', '/backoffice/v1/cover/referrals/{coverId}/decision',
    ]));
  });
});
