import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { until } from '../support/wait.js';
import { managementHeaders } from '../support/faces.js';
import { verifySignature } from '../../src/platform/webhooks/signature.js';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { currentPolicy } from '../../src/insurance/policy.js';
import { formatDate } from '../../src/insurance/domain/connect-locale.js';
import { api, quoteAwaitingSignature, quoteBody } from './support.js';

const SWEDISH_BROWSER = 'sv-SE,sv;q=0.9';

/** What the sign page must say in each language, written out here so a wrong dictionary fails the test. */
const SIGN_PAGE = {
  sv: {
    title: 'Signera försäkringsvillkoren',
    words: ['Villkorsversion', 'Säljare', 'Kund', 'Faktura', 'Premie', 'Fullständigt namn', 'E-postadress',
      'Jag har läst och godkänner villkoren', 'Signera och aktivera'],
    invoice: (due: string) => `10\u00a0010,00 kr, förfaller ${formatDate(due, 'sv')}`,
    premium: (decimal: string) => `${decimal.replace('.', ',')} kr`,
  },
  en: {
    title: 'Sign the insurance policy',
    words: ['Policy version', 'Seller', 'Buyer', 'Invoice', 'Premium', 'Full name', 'E-mail',
      'I have read and accept the policy', 'Sign and activate'],
    invoice: (due: string) => `SEK 10,010.00, due ${formatDate(due, 'en')}`,
    premium: (decimal: string) => `SEK ${decimal}`,
  },
} as const;

type Language = keyof typeof SIGN_PAGE;

/** The text inside the element with this id (the pages are server-rendered, one element per id). */
function textOf(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

function expectSignPageIn(html: string, language: Language, quote: { premium: string; due: string }): void {
  const other: Language = language === 'sv' ? 'en' : 'sv';
  const expected = SIGN_PAGE[language];
  expect(html).toContain(`<html lang="${language}">`);
  expect(html).toContain(`<h1>${expected.title}</h1>`);
  for (const word of expected.words) expect(html).toContain(word);
  for (const word of SIGN_PAGE[other].words) expect(html).not.toContain(word);
  for (const paragraph of currentPolicy().texts[language].body) expect(html).toContain(`<p>${paragraph.replaceAll('\'', '&#39;')}</p>`);
  expect(html).not.toContain(currentPolicy().texts[other].body[0]!.slice(0, 40));
  expect(textOf(html, 'policy-version')).toBe(currentPolicy().version);
  expect(textOf(html, 'invoice')).toBe(expected.invoice(quote.due));
  expect(textOf(html, 'premium')).toBe(expected.premium(quote.premium));
}


describeEachEngine('quote webhooks and policy versions', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('delivers every quote status change as a signed webhook', async () => {
    const receiver = await startWebhookReceiver();
    const received = receiver.received;
    try {
      const tenant = await service.createTenant();
      const endpoint = await call(service.url, 'POST', '/management/v1/webhook-endpoints', {
        headers: managementHeaders(tenant), json: { url: receiver.url, eventTypes: ['quote.*'] },
      });
      expect(endpoint.status).toBe(201);
      const r = api(service, tenant, 'reinsure');
      const created = await r.create(quoteBody(service));
      await r.action(created.body.id, 'activate');
      await service.sweeper!.runOnce();
      await until(() => (received.length >= 3 ? true : undefined));
      const payloads = received.map((item) => JSON.parse(item.body));
      expect(payloads.map((p) => p.data.status.code).sort()).toEqual(['cover.activated', 'quote.offered', 'quote.pending']);
      expect(payloads[0]).toMatchObject({ type: 'quote.status_changed', entity: { type: 'quote', id: created.body.id } });
      for (const item of received) {
        const signature = String(item.headers['tradecredit-signature']);
        expect(verifySignature(endpoint.body.signingSecret, signature, item.body, Number(/t=(\d+)/.exec(signature)![1]))).toBe(true);
      }
    } finally {
      await receiver.close();
    }
  });

  it('a signature of an older policy version does not count: the seller must sign again', async () => {
    const tenant = await service.createTenant();
    await service.platform.db.insert(insurancePolicySignatures).values({
      id: randomUUID(), tenantId: tenant.tenant.id, sellerCountry: 'SE', sellerIdentifier: '5567549125', policyVersion: '2000-01',
      name: 'Old Signer', email: 'old@example.se', ip: null, signedAt: service.clock.now(),
    });
    const r = api(service, tenant, 'insure');
    const first = await r.create(quoteBody(service));
    expect((await r.get(first.body.id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['sign_and_activate', 'reject']);
    await service.platform.db.insert(insurancePolicySignatures).values({
      id: randomUUID(), tenantId: tenant.tenant.id, sellerCountry: 'SE', sellerIdentifier: '5567549125', policyVersion: currentPolicy().version,
      name: 'New Signer', email: 'new@example.se', ip: null, signedAt: service.clock.now(),
    });
    expect((await r.get(first.body.id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['activate', 'reject']);
    expect((await r.action(first.body.id, 'activate')).body.status.code).toBe('cover.activated');
  });
  describe('the sign-policy page speaks the browser\'s language', () => {
    async function pendingQuote(sellerIdentifier: string) {
      const { insure, id, tenantId, signUrl, quote } = await quoteAwaitingSignature(service, sellerIdentifier);
      return {
        insure, id, tenantId, path: new URL(signUrl).pathname,
        premium: quote.premium_amount as string, due: quote.invoice_due_date as string,
      };
    }
    const open = (path: string, acceptLanguage?: string) =>
      call<string>(service.url, 'GET', path, { headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } });
    const sign = (path: string, form: Record<string, string>, acceptLanguage: string) =>
      call<string>(service.url, 'POST', path, { form, headers: { 'accept-language': acceptLanguage } });

    it('shows the page, the policy, money and dates in Swedish to a Swedish browser and in English to others', async () => {
      const quote = await pendingQuote('5567549125');
      const swedish = await open(quote.path, SWEDISH_BROWSER);
      expect(swedish.status).toBe(200);
      expect(swedish.headers.get('vary')).toMatch(/accept-language/i);
      expectSignPageIn(swedish.text, 'sv', quote);
      const english = await open(quote.path, 'en-GB,en;q=0.9');
      expect(english.status).toBe(200);
      expectSignPageIn(english.text, 'en', quote);
      expectSignPageIn((await open(quote.path)).text, 'en', quote);
    });

    it('weighs the languages by their q-values, and falls back to English when neither is acceptable', async () => {
      const { path } = await pendingQuote('5567549125');
      const langOf = async (acceptLanguage: string) => /<html lang="(\w+)">/.exec((await open(path, acceptLanguage)).text)?.[1];
      expect(await langOf('en;q=0.5, sv;q=0.8')).toBe('sv');
      expect(await langOf('sv;q=0.3, en;q=0.9')).toBe('en');
      expect(await langOf('de, sv;q=0.1')).toBe('sv');
      expect(await langOf('de')).toBe('en');
      expect(await langOf('sv;q=0, de')).toBe('en');
      expect(await open(path, 'en;q=0.5, sv;q=0.8')).toMatchObject({ text: expect.stringContaining('<h1>Signera försäkringsvillkoren</h1>') });
    });

    it('names what is wrong with the form in the chosen language and keeps what was typed', async () => {
      const { insure, id, path } = await pendingQuote('5567549125');
      const badEmail = { name: 'Hello Credable', email: 'not-an-address', accept: 'yes' };
      const swedish = await sign(path, badEmail, SWEDISH_BROWSER);
      expect(swedish.status).toBe(400);
      expect(swedish.text).toContain('<html lang="sv">');
      expect(textOf(swedish.text, 'error-email')).toBe('Ange en giltig e-postadress.');
      expect(swedish.text).toContain('value="not-an-address"');
      const english = await sign(path, badEmail, 'en');
      expect(textOf(english.text, 'error-email')).toBe('Enter a valid e-mail address.');
      const unaccepted = await sign(path, { name: ' ', email: 'hello@credable.se' }, SWEDISH_BROWSER);
      expect(textOf(unaccepted.text, 'error-name')).toBe('Ange ditt fullständiga namn.');
      expect(textOf(unaccepted.text, 'error-accept')).toBe('Godkänn villkoren för att kunna signera.');
      expect((await insure.get(id)).body.status.code).toBe('activation.pending');
    });

    it('confirms a signature in Swedish and records the one policy version; the signed page answers each browser in its language', async () => {
      const { insure, id, tenantId, path } = await pendingQuote('5591293013');
      const signed = await sign(path, { name: 'Hej Credable', email: 'hej@credable.se', accept: 'yes' }, SWEDISH_BROWSER);
      expect(signed.status).toBe(200);
      expect(signed.text).toContain('<html lang="sv">');
      expect(textOf(signed.text, 'result')).toBe('Villkoren är signerade och försäkringen gäller.');
      expect((await insure.get(id)).body.status.code).toBe('cover.activated');
      const signatures = await service.platform.db.select().from(insurancePolicySignatures).where(eq(insurancePolicySignatures.tenantId, tenantId));
      expect(signatures).toEqual([expect.objectContaining({ name: 'Hej Credable', email: 'hej@credable.se', policyVersion: currentPolicy().version })]);
      expect(textOf((await open(path, 'en')).text, 'result')).toBe('The policy is signed and the cover is active.');
      const again = await sign(path, { name: 'Hej Credable', email: 'hej@credable.se', accept: 'yes' }, SWEDISH_BROWSER);
      expect(again.status).toBe(409);
      expect(textOf(again.text, 'result')).toBe('Villkoren är signerade och försäkringen gäller.');
    });

    it('answers a link that leads nowhere in the browser\'s language', async () => {
      const swedish = await open('/app/sign-policy/no-such-quote', SWEDISH_BROWSER);
      expect(swedish.status).toBe(404);
      expect(swedish.text).toContain('<html lang="sv">');
      expect(swedish.text).toContain('<h1>Sidan hittades inte</h1>');
      expect(textOf(swedish.text, 'result')).toBe('Signeringslänken är inte giltig.');
      const other = await open('/app/sign-policy/no-such-quote', 'de');
      expect(other.text).toContain('<html lang="en">');
      expect(textOf(other.text, 'result')).toBe('This signing link is not valid.');
    });
  });
});
