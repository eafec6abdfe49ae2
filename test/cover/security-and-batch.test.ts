import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, COVER, type CoverClient, coverClient, ORG, POLICY } from './support.js';

describeEachEngine('Cover API: tenancy, batches, listings, robustness', (engine) => {
  let service: TestService;
  let mine: CoverClient;
  let theirs: CoverClient;

  beforeAll(async () => {
    service = await startTestService({ engine });
    mine = await coverClient(service, await service.createTenant());
    theirs = await coverClient(service, await service.createTenant());
  });
  afterAll(async () => service?.stop());

  it('answers another tenant\'s cover as unknown and its customer or policy as forbidden', async () => {
    const created = await theirs.apply(await theirs.buyerId(BUYERS.rating4));
    const coverId = created.body.data[0].coverId;
    expect((await mine.get(`${COVER}/covers/${coverId}`)).status).toBe(404);
    expect((await mine.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' })).status).toBe(404);
    const list = await mine.get(`${COVER}/covers?customerId=${theirs.customerId}`);
    expect(list.status).toBe(403);
    expect(list.body.errors[0].code).toBe('FORBIDDEN');
    expect((await mine.get(`${COVER}/covers?policyId=${theirs.policyId}`)).status).toBe(403);
    expect((await mine.get(`${POLICY}/policies/details?policyId=${theirs.policyId}`)).status).toBe(403);
    const apply = await mine.post(`${COVER}/covers`, { customerId: theirs.customerId, policyId: theirs.policyId, buyerId: await mine.buyerId(BUYERS.rating1), coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '1000' });
    expect(apply.status).toBe(403);
    const crossed = await mine.post(`${COVER}/covers`, { customerId: mine.customerId, policyId: theirs.policyId, buyerId: await mine.buyerId(BUYERS.rating1), coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '1000' });
    expect(crossed.status).toBe(403);
    const modify = await mine.put(`${COVER}/covers`, { policyId: theirs.policyId, buyerId: await mine.buyerId(BUYERS.rating4), action: 'cancel' });
    expect(modify.status).toBe(403);
    expect((await mine.get(`${ORG}/buyers/my-buyers?customerId=${theirs.customerId}`)).status).toBe(403);
  });

  it('requires the bearer token and the app key; a non-cover credential has no role here', async () => {
    expect((await call(service.url, 'GET', `${COVER}/covers?customerId=${mine.customerId}`)).status).toBe(401);
    const noKey = await call(service.url, 'GET', `${COVER}/covers?customerId=${mine.customerId}`, { headers: { authorization: mine.headers.authorization! } });
    expect(noKey.status).toBe(401);
  });

  it('batch: 207 with one result per item, each on its own', async () => {
    const rating1 = await mine.buyerId(BUYERS.rating1);
    const rating3 = await mine.buyerId(BUYERS.rating3);
    const base = { customerId: mine.customerId, policyId: mine.policyId, coverType: 'credit-limit', currencyCode: 'EUR' };
    const batch = await mine.post(`${COVER}/covers/batch`, {
      applications: [
        { ...base, buyerId: rating1, creditLimitAmount: '10000' },
        { ...base, buyerId: rating3, creditLimitAmount: '1500' },
        { ...base, buyerId: rating1, creditLimitAmount: '10000' },
        { ...base, buyerId: rating3, creditLimitAmount: 60000 },
        { ...base, buyerId: 'x' },
      ],
    });
    expect(batch.status).toBe(207);
    const [first, second, third, fourth, fifth] = batch.body.data;
    expect(first).toEqual({ index: 0, httpStatus: 201, coverId: expect.any(Number), response: 'Action successful' });
    expect(second).toEqual({ index: 1, httpStatus: 400, errors: [{ status: '400', code: 'INVALID_AMOUNT', title: 'Bad Request', detail: 'Must be positive number greater than zero and a multiple of 1000.', source: { pointer: '/1/creditLimitAmount' } }] });
    expect(third).toMatchObject({ index: 2, httpStatus: 409, errors: [{ detail: 'Credit limit/credit check already exists for this buyer.' }] });
    expect(fourth).toMatchObject({ index: 3, httpStatus: 202 });
    expect(fifth).toMatchObject({ index: 4, httpStatus: 400, errors: [{ source: { pointer: '/4/buyerId' } }] });
    const tooMany = await mine.post(`${COVER}/covers/batch`, { applications: Array.from({ length: 101 }, () => ({})) });
    expect(tooMany.status).toBe(400);
  });

  it('listings: filters, paging with meta, required paging on bulk, unknown parameters refused', async () => {
    const all = await mine.get(`${COVER}/covers?customerId=${mine.customerId}`);
    expect(all.status).toBe(200);
    expect(all.body.meta).toBeUndefined();
    expect(all.body.data.length).toBeGreaterThan(1);
    const paged = await mine.get(`${COVER}/covers?customerId=${mine.customerId}&page=1&pageSize=1`);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta).toEqual({ page: 1, pageSize: 1, totalItems: all.body.data.length, totalPages: all.body.data.length });
    expect((await mine.get(`${COVER}/covers/bulk?policyId=${mine.policyId}`)).status).toBe(400);
    const bulk = await mine.get(`${COVER}/covers/bulk?policyId=${mine.policyId}&page=1&pageSize=1000`);
    expect(bulk.body.data.map((c: any) => c.coverId)).toEqual([...bulk.body.data.map((c: any) => c.coverId)].sort((a, b) => a - b));
    const referredOnly = await mine.get(`${COVER}/covers/applications?policyId=${mine.policyId}`);
    expect(referredOnly.body.data.every((c: any) => c.coverStatus === 'REFERRED')).toBe(true);
    const byType = await mine.get(`${COVER}/covers?policyId=${mine.policyId}&coverType=indication`);
    expect(byType.body.data).toEqual([]);
    const future = await mine.get(`${COVER}/covers?policyId=${mine.policyId}&fromDate=2999-01-01`);
    expect(future.body.data).toEqual([]);
    const unknown = await mine.get(`${COVER}/covers?policyId=${mine.policyId}&color=red`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'UNKNOWN_QUERY_PARAMETER', detail: 'Unknown query parameter', source: { parameter: 'color' } });
    const none = await mine.get(`${COVER}/covers`);
    expect(none.status).toBe(400);
    expect((await mine.get(`${COVER}/covers?policyId=${mine.policyId}&pageSize=1001`)).status).toBe(400);
    expect((await mine.get(`${COVER}/covers?policyId=${mine.policyId}&fromDate=yesterday`)).status).toBe(400);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const buyerId = await mine.buyerId(BUYERS.rating6);
    const body = { customerId: mine.customerId, policyId: mine.policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '4000' };
    const first = await mine.post(`${COVER}/covers`, body, { 'idempotency-key': 'cover-key-1' });
    const replay = await mine.post(`${COVER}/covers`, body, { 'idempotency-key': 'cover-key-1' });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await mine.post(`${COVER}/covers`, { ...body, creditLimitAmount: '5000' }, { 'idempotency-key': 'cover-key-1' })).status).toBe(409);
  });

  it('never answers 5xx to random or malformed bodies and queries on any route', async () => {
    const routes: [string, string][] = [
      ['POST', `${COVER}/covers`], ['POST', `${COVER}/covers/batch`], ['PUT', `${COVER}/covers`],
      ['PUT', `${COVER}/covers/40000001/cover-type`], ['PATCH', `${COVER}/covers/abc/cover-type`],
    ];
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    const keys = fc.constantFrom('customerId', 'policyId', 'buyerId', 'coverType', 'currencyCode', 'creditLimitAmount', 'effectFromDate', 'customerRefNumber', 'action', 'coverId', 'applications');
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(keys, value), async ([method, path], body) => {
      const reply = await call(service.url, method, path, { headers: mine.headers, json: { customerId: mine.customerId, policyId: mine.policyId, ...body } });
      expect(reply.status).toBeLessThan(500);
      if (reply.status >= 400) expect(reply.body.errors[0].detail).toEqual(expect.any(String));
    }), { numRuns: 60 });
    for (const text of ['{', '[]', 'null', '"x"', '{"applications": {}}']) {
      for (const [method, path] of routes) {
        const reply = await call(service.url, method, path, { headers: { ...mine.headers, 'content-type': 'application/json' }, body: text });
        expect(reply.status).toBeLessThan(500);
      }
    }
    const query = fc.dictionary(fc.constantFrom('customerId', 'policyId', 'buyerId', 'fromDate', 'toDate', 'page', 'pageSize', 'coverType', 'decisionCode', 'customerRefNumber', 'country', 'uid', 'uidType', 'healthChange'), fc.string({ maxLength: 12 }));
    const reads = [`${COVER}/covers`, `${COVER}/covers/decisions`, `${COVER}/covers/historic`, `${COVER}/covers/bulk`, `${ORG}/buyers`, `${ORG}/buyers/my-buyers`, `${POLICY}/policies/details`];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...reads), query, async (path, params) => {
      const reply = await call(service.url, 'GET', `${path}?${new URLSearchParams(params).toString()}`, { headers: mine.headers });
      expect(reply.status).toBeLessThan(500);
    }), { numRuns: 60 });
  });
});
