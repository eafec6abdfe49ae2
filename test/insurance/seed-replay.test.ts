// Replays every Reinsure/Insure request and response example of the seed (shared/seeds/002_…) and compares the
// response byte for byte (so field order too) after replacing the example's id, dates and invoice reference.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call, type JsonResponse } from '../support/http.js';
import { api, quoteBody, type InsuranceProduct } from './support.js';

const SEED = JSON.parse(readFileSync(new URL('./fixtures/credable-seed-examples.json', import.meta.url), 'utf8')) as {
  examples: Record<string, unknown>;
};

function expected(line: string, quote?: Record<string, unknown>): string {
  let text = JSON.stringify(SEED.examples[line]);
  if (quote) {
    text = text.replaceAll('dPn96VldVXbeRW', String(quote.id)).replaceAll('"2018-06-20"', `"${String(quote.invoice_issue_date)}"`)
      .replaceAll('"2018-07-20"', `"${String(quote.invoice_due_date)}"`).replaceAll('"ABC123"', `"${String(quote.invoice_reference)}"`);
  }
  return text;
}

function expectSeed(response: JsonResponse, status: number, line: string, quote?: Record<string, unknown>) {
  expect(response.status, response.text).toBe(status);
  expect(JSON.parse(response.text)).toEqual(JSON.parse(expected(line, quote)));
  expect(response.text).toBe(expected(line, quote));
}

describeEachEngine('seed examples, replayed', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  const staff = () => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });

  beforeAll(async () => {
    service = await startTestService({ engine, env: { PUBLIC_BASE_URL: 'https://staging.credable.se' } });
  });
  afterAll(async () => service?.stop());

  const offered = async (product: InsuranceProduct, client = tenant) => {
    const r = api(service, client, product);
    const created = await r.create(quoteBody(service, { invoice_reference: `ABC123-${Math.random()}` }));
    expect(created.status, created.text).toBe(201);
    return { r, quote: created.body as Record<string, unknown> };
  };
  const decideClaim = (id: string, decision: 'approve' | 'reject') =>
    call(service.url, 'POST', `/backoffice/v1/claims/${id}/decision`, { headers: staff(), json: decision === 'approve' ? { decision } : { decision, reason: 'Invoice was disputed' } });

  for (const product of ['reinsure', 'insure'] as const) describe(product, () => {
    // Each product gets its own tenant (book): an approved claim on the buyer blocks new cover in that book.
    beforeAll(async () => {
      tenant = await service.createTenant({ name: `Seed ${product}` });
    });
    const L = product === 'reinsure'
      ? { created: 'L524', required: 'L547', offered: 'L692', unavailable: 'L726', activatedGet: 'L749', settledGet: 'L783', claimGet: 'L806', claimRejected: 'L835', claimApproved: 'L858', activate: 'L966', reject: 'L1068', settle: 'L1165', claim: 'L1262' }
      : { created: 'L1489', required: 'L1512', offered: 'L1657', unavailable: 'L1691', activatedGet: 'L1743', settledGet: 'L1777', claimGet: 'L1800', claimRejected: 'L1829', claimApproved: 'L1852', activate: 'L1960', reject: 'L2185', settle: 'L2282', claim: 'L2379' };

    if (product === 'insure') {
      it('insure: sign-and-activate (L2062), the activation.pending GET (L1714) and the signed cover (L1743)', async () => {
        const { r, quote } = await offered('insure');
        const offer = await r.get(String(quote.id));
        expect(offer.body.actions.map((a: { type: string }) => a.type)).toEqual(['sign_and_activate', 'reject']);
        const signing = await r.action(String(quote.id), 'sign-and-activate', { user_email: 'hello@credable.se', user_first_name: 'Hello', user_last_name: 'Credable' });
        expectSeed(signing, 200, 'L2062', quote);
        expectSeed(await r.get(String(quote.id)), 200, 'L1714', quote);
        const signed = await call(service.url, 'POST', `/app/sign-policy/${String(quote.id)}`, { form: { name: 'Hello Credable', email: 'hello@credable.se', accept: 'yes' } });
        expect(signed.status, signed.text).toBe(200);
        expectSeed(await r.get(String(quote.id)), 200, 'L1743', quote);
      });
    }

    it(`${product}: create answers quote.pending (${L.created}), a missing field the DRF body (${L.required})`, async () => {
      const r = api(service, tenant, product);
      const body = quoteBody(service);
      const created = await r.create(body);
      expectSeed(created, 201, L.created, created.body);
      const { buyer_identifier: _omitted, ...withoutBuyer } = quoteBody(service);
      expectSeed(await r.create(withoutBuyer), 400, L.required);
    });

    it(`${product}: the offer (${L.offered}) and its activation (${L.activate}, ${L.activatedGet})`, async () => {
      const { r, quote } = await offered(product);
      expectSeed(await r.get(String(quote.id)), 200, L.offered, quote);
      expectSeed(await r.action(String(quote.id), 'activate'), 200, L.activate, quote);
      expectSeed(await r.get(String(quote.id)), 200, L.activatedGet, quote);
    });

    it(`${product}: reject (${L.reject}) and settle (${L.settle}, ${L.settledGet})`, async () => {
      const first = await offered(product);
      expectSeed(await first.r.action(String(first.quote.id), 'reject'), 200, L.reject, first.quote);
      const second = await offered(product);
      await second.r.action(String(second.quote.id), 'activate');
      expectSeed(await second.r.action(String(second.quote.id), 'settle'), 200, L.settle, second.quote);
      expectSeed(await second.r.get(String(second.quote.id)), 200, L.settledGet, second.quote);
    });

    it(`${product}: claim (${L.claim}, ${L.claimGet}), rejected (${L.claimRejected}) and approved (${L.claimApproved})`, async () => {
      for (const decision of ['reject', 'approve'] as const) {
        const { r, quote } = await offered(product);
        await r.action(String(quote.id), 'activate');
        expectSeed(await r.action(String(quote.id), 'claim'), 200, L.claim, quote);
        expectSeed(await r.get(String(quote.id)), 200, L.claimGet, quote);
        expect((await decideClaim(String(quote.id), decision)).status).toBe(200);
        expectSeed(await r.get(String(quote.id)), 200, decision === 'reject' ? L.claimRejected : L.claimApproved, quote);
      }
    });

    it(`${product}: insurance_unavailable when the buyer's capacity is used up (${L.unavailable})`, async () => {
      const other = await service.createTenant({ name: `Full book ${product}` });
      const r = api(service, other, product);
      for (let i = 0; i < 2; i += 1) {
        const big = await r.create(quoteBody(service, { invoice_amount: '500000.00' }));
        expect((await r.get(big.body.id)).body.status.code).toBe('quote.offered');
      }
      const created = await r.create(quoteBody(service, { invoice_reference: 'ABC123' }));
      expectSeed(await r.get(created.body.id), 200, L.unavailable, created.body);
    });

    it(`${product}: an unknown id is the seed's 404 body (L328)`, async () => {
      expectSeed(await api(service, tenant, product).get('qmJ53xe6pP2n6R'), 404, 'L328');
    });
  });
});
