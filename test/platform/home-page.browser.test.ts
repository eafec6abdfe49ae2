import { accessibilityViolations, WCAG21_AA } from '../support/axe.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startTestService, type TestService } from '../support/service.js';

/** The home page and the guides, opened in Chromium and checked by axe-core (WCAG 2.2 A/AA and best practices). */
describe('home page in a browser', () => {
  let service: TestService;
  let browser: Browser;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ engine: 'pglite' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it.each([
    ['en-GB', 'Tradecredit runs the trade-credit lifecycle', 'API reference'],
    ['sv-SE', 'Tradecredit sköter hela kundkreditens livscykel', 'API-referens'],
  ])('a %s browser gets the page in its language, without accessibility violations, and reaches /docs by its link', async (locale, intro, docsLink) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    try {
      await page.goto(`${service.url}/`);
      expect(await page.getByRole('main').textContent()).toContain(intro);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tradecredit');
      expect(await accessibilityViolations(page, [...WCAG21_AA, 'wcag22aa', 'best-practice'])).toEqual([]);
      await page.getByRole('link', { name: docsLink }).click();
      await page.waitForURL(`${service.url}/docs**`);
      expect(await page.title()).toMatch(/Swagger UI/i);
    } finally {
      await context.close();
    }
  });

  it('opens a guide from the page, rendered without accessibility violations, and finds the way back', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${service.url}/`);
      await page.getByRole('link', { name: 'Getting started: first calls with curl' }).click();
      expect(page.url()).toBe(`${service.url}/guides/getting-started.md`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Getting started: first calls with curl');
      expect(await accessibilityViolations(page, [...WCAG21_AA, 'wcag22aa', 'best-practice'])).toEqual([]);
      await page.getByRole('link', { name: 'Tradecredit home' }).click();
      expect(page.url()).toBe(`${service.url}/`);
    } finally {
      await page.close();
    }
  });
});
