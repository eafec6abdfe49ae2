// The account and claim screen in Chromium: a collections manager finds the account by its reference from the menu, and
// axe-core finds no WCAG 2.1 A/AA violation on the search page or the account page (English and Swedish). The account
// page's screenshot in docs/console/ is taken here.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.js';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../support/browser.js';
import { docScreenshot } from '../support/screenshots.js';
import { startTestService, type TestService } from '../support/service.js';
import { ACCOUNT, CLAIM, seedServicingAccount } from './accounts-fixture.js';
import { staffKey } from './support.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/console/', import.meta.url));

describe('account and claim screen in a browser', () => {
  let service: TestService;
  let browser: Browser;
  let key: string;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ engine: 'pglite' }), launchBrowser()]);
    const runs = await seedServicingAccount(service, 'pglite');
    key = await staffKey(service, runs.tenantId, ['collections_manager']);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  for (const [locale, labels] of [
    ['en-GB', { key: 'Staff API key', menu: 'Console', accounts: 'Accounts', reference: 'Account reference', claim: `Claim ${CLAIM}` }],
    ['sv-SE', { key: 'API-nyckel för personal', menu: 'Konsol', accounts: 'Konton', reference: 'Kontoreferens', claim: `Fordran ${CLAIM}` }],
  ] as const) {
    it(`finds the account by its reference and passes axe (${locale})`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${service.url}/console/accounts`);
        await page.getByLabel(labels.key).fill(key);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${service.url}/console/accounts`);
        expect(await accessibilityViolations(page)).toEqual([]);
        expect(await page.getByRole('navigation', { name: labels.menu }).getByRole('link', { name: labels.accounts }).count()).toBe(1);
        await page.getByLabel(labels.reference).fill(ACCOUNT);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${service.url}/console/accounts/${ACCOUNT}`);
        expect(await page.getByRole('heading', { name: labels.claim }).count()).toBe(1);
        expect(await accessibilityViolations(page)).toEqual([]);
        if (locale === 'en-GB') await docScreenshot(page, `${SCREENSHOTS}account.png`);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});
