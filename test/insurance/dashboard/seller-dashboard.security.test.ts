// The seller dashboard over real HTTP: the one-time link read from the stored `.eml`, sessions, CSRF, the limit on
// link requests, and what a seller may see (their own invoices; never another seller's, in this tenant or another).
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { managementHeaders } from '../../support/faces.js';
import { call } from '../../support/http.js';
import type { TestService, TestTenant } from '../../support/service.js';
import { findMail } from '../../../src/platform/mail/outbox.js';
import { sellerSessions } from '../../../src/insurance/dashboard/schema.js';
import {
  type BoughtCover, type Client, DASHBOARD, askForLink, buyConnectCover, claimedReinsureInvoice, client, csrfTokenIn, linkIn, newSellerNumber, signIn,
  startDashboardService, storedMail, storedMailCount, useLink,
} from './support.js';

const SIGN_IN = `${DASHBOARD}/sign-in`;

describeEachEngine('seller dashboard over HTTP', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let otherTenant: TestTenant;
  let mine: BoughtCover;
  let neighbours: BoughtCover;
  let foreign: BoughtCover;
  let claimId: string;
  let counter = 0;
  const address = (name: string) => `${name}-${engine}@example.se`;
  /** A fresh address for a test that spends links or sessions of its own (the limit counts per address). */
  const fresh = () => address(`seller${(counter += 1)}`);

  beforeAll(async () => {
    service = await startDashboardService(engine);
    [tenant, otherTenant] = [await service.createTenant(), await service.createTenant()];
    mine = await buyConnectCover(service, tenant, { identifier: '5591293013', email: address('anna'), invoiceNumber: 'F-1001', amount: '12500.50' });
    neighbours = await buyConnectCover(service, tenant, { identifier: '5567549125', email: address('bert'), invoiceNumber: 'F-2002' });
    // The same seller number in another tenant (another partner's customer), with its own address.
    foreign = await buyConnectCover(service, otherTenant, { identifier: '5591293013', email: address('cleo'), invoiceNumber: 'F-3003' });
    claimId = await claimedReinsureInvoice(service, tenant, '5591293013', 'R-4004');
  }, 120_000);
  afterAll(async () => service?.stop());

  async function advanceTenantClock(owner: TestTenant, seconds: number) {
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(owner), json: { seconds } });
    expect(moved.status, moved.text).toBe(200);
  }

  describe('signing in', () => {
    it('e-mails a one-time link to a known address; the link opens the seller\'s insured invoices, receipt and claim', async () => {
      const browser = await signIn(service, address('anna'));
      expect(browser.jar.get('tc_seller_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const dashboard = await browser.get(DASHBOARD);
      expect(dashboard.status).toBe(200);
      expect(dashboard.text).toContain('F-1001');
      expect(dashboard.text).toContain('SEK 12,500.50');
      expect(dashboard.text).toContain('R-4004');
      expect(dashboard.text).toContain('Claim under review');
      expect(dashboard.text).not.toContain('F-2002');
      expect(dashboard.text).not.toContain('F-3003');
      const receipt = await browser.get(`${DASHBOARD}/invoices/${mine.id}/receipt`);
      expect(receipt.status).toBe(200);
      expect(receipt.text).toContain('Receipt');
      expect(receipt.text).toContain(`CQ-${mine.id}`);
      const eml = await browser.get(`${DASHBOARD}/invoices/${mine.id}/receipt.eml`);
      expect(eml.status).toBe(200);
      expect(eml.headers.get('content-type')).toContain('message/rfc822');
      const stored = await storedMail(service, 'connect.receipt', address('anna'), mine.id);
      expect(eml.text).toBe((await findMail(service.platform.db, tenant.tenant.id, stored.id))?.eml);
    });

    it('sets the session cookie HttpOnly, SameSite=Lax, on the dashboard\'s path, and stores only its hash', async () => {
      const browser = client(service);
      await askForLink(browser, address('anna'));
      const link = linkIn((await storedMail(service, 'seller.sign_in_link', address('anna'))).text, SIGN_IN);
      const path = new URL(link).pathname;
      const page = await browser.get(path);
      const pressed = await fetch(`${service.url}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { ...browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfTokenIn(page.text) }).toString(),
      });
      const cookie = pressed.headers.getSetCookie().find((line) => line.startsWith('tc_seller_session='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\/app\/connect\/dashboard/);
      const id = /tc_seller_session=([^;]+)/.exec(cookie ?? '')?.[1] ?? '';
      const stored = (id: string) => service.platform.db.select().from(sellerSessions).where(eq(sellerSessions.idHash, id));
      expect(await stored(id)).toHaveLength(0);
      expect(await stored(createHash('sha256').update(id).digest('hex'))).toHaveLength(1);
    });

    it('answers an unknown address exactly as a known one, and e-mails nothing to it', async () => {
      const unknown = fresh();
      const known = await askForLink(client(service), address('bert'));
      const other = await askForLink(client(service), unknown);
      expect(other.status).toBe(known.status);
      expect(other.text).toBe(known.text);
      expect(await storedMailCount(service, 'seller.sign_in_link', unknown)).toBe(0);
    });

    it('refuses what is not an e-mail address with a clear message, in the page\'s language', async () => {
      const browser = client(service);
      const form = await browser.get(`${SIGN_IN}?lang=sv`);
      const refused = await browser.post(`${SIGN_IN}?lang=sv`, { _csrf: csrfTokenIn(form.text), email: 'not an address' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Ange en giltig e-postadress.');
      expect(refused.text).toContain('aria-invalid="true"');
    });

    it('limits link requests per address (five an hour), known or not, with the same answer', async () => {
      for (const email of [address('anna-limit'), fresh()]) {
        const browser = client(service);
        const answers = [];
        for (let i = 0; i < 6; i += 1) answers.push((await askForLink(browser, email)).status);
        expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
      }
    });

    it('a link cannot be replayed: the second press shows that it was used, with a way to ask for a new one', async () => {
      const email = address('bert');
      const first = client(service);
      await askForLink(first, email);
      const link = linkIn((await storedMail(service, 'seller.sign_in_link', email)).text, SIGN_IN);
      expect((await useLink(first, link)).status).toBe(303);
      const again = client(service);
      const page = await again.get(new URL(link).pathname);
      expect(page.status).toBe(410);
      expect(page.text).toContain('This link has been used');
      expect(page.text).toContain(`href="${SIGN_IN}"`);
      expect(again.jar.get('tc_seller_session')).toBeUndefined();
    });

    it('two presses of one link at once open exactly one session', async () => {
      const email = address('bert');
      const browser = client(service);
      await askForLink(browser, email);
      const path = new URL(linkIn((await storedMail(service, 'seller.sign_in_link', email)).text, SIGN_IN)).pathname;
      const token = csrfTokenIn((await browser.get(path)).text);
      const presses = await Promise.all(Array.from({ length: 4 }, () => fetch(`${service.url}${path}`, {
        method: 'POST', redirect: 'manual', headers: { ...browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token }).toString(),
      })));
      expect(presses.map((press) => press.status).sort()).toEqual([303, 410, 410, 410]);
    });

    it('a link expires after 15 minutes on the tenant\'s clock', async () => {
      const owner = await service.createTenant();
      const email = fresh();
      await buyConnectCover(service, owner, { identifier: newSellerNumber(), email, invoiceNumber: 'F-5005' });
      const browser = client(service);
      await askForLink(browser, email);
      const link = linkIn((await storedMail(service, 'seller.sign_in_link', email)).text, SIGN_IN);
      await advanceTenantClock(owner, 15 * 60);
      const page = await browser.get(new URL(link).pathname);
      expect(page.status).toBe(410);
      expect(page.text).toContain('This link has expired');
      expect(page.text).toContain('Ask for a new sign-in link');
      const pressed = await browser.post(new URL(link).pathname, { _csrf: csrfTokenIn((await browser.get(SIGN_IN)).text) });
      expect(pressed.status).toBe(410);
    });

    it('a session ends after 30 minutes without a request, and its page says so', async () => {
      const owner = await service.createTenant();
      const email = fresh();
      await buyConnectCover(service, owner, { identifier: newSellerNumber(), email, invoiceNumber: 'F-6006' });
      const browser = await signIn(service, email);
      await advanceTenantClock(owner, 29 * 60);
      expect((await browser.get(DASHBOARD)).status).toBe(200);
      await advanceTenantClock(owner, 29 * 60);
      expect((await browser.get(DASHBOARD)).status).toBe(200);
      await advanceTenantClock(owner, 30 * 60);
      const gone = await browser.get(DASHBOARD);
      expect(gone.status).toBe(303);
      expect(gone.headers.get('location')).toBe(SIGN_IN);
      const form = await browser.get(SIGN_IN);
      expect(form.text).toContain('After 30 minutes without activity you are signed out.');
    });
  });

  describe('what a seller may see', () => {
    let anna: Client;
    beforeAll(async () => {
      anna = await signIn(service, address('anna'));
    });

    it.each([
      ['the dashboard', DASHBOARD], ['an invoice', `${DASHBOARD}/invoices/ID`], ['a receipt', `${DASHBOARD}/invoices/ID/receipt`],
      ['a receipt e-mail', `${DASHBOARD}/invoices/ID/receipt.eml`],
    ])('no session, no page: %s sends to the sign-in page and shows nothing', async (_name, template) => {
      const path = template.replace('ID', mine.id);
      for (const cookie of [undefined, 'tc_seller_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'tc_seller_session=%00']) {
        const response = await fetch(`${service.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe(SIGN_IN);
        const text = await response.text();
        expect(text).not.toContain('F-1001');
      }
    });

    it('another seller\'s invoice of the same tenant reads as not found', async () => {
      for (const path of [`${DASHBOARD}/invoices/${neighbours.id}`, `${DASHBOARD}/invoices/${neighbours.id}/receipt`, `${DASHBOARD}/invoices/${neighbours.id}/receipt.eml`]) {
        const response = await anna.get(path);
        expect(response.status).toBe(404);
        expect(response.text).not.toContain('F-2002');
      }
    });

    it('an invoice of the same seller number in another tenant reads as not found', async () => {
      const response = await anna.get(`${DASHBOARD}/invoices/${foreign.id}`);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('F-3003');
      const cleo = await signIn(service, address('cleo'));
      const theirs = await cleo.get(DASHBOARD);
      expect(theirs.text).toContain('F-3003');
      expect(theirs.text).not.toContain('F-1001');
      expect(theirs.text).not.toContain('R-4004');
      expect((await cleo.get(`${DASHBOARD}/invoices/${mine.id}`)).status).toBe(404);
      expect((await cleo.get(`${DASHBOARD}/invoices/${claimId}`)).status).toBe(404);
    });

    it('an unknown or hostile invoice id reads as not found', async () => {
      for (const id of ['nope', '%27%20or%201%3D1--', 'dPn96VldVXbeRW', 'x'.repeat(80)]) {
        expect((await anna.get(`${DASHBOARD}/invoices/${id}`)).status).toBe(404);
      }
    });

    it('shows the claim on its invoice page', async () => {
      const page = await anna.get(`${DASHBOARD}/invoices/${claimId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Credable Reinsure');
      expect(page.text).toContain('Claim under review');
    });
  });

  describe('CSRF', () => {
    it('refuses sign-out without a token or with another browser\'s token; the session lives on; with its token it ends', async () => {
      const browser = await signIn(service, address('bert'));
      const stranger = client(service);
      const strangersToken = csrfTokenIn((await stranger.get(SIGN_IN)).text);
      for (const form of [{}, { _csrf: 'forged' }, { _csrf: strangersToken }] as Record<string, string>[]) {
        const refused = await browser.post(`${DASHBOARD}/sign-out`, form);
        expect(refused.status).toBe(403);
        expect(refused.text).toContain('Request refused');
      }
      const page = await browser.get(DASHBOARD);
      expect(page.status).toBe(200);
      const out = await browser.post(`${DASHBOARD}/sign-out`, { _csrf: csrfTokenIn(page.text) });
      expect(out.status).toBe(200);
      expect(out.text).toContain('You are signed out');
      expect(browser.jar.get('tc_seller_session')).toBeUndefined();
      expect((await browser.get(DASHBOARD)).status).toBe(303);
    });

    it('refuses a link request and a link press without a token, sending no e-mail and spending no link', async () => {
      const email = address('bert');
      const before = await storedMailCount(service, 'seller.sign_in_link', email);
      expect((await client(service).post(SIGN_IN, { email })).status).toBe(403);
      expect(await storedMailCount(service, 'seller.sign_in_link', email)).toBe(before);
      const browser = client(service);
      await askForLink(browser, email);
      const link = linkIn((await storedMail(service, 'seller.sign_in_link', email)).text, SIGN_IN);
      expect((await client(service).post(new URL(link).pathname, {})).status).toBe(403);
      expect((await useLink(browser, link)).status).toBe(303);
    });
  });
});
