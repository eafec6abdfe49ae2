import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EN } from '../../src/collections/communications/templates/en.js';
import { launchBrowser, onTestService } from '../support/browser.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { accountBody, invoice, type ServicingClient } from '../servicing/support.js';
import { send } from './messages-support.js';
import { getMessageEml } from '../../src/collections/use-cases/messages/get-message-eml.js';
import { pdfText } from './landing-support.js';
import { startDebtorRecords } from './support.js';
import { docScreenshot } from '../support/screenshots.js';

/*
 * The debtor's walk through the landing page in Chromium, as one story on one page: the link from a stored reminder
 * e-mail, the second factor and the first payment by keyboard alone, a promise in German, an instalment plan and its
 * PDF, a dispute with a document. axe-core checks every page (WCAG 2.1 A/AA); the guide's screenshots come from here.
 */

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

const ACCOUNT = 'ACC_WALK';
const CLAIM_1 = 'INV-2026-0411';
const CLAIM_2 = 'INV-2026-0487';
const CLAIM_3 = 'INV-2026-0502';
const DEBTOR = {
  debtorReference: 'DEBTOR_WALK', type: 'legal', companyName: 'Jansen Handel B.V.',
  contactInformation: { country: 'NL', email: 'ap@jansen.example', postalCode: '1012 AB' },
};
const PAYEE = { beneficiaryName: 'Tradecredit Demo GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const SHOTS = 'docs/servicing-guide';

/** The link in an .eml's text (quoted-printable or base64 parts decoded). */
function linkInEml(eml: string): string {
  const quoted = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const base64Parts = [...eml.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)]
    .map((match) => Buffer.from((match[1] ?? '').replace(/\s/g, ''), 'base64').toString('utf8'));
  const link = /https?:\/\/[^\s"<>]+\/c\/[A-Za-z0-9_-]{32}/.exec([quoted, ...base64Parts].join('\n'))?.[0];
  if (!link) throw new Error(`no landing-page link in the e-mail: ${eml.slice(0, 3000)}`);
  return link;
}

describe('the debtor landing page in a browser', () => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let link = '';
  const checked: string[] = [];

  async function expectAccessible(name: string): Promise<void> {
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
    });
    expect(violations, name).toEqual([]);
    checked.push(name);
  }

  /** Moves the focus with Tab until it is on `selector` (at most 60 presses): proof the control is reachable by keyboard. */
  async function tabTo(selector: string): Promise<void> {
    for (let presses = 0; presses < 60; presses += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate((wanted) => {
        const active = (globalThis as unknown as { document: { activeElement: { matches(selector: string): boolean } | null } }).document.activeElement;
        return active?.matches(wanted) ?? false;
      }, selector);
      if (focused) return;
    }
    throw new Error(`${selector} is not reachable by Tab`);
  }

  async function shot(name: string): Promise<void> {
    await docScreenshot(page, `${SHOTS}/${name}.png`);
  }

  const statusOf = (claim: string) => page.locator(`tr[data-claim="${claim}"] td.status`).textContent();

  beforeAll(async () => {
    [env, browser] = await Promise.all([startDebtorRecords('pglite'), launchBrowser()]);
    client = env.client;
    const headers = managementHeaders(client.tenant);
    expect((await call(client.service.url, 'PUT', '/management/v1/landing-page-payee', { headers, json: PAYEE })).status).toBe(200);
    const created = await client.post('create_accounts', accountBody(ACCOUNT, [
      invoice(CLAIM_1, 84_000, { dueDate: '2026-10-15' }), invoice(CLAIM_2, 12_550, { dueDate: '2026-10-30' }), invoice(CLAIM_3, 43_200, { dueDate: '2026-11-05' }),
    ], { debtors: [DEBTOR] }));
    expect(created.body[ACCOUNT].success).toBe(true);
    // The tenant's reminder carries the page's link; the message is stored as a real .eml.
    const reminder = EN['reminder-friendly'];
    const template = await call(client.service.url, 'POST', '/management/v1/collections/templates/reminder-friendly/versions', {
      headers, json: { language: 'en', content: { ...reminder, email: { ...reminder.email, body: `${reminder.email.body}\n\nSee your account and pay online: <%= it.landingPageUrl %>` } } },
    });
    expect(template.status).toBe(201);
    const url = (await client.get('get_landing_page_url', { claimReference: CLAIM_1 })).body.URL as string;
    const sent = await send(client.service, client.tenant, { claimReference: CLAIM_1, channel: 'email', templateId: 'reminder-friendly', language: 'en', data: { landingPageUrl: url } });
    expect(sent.ok).toBe(true);
    if (!sent.ok) throw new Error('reminder not sent');
    const eml = await getMessageEml(client.service.platform.db, client.tenant.tenant.id, sent.value.messageId, 'email');
    link = onTestService(linkInEml(eml ?? ''), client.service.url);
    context = await browser.newContext({ locale: 'en-GB', bypassCSP: true, acceptDownloads: true, viewport: { width: 1000, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await env?.stop();
  });

  it('opens the link from the reminder e-mail and passes the second factor by keyboard', async () => {
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Confirm it is you');
    await expectAccessible('second factor');
    await shot('landing-second-factor');
    await tabTo('#answer');
    await page.keyboard.type('9999 ZZ');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#answer-error');
    expect(await page.textContent('#answer-error')).toContain('4 attempts left');
    await expectAccessible('second factor, wrong answer');
    await page.focus('#answer');
    await page.keyboard.type('1012 ab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.claims');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Account of Jansen Handel B.V.');
    await expectAccessible('account');
    await shot('landing-account');
  });

  it('pays one item by the shown QR reference (keyboard only); match_account_payment settles it and the page shows it paid', async () => {
    await tabTo(`#pick-${CLAIM_2}`);
    await page.keyboard.press('Space');
    expect(await page.isChecked(`#pick-${CLAIM_2}`)).toBe(true);
    await tabTo('button[value="selected"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#transfer-reference');
    expect(await page.textContent('#transfer-amount')).toBe('€125.50');
    expect(await page.locator('#epc-qr svg[role="img"]').count()).toBe(1);
    await expectAccessible('bank transfer');
    await shot('landing-transfer');
    const reference = await page.getAttribute('#transfer-reference', 'data-reference') ?? '';
    const matched = await client.post('match_account_payment', [{
      accountReference: ACCOUNT, currency: 'EUR', totalAmount: 12_550, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'bank-transfer', trackingId: 'STATEMENT_7', paymentReference: reference,
    }]);
    expect(matched.body[ACCOUNT].success).toBe(true);
    await tabTo('a[href$="?lang=en"]:not([hreflang])');
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.claims');
    expect(await statusOf(CLAIM_2)).toBe('Paid');
    expect(await statusOf(CLAIM_1)).toBe('Open');
  });

  it('promises to pay in German, chosen with the language switcher', async () => {
    await tabTo('a[hreflang="de"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[lang="de"]');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Konto von Jansen Handel B.V.');
    await expectAccessible('account (de)');
    await page.getByRole('link', { name: 'Zahlung zu einem Datum zusagen' }).click();
    await page.waitForSelector('#amount');
    await expectAccessible('promise form (de)');
    const today = await page.getAttribute('#date', 'min') ?? '';
    const date = new Date(`${today}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 10);
    const dueDate = date.toISOString().slice(0, 10);
    await page.selectOption('#claim', CLAIM_1);
    await page.fill('#amount', '400,00');
    await page.fill('#date', dueDate);
    await page.focus('#amount');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#done-message');
    expect(await page.textContent('#done-message')).toContain('400,00');
    await expectAccessible('promise done (de)');
    await shot('landing-promise-done');
  });

  it('chooses an instalment plan, sees the schedule before accepting, and receives the agreement PDF', async () => {
    await page.goto(`${link}/plan?lang=en`);
    await expectAccessible('plan form');
    await page.selectOption('#option', 'monthly-3');
    await page.getByRole('button', { name: 'Show the instalments' }).click();
    await page.waitForSelector('#plan-schedule');
    await expectAccessible('plan schedule');
    await shot('landing-plan-schedule');
    const rows = await page.locator('#plan-schedule tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((row) => row[2])).toEqual(['€424.00', '€424.00', '€424.00']);
    await page.getByRole('button', { name: 'Accept this plan' }).click();
    await page.waitForSelector('#download');
    await expectAccessible('plan accepted');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = await pdfText(Buffer.concat(chunks));
    for (const [, dueDate, amount] of rows) {
      expect(text).toContain(dueDate);
      expect(text).toContain(amount);
    }
    expect(text).toContain('Total: €1,272.00');
  });

  it('disputes an invoice with a document; the page then shows the dispute', async () => {
    await page.goto(`${link}/dispute?lang=en`);
    await expectAccessible('dispute form');
    await page.selectOption('#claim', CLAIM_3);
    await page.fill('#reason', 'The goods of delivery 5021 never arrived.');
    await page.setInputFiles('#document', { name: 'delivery-note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: 'Send dispute' }).click();
    await page.waitForSelector('#done-message');
    expect(await page.textContent('#done-message')).toContain(CLAIM_3);
    await page.getByRole('link', { name: 'Back to your account' }).click();
    await page.waitForSelector('table.claims');
    expect(await statusOf(CLAIM_3)).toBe('Disputed');
    expect(await page.textContent('#arranged')).toContain(`Invoice ${CLAIM_3} disputed on`);
    await expectAccessible('account with arrangements');
    await shot('landing-arranged');
  });

  it('an unknown link answers a page without accessibility violations', async () => {
    const response = await page.goto(`${client.service.url}/c/${'A'.repeat(32)}`);
    expect(response?.status()).toBe(404);
    await expectAccessible('not found');
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });
});
