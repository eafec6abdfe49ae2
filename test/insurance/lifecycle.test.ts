// Every transition of spec §6.2, every forbidden action (409), the timers (lazily on read and by the sweep, through
// the sandbox test clock), exposure holding and release, and the back-office decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';
import { auditLog, events } from '../../src/platform/db/schema.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { api, quoteBody, type InsuranceProduct } from './support.js';

const ACTIONS: Record<InsuranceProduct, Record<string, string>> = {
  reinsure: { activate: 'activate', reject: 'reject', settle: 'settle', claim: 'claim', bankruptcy_claim: 'bankruptcy_claim' },
  insure: { activate: 'activate', sign_and_activate: 'sign-and-activate', reject: 'reject', settle: 'settle', claim: 'claim' },
};

const ALLOWED: Record<string, string[]> = {
  'quote.pending': [],
  'quote.offered': ['activate', 'sign_and_activate', 'reject'],
  'activation.pending': [],
  'cover.activated': ['settle', 'claim', 'bankruptcy_claim'],
  'claim.pending': ['settle'],
  'quote.rejected': [],
  'claim.approved': [],
  'claim.rejected': [],
  'cover.settled': [],
};

const SIGNER = { user_email: 'hello@credable.se', user_first_name: 'Hello', user_last_name: 'Credable' };

describeEachEngine('quote lifecycle', (engine) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const sweep = async () => {
    const reports = await service.sweeper?.runOnce();
    expect(service.logs.filter((line) => line.includes('sweep failed')), 'sweep errors').toEqual([]);
    return reports;
  };
  const staffHeaders = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });
  const advance = (tenant: TestTenant, seconds: number) =>
    call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: credableHeaders(tenant, 'reinsure'), json: { seconds } });
  const exposure = async (tenant: TestTenant, country = 'SE', id = '5567104046') =>
    (await call(service.url, 'GET', `/backoffice/v1/buyers/${country}/${id}/exposure`, { headers: staffHeaders(tenant) })).body;
  const signOnPage = (id: string) =>
    call(service.url, 'POST', `/app/sign-policy/${id}`, { form: { name: 'Hello Credable', email: 'hello@credable.se', accept: 'yes' } });
  const decideClaim = (tenant: TestTenant, id: string, decision: 'approve' | 'reject') =>
    call(service.url, 'POST', `/backoffice/v1/claims/${id}/decision`, { headers: staffHeaders(tenant), json: decision === 'approve' ? { decision } : { decision, reason: 'Disputed' } });

  /** A fresh tenant with one quote brought to `status`. */
  async function reach(product: InsuranceProduct, status: string, overrides: Record<string, unknown> = {}) {
    const tenant = await service.createTenant({ name: `${product} ${status}` });
    const r = api(service, tenant, product);
    const referred = status === 'quote.pending';
    const created = await r.create(quoteBody(service, { ...(referred ? { invoice_amount: '600000.00' } : {}), ...overrides }));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const activate = async () => {
      if (product === 'reinsure') return r.action(id, 'activate');
      await r.action(id, 'sign-and-activate', SIGNER);
      return signOnPage(id);
    };
    switch (status) {
      case 'quote.pending': case 'quote.offered': break;
      case 'activation.pending': await r.action(id, 'activate'); break;
      case 'cover.activated': await activate(); break;
      case 'quote.rejected': await r.action(id, 'reject'); break;
      case 'cover.settled': await activate(); await r.action(id, 'settle'); break;
      case 'claim.pending': await activate(); await r.action(id, 'claim'); break;
      case 'claim.approved': case 'claim.rejected':
        await activate(); await r.action(id, 'claim'); await decideClaim(tenant, id, status === 'claim.approved' ? 'approve' : 'reject'); break;
      default: throw new Error(status);
    }
    const current = await r.get(id);
    expect(current.body.status.code).toBe(status);
    return { tenant, r, id, quote: current.body };
  }

  for (const product of ['reinsure', 'insure'] as const) {
    describe(product, () => {
      const statuses = Object.keys(ALLOWED).filter((status) => product === 'insure' || status !== 'activation.pending');
      for (const status of statuses) {
        it(`refuses every action not allowed in ${status} with 409 invalid_action, changing nothing`, async () => {
          const { r, id } = await reach(product, status);
          for (const [action, path] of Object.entries(ACTIONS[product])) {
            if (ALLOWED[status]?.includes(action)) continue;
            const response = await r.action(id, path, action === 'sign_and_activate' ? SIGNER : undefined);
            expect({ action, status: response.status, body: response.body }).toEqual({
              action, status: 409, body: { message: `Action "${action}" is not available in status "${status}".`, code: 'invalid_action' },
            });
          }
          expect((await r.get(id)).body.status.code).toBe(status);
        });
      }

      it('#2/#4/#11 offered → activated → settled (invoice_paid), exposure held then released', async () => {
        const { tenant, r, id } = await reach(product, 'quote.offered');
        expect(await exposure(tenant)).toMatchObject({ exposure: '10010.00', capacity: '1000000.00', available: '989990.00' });
        if (product === 'reinsure') expect((await r.action(id, 'activate')).body.status).toEqual({ code: 'cover.activated', reason: null });
        else {
          expect((await r.action(id, 'activate')).body.status).toEqual({ code: 'activation.pending', reason: null });
          expect((await signOnPage(id)).status).toBe(200);
        }
        expect(await exposure(tenant)).toMatchObject({ exposure: '10010.00' });
        expect((await r.action(id, 'settle')).body.status).toEqual({ code: 'cover.settled', reason: 'invoice_paid' });
        expect(await exposure(tenant)).toMatchObject({ exposure: '0.00' });
      });

      it('#8 reject keeps the premium and releases the exposure', async () => {
        const { tenant, r, id } = await reach(product, 'quote.offered');
        const rejected = await r.action(id, 'reject');
        expect(rejected.body).toMatchObject({ premium_amount: '145.00', status: { code: 'quote.rejected', reason: 'offer_rejected' } });
        expect(await exposure(tenant)).toMatchObject({ exposure: '0.00' });
      });

      it('#12/#14 claim then settle cancels the claim (claim_cancelled); an open claim blocks new cover on the buyer', async () => {
        const { tenant, r, id } = await reach(product, 'claim.pending');
        expect(await exposure(tenant)).toMatchObject({ open_claims: 1, exposure: '10010.00' });
        const blocked = await r.create(quoteBody(service));
        expect((await r.get(blocked.body.id)).body.status).toEqual({ code: 'quote.rejected', reason: 'insurance_unavailable' });
        expect((await r.action(id, 'settle')).body.status).toEqual({ code: 'cover.settled', reason: 'claim_cancelled' });
        expect(await exposure(tenant)).toMatchObject({ open_claims: 0, exposure: '0.00' });
        const again = await r.create(quoteBody(service));
        expect((await r.get(again.body.id)).body.status.code).toBe('quote.offered');
      });

      it('#9 the offer expires 24 h after it was offered: lazily on read and on the next action', async () => {
        const { tenant, r, id } = await reach(product, 'quote.offered');
        expect((await advance(tenant, 24 * 3600 - 1)).status).toBe(200);
        expect((await r.get(id)).body.status.code).toBe('quote.offered');
        await advance(tenant, 1);
        expect((await r.action(id, 'activate'))).toMatchObject({ status: 409, body: { message: 'Action "activate" is not available in status "quote.rejected".' } });
        expect((await r.get(id)).body).toMatchObject({ premium_amount: '145.00', status: { code: 'quote.rejected', reason: 'quote_expired' }, actions: [] });
        expect(await exposure(tenant)).toMatchObject({ exposure: '0.00' });
      });

      it('the sandbox example: create, advance 25 hours, see quote_expired (fired by the sweep)', async () => {
        const { tenant, id } = await reach(product, 'quote.offered');
        await advance(tenant, 25 * 3600);
        await sweep();
        const [row] = await service.platform.db.select().from(insuranceQuotes).where(eq(insuranceQuotes.id, id));
        expect(row).toMatchObject({ status: 'quote.rejected', reason: 'quote_expired', deadlineAt: null, exposureHeld: 0 });
        expect(await exposure(tenant)).toMatchObject({ exposure: '0.00' });
        const logged = await service.platform.db.select().from(events).where(eq(events.entityId, id)).orderBy(events.id);
        expect(logged.at(-1)).toMatchObject({ type: 'quote.status_changed', data: { id, status: { code: 'quote.rejected', reason: 'quote_expired' }, previous_status: 'quote.offered' } });
        const audited = await service.platform.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'quote.offer_expired')));
        expect(audited).toMatchObject([{ actorType: 'system', actorId: 'insurance-timers' }]);
      });

      it('#13 claims are accepted up to due + 30 days; after that the cover settles itself (claim_period_expired)', async () => {
        const early = await reach(product, 'cover.activated');
        await advance(early.tenant, 60 * 86400); // today = due + 30 (due is issue + 30)
        expect((await early.r.action(early.id, 'claim')).body.status.code).toBe('claim.pending');
        await advance(early.tenant, 86400);
        expect((await early.r.get(early.id)).body.status.code).toBe('claim.pending');

        const late = await reach(product, 'cover.activated');
        await advance(late.tenant, 61 * 86400);
        expect((await late.r.get(late.id)).body.status).toEqual({ code: 'cover.settled', reason: 'claim_period_expired' });

        const swept = await reach(product, 'cover.activated');
        await advance(swept.tenant, 61 * 86400);
        await sweep();
        const [row] = await service.platform.db.select().from(insuranceQuotes).where(eq(insuranceQuotes.id, swept.id));
        expect(row).toMatchObject({ status: 'cover.settled', reason: 'claim_period_expired' });
      });

      it('#3 declines: unsupported market, seller = buyer, failed buyer (no capacity)', async () => {
        const tenant = await service.createTenant({ name: 'declines' });
        const r = api(service, tenant, product);
        for (const overrides of [
          { buyer_country: 'GB', buyer_identifier: '09446231' },
          { buyer_identifier: '5567549125' },
          { buyer_identifier: '5569345670' },
        ]) {
          const created = await r.create(quoteBody(service, overrides));
          expect((await r.get(created.body.id)).body).toMatchObject({ premium_amount: null, status: { code: 'quote.rejected', reason: 'insurance_unavailable' } });
        }
      });
    });
  }

  describe('insure signing', () => {
    it('#5/#6/#7/#10 unsigned sellers go through activation.pending; a signed seller activates directly', async () => {
      const { tenant, r, id } = await reach('insure', 'quote.offered');
      expect((await r.get(id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['sign_and_activate', 'reject']);
      const pending = await r.action(id, 'activate');
      expect(pending.body).toMatchObject({ status: { code: 'activation.pending' }, actions: [], links: [{ type: 'sign-policy-page', method: 'GET' }] });
      const page = await fetch(pending.body.links[0].url.replace(/^https?:\/\/[^/]+/, service.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Sign the insurance policy');
      expect((await call(service.url, 'POST', `/app/sign-policy/${id}`, { form: { name: 'X', email: 'bad' } })).status).toBe(400);
      expect((await signOnPage(id)).status).toBe(200);
      expect((await r.get(id)).body.status.code).toBe('cover.activated');

      const second = await r.create(quoteBody(service));
      expect((await r.get(second.body.id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['activate', 'reject']);
      expect((await r.action(second.body.id, 'sign-and-activate', SIGNER)).body.status.code).toBe('cover.activated');

      const expiring = await r.create(quoteBody(service, { seller_identifier: '5591293013' }));
      expect((await r.action(expiring.body.id, 'activate')).body.status.code).toBe('activation.pending');
      await advance(tenant, 25 * 3600);
      expect((await r.get(expiring.body.id)).body.status).toEqual({ code: 'quote.rejected', reason: 'quote_expired' });
      const late = await call(service.url, 'POST', `/app/sign-policy/${expiring.body.id as string}`, {
        form: { name: 'A B', email: 'a@b.se', accept: 'yes' }, headers: { 'accept-language': 'sv-SE,sv;q=0.9' },
      });
      expect(late.status).toBe(409);
      expect(late.text).toContain('<p id="result">Den här offerten kan inte längre signeras (status quote.rejected).</p>');
      const lateInEnglish = await call(service.url, 'GET', `/app/sign-policy/${expiring.body.id as string}`, { headers: { 'accept-language': 'en' } });
      expect(lateInEnglish.text).toContain('<p id="result">This quote cannot be signed any more (status quote.rejected).</p>');
    });
  });

  describe('back office', () => {
    it('lists and decides referred quotes (offer with premium, decline), with roles and audit', async () => {
      const { tenant, r, id } = await reach('reinsure', 'quote.pending');
      expect((await r.get(id)).body).toMatchObject({ premium_amount: null, status: { code: 'quote.pending' }, actions: [] });
      const admin = staffHeaders(tenant);
      const claimsHandler = await call(service.url, 'POST', '/backoffice/v1/staff-credentials', { headers: admin, json: { roles: ['claims_handler'], label: 'Carla' } });
      const underwriter = await call(service.url, 'POST', '/backoffice/v1/staff-credentials', { headers: admin, json: { roles: ['underwriter'], label: 'Ulf' } });
      expect(claimsHandler.status).toBe(201);
      const asClaims = { authorization: claimsHandler.body.authorization as string };
      const asUnderwriter = { authorization: underwriter.body.authorization as string };
      expect(await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: asClaims })).toMatchObject({ status: 403, body: { error: { code: 'missing_role' } } });
      expect(await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: credableHeaders(tenant, 'reinsure') })).toMatchObject({ status: 403 });
      const queue = await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: asUnderwriter });
      expect(queue.body.data).toHaveLength(1);
      expect(queue.body.data[0]).toMatchObject({ referred: true, underwriting_rule: 'above_automatic_limit', suggested_premium: '8700.00', quote: { id } });
      const offered = await call(service.url, 'POST', `/backoffice/v1/quotes/${id}/decision`, { headers: asUnderwriter, json: { decision: 'offer', premium: '9000.00' } });
      expect(offered.status, offered.text).toBe(200);
      expect((await r.get(id)).body).toMatchObject({ premium_amount: '9000.00', status: { code: 'quote.offered' } });
      expect(await exposure(tenant)).toMatchObject({ exposure: '600000.00' });
      expect((await call(service.url, 'POST', `/backoffice/v1/quotes/${id}/decision`, { headers: asUnderwriter, json: { decision: 'decline', reason: 'late' } })).status).toBe(409);
      const audit = await service.platform.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'quote.underwriter_offer')));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'credential', actorId: underwriter.body.credentialId });

      const declined = await r.create(quoteBody(service, { invoice_amount: '600000.00', buyer_country: 'FI', buyer_identifier: '2345678-0' }));
      expect((await call(service.url, 'POST', `/backoffice/v1/quotes/${declined.body.id as string}/decision`, { headers: asUnderwriter, json: { decision: 'decline', reason: 'Concentration' } })).status).toBe(200);
      expect((await r.get(declined.body.id)).body.status).toEqual({ code: 'quote.rejected', reason: 'insurance_unavailable' });
    });

    it('offers a referred Insure quote (the answer renders inside the decision\'s transaction)', async () => {
      const { tenant, r, id } = await reach('insure', 'quote.pending');
      const offered = await call(service.url, 'POST', `/backoffice/v1/quotes/${id}/decision`, { headers: staffHeaders(tenant), json: { decision: 'offer' } });
      expect(offered.status, offered.text).toBe(200);
      expect(offered.body.quote.actions.map((a: { type: string }) => a.type)).toEqual(['sign_and_activate', 'reject']);
      expect((await r.get(id)).body).toMatchObject({ premium_amount: '8700.00', status: { code: 'quote.offered' } });
    });

    it('lists and decides pending claims; a rejection needs a reason', async () => {
      const { tenant, r, id } = await reach('reinsure', 'claim.pending');
      const admin = staffHeaders(tenant);
      const list = await call(service.url, 'GET', '/backoffice/v1/claims/pending', { headers: admin });
      expect(list.body.data.map((item: { quote: { id: string } }) => item.quote.id)).toEqual([id]);
      expect((await call(service.url, 'POST', `/backoffice/v1/claims/${id}/decision`, { headers: admin, json: { decision: 'reject' } })).status).toBe(400);
      expect((await decideClaim(tenant, id, 'approve')).status).toBe(200);
      expect((await r.get(id)).body.status).toEqual({ code: 'claim.approved', reason: null });
      expect((await decideClaim(tenant, id, 'reject')).status).toBe(409);
      expect(await exposure(tenant)).toMatchObject({ exposure: '0.00', open_claims: 1 });
    });
  });
});

describeEachEngine('exposure books', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('live tenants share one book on a buyer ("by you or other clients"); sandbox tenants each have their own', async () => {
    const liveA = await service.createTenant({ name: 'Live A', mode: 'live' });
    const liveB = await service.createTenant({ name: 'Live B', mode: 'live' });
    const sandbox = await service.createTenant({ name: 'Sandbox' });
    const status = async (tenant: TestTenant, amount: string) => {
      const r = api(service, tenant, 'reinsure');
      const created = await r.create(quoteBody(service, { invoice_amount: amount, invoice_amount_currency: 'DKK', buyer_country: 'DK', buyer_identifier: '35123458' }));
      return { id: created.body.id as string, r, status: (await r.get(created.body.id)).body.status.code as string };
    };
    // DK 35123458 has rating 5: capacity 750 000 SEK; 70 000 DKK is 108 500 SEK.
    const taken = [];
    for (let i = 0; i < 6; i += 1) taken.push(await status(liveA, '70000.00'));
    expect(taken.map((t) => t.status)).toEqual(Array(6).fill('quote.offered'));
    expect((await status(liveB, '70000.00')).status).toBe('quote.rejected');
    expect((await status(sandbox, '70000.00')).status).toBe('quote.offered');
    await taken[0]!.r.action(taken[0]!.id, 'reject');
    expect((await status(liveB, '70000.00')).status).toBe('quote.offered');
  });

  it('an underwriter cannot offer a referred quote the buyer has no capacity left for', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    const referred = await r.create(quoteBody(service, { invoice_amount: '600000.00' }));
    const filler = await r.create(quoteBody(service, { invoice_amount: '500000.00' }));
    expect((await r.get(filler.body.id)).body.status.code).toBe('quote.offered');
    const decision = await call(service.url, 'POST', `/backoffice/v1/quotes/${referred.body.id as string}/decision`, {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` }, json: { decision: 'offer' },
    });
    expect(decision).toMatchObject({ status: 409, body: { error: { code: 'capacity_exhausted' } } });
    expect((await r.get(referred.body.id)).body.status.code).toBe('quote.pending');
  });
});
