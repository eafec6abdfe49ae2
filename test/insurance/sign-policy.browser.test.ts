import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { currentPolicy } from '../../src/insurance/policy.js';
import { launchBrowser, onTestService } from '../support/browser.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { quoteAwaitingSignature } from './support.js';

/** The bits of a DOM input element the test reads inside the page (the project's TypeScript has no DOM lib). */
interface FormInput { type: string; validity: { valueMissing: boolean } }

describeEachEngine('sign-policy page in a browser', (engine) => {
  let service: TestService;
  let browser: Browser;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ engine }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function pendingQuote(sellerIdentifier: string) {
    const { insure, id, tenantId, signUrl } = await quoteAwaitingSignature(service, sellerIdentifier);
    return { insure, id, tenantId, url: onTestService(signUrl, service.url) };
  }

  it('the seller opens the sign-policy link, signs, and the quote becomes cover.activated', async () => {
    const { insure, id, tenantId, url } = await pendingQuote('5567549125');
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Sign the insurance policy');
      expect(await page.locator('#policy').textContent()).toContain(currentPolicy().texts.en.body[0]);

      await page.getByLabel('Full name').fill('Hello Credable');
      await page.getByLabel('E-mail').fill('hello@credable.se');
      await page.getByLabel('I have read and accept the policy').check();
      await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Sign and activate' }).click()]);
      expect(await page.locator('#result').textContent()).toBe('The policy is signed and the cover is active.');

      expect((await insure.get(id)).body.status).toEqual({ code: 'cover.activated', reason: null });
      const [signature] = await service.platform.db.select().from(insurancePolicySignatures)
        .where(eq(insurancePolicySignatures.tenantId, tenantId));
      expect(signature).toMatchObject({ name: 'Hello Credable', email: 'hello@credable.se', policyVersion: currentPolicy().version });
      expect(signature!.ip).toMatch(/127\.0\.0\.1|::1/);

      await page.reload();
      expect(await page.locator('#result').textContent()).toBe('The policy is signed and the cover is active.');
    } finally {
      await page.close();
    }
  });

  it('a Swedish browser gets the page in Swedish, signs there, and the quote becomes cover.activated', async () => {
    const { insure, id, tenantId, url } = await pendingQuote('5567549125');
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    try {
      const [response] = await Promise.all([page.waitForResponse(url), page.goto(url)]);
      expect(await response.request().headerValue('accept-language')).toMatch(/^sv-SE/);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Signera försäkringsvillkoren');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      expect(await page.locator('#policy').textContent()).toContain(currentPolicy().texts.sv.body[0]);
      expect(await page.locator('#invoice').textContent()).toMatch(/^10\u00a0010,00 kr, förfaller \d{1,2} [a-zåäö]+ \d{4}$/);

      await page.getByLabel('Fullständigt namn').fill('Hej Credable');
      await page.getByLabel('E-postadress').fill('hej@credable.se');
      await page.getByLabel('Jag har läst och godkänner villkoren').check();
      await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Signera och aktivera' }).click()]);
      expect(await page.locator('#result').textContent()).toBe('Villkoren är signerade och försäkringen gäller.');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');

      expect((await insure.get(id)).body.status).toEqual({ code: 'cover.activated', reason: null });
      const [signature] = await service.platform.db.select().from(insurancePolicySignatures)
        .where(eq(insurancePolicySignatures.tenantId, tenantId));
      expect(signature).toMatchObject({ name: 'Hej Credable', email: 'hej@credable.se', policyVersion: currentPolicy().version });
    } finally {
      await context.close();
    }
  });

  it('the browser refuses to submit without accepting the policy, and the server refuses a bad e-mail', async () => {
    const { insure, id, url } = await pendingQuote('5591293013');
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByLabel('Full name').fill('Hello Credable');
      await page.getByLabel('E-mail').fill('hello@credable.se');
      await page.getByRole('button', { name: 'Sign and activate' }).click();
      expect(await page.getByLabel('I have read and accept the policy').evaluate((box) => (box as unknown as FormInput).validity.valueMissing)).toBe(true);
      expect((await insure.get(id)).body.status.code).toBe('activation.pending');

      // Past the browser's own checks (as a script or an old browser would send it): the server answers with the form again.
      await page.getByLabel('E-mail').evaluate((input) => { (input as unknown as FormInput).type = 'text'; });
      await page.getByLabel('E-mail').fill('not-an-address');
      await page.getByLabel('I have read and accept the policy').check();
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign and activate' }).click()]);
      expect(response.status()).toBe(400);
      expect(await page.getByRole('alert').textContent()).toBe('Enter a valid e-mail address.');
      expect((await insure.get(id)).body.status.code).toBe('activation.pending');
    } finally {
      await page.close();
    }
  });
});
