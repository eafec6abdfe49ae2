// The seller's side, over real HTTP and real SMTP: the quote e-mail (sv/en), the link, identity confirmation, policy
// signing and payment by invoice; returning sellers, a newer policy version, expiry at 24 h, racing payments.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import type { TestService, TestTenant } from '../support/service.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { events } from '../../src/platform/db/schema.js';
import { connectPayments, connectSellers } from '../../src/insurance/connect/schema.js';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { POLICY_DOCUMENTS, currentPolicy, type PolicyDocument } from '../../src/insurance/policy.js';
import { readExposure } from '../../src/risk/store.js';
import { addDays } from '../../src/platform/dates.js';
import { formatDate } from '../../src/insurance/domain/connect-locale.js';
import {
  KYC_FORM, PAY_FORM, SIGN_FORM, connectApi, connectBody, expectLanguage, expectStep, mailTo, openPage, requestRow, startConnectService,
  submitForm, visibleText,
} from './connect-support.js';
import { today } from './support.js';

describeEachEngine('Connect purchase over HTTP and SMTP', (engine) => {
  let running: Awaited<ReturnType<typeof startConnectService>>;
  let service: TestService;
  let counter = 0;
  beforeAll(async () => {
    running = await startConnectService(engine);
    service = running.service;
  });
  afterAll(async () => running?.stop());
  afterEach(() => {
    (POLICY_DOCUMENTS as PolicyDocument[]).splice(1);
  });

  /** A fresh tenant and a seller address no other test uses. */
  async function quote(overrides: Record<string, unknown> = {}) {
    counter += 1;
    const tenant = await service.createTenant();
    const email = `seller-${engine}-${counter}@example.se`;
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { seller_email: email, ...overrides }));
    expect(created.status, created.text).toBe(201);
    return { tenant, api, email, id: created.body.id as string, created: created.body };
  }

  async function requestAgain(tenant: TestTenant, email: string, overrides: Record<string, unknown> = {}) {
    const created = await connectApi(service, tenant).create(connectBody(service, { seller_email: email, ...overrides }));
    return created.body.id as string;
  }

  it('new seller: Swedish e-mail with buyer name, identifier, premium and link; KYC → sign → pay by invoice → receipt, on Swedish pages', async () => {
    const { tenant, api, email, id } = await quote({ seller_first_name: 'Hello' });
    const mail = await mailTo(running.smtp.received, email);
    expect(mail.subject).toBe('Kreditförsäkring för din faktura till Exempel Grossist AB');
    expect(mail.text).toContain('Hej Hello!');
    expect(mail.text).toContain('Kund: Exempel Grossist AB');
    expect(mail.text).toContain('Organisationsnummer: SE 5567104046');
    expect(mail.text).toContain('Pris för försäkringen: 145,00 kr');
    expect(mail.text).toContain('Fakturabelopp: 10\u00a0000,00 kr');
    expect(mail.raw).toContain('Content-Language: sv');
    expect(mail.link).toMatch(new RegExp(`^${service.url}/app/connect/purchase/[A-Za-z0-9_-]{43}$`));
    expect(await api.get(id)).toMatchObject({ body: { pending: false, success: true, new_user: true } });

    const offer = await openPage(mail.link!);
    expectStep(offer, 'Bekräfta din identitet');
    expectLanguage(offer, 'sv');
    expect(offer.text).toContain('<h1>Försäkra din faktura</h1>');
    expect(offer.text).toContain('<dt>Kund</dt><dd id="buyer-name">Exempel Grossist AB</dd>');
    expect(offer.text).toContain('<dd id="invoice-amount">10\u00a0000,00 kr</dd>');
    expect(offer.text).toContain('<dt>Premie</dt><dd id="premium">145,00 kr</dd>');
    expect(offer.text).toContain(`<dd id="coverage">${formatDate(addDays(today(service), -15), 'sv')} – ${formatDate(addDays(today(service), 15), 'sv')}</dd>`);
    expect(offer.text).toMatch(/<dt>Erbjudandet gäller till<\/dt><dd id="expires">\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}<\/dd>/);
    expect(visibleText(offer.text)).toContain('Personnummer (ÅÅÅÅMMDD-NNNN)');
    expect(offer.headers.get('referrer-policy')).toBe('same-origin');

    const bad = await submitForm(mail.link!, { step: 'kyc', representative_name: ' ', personal_number: '19811218-9875', email: 'nope', authority: '' });
    expect(bad.status).toBe(400);
    expectLanguage(bad, 'sv');
    for (const fieldName of ['representative_name', 'personal_number', 'email', 'authority']) expect(bad.text).toContain(`id="error-${fieldName}"`);
    expect(bad.text).toContain('role="alert">Personnumret är inte giltigt (kontrollsiffran stämmer inte).</span>');
    expect(bad.text).toContain('Ange fullständigt namn på den som företräder företaget.');
    expect(bad.text).toContain('Ange en giltig e-postadress.');
    expect(bad.text).toContain('Bekräfta att du har rätt att teckna avtal för företaget.');

    const signPage = await submitForm(mail.link!, KYC_FORM);
    expectStep(signPage, 'Signera försäkringsvillkoren');
    expectLanguage(signPage, 'sv');
    expect(signPage.text).toContain(`Villkorsversion <strong id="policy-version">${currentPolicy().version}</strong>: Villkor för fakturaförsäkring`);
    expect(signPage.text).toContain(currentPolicy().texts.sv.body[0]);
    expect(signPage.text).toContain('<button type="submit">Signera villkoren</button>');
    const [seller] = await service.platform.db.select().from(connectSellers).where(eq(connectSellers.tenantId, tenant.tenant.id));
    expect(seller).toMatchObject({ representativeName: 'Hanna Credable', personalNumber: '198112189876', email: 'hanna@credable.se', authorityConfirmed: true, quoteRequestId: id });

    const unsigned = await submitForm(mail.link!, { step: 'sign', name: 'Hanna Credable', email: 'hanna@credable.se' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.text).toContain('id="error-accept" role="alert">Godkänn villkoren för att kunna signera.</span>');
    const payPage = await submitForm(mail.link!, SIGN_FORM);
    expectStep(payPage, 'Betala premien');
    expectLanguage(payPage, 'sv');
    expect(visibleText(payPage.text)).toContain('Betalningssätt Faktura: Vi skickar en faktura på premien med 30 dagars betalningstid. Köp försäkringen');
    const [signature] = await service.platform.db.select().from(insurancePolicySignatures).where(eq(insurancePolicySignatures.tenantId, tenant.tenant.id));
    expect(signature).toMatchObject({ policyVersion: currentPolicy().version, quoteId: id, name: 'Hanna Credable', email: 'hanna@credable.se', ip: '127.0.0.1' });
    expect(signature!.signedAt.getTime()).toBe(service.clock.now().getTime());

    const done = await submitForm(mail.link!, PAY_FORM);
    expect(done.status).toBe(200);
    expectLanguage(done, 'sv');
    expect(done.text).toContain('<h1>Köpet är klart</h1>');
    expect(done.text).toContain('<p id="result">Din faktura är försäkrad. Ett kvitto har skickats till din e-post.</p>');
    expect(done.text).toContain(`Betalning: 145,00 kr (Faktura), referens <strong id="payment-reference">CQ-${id}</strong>, förfaller ${formatDate(addDays(today(service), 30), 'sv')}.`);
    const row = await requestRow(service, id);
    expect(row).toMatchObject({ status: 'purchased', coverFrom: addDays(today(service), -15), coverTo: addDays(today(service), 15), exposureHeld: 1_000_000 });
    const [payment] = await service.platform.db.select().from(connectPayments).where(eq(connectPayments.quoteRequestId, id));
    expect(payment).toMatchObject({ provider: 'invoice', status: 'awaiting_payment', amount: 14_500, currency: 'SEK', reference: `CQ-${id}`, dueDate: addDays(today(service), 30) });
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 1_000_000 });

    const receipt = await mailTo(running.smtp.received, email, 2);
    expect(receipt.subject).toBe('Kvitto: din kreditförsäkring');
    expect(receipt.text).toContain('Betalt: 145,00 kr');
    expect(receipt.text).toContain(`skickade ${formatDate(addDays(today(service), -15), 'sv')} – ${formatDate(addDays(today(service), 15), 'sv')}.`);
    expect(await api.get(id)).toMatchObject({ body: { pending: false, success: true, new_user: true } });
    expect((await openPage(mail.link!)).text).toContain('<h1>Köpet är klart</h1>');
  });

  it('en: the same flow on English pages, with the English form errors, amounts and dates', async () => {
    const { id, email } = await quote({ seller_language: 'en' });
    const { link } = await mailTo(running.smtp.received, email);
    const offer = await openPage(link!);
    expectStep(offer, 'Confirm your identity');
    expectLanguage(offer, 'en');
    expect(offer.text).toContain('<h1>Insure your invoice</h1>');
    expect(offer.text).toContain('<dt>Premium</dt><dd id="premium">SEK 145.00</dd>');
    expect(offer.text).toContain('<dd id="invoice-amount">SEK 10,000.00</dd>');
    expect(offer.text).toContain(`<dd id="coverage">${formatDate(addDays(today(service), -15), 'en')} to ${formatDate(addDays(today(service), 15), 'en')}</dd>`);
    expect(offer.text).toMatch(/<dd id="expires">\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}<\/dd>/);

    const bad = await submitForm(link!, { ...KYC_FORM, personal_number: '19811218-9875', authority: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('role="alert">The personal identity number is not valid (check digit).</span>');
    expect(bad.text).toContain('Confirm that you are authorised to sign for the company.');
    const signPage = await submitForm(link!, KYC_FORM);
    expectStep(signPage, 'Sign the insurance policy');
    expect(signPage.text).toContain(`Policy version <strong id="policy-version">${currentPolicy().version}</strong>: Invoice insurance policy`);
    const payPage = await submitForm(link!, SIGN_FORM);
    expectStep(payPage, 'Pay the premium');
    expect(visibleText(payPage.text)).toContain('Payment method Invoice: We send you an invoice for the premium, payable within 30 days. Buy the insurance');
    const done = await submitForm(link!, PAY_FORM);
    expectLanguage(done, 'en');
    expect(done.text).toContain('<h1>Purchase complete</h1>');
    expect(done.text).toContain(`Payment: SEK 145.00 (Invoice), reference <strong id="payment-reference">CQ-${id}</strong>, due ${formatDate(addDays(today(service), 30), 'en')}.`);
  });

  it('English e-mail for en and for untranslated languages; an unknown buyer is named by its identifier', async () => {
    const en = await quote({ seller_language: 'en', seller_first_name: 'Alex' });
    const english = await mailTo(running.smtp.received, en.email);
    expect(english.subject).toBe('Credit insurance for your invoice to Exempel Grossist AB');
    expect(english.text).toContain('Hi Alex,');
    expect(english.text).toContain('Insurance price: SEK 145.00');
    const de = await quote({ seller_language: 'de', buyer_identifier: '5560360793', seller_first_name: undefined });
    const fallback = await mailTo(running.smtp.received, de.email);
    expect(fallback.subject).toBe('Credit insurance for your invoice to SE 5560360793');
    expect(fallback.text).toContain('Hi,');
    expect(fallback.raw).toContain('Content-Language: en');
    const page = await openPage(fallback.link!);
    expectStep(page, 'Confirm your identity');
    expectLanguage(page, 'en');
  });

  it('returning seller goes straight to payment; a newer policy version makes them sign again', async () => {
    const { tenant, email } = await quote();
    const first = await mailTo(running.smtp.received, email);
    await submitForm(first.link!, KYC_FORM);
    await submitForm(first.link!, SIGN_FORM);
    await submitForm(first.link!, PAY_FORM);

    const secondId = await requestAgain(tenant, email);
    expect((await connectApi(service, tenant).get(secondId)).body.new_user).toBe(false);
    const second = await mailTo(running.smtp.received, email, 3);
    const page = await openPage(second.link!);
    expectStep(page, 'Betala premien');
    expect(page.text).not.toContain('Bekräfta din identitet');
    const unknownMethod = await submitForm(second.link!, { step: 'pay', method: 'bitcoin' });
    expect(unknownMethod.status).toBe(400);
    expect(unknownMethod.text).toContain('id="error-method" role="alert">Välj ett betalningssätt.</span>');
    expect((await submitForm(second.link!, PAY_FORM)).text).toContain('Din faktura är försäkrad');

    (POLICY_DOCUMENTS as PolicyDocument[]).push({
      version: '2099-01',
      texts: { en: { title: 'Invoice insurance policy (revised)', body: ['Revised terms.'] }, sv: { title: 'Villkor (reviderade)', body: ['Nya villkor.'] } },
    });
    const thirdId = await requestAgain(tenant, email);
    const third = await mailTo(running.smtp.received, email, 5);
    const resign = await openPage(third.link!);
    expectStep(resign, 'Signera försäkringsvillkoren');
    expect(resign.text).toContain('<strong id="policy-version">2099-01</strong>: Villkor (reviderade)');
    expect(resign.text).toContain('<p>Nya villkor.</p>');
    expect(resign.text).toContain('value="Hanna Credable"');
    expectStep(await submitForm(third.link!, SIGN_FORM), 'Betala premien');
    expect((await submitForm(third.link!, PAY_FORM)).status).toBe(200);
    const versions = await service.platform.db.select({ version: insurancePolicySignatures.policyVersion }).from(insurancePolicySignatures)
      .where(eq(insurancePolicySignatures.tenantId, tenant.tenant.id));
    expect(versions.map((v) => v.version).sort()).toEqual(['2026-01', '2099-01']);
    expect((await requestRow(service, thirdId)).status).toBe('purchased');
  });

  it('ten parallel payments buy exactly once', async () => {
    const { tenant, email, id } = await quote();
    const mail = await mailTo(running.smtp.received, email);
    await submitForm(mail.link!, KYC_FORM);
    await submitForm(mail.link!, SIGN_FORM);
    const answers = await Promise.all(Array.from({ length: 10 }, () => submitForm(mail.link!, PAY_FORM)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.every((a) => a.text.includes('Din faktura är försäkrad'))).toBe(true);
    expect(await service.platform.db.select().from(connectPayments).where(eq(connectPayments.quoteRequestId, id))).toHaveLength(1);
    const purchased = await service.platform.db.select().from(events).where(and(eq(events.tenantId, tenant.tenant.id), eq(events.entityId, id)));
    expect(purchased.filter((e) => (e.data as { status: string }).status === 'purchased')).toHaveLength(1);
    await mailTo(running.smtp.received, email, 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(running.smtp.received.filter((m) => m.to.includes(email))).toHaveLength(2);
  });

  it('expires 24 h after the e-mail by the tenant clock: expired page, exposure released (lazily and by the sweep)', async () => {
    const { tenant, email, id } = await quote();
    const mail = await mailTo(running.smtp.received, email);
    await submitForm(mail.link!, KYC_FORM);
    const second = await quote();
    await mailTo(running.smtp.received, second.email);
    const english = await quote({ seller_language: 'en' });
    const englishMail = await mailTo(running.smtp.received, english.email);
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 1_000_000 });
    const priced = await requestRow(service, id);
    service.clock.set(new Date(priced.expiresAt!.getTime() - 1000));
    expectStep(await openPage(mail.link!), 'Signera försäkringsvillkoren');
    service.clock.advance(1000);
    const expired = await openPage(mail.link!);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('<h1>Erbjudandet har gått ut</h1>');
    expect(expired.text).toContain('Begär en ny offert om du vill försäkra fakturan.');
    expectLanguage(expired, 'sv');
    expect(await requestRow(service, id)).toMatchObject({ status: 'expired', exposureHeld: 0 });
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 0 });
    expect((await submitForm(mail.link!, PAY_FORM)).status).toBe(410);
    expect(await service.platform.db.select().from(connectPayments).where(eq(connectPayments.quoteRequestId, id))).toHaveLength(0);

    await service.sweeper!.runOnce();
    expect(await requestRow(service, second.id)).toMatchObject({ status: 'expired', exposureHeld: 0 });
    expect(await readExposure(service.platform.db, second.tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 0 });
    expect(await connectApi(service, second.tenant).get(second.id)).toMatchObject({ body: { pending: false, success: true } });
    service.clock.advance(60_000); // past the English offer's own 24 h, priced a moment after the first
    const expiredInEnglish = await openPage(englishMail.link!);
    expect(expiredInEnglish.status).toBe(410);
    expect(expiredInEnglish.text).toContain('<h1>This offer has expired</h1>');
    expectLanguage(expiredInEnglish, 'en');
  });

  it('a purchased cover holds the exposure until the claim window of its last invoice has closed', async () => {
    const { tenant, email, id } = await quote({ invoice_payment_terms: 10 });
    const mail = await mailTo(running.smtp.received, email);
    for (const form of [KYC_FORM, SIGN_FORM, PAY_FORM]) await submitForm(mail.link!, form);
    const bought = await requestRow(service, id);
    // cover_to + 10 days' terms + 30 days' claim window, released on the next business day
    const lastDay = addDays(bought.coverTo!, 40);
    expect(bought.deadlineAt!.toISOString()).toBe(new Date(`${addDays(lastDay, 1)}T00:00:00+01:00`).toISOString());
    service.clock.set(new Date(bought.deadlineAt!.getTime() - 1000));
    await service.sweeper!.runOnce();
    expect((await requestRow(service, id)).status).toBe('purchased');
    service.clock.advance(1000);
    await service.sweeper!.runOnce();
    expect(await requestRow(service, id)).toMatchObject({ status: 'ended', exposureHeld: 0 });
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 0 });
    expect((await openPage(mail.link!)).text).toContain('<p id="result">Den här försäkringen har upphört.</p>');
  });

  it('refuses cross-site posts, answers garbled or unknown links with a 404 page, never a 500', async () => {
    const { email, id } = await quote();
    const mail = await mailTo(running.smtp.received, email);
    const refused = await submitForm(mail.link!, KYC_FORM, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<h1>Begäran nekades</h1>');
    expectLanguage(refused, 'sv');
    expect((await submitForm(mail.link!, KYC_FORM, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await submitForm(mail.link!, KYC_FORM, { origin: 'null' })).status).toBe(403);
    expectStep(await openPage(mail.link!), 'Bekräfta din identitet');
    expect((await requestRow(service, id)).status).toBe('priced');
    for (const token of ['x', 'A'.repeat(43), `${mail.link!.split('/').pop()!.slice(0, 42)}!`]) {
      const page = await call(service.url, 'GET', `/app/connect/purchase/${encodeURIComponent(token)}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('This link is not valid');
      expectLanguage(page, 'en');
      const swedishBrowser = await call(service.url, 'GET', `/app/connect/purchase/${encodeURIComponent(token)}`, { headers: { 'accept-language': 'de;q=1, sv-SE;q=0.9, en;q=0.8' } });
      expect(swedishBrowser.status).toBe(404);
      expect(swedishBrowser.text).toContain('<h1>Erbjudandet hittades inte</h1>');
      expectLanguage(swedishBrowser, 'sv');
      expect((await call(service.url, 'POST', `/app/connect/purchase/${encodeURIComponent(token)}`, { form: PAY_FORM })).status).toBe(404);
    }
    const url = new URL(mail.link!);
    for (const body of ['{"step":', 'step=pay&method=', '\u0000']) {
      for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
        const response = await call(url.origin, 'POST', url.pathname, { body, headers: { 'content-type': type } });
        expect(response.status, `${type} ${body}`).toBeLessThan(500);
      }
    }
    expect((await submitForm(mail.link!, { step: 'pay', method: 'invoice' })).text).toContain('<h2>Bekräfta din identitet</h2>');
  });

  it('delivers quote_request.status_changed webhooks: pending, priced, purchased', async () => {
    const receiver = await startWebhookReceiver();
    try {
      counter += 1;
      const tenant = await service.createTenant();
      const email = `hooks-${engine}@example.se`;
      await call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers: managementHeaders(tenant), json: { url: receiver.url, eventTypes: ['quote_request.*'] } });
      const id = await requestAgain(tenant, email);
      const mail = await mailTo(running.smtp.received, email);
      for (const form of [KYC_FORM, SIGN_FORM, PAY_FORM]) await submitForm(mail.link!, form);
      await service.sweeper!.runOnce();
      const payloads = await until(() => (receiver.received.length >= 3 ? receiver.received.map((r) => JSON.parse(r.body)) : undefined));
      // Deliveries run in parallel, so they may arrive in any order.
      expect(payloads.map((p) => p.data.status).sort()).toEqual(['pending', 'priced', 'purchased']);
      expect(payloads.find((p) => p.data.status === 'purchased')).toMatchObject({
        type: 'quote_request.status_changed', entity: { type: 'quote_request', id },
        data: { id, previous_status: 'priced', pending: false, success: true, premium_amount: '145.00', premium_amount_currency: 'SEK', cover_from: addDays(today(service), -15) },
      });
    } finally {
      await receiver.close();
    }
  });
});
