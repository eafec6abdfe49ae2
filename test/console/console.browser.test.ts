// The staff console walked in Chromium as its users walk it: an underwriter decides a referred application from the
// queue, a claims handler assesses a claim and opens its letter, a collections manager compares two strategy
// versions and previews one. Every screen is checked by axe-core (WCAG 2.1 A/AA) and reached by keyboard; the
// screenshots in docs/console/ are taken here.
import { fileURLToPath } from 'node:url';
import { accessibilityViolations } from '../support/axe.js';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { launchBrowser } from '../support/browser.js';
import { docScreenshot } from '../support/screenshots.js';
import { startTestService, type TestService } from '../support/service.js';
import { type ConsoleBook, seedConsoleBook } from './fixture.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/console/', import.meta.url));

// Each walk takes a few seconds on a quiet machine; the generous limit is for a loaded one.
const WALK_TIMEOUT_MS = 180_000;

describe('staff console in a browser', () => {
  let service: TestService;
  let browser: Browser;
  let book: ConsoleBook;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ engine: 'pglite' }), launchBrowser()]);
    book = await seedConsoleBook(service);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function signIn(key: string, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${service.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    // Keyboard only: the skip link first, then the key field, then Enter.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe(locale.startsWith('sv') ? 'Hoppa till innehållet' : 'Skip to content');
    await page.getByLabel(locale.startsWith('sv') ? 'API-nyckel för personal' : 'Staff API key').fill(key);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${service.url}/console`);
    return { context, page };
  }

  async function checkScreen(page: Page, screenshot: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.getByRole('main').count()).toBe(1);
    await docScreenshot(page, `${SCREENSHOTS}${screenshot}.png`);
  }

  it('an underwriter decides a referred cover application and offers a referred quote from the queue', async () => {
    const { context, page } = await signIn(book.keys.underwriter);
    try {
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
      await checkScreen(page, 'overview');
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Work queues' }).click();
      await page.waitForURL(`${service.url}/console/queues`);
      expect(await page.getByRole('heading', { name: /Referred cover applications \(1\)/ }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: /Referred Credable quotes \(1\)/ }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: /Insurer reductions and withdrawals pending \(1\)/ }).count()).toBe(1);
      // A claims queue is not an underwriter's.
      expect(await page.getByRole('heading', { name: /Claims and cases awaiting a decision/ }).count()).toBe(0);
      await checkScreen(page, 'queues');

      await page.getByLabel('Decision').first().selectOption('DC01');
      await page.getByLabel('Notes').first().fill('Financials checked');
      await page.getByRole('button', { name: 'Decide' }).first().click();
      await page.waitForURL(/notice=offered/);
      expect(await page.getByRole('status').textContent()).toContain('offered');
      expect(await page.getByRole('heading', { name: /Referred cover applications \(0\)/ }).count()).toBe(1);
      expect(await page.getByText('No cover application waits for an underwriter').count()).toBe(1);

      // Keyboard: focus the premium field, type, then Tab to Offer and press Enter.
      await page.getByLabel('Premium (empty: suggested)').focus();
      await page.keyboard.type('9000.00');
      await page.keyboard.press('Tab');
      // The page already shows ?notice=offered from the first decision: wait for the emptied queue instead.
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Referred Credable quotes \(0\)/ }).waitFor();

      // The limit just granted is in its policy's portfolio.
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Cover portfolio' }).click();
      await page.getByRole('link', { name: `Policy ${book.client.policyId}` }).click();
      await page.waitForURL(`${service.url}/console/portfolio/${book.client.policyId}`);
      expect(await page.getByRole('link', { name: 'Revontuli Teknologia Oy' }).count()).toBe(1);
      await checkScreen(page, 'portfolio');
    } finally {
      await context.close();
    }
    const cover = await book.client.cover.staff('GET', '/cover/referrals');
    expect(cover.body.data).toEqual([]);
    const [quote] = await service.platform.db.select({ status: insuranceQuotes.status }).from(insuranceQuotes).where(eq(insuranceQuotes.id, book.referredQuoteId));
    expect(quote?.status).toBe('quote.offered');
  }, WALK_TIMEOUT_MS);

  it('a claims handler opens the case from the queue, approves the claim and opens its letter', async () => {
    const { context, page } = await signIn(book.keys.claims_handler);
    try {
      await page.goto(`${service.url}/console/queues`);
      await page.getByRole('link', { name: `Open case file ${book.caseId}` }).click();
      await page.waitForURL(`${service.url}/console/cases/${book.caseId}`);
      expect(await page.locator('#claim-status').textContent()).toBe('IN_ASSESSMENT');
      await checkScreen(page, 'case-file');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL(/notice=claim_approved/);
      expect(await page.locator('#claim-status').textContent()).toBe('APPROVED');
      expect(await page.getByRole('heading', { name: 'Indemnity calculation' }).count()).toBe(1);
      expect(await page.locator('dl.facts').last().textContent()).toMatch(/10[ ,]?890\.00/);

      const letterLink = page.getByRole('link', { name: /Open PDF: .*LIABILITY_ASSESSMENT/ });
      const href = await letterLink.getAttribute('href');
      const [popup] = await Promise.all([context.waitForEvent('page'), letterLink.click()]);
      await popup.waitForLoadState();
      expect(popup.url()).toBe(`${service.url}${href}`);
      const pdf = await context.request.get(`${service.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await popup.close();

      // The buyer's whole picture: its limit, its insured invoice and this case, in one file.
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Buyers' }).click();
      await page.getByRole('link', { name: 'Exempel Grossist AB' }).click();
      await page.waitForURL(`${service.url}/console/buyers/SE/5567104046`);
      expect(await page.getByRole('heading', { name: /Credit limits \(1\)/ }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: /Single-invoice covers \(\d+\)/ }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: /Cases \(1\)/ }).count()).toBe(1);
      expect(await page.getByRole('link', { name: book.caseId }).count()).toBe(1);
      await checkScreen(page, 'buyer-file');
    } finally {
      await context.close();
    }
  }, WALK_TIMEOUT_MS);

  it('a collections manager compares two strategy versions and previews one, in Swedish', async () => {
    const { context, page } = await signIn(book.keys.collections_manager, 'sv-SE');
    try {
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Översikt');
      await page.getByRole('navigation', { name: 'Konsol' }).getByRole('link', { name: 'Strategier' }).click();
      await checkScreen(page, 'strategies');
      await page.getByRole('link', { name: 'default' }).click();
      await page.waitForURL(`${service.url}/console/strategies/default`);
      await page.getByLabel('Från version', { exact: true }).selectOption('1');
      await page.getByLabel('Till version', { exact: true }).selectOption('2');
      await page.getByRole('button', { name: 'Visa skillnaden' }).click();
      await expect.poll(() => page.locator('#diff-result pre').textContent()).toContain('+    until: dueDate + P5D');
      expect(await page.locator('#diff-result .del').allTextContents()).toContain('-    until: dueDate + P3D');

      await page.getByLabel('Version', { exact: true }).selectOption('2');
      await page.getByLabel('Dagar efter förfallodag').fill('0');
      await page.getByRole('button', { name: 'Förhandsvisa', exact: true }).click();
      await page.waitForURL(/preview=2/);
      const timeline = page.getByRole('table', { name: 'Tidslinje' });
      expect(await timeline.getByRole('row').count()).toBeGreaterThan(2);
      expect(await timeline.textContent()).toContain('reminder-friendly');
      await checkScreen(page, 'strategy');
    } finally {
      await context.close();
    }
  }, WALK_TIMEOUT_MS);

  it('an admin sees every queue; the sign-out button ends the session', async () => {
    const { context, page } = await signIn(book.keys.admin);
    try {
      await page.goto(`${service.url}/console/queues`);
      expect(await page.getByRole('heading', { level: 2 }).count()).toBe(5);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/console\/sign-in\?ended=out/);
      expect(await page.getByRole('alert').textContent()).toBe('You are signed out.');
      await checkScreen(page, 'sign-in');
      await page.goto(`${service.url}/console/queues`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    } finally {
      await context.close();
    }
  }, WALK_TIMEOUT_MS);
});
