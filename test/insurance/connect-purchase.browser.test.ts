// A seller in Chromium: the quote e-mail arrives over SMTP, its link opens the purchase pages, and the seller confirms
// their identity, signs the policy and pays by invoice; the API, the database and the receipt e-mail agree.
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPayments, connectSellers } from '../../src/insurance/connect/schema.js';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { currentPolicy } from '../../src/insurance/policy.js';
import { readExposure } from '../../src/risk/store.js';
import { addDays } from '../../src/risk/business-date.js';
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

  it('a new seller opens the e-mailed link, confirms identity, signs, pays by invoice and gets the receipt', async () => {
    const { service, smtp } = running;
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { seller_email: `browser-${engine}@example.se`, seller_language: 'en', seller_first_name: 'Hello' }));
    expect(created.body).toMatchObject({ pending: true, success: false, new_user: true });
    const mail = await mailTo(smtp.received, `browser-${engine}@example.se`);
    expect(mail.text).toContain('Insurance price: SEK 145.00');
    const url = mail.link!;

    const page = await browser.newPage();
    try {
      await page.goto(url);
      expect(await page.locator('h1').textContent()).toBe('Insure your invoice');
      expect(await page.locator('#buyer-name').textContent()).toBe('Exempel Grossist AB');
      expect(await page.locator('#premium').textContent()).toBe('145.00 SEK');
      expect(await page.locator('h2').textContent()).toBe('Confirm your identity');

      // A personal identity number with a wrong check digit: the server shows the form again with the field's error.
      await page.getByLabel('Full name').fill('Hanna Credable');
      await page.getByLabel('Personal identity number').fill('19811218-9875');
      await page.getByLabel('E-mail').fill('hanna@credable.se');
      await page.getByLabel('I am authorised to sign').check();
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: 'Continue' }).click(),
      ]);
      expect(refused.status()).toBe(400);
      await expect.poll(() => page.locator('#error-personal_number').textContent()).toContain('check digit');
      expect(await page.getByLabel('Full name').inputValue()).toBe('Hanna Credable');

      await page.getByLabel('Personal identity number').fill('19811218-9876');
      await page.getByLabel('I am authorised to sign').check();
      await submit(page, 'Continue', url);
      await expect.poll(() => page.locator('h2').textContent()).toBe('Sign the insurance policy');
      expect(await page.locator('#policy-version').textContent()).toBe(currentPolicy().version);
      expect(await page.getByLabel('Full name').inputValue()).toBe('Hanna Credable');

      await page.getByLabel('I have read and accept the policy').check();
      await submit(page, 'Sign the policy', url);
      await expect.poll(() => page.locator('h2').textContent()).toBe('Pay the premium');
      expect(await page.getByLabel('Invoice').isChecked()).toBe(true);

      await submit(page, 'Buy the insurance', url);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Purchase complete');
      expect(await page.locator('#result').textContent()).toContain('Your invoice is insured');
      expect(await page.locator('#payment-reference').textContent()).toBe(`CQ-${created.body.id}`);
      expect(await page.locator('#coverage').textContent()).toBe(`${addDays(today(service), -15)} to ${addDays(today(service), 15)}`);
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

    const receipt = await mailTo(smtp.received, `browser-${engine}@example.se`, 2);
    expect(receipt.subject).toBe('Receipt: your credit insurance');
    expect(receipt.text).toContain('Paid: SEK 145.00');
    expect(receipt.text).toContain(`Covers invoices to this customer sent ${addDays(today(service), -15)} to ${addDays(today(service), 15)}.`);
  });
});
