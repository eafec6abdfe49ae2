// The Connect wire protocol (spec §4): the seed's POST and GET examples field by field, the flags' lifecycle, the
// errors (404, 405, 403, DRF validation) and idempotency.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';
import type PgBoss from 'pg-boss';
import { events, mailMessages } from '../../src/platform/db/schema.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { CONNECT_PRICING_QUEUE, type PricingJob, connectContext } from '../../src/insurance/context.js';
import { connectPricingHandler } from '../../src/insurance/connect/pricing-job.js';
import { readExposure } from '../../src/risk/store.js';
import { connectApi, connectBody, requestRow } from './connect-support.js';
import { until } from '../support/wait.js';

const SEED_FIELDS = [
  'id', 'seller_identifier', 'seller_country', 'seller_email', 'seller_language', 'seller_first_name', 'seller_last_name',
  'buyer_identifier', 'buyer_country', 'invoice_amount', 'invoice_amount_currency', 'invoice_payment_terms', 'invoice_number',
  'invoice_issue_date', 'invoice_due_date', 'discount_code', 'pending', 'success', 'new_user',
];

/** The seed's POST example [S L129-149] without id and dates; the amount echoed as sent (issue 12, item 6). */
const SEED_POST = {
  seller_identifier: '5591293013', seller_country: 'SE', seller_email: 'hello@credable.se', seller_language: 'sv',
  seller_first_name: 'Hello', seller_last_name: 'Credable', buyer_identifier: '5567104046', buyer_country: 'SE',
  invoice_amount: '10000', invoice_amount_currency: 'SEK', invoice_payment_terms: 30, invoice_number: null,
  discount_code: null, pending: true, success: false, new_user: true,
};

describeEachEngine('Connect quote requests over HTTP', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => service?.stop());

  it('answers the seed POST example field by field, in the seed order, then the priced request on GET', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const body = connectBody(service);
    const created = await api.create(body);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(SEED_FIELDS);
    expect(created.body.id).toMatch(/^[0-9A-Za-z]{14}$/);
    expect(created.body).toEqual({ id: created.body.id, ...SEED_POST, invoice_issue_date: body.invoice_issue_date, invoice_due_date: body.invoice_due_date });
    const settled = await api.settled(created.body.id);
    expect(Object.keys(settled)).toEqual(SEED_FIELDS);
    expect(settled).toEqual({ ...created.body, pending: false, success: true });
    for (const path of [`/connect/v1/quote-requests/${created.body.id}`, `/connect/v1/quote-requests/${created.body.id}/`]) {
      expect((await call(service.url, 'GET', path, { headers: api.headers })).body).toEqual(settled);
    }
    expect((await call(service.url, 'POST', '/connect/v1/quote-requests', { headers: api.headers, json: body })).status).toBe(201);
  });

  it('answers the seed GET example for a returning seller (new_user false, amount 10001.00, terms 11)', async () => {
    const tenant = await service.createTenant();
    await service.platform.db.execute(`INSERT INTO connect_sellers (tenant_id, seller_country, seller_identifier, representative_name, personal_number, email, authority_confirmed, quote_request_id, kyc_completed_at)
      VALUES ('${tenant.tenant.id}', 'SE', '5591293013', 'Hello Credable', '198112189876', 'hello@credable.se', true, 'earlier', now())` as never);
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { invoice_amount: '10001.00', invoice_payment_terms: 11 }));
    expect(created.body).toMatchObject({ pending: true, success: false, new_user: false, invoice_amount: '10001.00', invoice_payment_terms: 11 });
    const settled = await api.settled(created.body.id);
    const { id: _id, invoice_issue_date: _issue, invoice_due_date: _due, ...rest } = settled;
    expect(rest).toEqual({
      seller_identifier: '5591293013', seller_country: 'SE', seller_email: 'hello@credable.se', seller_language: 'sv',
      seller_first_name: 'Hello', seller_last_name: 'Credable', buyer_identifier: '5567104046', buyer_country: 'SE',
      invoice_amount: '10001.00', invoice_amount_currency: 'SEK', invoice_payment_terms: 11, invoice_number: null,
      discount_code: null, pending: false, success: true, new_user: false,
    });
  });

  it('prices through the risk core, holds the exposure and queues one e-mail', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { invoice_number: 'F-1001', discount_code: ' welcome10 ', invoice_reference: 'ref-1' }));
    expect(created.body).toMatchObject({ invoice_number: 'F-1001', discount_code: 'welcome10' });
    expect(created.body).not.toHaveProperty('invoice_reference');
    await api.settled(created.body.id);
    const row = await requestRow(service, created.body.id);
    // 10 000 SEK, rating 4, 30 days: 145 SEK, 10 % off → 130.50 → 131 (whole units, half-up)
    expect(row).toMatchObject({ status: 'priced', premiumAmount: 13_100, premiumCurrency: 'SEK', exposureHeld: 1_000_000, invoiceReference: 'ref-1' });
    expect(row.expiresAt!.getTime() - row.pricedAt!.getTime()).toBe(24 * 3600_000);
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 1_000_000 });
    const mails = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.relatedId, created.body.id));
    expect(mails.map((mail) => mail.kind)).toEqual(['connect.quote']);
  });

  it('declines what underwriting refuses: pending=false, success=false and no e-mail', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const cases = [
      { buyer_country: 'DE', buyer_identifier: 'HRB 12345' }, // unsupported market
      { buyer_identifier: '5591293013' }, // seller = buyer
      { buyer_identifier: '5569345670' }, // rating 10: cannot be priced
      { invoice_amount: '600000.00' }, // above the automatic limit: Connect has no referral step
    ];
    const rules: string[] = [];
    for (const overrides of cases) {
      const created = await api.create(connectBody(service, overrides));
      expect(created.status, created.text).toBe(201);
      expect(await api.settled(created.body.id)).toMatchObject({ pending: false, success: false });
      const row = await requestRow(service, created.body.id);
      rules.push(row.declineRule!);
      expect(row.exposureHeld).toBe(0);
      expect(await service.platform.db.select().from(mailMessages).where(eq(mailMessages.relatedId, created.body.id))).toEqual([]);
    }
    expect(rules).toEqual(['unsupported_market', 'seller_is_buyer', 'cannot_price', 'above_automatic_limit']);
  });

  it('new_user is decided at creation and never changes', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const first = await api.create(connectBody(service));
    await service.platform.db.execute(`INSERT INTO connect_sellers (tenant_id, seller_country, seller_identifier, representative_name, personal_number, email, authority_confirmed, quote_request_id, kyc_completed_at)
      VALUES ('${tenant.tenant.id}', 'SE', '5591293013', 'Hello Credable', '198112189876', 'hello@credable.se', true, '${first.body.id}', now())` as never);
    const second = await api.create(connectBody(service));
    expect([first.body.new_user, second.body.new_user]).toEqual([true, false]);
    expect((await api.settled(first.body.id)).new_user).toBe(true);
    const other = await service.createTenant();
    expect((await connectApi(service, other).create(connectBody(service))).body.new_user).toBe(true);
  });

  it('404 for unknown ids and for ids of other tenants; 405 for other methods; 403 for other products', async () => {
    const tenant = await service.createTenant();
    const other = await service.createTenant({ name: 'Other' });
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service));
    const notFound = { message: 'Not Found.', code: 'not_found' };
    expect(await api.get('qmJ53xe6pP2n6R')).toMatchObject({ status: 404, body: notFound });
    expect(await api.get('x'.repeat(90))).toMatchObject({ status: 404, body: notFound });
    expect(await connectApi(service, other).get(created.body.id)).toMatchObject({ status: 404, body: notFound });
    for (const [method, path] of [['PUT', '/connect/v1/quote-requests/'], ['GET', '/connect/v1/quote-requests'], ['DELETE', `/connect/v1/quote-requests/${created.body.id}`],
      ['POST', `/connect/v1/quote-requests/${created.body.id}/`], ['PATCH', `/connect/v1/quote-requests/${created.body.id}`]] as const) {
      expect(await call(service.url, method, path, { headers: api.headers, ...(method === 'GET' ? {} : { json: {} }) })).toMatchObject({
        status: 405, body: { message: `Method "${method}" not allowed.`, code: 'method_not_allowed' },
      });
    }
    for (const product of ['reinsure', 'insure'] as const) {
      const headers = credableHeaders(tenant, product);
      const forbidden = { status: 403, body: { message: 'You do not have permission to perform this action.', code: 'permission_denied' } };
      expect(await call(service.url, 'POST', '/connect/v1/quote-requests/', { headers, json: connectBody(service) })).toMatchObject(forbidden);
      expect(await call(service.url, 'GET', `/connect/v1/quote-requests/${created.body.id}`, { headers })).toMatchObject(forbidden);
    }
    expect((await call(service.url, 'GET', `/connect/v1/quote-requests/${created.body.id}`)).status).toBe(401);
    expect((await call(service.url, 'GET', `/api/reinsure/v2/quotes/${created.body.id}`, { headers: credableHeaders(tenant, 'reinsure') })).status).toBe(404);
  });

  it('replays a create with the same Idempotency-Key and refuses the key with another body', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const first = await api.create(connectBody(service), { 'idempotency-key': 'connect-1' });
    const again = await api.create(connectBody(service), { 'idempotency-key': 'connect-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    expect((await api.create(connectBody(service, { invoice_amount: '20000' }), { 'idempotency-key': 'connect-1' })).status).toBe(409);
  });
});

describeEachEngine('Connect pricing that keeps failing', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const job = (tenantId: string, id: string, retryCount: number) =>
    ({ id: `job-${retryCount}`, name: CONNECT_PRICING_QUEUE, data: { tenantId, id }, retryCount, retryLimit: 10 }) as unknown as PgBoss.JobWithMetadata<PricingJob>;

  it('is retried, and on the last attempt declines the request (success=false, no e-mail) instead of leaving it pending', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const handler = connectPricingHandler(service.platform, connectContext(service.platform));
    await executeRaw(service.platform.db, 'alter table risk_exposure rename to risk_exposure_unavailable');
    let id: string;
    try {
      const created = await api.create(connectBody(service));
      id = created.body.id;
      expect(created.body).toMatchObject({ pending: true, success: false });
      await expect(handler(job(tenant.tenant.id, id, 3))).rejects.toThrow();
      expect((await api.get(id)).body).toMatchObject({ pending: true, success: false });

      await handler(job(tenant.tenant.id, id, 10));
    } finally {
      await executeRaw(service.platform.db, 'alter table risk_exposure_unavailable rename to risk_exposure');
    }
    expect((await api.get(id)).body).toMatchObject({ pending: false, success: false });
    expect((await requestRow(service, id)).declineRule).toBe('pricing_failed');
    expect(await service.platform.db.select().from(mailMessages).where(eq(mailMessages.relatedId, id))).toEqual([]);
    const changes = await service.platform.db.select().from(events).where(eq(events.entityId, id)).orderBy(events.id);
    expect(changes.map((event) => (event.data as { status: string }).status)).toEqual(['pending', 'declined']);
    await handler(job(tenant.tenant.id, id, 4)); // a retry still queued finds nothing to do
    expect((await requestRow(service, id)).status).toBe('declined');
  });

  it('a request whose pricing job ended without running our handler is declined by the sweep; one with a live job is not', async () => {
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    await executeRaw(service.platform.db, 'alter table risk_exposure rename to risk_exposure_unavailable');
    let id: string;
    try {
      id = (await api.create(connectBody(service))).body.id;
      // Once its first attempt has failed, the job waits to retry and no handler is running it.
      await until(async () => ((await jobState(service, id)) === 'retry' ? true : undefined));
      await service.sweeper!.runOnce(); // the job is still live (created, active or waiting to retry): nothing happens
      expect((await requestRow(service, id)).status).toBe('pending');
      // The worker died on the last attempt: pg-boss ends the job as failed without calling the handler.
      const failed = await executeRaw(service.platform.db, `UPDATE pgboss.job SET state = 'failed' WHERE name = $1 AND data->>'id' = $2 AND state = 'retry' RETURNING id`, [CONNECT_PRICING_QUEUE, id]);
      expect(failed).toHaveLength(1);
    } finally {
      await executeRaw(service.platform.db, 'alter table risk_exposure_unavailable rename to risk_exposure');
    }
    await service.sweeper!.runOnce();
    expect((await api.get(id)).body).toMatchObject({ pending: false, success: false });
    expect((await requestRow(service, id)).declineRule).toBe('pricing_failed');
  });
});

async function jobState(service: TestService, requestId: string): Promise<string | undefined> {
  const [job] = await executeRaw(service.platform.db, `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'id' = $2`, [CONNECT_PRICING_QUEUE, requestId]);
  return (job as { state: string } | undefined)?.state;
}
