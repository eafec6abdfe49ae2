// A seller in Chromium, by keyboard only: asks for a sign-in link, opens it from the stored `.eml`, sees the insured
// invoice, its receipt and a claim, and signs out; every page is checked by axe-core (WCAG 2.1 A/AA) and the main
// ones are photographed for docs/insurance-guide.md. Then a Swedish seller sees the same in Swedish, in kronor.
import { accessibilityViolations } from '../../support/axe.js';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/platform/dates.js';
import { formatDate } from '../../../src/insurance/domain/connect-locale.js';
import { launchBrowser, onTestService } from '../../support/browser.js';
import { docScreenshot } from '../../support/screenshots.js';
import type { TestService } from '../../support/service.js';
import { today } from '../support.js';
import {
  type BoughtCover, DASHBOARD, buyConnectCover, claimedReinsureInvoice, linkIn, newSellerNumber, startDashboardService, storedMail,
} from './support.js';

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/insurance-guide/', import.meta.url));

interface FocusedDocument { document: { activeElement: { matches(selector: string): boolean } | null } }

/** Presses Tab until the focused element matches `selector` (at most 40 presses); the keyboard is the only way round. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => (globalThis as unknown as FocusedDocument).document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Focuses `selector` by keyboard and presses Enter, waiting for the page it leads to. */
async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), page.url()).toEqual([]);
}

describe('seller dashboard in a browser', () => {
  let service: TestService;
  let browser: Browser;
  let english: BoughtCover;
  let swedish: BoughtCover;
  const englishEmail = 'anna@browser.example.se';
  const swedishEmail = 'sven@browser.example.se';

  beforeAll(async () => {
    [service, browser] = await Promise.all([startDashboardService('pglite'), launchBrowser()]);
    const tenant = await service.createTenant();
    const seller = newSellerNumber();
    english = await buyConnectCover(service, tenant, { identifier: seller, email: englishEmail, invoiceNumber: 'F-1001', amount: '12500.50' });
    swedish = await buyConnectCover(service, tenant, { identifier: newSellerNumber(), email: swedishEmail, language: 'sv', invoiceNumber: 'F-2002' });
    // Last: a claim pending on the buyer stops new quotes on it.
    await claimedReinsureInvoice(service, tenant, seller, 'R-4004');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  /** Asks for a link on the sign-in page by keyboard and returns the link read from the stored `.eml`. */
  async function askForLink(page: Page, email: string, screenshot?: string): Promise<string> {
    await page.goto(`${service.url}${DASHBOARD}/sign-in`);
    await expectAccessible(page);
    if (screenshot) await docScreenshot(page, `${SCREENSHOTS}${screenshot}`);
    await tabTo(page, '#email');
    await page.keyboard.type(email);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expectAccessible(page);
    const mail = await storedMail(service, 'seller.sign_in_link', email);
    return onTestService(linkIn(mail.text, `${DASHBOARD}/sign-in`), service.url);
  }

  it('an English seller signs in by the e-mailed link and finds the invoice, its receipt and the claim, by keyboard alone', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    try {
      // A mistyped address: the form comes back with the error next to the field.
      await page.goto(`${service.url}${DASHBOARD}/sign-in`);
      await tabTo(page, '#email');
      await page.keyboard.type('anna at example');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.locator('#email-error').textContent()).toBe('Enter a valid e-mail address.');
      await expectAccessible(page);

      const link = await askForLink(page, englishEmail, 'seller-sign-in.png');
      expect(await page.locator('h1').textContent()).toBe('Check your e-mail');

      await page.goto(link);
      await expectAccessible(page);
      await activate(page, 'button[type=submit]');
      expect(page.url()).toBe(`${service.url}${DASHBOARD}`);
      expect(await page.locator('h1').textContent()).toBe('Your insurance');
      const row = page.locator('#invoices tbody tr', { hasText: 'F-1001' });
      expect(await row.textContent()).toContain('SEK 12,500.50');
      expect(await row.textContent()).toContain(formatDate(addDays(today(service), -15), 'en'));
      expect(await row.textContent()).toContain(formatDate(addDays(today(service), 15), 'en'));
      expect(await page.locator('#claims').textContent()).toContain('Claim under review');
      await expectAccessible(page);
      await docScreenshot(page, `${SCREENSHOTS}seller-dashboard.png`);

      await activate(page, `a[href="${DASHBOARD}/invoices/${english.id}"]`);
      expect(await page.locator('h1').textContent()).toBe('Invoice F-1001');
      expect(await page.locator('#invoice').textContent()).toContain(`CQ-${english.id}`);
      await expectAccessible(page);
      await docScreenshot(page, `${SCREENSHOTS}seller-invoice.png`);

      await activate(page, `a[href="${DASHBOARD}/invoices/${english.id}/receipt"]`);
      expect(await page.locator('h1').textContent()).toBe('Receipt');
      expect(await page.locator('#receipt').textContent()).toContain('SEK 181.00');
      await expectAccessible(page);
      await docScreenshot(page, `${SCREENSHOTS}seller-receipt.png`);

      await page.goto(`${service.url}${DASHBOARD}/invoices/not-mine`);
      expect(await page.locator('h1').textContent()).toBe('Not found');
      await expectAccessible(page);

      await activate(page, '.sign-out button');
      expect(await page.locator('h1').textContent()).toBe('You are signed out');
      await expectAccessible(page);

      await page.goto(link);
      expect(await page.locator('h1').textContent()).toBe('This link has been used');
      await expectAccessible(page);
      await activate(page, `main a[href="${DASHBOARD}/sign-in"]`);
      expect(await page.locator('h1').textContent()).toBe('Sign in to your insurance');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a Swedish seller sees the dashboard in Swedish, amounts in kronor', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE', viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    try {
      const link = await askForLink(page, swedishEmail);
      expect(await page.locator('h1').textContent()).toBe('Titta i din e-post');
      await page.goto(link);
      await activate(page, 'button[type=submit]');
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      expect(await page.locator('h1').textContent()).toBe('Din försäkring');
      const row = page.locator('#invoices tbody tr', { hasText: 'F-2002' });
      expect(await row.textContent()).toContain('10\u00a0000,00 kr');
      expect(await row.textContent()).toContain('Aktiv');
      expect(await page.locator('#no-claims').textContent()).toBe('Du har inte gjort någon skadeanmälan.');
      await expectAccessible(page);
      await docScreenshot(page, `${SCREENSHOTS}seller-dashboard-sv.png`);
      await activate(page, `a[href="${DASHBOARD}/invoices/${swedish.id}/receipt"]`);
      expect(await page.locator('#receipt').textContent()).toContain('145,00 kr');
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  }, 180_000);
});
