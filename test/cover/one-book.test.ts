// One book: credit limits and Credable's single-invoice covers hold the same per-buyer capacity, under real parallel
// HTTP requests (truly parallel on PostgreSQL through the pool).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { api, quoteBody, today } from '../insurance/support.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { coverVersions } from '../../src/cover/schema.js';
import { riskExposure } from '../../src/risk/schema.js';
import { BUYERS, COVER, type CoverClient, coverClient, newPolicy } from './support.js';

// Buyer SE 5567104046 (rating 4) has 1 000 000 SEK of capacity; 8 000 EUR is 92 000 SEK at the configured 11.50.
const CAPACITY_SEK_MINOR = 100_000_000;

describeEachEngine('one risk book for cover and invoice insurance', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  async function policies(client: CoverClient, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 25) {
      ids.push(...await Promise.all(Array.from({ length: Math.min(25, count - start) }, () => newPolicy(client, today(service)))));
    }
    return ids;
  }

  async function bookState(tenant: TestTenant) {
    const db = service.platform.db;
    const [row] = await db.select().from(riskExposure).where(and(eq(riskExposure.bookId, tenant.tenant.id), eq(riskExposure.registryId, '5567104046')));
    const quotes = await db.select({ held: insuranceQuotes.exposureHeld }).from(insuranceQuotes).where(eq(insuranceQuotes.tenantId, tenant.tenant.id));
    const covers = await db.select({ held: coverVersions.exposureHeld, status: coverVersions.coverStatus, code: coverVersions.decisionCode })
      .from(coverVersions).where(and(eq(coverVersions.tenantId, tenant.tenant.id), isNull(coverVersions.historicCode)));
    const held = quotes.reduce((sum, q) => sum + q.held, 0) + covers.reduce((sum, c) => sum + c.held, 0);
    return { exposure: row?.exposure ?? 0, held, covers };
  }

  it('200 parallel applications on one buyer whose capacity fits 10: exactly 10 approvals, the rest referred for capacity', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const ids = await policies(client, 200);
    const buyerId = await client.buyerId(BUYERS.rating4);
    const replies = await Promise.all(ids.map((policyId) => client.post(`${COVER}/covers`, {
      customerId: client.customerId, policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '8000',
    })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(10);
    expect(replies.filter((r) => r.status === 202)).toHaveLength(190);
    const state = await bookState(tenant);
    expect(state.exposure).toBe(10 * 9_200_000);
    expect(state.held).toBe(state.exposure);
    expect(state.exposure).toBeLessThanOrEqual(CAPACITY_SEK_MINOR);
  });

  it('parallel batches and single applications on one buyer whose capacity fits 10: exactly 10 approvals, each batch in its order', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const ids = await policies(client, 80);
    const buyerId = await client.buyerId(BUYERS.rating4);
    const application = (policyId: string) => ({ customerId: client.customerId, policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '8000' });
    const [batches, singles] = await Promise.all([
      Promise.all([0, 1, 2].map((b) => client.post(`${COVER}/covers/batch`, { applications: ids.slice(b * 20, b * 20 + 20).map(application) }))),
      Promise.all(ids.slice(60).map((policyId) => client.post(`${COVER}/covers`, application(policyId)))),
    ]);
    const batchItems = batches.flatMap((batch) => batch.body.data as { httpStatus: number }[]);
    const statuses = [...batchItems.map((item) => item.httpStatus), ...singles.map((reply) => reply.status)];
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 202)).toHaveLength(70);
    for (const batch of batches) {
      // Within a batch the approvals come first: its applications are decided in their order.
      const approved = (batch.body.data as { httpStatus: number }[]).map((item) => item.httpStatus === 201);
      expect(approved.slice(approved.indexOf(false)).some(Boolean)).toBe(false);
    }
    const state = await bookState(tenant);
    expect(state.exposure).toBe(10 * 9_200_000);
    expect(state.held).toBe(state.exposure);
  });

  it('a credit limit makes a Credable quote on the buyer insurance_unavailable; releasing Credable cover frees room for a limit', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const reinsure = api(service, tenant, 'reinsure');
    const buyerId = await client.buyerId(BUYERS.rating4);
    const [second] = await policies(client, 1);
    expect((await client.apply(buyerId, { creditLimitAmount: '50000' })).status).toBe(201); // 575 000 SEK
    expect((await client.post(`${COVER}/covers`, { customerId: client.customerId, policyId: second, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '30000' })).status).toBe(201); // 345 000 SEK
    // A Credable create answers quote.pending; the decision is read back with GET.
    const statusOf = async (r: typeof reinsure, amount: string) => (await r.get((await r.create(quoteBody(service, { invoice_amount: amount }))).body.id)).body.status;
    expect(await statusOf(reinsure, '100000.00')).toMatchObject({ code: 'quote.rejected', reason: 'insurance_unavailable' });
    expect((await statusOf(reinsure, '80000.00')).code).toBe('quote.offered');

    // The other way round: Credable quotes fill the book, a limit is referred; rejecting quotes frees room.
    const other = await service.createTenant();
    const otherClient = await coverClient(service, other);
    const otherReinsure = api(service, other, 'reinsure');
    const quotes = await Promise.all(Array.from({ length: 20 }, () => otherReinsure.create(quoteBody(service, { invoice_amount: '50000.00' }))));
    for (const quote of quotes) expect((await otherReinsure.get(quote.body.id)).body.status.code).toBe('quote.offered');
    const otherBuyer = await otherClient.buyerId(BUYERS.rating4);
    expect((await otherClient.apply(otherBuyer, { creditLimitAmount: '8000' })).status).toBe(202);
    for (const quote of quotes.slice(0, 2)) expect((await otherReinsure.action(quote.body.id, 'reject')).status).toBe(200);
    const [fresh] = await policies(otherClient, 1);
    const approved = await otherClient.post(`${COVER}/covers`, { customerId: otherClient.customerId, policyId: fresh, buyerId: otherBuyer, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '8000' });
    expect(approved.status).toBe(201);
  });

  it('indications do not count towards the book', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const buyerId = await client.buyerId(BUYERS.rating4);
    expect((await client.apply(buyerId, { coverType: 'indication', creditLimitAmount: '50000' })).status).toBe(201);
    expect((await bookState(tenant)).exposure).toBe(0);
  });

  it('random interleavings of quotes, applications, reductions and cancellations never exceed capacity and keep the book equal to what is held', async () => {
    for (let round = 0; round < 3; round += 1) {
      const tenant = await service.createTenant();
      const client = await coverClient(service, tenant);
      const reinsure = api(service, tenant, 'reinsure');
      const ids = await policies(client, 12);
      const buyerId = await client.buyerId(BUYERS.rating4);
      const operations: (() => Promise<unknown>)[] = [
        ...ids.map((policyId, index) => () => client.post(`${COVER}/covers`, {
          customerId: client.customerId, policyId, buyerId, coverType: index % 4 === 0 ? 'indication' : 'credit-limit', currencyCode: 'EUR',
          creditLimitAmount: String(((index % 5) + 4) * 1000),
        })),
        ...Array.from({ length: 12 }, (_, index) => () => reinsure.create(quoteBody(service, { invoice_amount: `${40000 + index * 5000}.00` }))),
        ...ids.slice(0, 4).map((policyId) => () => client.put(`${COVER}/covers`, { policyId, buyerId, action: 'cancel' })),
        ...ids.slice(4, 8).map((policyId) => () => client.put(`${COVER}/covers`, { policyId, buyerId, action: 'reduce', creditLimitAmount: '2000' })),
      ];
      const shuffled = operations.map((op) => ({ op, key: Math.random() })).sort((a, b) => a.key - b.key).map(({ op }) => op);
      await Promise.all(shuffled.map((op) => op()));
      const state = await bookState(tenant);
      expect(state.exposure).toBeLessThanOrEqual(CAPACITY_SEK_MINOR);
      expect(state.exposure).toBe(state.held);
    }
  });
});
