import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { executeRaw } from '../../src/platform/db/database.js';
import { epcPayload, epcProblem } from '../../src/collections/landing/epc-qr.js';
import { landingLanguage } from '../../src/collections/landing/language.js';
import { creditorReference, isValidCreditorReference, printedCreditorReference } from '../../src/collections/landing/rf-reference.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { accountBody, invoice, type ServicingClient } from '../servicing/support.js';
import { startDebtorRecords } from './support.js';

const ACCOUNT = 'ACC_PAY';
const CLAIM_1 = `${ACCOUNT}_INV_1`;
const CLAIM_2 = `${ACCOUNT}_INV_2`;
const POSTCODE = '1012 AB';
const DEBTOR = {
  debtorReference: 'DEBTOR_PAY', type: 'legal', companyName: 'Jansen Handel B.V.',
  contactInformation: { country: 'NL', email: 'ap@jansen.example', postalCode: POSTCODE },
};
const PAYEE = { beneficiaryName: 'Tradecredit Demo GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' };

describe('RF creditor reference (ISO 11649)', () => {
  it('matches the standard\'s example and rejects corruptions', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('RF18539007547035')).toBe(false);
    expect(isValidCreditorReference('RF19539007547034')).toBe(false);
    expect(printedCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(() => creditorReference('too-long-and-dashed')).toThrow(RangeError);
  });

  it('property: every reference made is valid, and changing one digit of its body makes it invalid', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
      const reference = creditorReference(body);
      if (!isValidCreditorReference(reference)) return false;
      const digits = [...reference.slice(4)].map((char, index) => ({ char, index })).filter(({ char }) => /\d/.test(char));
      if (digits.length === 0) return true;
      const target = digits[at % digits.length];
      if (!target) return true;
      const chars = [...reference];
      chars[4 + target.index] = String((Number(target.char) + shift) % 10);
      return !isValidCreditorReference(chars.join(''));
    }), { numRuns: 500 });
  });
});

describe('EPC QR payload (EPC069-12 v002)', () => {
  it('writes the twelve fields in order, trailing empty ones left out', () => {
    expect(epcPayload({ ...PAYEE, amountMinor: 123_456, reference: 'RF18539007547034' }).split('\n')).toEqual([
      'BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Tradecredit Demo GmbH', 'DE89370400440532013000', 'EUR1234.56', '', 'RF18539007547034',
    ]);
    expect(epcPayload({ ...PAYEE, bic: null, amountMinor: 1, reference: 'RF18539007547034' }).split('\n')[4]).toBe('');
  });

  it('refuses what the standard does not allow', () => {
    const base = { ...PAYEE, amountMinor: 100, reference: 'RF18539007547034' };
    expect(epcProblem({ ...base, iban: 'DE89370400440532013001' })).toBe('iban');
    expect(epcProblem({ ...base, beneficiaryName: 'x'.repeat(71) })).toBe('name');
    expect(epcProblem({ ...base, amountMinor: 0 })).toBe('amount');
    expect(epcProblem({ ...base, bic: 'NOTABIC' })).toBe('bic');
    expect(epcProblem(base)).toBeNull();
  });
});

describe('page language', () => {
  it('takes the switcher, then Accept-Language by weight, then the debtor\'s country, then English', () => {
    expect(landingLanguage('sv', 'de', null)).toBe('sv');
    expect(landingLanguage(undefined, 'fr-FR,nl;q=0.4,de;q=0.8', null)).toBe('de');
    expect(landingLanguage(undefined, 'fr-FR', { contactInformation: { country: 'SE' } })).toBe('sv');
    expect(landingLanguage('xx', undefined, null)).toBe('en');
  });
});

describeEachEngine('landing page: itemised balance and bank transfer', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  let path = '';
  let session = '';
  const page = (suffix = '', headers: Record<string, string> = {}) => call(client.service.url, 'GET', `${path}${suffix}`, { headers: { cookie: session, ...headers } });
  let csrf = '';
  const pay = async (form: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${client.service.url}${path}/pay`, {
      method: 'POST', redirect: 'manual', body: `csrf=${encodeURIComponent(csrf)}&${form}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session, ...headers },
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    const created = await client.post('create_accounts', accountBody(ACCOUNT, [
      invoice(CLAIM_1, 123_456, { dueDate: '2026-11-01' }), invoice(CLAIM_2, 5_000, { dueDate: '2026-11-10' }),
    ], { debtors: [DEBTOR] }));
    expect(created.body[ACCOUNT].success).toBe(true);
    path = new URL((await client.get('get_landing_page_url', { claimReference: CLAIM_1 })).body.URL).pathname;
    const verified = await fetch(`${client.service.url}${path}/verify`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ answer: '1012ab' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(verified.status).toBe(303);
    session = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = /name="csrf" value="([^"]+)"/.exec((await page()).text)?.[1] ?? '';
  });
  afterAll(async () => env?.stop());

  it('shows every claim with its amounts and dates in the chosen language, with a switcher to the four languages', async () => {
    const dutch = await page();
    expect(dutch.status).toBe(200);
    expect(dutch.text).toContain('<html lang="nl">');
    expect(dutch.text).toContain('Rekening van Jansen Handel B.V.');
    expect(dutch.text).toMatch(/€\s1\.234,56/);
    expect(dutch.text).toContain('1 november 2026');
    expect(dutch.text).toMatch(/€\s1\.284,56/);
    for (const lang of ['en', 'de', 'sv', 'nl']) expect(dutch.text).toContain(`href="${path}?lang=${lang}"`);
    const swedish = await page('?lang=sv');
    expect(swedish.text).toMatch(/1\s234,56\s€/);
    expect(swedish.text).toContain('1 november 2026');
    expect(swedish.text).toContain('Betala valda fakturor');
    const english = await page('', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.text).toContain('€1,234.56');
    expect(english.text).toContain('1 November 2026');
    expect(english.text).toContain('Pay everything');
  });

  it('without a payee the page says so and shows no QR code; the chosen item is stored with its RF reference', async () => {
    const response = await pay(`lang=en&choice=selected&claim=${CLAIM_2}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('The bank details are not available online');
    expect(response.text).not.toContain('<svg');
  });

  it('pays one chosen item or everything: the amount, the RF reference and the EPC QR code with the payee', async () => {
    const put = await call(client.service.url, 'PUT', '/management/v1/landing-page-payee', { headers: managementHeaders(client.tenant), json: PAYEE });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ beneficiaryName: PAYEE.beneficiaryName, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    const one = await pay(`lang=de&choice=selected&claim=${CLAIM_2}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('50,00');
    const reference = /data-reference="(RF\d{2}[0-9A-Z]{16})"/.exec(one.text)?.[1] ?? '';
    expect(isValidCreditorReference(reference)).toBe(true);
    expect(one.text).toContain('DE89370400440532013000');
    expect(one.text).toMatch(/<svg role="img" aria-label="EPC-QR-Code für diese Überweisung"/);
    const all = await pay('lang=en&choice=all');
    expect(all.text).toContain('€1,284.56');
    const allReference = /data-reference="(RF\d{2}[0-9A-Z]{16})"/.exec(all.text)?.[1];
    expect(allReference).not.toBe(reference);
    const rows = await executeRaw(client.service.platform.db,
      'SELECT reference, claim_references, amount::int AS amount, currency FROM collections_landing_payments WHERE tenant_id = $1 AND reference IN ($2, $3)',
      [client.tenant.tenant.id, reference, allReference]);
    expect(rows).toEqual(expect.arrayContaining([
      { reference, claim_references: [CLAIM_2], amount: 5_000, currency: 'EUR' },
      { reference: allReference, claim_references: [CLAIM_1, CLAIM_2], amount: 128_456, currency: 'EUR' },
    ]));
  });

  it('refuses nothing chosen (400, the account again) and a visitor without a session (back to the second factor)', async () => {
    const none = await pay('lang=en&choice=selected');
    expect(none.status).toBe(400);
    expect(none.text).toContain('Please choose at least one open invoice.');
    const anonymous = await fetch(`${client.service.url}${path}/pay`, {
      method: 'POST', redirect: 'manual', body: `choice=all`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.status).toBe(303);
    const crossSite = await pay('choice=all', { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const forged = await fetch(`${client.service.url}${path}/pay`, {
      method: 'POST', redirect: 'manual', body: 'csrf=forged&choice=all', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
    });
    expect(forged.status).toBe(403);
    const missing = await fetch(`${client.service.url}${path}/pay`, {
      method: 'POST', redirect: 'manual', body: 'choice=all', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
    });
    expect(missing.status).toBe(403);
  });

  it('match_account_payment quoting the reference pays exactly the chosen item, not the oldest, and the page shows it paid', async () => {
    // The newer invoice, chosen alone: by the strategy alone the money would go to the older one first.
    const chosen = await pay(`lang=en&choice=selected&claim=${CLAIM_2}`);
    const reference = /data-reference="(RF\d{2}[0-9A-Z]{16})"/.exec(chosen.text)?.[1] ?? '';
    const matched = await client.post('match_account_payment', [{
      accountReference: ACCOUNT, currency: 'EUR', totalAmount: 5_000, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'bank-transfer', trackingId: 'BANK_STATEMENT_1', paymentReference: printedCreditorReference(reference).toLowerCase(),
    }]);
    expect(matched.body[ACCOUNT].success).toBe(true);
    expect(matched.body[ACCOUNT].data.map((entry: { ledgerEntryReference: string }) => entry.ledgerEntryReference)).toEqual([CLAIM_2]);
    const shown = await page('?lang=en');
    const row = (claim: string) => new RegExp(`<tr data-claim="${claim}">[\\s\\S]*?<td class="status">(\\w+)</td>`).exec(shown.text)?.[1];
    expect(row(CLAIM_2)).toBe('Paid');
    expect(row(CLAIM_1)).toBe('Open');
    expect(shown.text).not.toContain(`id="pick-${CLAIM_2}"`);
    expect(shown.text).toContain(`id="pick-${CLAIM_1}"`);
  });

  it('a reference of another account, or none, pays by the strategy alone (oldest first)', async () => {
    const other = await pay(`lang=en&choice=selected&claim=${CLAIM_1}`);
    const reference = /data-reference="(RF\d{2}[0-9A-Z]{16})"/.exec(other.text)?.[1] ?? '';
    await client.post('create_accounts', accountBody('ACC_OTHER', [invoice('ACC_OTHER_INV_1', 1_000, { dueDate: '2026-10-01' }), invoice('ACC_OTHER_INV_2', 1_000, { dueDate: '2026-10-02' })]));
    const matched = await client.post('match_account_payment', [{
      accountReference: 'ACC_OTHER', currency: 'EUR', totalAmount: 1_000, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES', paymentReference: reference,
    }]);
    expect(matched.body.ACC_OTHER.data.map((entry: { ledgerEntryReference: string }) => entry.ledgerEntryReference)).toEqual(['ACC_OTHER_INV_1']);
  });

  it('a bad payee is a 400 naming the field', async () => {
    const bad = await call(client.service.url, 'PUT', '/management/v1/landing-page-payee', {
      headers: managementHeaders(client.tenant), json: { ...PAYEE, iban: 'DE89370400440532013001' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('iban');
  });

  it('serves its stylesheet locally', async () => {
    const css = await call(client.service.url, 'GET', '/c/assets/landing.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});
