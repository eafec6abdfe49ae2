import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../src/collections/communications/format.js';
import { LANGUAGES } from '../../src/collections/communications/language.js';
import { renderChannel } from '../../src/collections/communications/render.js';
import { TEMPLATE_IDS, shippedContent } from '../../src/collections/communications/templates/catalogue.js';
import { launchBrowser } from '../support/browser.js';

interface AxeViolation { id: string; impact: string | null; help: string }

const LANDING_URL = 'https://pay.example/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Every shipped e-mail's HTML part, opened in Chromium and checked by axe-core (WCAG 2.2 A/AA and best practices). */
describe('collections e-mails in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it.each(LANGUAGES)('the %s e-mails have no accessibility violations', async (language) => {
    const page = await browser.newPage();
    try {
      for (const templateId of TEMPLATE_IDS) {
        const email = renderChannel(shippedContent(templateId, language), 'email', {
          debtorName: 'Anna <Svensson> & Co', creditorName: 'Acme AB', claimReference: 'INV-1', paymentReference: 'RF18539007547034',
          amountDue: formatMoney(99_900, 'SEK', language), dueDate: formatDate('2026-05-31', language), landingPageUrl: LANDING_URL,
        }, language);
        if (!email.ok || email.value.channel !== 'email') throw new Error('render refused');
        await page.setContent(email.value.html);
        expect(await page.title()).toBe(email.value.subject);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(await page.textContent('main')).toContain('Anna <Svensson> & Co');
        expect(await page.getAttribute(`main a[href="${LANDING_URL}"]`, 'href')).toBe(LANDING_URL);
        await page.addScriptTag({ content: axe.source });
        const violations = await page.evaluate(async () => {
          const result = await (globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          });
          return result.violations.map(({ id, impact, help }) => ({ id, impact, help }));
        });
        expect(violations, `${templateId} ${language}`).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });
});
