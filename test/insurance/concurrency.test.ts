// Races the spec's concurrency cases through real HTTP (on PostgreSQL they run truly in parallel through the pool).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { api, quoteBody } from './support.js';

describeEachEngine('insurance concurrency', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('50 parallel activate calls on one quote: exactly one succeeds, the rest get 409', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    const created = await r.create(quoteBody(service));
    const responses = await Promise.all(Array.from({ length: 50 }, () => r.action(created.body.id, 'activate')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(responses.find((response) => response.status === 409)?.body).toEqual({
      message: 'Action "activate" is not available in status "cover.activated".', code: 'invalid_action',
    });
  });

  it('200 parallel quotes on one buyer whose capacity fits 20: exactly 20 are offered, exposure never above capacity', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    // Buyer 5567104046 has rating 4: capacity 1 000 000 SEK, i.e. twenty invoices of 50 000 SEK.
    const created = await Promise.all(Array.from({ length: 200 }, () => r.create(quoteBody(service, { invoice_amount: '50000.00' }))));
    expect(created.every((response) => response.status === 201)).toBe(true);
    const rows = await service.platform.db.select({ status: insuranceQuotes.status, reason: insuranceQuotes.reason })
      .from(insuranceQuotes).where(eq(insuranceQuotes.tenantId, tenant.tenant.id));
    expect(rows.filter((row) => row.status === 'quote.offered')).toHaveLength(20);
    expect(rows.filter((row) => row.status === 'quote.rejected' && row.reason === 'insurance_unavailable')).toHaveLength(180);
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` },
    });
    expect(exposure.body).toMatchObject({ exposure: '1000000.00', capacity: '1000000.00', available: '0.00' });
  });

  // A buyer already in the book takes the single-statement path: quotes decide on a snapshot and take capacity by
  // compare-and-set, and those that lose the race fall back to the locking transaction.
  it('200 parallel quotes on a buyer already in the book: still exactly 20 offered, exposure never above capacity', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    const earlier = await r.create(quoteBody(service, { invoice_amount: '50000.00' }));
    await r.action(earlier.body.id, 'reject');
    const created = await Promise.all(Array.from({ length: 200 }, () => r.create(quoteBody(service, { invoice_amount: '50000.00' }))));
    expect(created.every((response) => response.status === 201)).toBe(true);
    const rows = await service.platform.db.select({ status: insuranceQuotes.status })
      .from(insuranceQuotes).where(eq(insuranceQuotes.tenantId, tenant.tenant.id));
    expect(rows.filter((row) => row.status === 'quote.offered')).toHaveLength(20);
    expect(rows.filter((row) => row.status === 'quote.rejected')).toHaveLength(181);
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` },
    });
    expect(exposure.body).toMatchObject({ exposure: '1000000.00', available: '0.00' });
  });

  it('20 parallel quotes for one invoice on a buyer already in the book: exactly one is created', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    await r.create(quoteBody(service));
    const body = quoteBody(service);
    const responses = await Promise.all(Array.from({ length: 20 }, () => r.create(body)));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 400).map((response) => response.body))
      .toEqual(Array.from({ length: 19 }, () => ({ invoice_reference: [{ message: 'An active quote already exists for this invoice.', code: 'unique' }] })));
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` },
    });
    expect(exposure.body).toMatchObject({ exposure: '20020.00' });
  });

  it('parallel settles and rejects release exactly what was held', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    const ids = await Promise.all(Array.from({ length: 20 }, async () => (await r.create(quoteBody(service, { invoice_amount: '1000.00' }))).body.id as string));
    await Promise.all(ids.slice(0, 10).map((id) => r.action(id, 'activate')));
    await Promise.all([...ids.slice(0, 10).map((id) => r.action(id, 'settle')), ...ids.slice(10).map((id) => r.action(id, 'reject')),
      ...ids.slice(10).map((id) => r.action(id, 'reject'))]);
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` },
    });
    expect(exposure.body).toMatchObject({ exposure: '0.00' });
  });
});
