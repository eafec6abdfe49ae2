import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';
import { events } from '../../src/platform/db/schema.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { addDays } from '../../src/platform/dates.js';
import { api, quoteBody, today } from './support.js';

const NOT_ALLOWED = (method: string) => ({ message: `Method "${method}" not allowed.`, code: 'method_not_allowed' });

describeEachEngine('Reinsure and Insure over HTTP', (engine) => {
  let service: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  describe('routes', () => {
    it('accepts every path with and without the trailing slash, and the aliases', async () => {
      const r = api(service, tenant, 'reinsure');
      // A claim blocks new cover on its buyer, so this test claims on a buyer of its own.
      const created = await call(service.url, 'POST', '/api/reinsure/v2/quotes', { headers: r.headers, json: quoteBody(service, { buyer_country: 'NO', buyer_identifier: '987654325' }) });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await call(service.url, 'GET', `/api/reinsure/v2/quotes/${id}/`, { headers: r.headers })).body.status.code).toBe('quote.offered');
      const activated = await call(service.url, 'POST', `/api/reinsure/v2/quotes/${id}/activate/`, { headers: r.headers });
      expect(activated.body.status.code).toBe('cover.activated');
      const bankrupt = await call(service.url, 'POST', `/api/reinsure/v2/quotes/${id}/bankruptcy-claim`, { headers: r.headers, json: { bankruptcy_date: today(service), comment: 'Declared bankrupt' } });
      expect(bankrupt.status, bankrupt.text).toBe(200);
      expect(bankrupt.body.status.code).toBe('claim.pending');

      const insure = api(service, tenant, 'insure');
      const second = await insure.create(quoteBody(service));
      const signing = await call(service.url, 'POST', `/api/insure/v2/quotes/${second.body.id as string}/sign_and_activate/`, {
        headers: insure.headers, json: { user_email: 'a@example.se', user_first_name: 'A', user_last_name: 'B' },
      });
      expect(signing.body.status.code).toBe('activation.pending');
    });

    it('answers wrong methods with the DRF 405 body', async () => {
      const { headers } = api(service, tenant, 'reinsure');
      const created = await api(service, tenant, 'reinsure').create(quoteBody(service));
      const id = created.body.id as string;
      for (const [method, path] of [
        ['GET', '/quotes/'], ['GET', '/quotes'], ['PUT', `/quotes/${id}`], ['DELETE', `/quotes/${id}/`], ['PATCH', `/quotes/${id}`],
        ['GET', `/quotes/${id}/activate`], ['PUT', `/quotes/${id}/settle/`], ['DELETE', '/quotes/'],
      ] as const) {
        const response = await call(service.url, method, `/api/reinsure/v2${path}`, { headers });
        expect({ method, path, status: response.status, body: response.body }).toEqual({ method, path, status: 405, body: NOT_ALLOWED(method) });
      }
    });

    it('authenticates per product and hides other tenants\' and products\' quotes', async () => {
      const r = api(service, tenant, 'reinsure');
      const created = await r.create(quoteBody(service));
      const id = created.body.id as string;
      expect(await call(service.url, 'GET', `/api/reinsure/v2/quotes/${id}`)).toMatchObject({ status: 401, body: { code: 'not_authenticated' } });
      expect(await call(service.url, 'GET', `/api/reinsure/v2/quotes/${id}`, { headers: { authorization: 'Token nope' } }))
        .toMatchObject({ status: 401, body: { message: 'Invalid token.', code: 'authentication_failed' } });
      expect(await call(service.url, 'GET', `/api/reinsure/v2/quotes/${id}`, { headers: credableHeaders(tenant, 'insure') }))
        .toMatchObject({ status: 403, body: { code: 'permission_denied' } });
      expect(await call(service.url, 'GET', `/api/insure/v2/quotes/${id}`, { headers: credableHeaders(tenant, 'insure') }))
        .toMatchObject({ status: 404, body: { message: 'Not Found.', code: 'not_found' } });
      const other = await service.createTenant({ name: 'Other' });
      expect(await api(service, other, 'reinsure').get(id)).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect(await api(service, other, 'reinsure').action(id, 'activate')).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect(await r.get(id)).toMatchObject({ status: 200, body: { status: { code: 'quote.offered' } } });
    });

    it('has no sign-and-activate on Reinsure and no bankruptcy_claim on Insure', async () => {
      const reinsured = await api(service, tenant, 'reinsure').create(quoteBody(service));
      expect((await api(service, tenant, 'reinsure').action(reinsured.body.id, 'sign-and-activate', {})).status).toBe(404);
      const insured = await api(service, tenant, 'insure').create(quoteBody(service));
      expect((await api(service, tenant, 'insure').action(insured.body.id, 'bankruptcy_claim')).status).toBe(404);
    });

    it('replays a create with the same Idempotency-Key', async () => {
      const headers = { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': `quote-${Date.now()}` };
      const body = quoteBody(service);
      const first = await call(service.url, 'POST', '/api/reinsure/v2/quotes/', { headers, json: body });
      const second = await call(service.url, 'POST', '/api/reinsure/v2/quotes/', { headers, json: body });
      expect(second.text).toBe(first.text);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
    });

    it('accepts action calls with no body, an empty JSON body or any object', async () => {
      const r = api(service, tenant, 'reinsure');
      for (const options of [{}, { body: '', headers: { 'content-type': 'application/json' } }, { json: { anything: [1, 2] } }]) {
        const created = await r.create(quoteBody(service));
        const response = await call(service.url, 'POST', `${r.base}/quotes/${created.body.id as string}/reject`, {
          ...options, headers: { ...r.headers, ...('headers' in options ? options.headers : {}) },
        });
        expect(response.status, response.text).toBe(200);
      }
    });
  });

  describe('validation over the wire', () => {
    const errorsFor = async (overrides: Record<string, unknown>) => {
      const response = await api(service, tenant, 'reinsure').create(quoteBody(service, overrides));
      return response.status === 201 ? null : { status: response.status, body: response.body };
    };

    it('applies the date rules at their boundaries', async () => {
      const t = today(service);
      expect(await errorsFor({ invoice_issue_date: addDays(t, -15), invoice_due_date: addDays(t, 1) })).toBeNull();
      expect(await errorsFor({ invoice_issue_date: addDays(t, 15), invoice_due_date: addDays(t, 195) })).toBeNull();
      expect(await errorsFor({ invoice_issue_date: addDays(t, -16) })).toEqual({ status: 400, body: { invoice_issue_date: [{ message: 'Issue date must be within 15 days before or after today.', code: 'invalid' }] } });
      expect(await errorsFor({ invoice_issue_date: addDays(t, 16), invoice_due_date: addDays(t, 40) })).toEqual({ status: 400, body: { invoice_issue_date: [{ message: 'Issue date must be within 15 days before or after today.', code: 'invalid' }] } });
      expect(await errorsFor({ invoice_issue_date: addDays(t, -10), invoice_due_date: t })).toEqual({ status: 400, body: { invoice_due_date: [{ message: 'Due date must be in the future.', code: 'invalid' }] } });
      expect(await errorsFor({ invoice_issue_date: t, invoice_due_date: addDays(t, 181) })).toEqual({ status: 400, body: { invoice_due_date: [{ message: 'Due date cannot be more than 180 days after the issue date.', code: 'invalid' }] } });
      expect(await errorsFor({ invoice_issue_date: addDays(t, 10), invoice_due_date: addDays(t, 5) })).toEqual({ status: 400, body: { invoice_due_date: [{ message: 'Due date cannot be before the issue date.', code: 'invalid' }] } });
    });

    it('echoes invoice_amount as sent on both products, as the create answer and on every read', async () => {
      for (const product of ['reinsure', 'insure'] as const) {
        for (const [sent, echoed] of [['10000', '10000'], ['10001.00', '10001.00'], ['2500.5', '2500.5'], [7500, '7500']] as const) {
          const r = api(service, tenant, product);
          const created = await r.create(quoteBody(service, { invoice_amount: sent }));
          expect(created.status, created.text).toBe(201);
          expect(created.body.invoice_amount).toBe(echoed);
          expect((await r.get(String(created.body.id))).body.invoice_amount).toBe(echoed);
        }
      }
      // A quote stored before the text was kept (migration 0013 leaves it null) shows the amount with 2 decimals.
      const r = api(service, tenant, 'reinsure');
      const older = await r.create(quoteBody(service, { invoice_amount: '10000' }));
      await service.platform.db.update(insuranceQuotes).set({ invoiceAmountText: null }).where(eq(insuranceQuotes.id, String(older.body.id)));
      expect((await r.get(String(older.body.id))).body.invoice_amount).toBe('10000.00');
    });

    it('applies the amount, choice, identifier and string rules', async () => {
      expect(await errorsFor({ invoice_amount: '1.0' })).toEqual({ status: 400, body: { invoice_amount: [{ message: 'Ensure this value is greater than 1.0.', code: 'min_value' }] } });
      expect(await errorsFor({ invoice_amount: '1.01' })).toBeNull();
      expect(await errorsFor({ invoice_amount: '100.001' })).toEqual({ status: 400, body: { invoice_amount: [{ message: 'Ensure that there are no more than 2 decimal places.', code: 'max_decimal_places' }] } });
      expect(await errorsFor({ invoice_amount: 'ten' })).toEqual({ status: 400, body: { invoice_amount: [{ message: 'A valid number is required.', code: 'invalid' }] } });
      expect(await errorsFor({ invoice_amount_currency: 'USD' })).toEqual({ status: 400, body: { invoice_amount_currency: [{ message: '"USD" is not a valid choice.', code: 'invalid_choice' }] } });
      expect(await errorsFor({ seller_country: 'se' })).toEqual({ status: 400, body: { seller_country: [{ message: '"se" is not a valid choice.', code: 'invalid_choice' }] } });
      expect(await errorsFor({ buyer_identifier: '5567104047' })).toEqual({ status: 400, body: { buyer_identifier: [{ message: 'Enter a valid organisation number.', code: 'invalid' }] } });
      expect(await errorsFor({ buyer_identifier: '556710-4046' })).toBeNull();
      expect(await errorsFor({ user_reference: 'x'.repeat(255) })).toBeNull();
      expect(await errorsFor({ user_reference: 'x'.repeat(256) })).toEqual({ status: 400, body: { user_reference: [{ message: 'Ensure this field has no more than 255 characters.', code: 'max_length' }] } });
      expect(await errorsFor({ user_reference: null, seller_reference: '  ' })).toEqual({ status: 400, body: {
        user_reference: [{ message: 'This field may not be null.', code: 'null' }],
        seller_reference: [{ message: 'This field may not be blank.', code: 'blank' }],
      } });
    });

    it('refuses non-object bodies and reports every missing field of an empty one in field order', async () => {
      const r = api(service, tenant, 'reinsure');
      expect(await call(service.url, 'POST', `${r.base}/quotes/`, { headers: r.headers, json: [1] }))
        .toMatchObject({ status: 400, body: { non_field_errors: [{ message: 'Invalid data. Expected a dictionary, but got list.', code: 'invalid' }] } });
      const empty = await call(service.url, 'POST', `${r.base}/quotes/`, { headers: r.headers, json: {} });
      expect(Object.keys(empty.body)).toEqual(['user_reference', 'seller_reference', 'seller_identifier', 'seller_country', 'buyer_reference',
        'buyer_identifier', 'buyer_country', 'invoice_reference', 'invoice_amount', 'invoice_amount_currency', 'invoice_issue_date', 'invoice_due_date']);
      expect(await call(service.url, 'POST', `${r.base}/quotes/`, { headers: { ...r.headers, 'content-type': 'application/json' }, body: '{"a":' }))
        .toMatchObject({ status: 400, body: { code: 'parse_error' } });
    });

    it('allows one live quote per invoice reference, and a new one after a rejection', async () => {
      const r = api(service, tenant, 'reinsure');
      const body = quoteBody(service);
      const first = await r.create(body);
      expect(await r.create(body)).toMatchObject({ status: 400, body: { invoice_reference: [{ message: 'An active quote already exists for this invoice.', code: 'unique' }] } });
      expect((await api(service, tenant, 'insure').create(body)).status).toBe(201);
      await r.action(first.body.id, 'reject');
      expect((await r.create(body)).status).toBe(201);
    });

    it('takes a new quote for an invoice whose earlier offer ran out but was not expired yet, expiring it first', async () => {
      const other = await service.createTenant();
      const r = api(service, other, 'reinsure');
      const body = quoteBody(service);
      const first = await r.create(body);
      await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: r.headers, json: { seconds: 25 * 3600 } });
      const second = await r.create(body);
      expect(second.status, second.text).toBe(201);
      expect((await r.get(second.body.id)).body.status).toEqual({ code: 'quote.offered', reason: null });
      expect((await r.get(first.body.id)).body.status).toEqual({ code: 'quote.rejected', reason: 'quote_expired' });
    });

    it('validates the sign-and-activate and bankruptcy_claim bodies', async () => {
      const insure = api(service, tenant, 'insure');
      const quote = await insure.create(quoteBody(service));
      expect(await insure.action(quote.body.id, 'sign-and-activate', { user_email: 'not-an-email' })).toEqual(expect.objectContaining({
        status: 400,
        body: {
          user_email: [{ message: 'Enter a valid email address.', code: 'invalid' }],
          user_first_name: [{ message: 'This field is required.', code: 'required' }],
          user_last_name: [{ message: 'This field is required.', code: 'required' }],
        },
      }));
      const reinsure = api(service, tenant, 'reinsure');
      const cover = await reinsure.create(quoteBody(service));
      await reinsure.action(cover.body.id, 'activate');
      expect(await reinsure.action(cover.body.id, 'bankruptcy_claim', { bankruptcy_date: addDays(today(service), 1) }))
        .toMatchObject({ status: 400, body: { bankruptcy_date: [{ message: 'Bankruptcy date cannot be in the future.', code: 'invalid' }] } });
      expect((await reinsure.get(cover.body.id)).body.status.code).toBe('cover.activated');
    });
  });

  it('documents the endpoints in /openapi.json (documented spelling only)', async () => {
    const spec = await call(service.url, 'GET', '/openapi.json');
    expect(spec.status).toBe(200);
    const paths = Object.keys(spec.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/reinsure/v2/quotes/', '/api/reinsure/v2/quotes/{id}', '/api/insure/v2/quotes/{id}/sign-and-activate']));
    expect(paths).not.toContain('/api/reinsure/v2/quotes');
  });

  it('appends a quote.status_changed event (webhook source) for every status change', async () => {
    const r = api(service, tenant, 'reinsure');
    const created = await r.create(quoteBody(service));
    await r.action(created.body.id, 'activate');
    await r.action(created.body.id, 'settle');
    const rows = await service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, tenant.tenant.id), eq(events.entityId, created.body.id as string))).orderBy(events.id);
    expect(rows.map((row) => [row.type, (row.data as { status: { code: string } }).status.code])).toEqual([
      ['quote.status_changed', 'quote.pending'], ['quote.status_changed', 'quote.offered'],
      ['quote.status_changed', 'cover.activated'], ['quote.status_changed', 'cover.settled'],
    ]);
  });
});
