// The console's reports screen in Chromium (issue 17 point 3): an underwriter draws exposure as of last month; the
// table, the uPlot chart (from the JSON) and the downloaded CSV show the same rows; axe-core finds no WCAG 2.1 AA
// violation; without a session neither the screen nor its data or CSV is served.
import { accessibilityViolations } from '../support/axe.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, casesClient } from '../cases/support.js';
import { staffKey } from '../console/support.js';
import { fileURLToPath } from 'node:url';
import { docScreenshot } from '../support/screenshots.js';
import { startServicing } from '../servicing/support.js';
import { parseCsv, seedRecoveryBook } from './support.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/console/', import.meta.url));

describe('reports screen in a browser', () => {
  let service: TestService;
  let browser: Browser;
  let client: CasesClient;

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ engine: 'pglite' }), launchBrowser()]);
    client = await casesClient(service);
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(35);
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating6), { creditLimitAmount: '20000' })).status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('draws exposure as of last month: table, chart and CSV agree, and the page passes axe', async () => {
    const apiKey = await staffKey(service, client.tenant.tenant.id, ['underwriter']);
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(`${service.url}/console/reports`);
      await page.getByLabel('Staff API key').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${service.url}/console/reports`); // signing in returns to the page asked for
      // Only the reports the underwriter may draw are offered.
      expect(await page.getByLabel('Report').locator('option').allTextContents()).toEqual(['Insured exposure', 'Premiums and indemnities by month (loss ratio)']);
      await page.getByLabel('Group by').selectOption('buyer');
      await page.locator('#asOf').fill('2026-11-21');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/asOf=2026-11-21/);
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Insured exposure · as of 2026-11-21');

      const table = await page.locator('#report-table').evaluate((element) => {
        const rows = (element as unknown as { rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null }> }> }).rows;
        return Array.from(rows, (row) => Array.from(row.cells, (cell) => cell.textContent ?? ''));
      });
      expect(table).toEqual([['Key', 'Group', 'Currency', 'Positions', 'Amount'], ['SE:5567104046', 'Exempel Grossist AB', 'EUR', '1', '20000.00']]);

      await page.locator('#report-chart[data-drawn="1"]').waitFor();
      expect(await page.locator('#report-chart canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('#report-chart .u-legend').textContent()).toContain('Amount');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('exposure-buyer-2026-11-21.csv');
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(parseCsv(Buffer.concat(chunks).toString('utf8'))).toEqual(table);

      expect(await accessibilityViolations(page)).toEqual([]);

      // Today's report has the limit decided since; the keyboard reaches the form.
      await page.locator('#asOf').fill('2026-12-26');
      await page.locator('#asOf').press('Enter');
      await page.waitForURL(/asOf=2026-12-26/);
      expect(await page.locator('#report-table tbody tr').count()).toBe(2);
      await page.locator('#report-chart[data-drawn="2"]').waitFor();
      await docScreenshot(page, `${SCREENSHOTS}reports.png`);
    } finally {
      await context.close();
    }
  });

  it('draws the recovery curves by month of placement for a collections manager: a line per month after placement', async () => {
    const servicing = await startServicing('pglite', service);
    await seedRecoveryBook(service, servicing);
    const apiKey = await staffKey(service, servicing.tenant.tenant.id, ['collections_manager']);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${service.url}/console/reports?report=recovery&asOf=2027-01-31`);
      await page.getByLabel('Staff API key').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/report=recovery/);
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Recovery curves by month of placement · as of 2027-01-31');
      const rows = await page.locator('#report-table tbody tr').evaluateAll((elements) =>
        elements.map((row) => Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => cell.textContent ?? '').slice(0, 7)));
      expect(rows).toEqual([['2026-11', 'EUR', '2', '15000.00', '6500.00', '0.3667', '0.4333'], ['2026-12', 'EUR', '1', '4000.00', '1000.00', '0.2500', '']]);
      await page.locator('#report-chart[data-drawn="2"]').waitFor();
      const legend = await page.locator('#report-chart .u-legend').textContent();
      for (const series of ['Recovered after 1 month', 'Recovered after 3 months', 'Recovered after 6 months', 'Recovered after 12 months']) expect(legend).toContain(series);
      expect(await accessibilityViolations(page)).toEqual([]);
      await docScreenshot(page, `${SCREENSHOTS}reports-recovery.png`);
    } finally {
      await context.close();
    }
  });

  it('serves no screen, data or CSV without a session', async () => {
    for (const path of ['/console/reports', '/console/reports/data?report=exposure', '/console/reports/data?report=exposure&format=csv']) {
      const answer = await fetch(`${service.url}${path}`, { redirect: 'manual' });
      expect(answer.status, path).toBe(303);
      expect(answer.headers.get('location')).toMatch(/^\/console\/sign-in/);
    }
  });
});
