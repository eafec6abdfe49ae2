// Property: whatever body (random JSON, mutated valid requests, raw garbage) reaches any insurance endpoint, the
// answer is never a 5xx and always JSON in the face's shape (or the sign and purchase pages' HTML).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { api, quoteBody } from './support.js';
import { connectBody } from './connect-support.js';
import { connectQuoteRequests } from '../../src/insurance/connect/schema.js';
import { hashPurchaseToken, newPurchaseToken } from '../../src/insurance/connect/token.js';
import { eq } from 'drizzle-orm';
import { until } from '../support/wait.js';

const FIELDS = Object.keys({
  user_reference: 0, seller_reference: 0, seller_identifier: 0, seller_country: 0, buyer_reference: 0, buyer_identifier: 0,
  buyer_country: 0, invoice_reference: 0, invoice_amount: 0, invoice_amount_currency: 0, invoice_issue_date: 0, invoice_due_date: 0,
  user_email: 0, user_first_name: 0, user_last_name: 0, bankruptcy_date: 0, comment: 0, decision: 0, premium: 0, reason: 0, roles: 0,
  seller_email: 0, seller_language: 0, seller_first_name: 0, seller_last_name: 0, invoice_payment_terms: 0, invoice_number: 0, discount_code: 0,
  step: 0, representative_name: 0, personal_number: 0, email: 0, authority: 0, name: 0, accept: 0, method: 0,
});

const nasty = fc.oneof(
  fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('', ' ', '1e400', '-1', '0.001', '99999999999999999999.99', 'NaN', '2026-02-30', '9999-12-31', '0000-01-01',
    'SE', 'se', '5567104046', '556710-4046', '\u0000', '\uD800', '{"a":1}', 'x'.repeat(2000)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

describeEachEngine('insurance endpoints under random input', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let ids: string[] = [];
  let connectId = '';
  let purchasePath = '';

  beforeAll(async () => {
    service = await startTestService({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    tenant = await service.createTenant();
    const reinsure = api(service, tenant, 'reinsure');
    const insure = api(service, tenant, 'insure');
    ids = [
      (await reinsure.create(quoteBody(service))).body.id,
      (await insure.create(quoteBody(service))).body.id,
      (await reinsure.create(quoteBody(service, { invoice_amount: '600000.00', buyer_country: 'FI', buyer_identifier: '2345678-0' }))).body.id,
    ];
    const connect = await call(service.url, 'POST', '/connect/v1/quote-requests/', {
      headers: { authorization: `Token ${tenant.sheet.credentials.connect.apiKey}` }, json: connectBody(service),
    });
    connectId = connect.body.id;
    await until(async () => {
      const [row] = await service.platform.db.select().from(connectQuoteRequests).where(eq(connectQuoteRequests.id, connectId));
      return row?.status === 'priced' ? row : undefined;
    });
    // The e-mailed token is not readable back; give the priced request a token this test knows (the link's capability).
    const token = newPurchaseToken();
    await service.platform.db.update(connectQuoteRequests).set({ purchaseTokenHash: hashPurchaseToken(token) }).where(eq(connectQuoteRequests.id, connectId));
    purchasePath = `/app/connect/purchase/${token}`;
  });
  afterAll(async () => service?.stop());

  const endpoints = (): [string, string, Record<string, string>][] => {
    const r = { authorization: `Token ${tenant.sheet.credentials.reinsure.apiKey}` };
    const i = { authorization: `Token ${tenant.sheet.credentials.insure.apiKey}` };
    const s = { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` };
    const k = { authorization: `Token ${tenant.sheet.credentials.connect.apiKey}` };
    const [a, b, c] = ids as [string, string, string];
    return [
      ['POST', '/api/reinsure/v2/quotes/', r], ['POST', '/api/insure/v2/quotes', i],
      ...['activate', 'reject', 'settle', 'claim', 'bankruptcy_claim', 'bankruptcy-claim'].map((x) => ['POST', `/api/reinsure/v2/quotes/${a}/${x}`, r] as [string, string, Record<string, string>]),
      ...['activate', 'reject', 'settle', 'claim', 'sign-and-activate', 'sign_and_activate'].map((x) => ['POST', `/api/insure/v2/quotes/${b}/${x}`, i] as [string, string, Record<string, string>]),
      ['POST', `/backoffice/v1/quotes/${c}/decision`, s], ['POST', `/backoffice/v1/claims/${a}/decision`, s],
      ['POST', '/backoffice/v1/staff-credentials', s], ['POST', `/app/sign-policy/${b}`, {}],
      ['POST', '/connect/v1/quote-requests/', k], ['POST', '/connect/v1/quote-requests', k], ['POST', purchasePath, {}],
    ];
  };

  it('never answers 5xx to random JSON bodies', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 8 }),
      fc.record({ key: fc.constantFrom(...FIELDS), value: nasty }).map(({ key, value }) => ({ ...quoteBody(service), [key]: value })),
      fc.record({ key: fc.constantFrom(...FIELDS), value: nasty }).map(({ key, value }) => ({ ...connectBody(service), [key]: value })),
      fc.record({ step: fc.constantFrom('kyc', 'sign', 'pay', 'x'), key: fc.constantFrom(...FIELDS), value: nasty })
        .map(({ step, key, value }) => ({ step, representative_name: 'A B', personal_number: '811218-9876', email: 'a@b.se', authority: 'yes', [key]: value })),
      fc.constantFrom({ decision: 'offer' }, { decision: 'decline', reason: 'x' }, { decision: 'approve' }, { decision: 'reject', reason: 'r' }),
    );
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: endpoints().length - 1 }), body, async (index, json) => {
      const [method, path, headers] = endpoints()[index] as [string, string, Record<string, string>];
      const response = await call(service.url, method, path, { headers, json });
      expect(response.status, `${method} ${path} ${JSON.stringify(json)} → ${response.text}`).toBeLessThan(500);
    }), { numRuns: 300 });
  });

  it('never answers 5xx to raw, malformed or oddly typed bodies', async () => {
    const raw = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '[', 'null', '"x"', '{"a":}', '\u0000', '{"__proto__":{"x":1}}', ''));
    const type = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml');
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: endpoints().length - 1 }), raw, type, async (index, body, contentType) => {
      const [method, path, headers] = endpoints()[index] as [string, string, Record<string, string>];
      const response = await call(service.url, method, path, { headers: { ...headers, 'content-type': contentType }, body });
      expect(response.status, `${method} ${path} ${contentType} ${JSON.stringify(body)} → ${response.text}`).toBeLessThan(500);
    }), { numRuns: 200 });
  });

  it('never answers 5xx to random ids and paths', async () => {
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom('%00', '..', '%2F', 'a'.repeat(300), '%F0%9F%92%A9'));
    await fc.assert(fc.asyncProperty(segment, fc.constantFrom('GET', 'POST', 'PUT'), async (id, method) => {
      const safe = encodeURIComponent(id);
      const response = await call(service.url, method, `/api/reinsure/v2/quotes/${safe}`, { headers: { authorization: `Token ${tenant.sheet.credentials.reinsure.apiKey}` } });
      expect(response.status).toBeLessThan(500);
      const page = await call(service.url, 'GET', `/app/sign-policy/${safe}`);
      expect(page.status).toBeLessThan(500);
      const connect = await call(service.url, method, `/connect/v1/quote-requests/${safe}`, { headers: { authorization: `Token ${tenant.sheet.credentials.connect.apiKey}` } });
      expect(connect.status).toBeLessThan(500);
      const purchase = await call(service.url, method === 'PUT' ? 'GET' : method, `/app/connect/purchase/${safe}`);
      expect(purchase.status).toBeLessThan(500);
    }), { numRuns: 100 });
  });
});
