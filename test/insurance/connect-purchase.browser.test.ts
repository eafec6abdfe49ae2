// A seller in Chromium: the quote e-mail arrives over SMTP, its link opens the purchase pages, and the seller confirms
// their identity, signs the policy and pays by invoice; the API, the database and the receipt e-mail agree. The walk is
// made once in English and once in Swedish: every page speaks the language of the request.
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPayments, connectSellers } from '../../src/insurance/connect/schema.js';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { currentPolicy } from '../../src/insurance/policy.js';
import { readExposure } from '../../src/risk/store.js';
import { addDays } from '../../src/platform/dates.js';
import { formatDate } from '../../src/insurance/domain/connect-locale.js';
import { launchBrowser } from '../support/browser.js';
import { describeEachEngine } from '../support/engines.js';
import { connectApi, connectBody, mailTo, requestRow, startConnectService } from './connect-support.js';
import { today } from './support.js';

/** Clicks a submit button and waits for the page the redirect after the POST leads to. */
async function submit(page: Page, button: string, url: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'GET' && response.url() === url),
    page.getByRole('button', { name: button }).click(),
  ]);
}

/** What a seller reads and clicks on the way, in one language. */
interface Walk {
  readonly language: 'sv' | 'en';
  readonly mailPrice: string;
  readonly title: string;
  readonly premium: string;
  readonly steps: { readonly kyc: string; readonly sign: string; readonly pay: string };
  readonly fullName: string;
  readonly personalNumber: string;
  readonly email: string;
  readonly authority: string;
  readonly next: string;
  readonly checkDigit: string;
  readonly accept: string;
  readonly sign: string;
  readonly invoice: string;
  readonly buy: string;
  readonly done: string;
  readonly insured: string;
  readonly coverage: (from: string, to: string) => string;
  readonly receipt: { readonly subject: string; readonly paid: string; readonly window: (from: string, to: string) => string };
}

const WALKS: readonly Walk[] = [
  {
    language: 'en', mailPrice: 'Insurance price: SEK 145.00', title: 'Insure your invoice', premium: 'SEK 145.00',
    steps: { kyc: 'Confirm your identity', sign: 'Sign the insurance policy', pay: 'Pay the premium' },
    fullName: 'Full name', personalNumber: 'Personal identity number', email: 'E-mail', authority: 'I am authorised to sign',
    next: 'Continue', checkDigit: 'The personal identity number is not valid (check digit).', accept: 'I have read and accept the policy',
    sign: 'Sign the policy', invoice: 'Invoice', buy: 'Buy the insurance', done: 'Purchase complete', insured: 'Your invoice is insured',
    coverage: (from, to) => `${formatDate(from, 'en')} to ${formatDate(to, 'en')}`,
    receipt: { subject: 'Receipt: your credit insurance', paid: 'Paid: SEK 145.00', window: (from, to) => `Covers invoices to this customer sent ${formatDate(from, 'en')} to ${formatDate(to, 'en')}.` },
  },
  {
    language: 'sv', mailPrice: 'Pris för försäkringen: 145,00 kr', title: 'Försäkra din faktura', premium: '145,00 kr',
    steps: { kyc: 'Bekräfta din identitet', sign: 'Signera försäkringsvillkoren', pay: 'Betala premien' },
    fullName: 'Fullständigt namn', personalNumber: 'Personnummer', email: 'E-postadress', authority: 'Jag har rätt att teckna avtal',
    next: 'Fortsätt', checkDigit: 'Personnumret är inte giltigt (kontrollsiffran stämmer inte).', accept: 'Jag har läst och godkänner villkoren',
    sign: 'Signera villkoren', invoice: 'Faktura', buy: 'Köp försäkringen', done: 'Köpet är klart', insured: 'Din faktura är försäkrad',
    coverage: (from, to) => `${formatDate(from, 'sv')} – ${formatDate(to, 'sv')}`,
    receipt: { subject: 'Kvitto: din kreditförsäkring', paid: 'Betalt: 145,00 kr', window: (from, to) => `Gäller fakturor till kunden skickade ${formatDate(from, 'sv')} – ${formatDate(to, 'sv')}.` },
  },
];

describeEachEngine('Connect purchase in a browser', (engine) => {
  let running: Awaited<ReturnType<typeof startConnectService>>;
  let browser: Browser;
  beforeAll(async () => {
    [running, browser] = await Promise.all([startConnectService(engine), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it.each(WALKS)('a new seller ($language) opens the e-mailed link, confirms identity, signs, pays by invoice and gets the receipt', async (walk) => {
    const { service, smtp } = running;
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const sellerEmail = `browser-${engine}-${walk.language}@example.se`;
    const created = await api.create(connectBody(service, { seller_email: sellerEmail, seller_language: walk.language, seller_first_name: 'Hello' }));
    expect(created.body).toMatchObject({ pending: true, success: false, new_user: true });
    const mail = await mailTo(smtp.received, sellerEmail);
    expect(mail.text).toContain(walk.mailPrice);
    const url = mail.link!;

    const page = await browser.newPage();
    try {
      await page.goto(url);
      expect(await page.locator('html').getAttribute('lang')).toBe(walk.language);
      expect(await page.locator('h1').textContent()).toBe(walk.title);
      expect(await page.locator('#buyer-name').textContent()).toBe('Exempel Grossist AB');
      expect(await page.locator('#premium').textContent()).toBe(walk.premium);
      expect(await page.locator('h2').textContent()).toBe(walk.steps.kyc);

      // A personal identity number with a wrong check digit: the server shows the form again with the field's error.
      await page.getByLabel(walk.fullName).fill('Hanna Credable');
      await page.getByLabel(walk.personalNumber).fill('19811218-9875');
      await page.getByLabel(walk.email).fill('hanna@credable.se');
      await page.getByLabel(walk.authority).check();
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: walk.next }).click(),
      ]);
      expect(refused.status()).toBe(400);
      await expect.poll(() => page.locator('#error-personal_number').textContent()).toBe(walk.checkDigit);
      expect(await page.getByLabel(walk.fullName).inputValue()).toBe('Hanna Credable');

      await page.getByLabel(walk.personalNumber).fill('19811218-9876');
      await page.getByLabel(walk.authority).check();
      await submit(page, walk.next, url);
      await expect.poll(() => page.locator('h2').textContent()).toBe(walk.steps.sign);
      expect(await page.locator('#policy-version').textContent()).toBe(currentPolicy().version);
      expect(await page.locator('#policy').textContent()).toContain(currentPolicy().texts[walk.language].body[0]);
      expect(await page.getByLabel(walk.fullName).inputValue()).toBe('Hanna Credable');

      await page.getByLabel(walk.accept).check();
      await submit(page, walk.sign, url);
      await expect.poll(() => page.locator('h2').textContent()).toBe(walk.steps.pay);
      expect(await page.getByLabel(walk.invoice).isChecked()).toBe(true);

      await submit(page, walk.buy, url);
      await expect.poll(() => page.locator('h1').textContent()).toBe(walk.done);
      expect(await page.locator('html').getAttribute('lang')).toBe(walk.language);
      expect(await page.locator('#result').textContent()).toContain(walk.insured);
      expect(await page.locator('#payment-reference').textContent()).toBe(`CQ-${created.body.id}`);
      expect(await page.locator('#coverage').textContent()).toBe(walk.coverage(addDays(today(service), -15), addDays(today(service), 15)));
    } finally {
      await page.close();
    }

    expect((await api.get(created.body.id)).body).toMatchObject({ pending: false, success: true, new_user: true });
    expect(await requestRow(service, created.body.id)).toMatchObject({ status: 'purchased', coverFrom: addDays(today(service), -15), exposureHeld: 1_000_000 });
    expect(await readExposure(service.platform.db, tenant.tenant.id, 'SE', '5567104046')).toMatchObject({ exposure: 1_000_000 });
    const [seller] = await service.platform.db.select().from(connectSellers).where(eq(connectSellers.tenantId, tenant.tenant.id));
    expect(seller).toMatchObject({ representativeName: 'Hanna Credable', personalNumber: '198112189876', authorityConfirmed: true });
    const [signature] = await service.platform.db.select().from(insurancePolicySignatures).where(eq(insurancePolicySignatures.tenantId, tenant.tenant.id));
    expect(signature).toMatchObject({ name: 'Hanna Credable', email: 'hanna@credable.se', policyVersion: currentPolicy().version, quoteId: created.body.id });
    const payments = await service.platform.db.select().from(connectPayments).where(eq(connectPayments.quoteRequestId, created.body.id));
    expect(payments).toMatchObject([{ provider: 'invoice', amount: 14_500, currency: 'SEK', status: 'awaiting_payment' }]);

    const receipt = await mailTo(smtp.received, sellerEmail, 2);
    expect(receipt.subject).toBe(walk.receipt.subject);
    expect(receipt.text).toContain(walk.receipt.paid);
    expect(receipt.text).toContain(walk.receipt.window(addDays(today(service), -15), addDays(today(service), 15)));
  });
});
