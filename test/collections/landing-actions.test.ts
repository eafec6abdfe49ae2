import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRaw } from '../../src/platform/db/database.js';
import { debtorCommitmentFacts } from '../../src/collections/api.js';
import { addDays } from '../../src/platform/dates.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { accountBody, invoice, type ServicingClient } from '../servicing/support.js';
import { eventsOf, startDebtorRecords } from './support.js';
import { type DebtorBrowser, openDebtorBrowser, pdfText } from './landing-support.js';

const ACCOUNT = 'ACC_ACT';
const CLAIM_1 = `${ACCOUNT}_INV_1`;
const CLAIM_2 = `${ACCOUNT}_INV_2`;
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function disputeForm(browser: DebtorBrowser, fields: Record<string, string>, file?: { bytes: Buffer; type: string; name: string }): FormData {
  const form = new FormData();
  form.append('csrf', fields.csrf ?? browser.csrf);
  for (const [key, value] of Object.entries(fields)) if (key !== 'csrf') form.append(key, value);
  if (file) form.append('document', new Blob([file.bytes], { type: file.type }), file.name);
  return form;
}

describe('landing-page CSRF token', () => {
  it('is bound to the session: another session\'s token or none is refused', async () => {
    const { csrfToken, isValidCsrfToken } = await import('../../src/collections/landing/csrf.js');
    expect(isValidCsrfToken('session-a', csrfToken('session-a'))).toBe(true);
    expect(isValidCsrfToken('session-a', csrfToken('session-b'))).toBe(false);
    expect(isValidCsrfToken(undefined, csrfToken('session-a'))).toBe(false);
    expect(isValidCsrfToken('session-a', '')).toBe(false);
  });
});

/** An invoice entry whose meta carries the debtor's own invoice and PO numbers, as the statement shows them. */
function withDebtorNumbers(entry: ReturnType<typeof invoice>, meta: Record<string, string>) {
  return { ...entry, invoiceDetails: { ...entry.invoiceDetails, meta } };
}

describeEachEngine('landing page: mandate, promise, plan, dispute, statement', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  let browser: DebtorBrowser;

  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    const created = await client.post('create_accounts', accountBody(ACCOUNT, [
      withDebtorNumbers(invoice(CLAIM_1, 30_000, { dueDate: '2026-11-01' }), { invoiceNumber: 'F-2026-0117', purchaseOrderNumber: 'PO-88412' }),
      invoice(CLAIM_2, 12_000, { dueDate: '2026-11-10' }),
    ]));
    expect(created.body[ACCOUNT].success).toBe(true);
    browser = await openDebtorBrowser(client, CLAIM_1, CLAIM_2.toLowerCase());
  });
  afterAll(async () => env?.stop());

  it('the account page links every action; every POST needs the session\'s CSRF token', async () => {
    const page = await browser.get('?lang=en');
    for (const action of ['mandate', 'promise', 'plan', 'dispute', 'statement.csv', 'statement.pdf']) expect(page.text).toContain(`${browser.path}/${action}?lang=en`);
    for (const [suffix, form] of [['/mandate', { holder: 'X' }], ['/promise', { claim: CLAIM_1 }], ['/plan', { option: 'monthly-3' }], ['/plan/accept', { computed: 'x' }]] as const) {
      expect((await browser.post(suffix, { ...form, csrf: 'forged' })).status).toBe(403);
      expect((await browser.post(suffix, form)).status).toBe(403);
    }
    const anonymous = await fetch(`${client.service.url}${browser.path}/mandate`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });

  it('direct debit: a corrupted IBAN is refused on the form; a valid one becomes a bank mandate of the account\'s debtor', async () => {
    const bad = await browser.post('/mandate', { csrf: browser.csrf, lang: 'de', holder: 'Jansen Handel', iban: 'DE89 3704 0044 0532 0130 01', consent: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Das ist keine gültige IBAN');
    expect(bad.text).toMatch(/id="iban"[^>]*aria-invalid="true"/);
    const noConsent = await browser.post('/mandate', { csrf: browser.csrf, lang: 'en', holder: 'Jansen Handel', iban: 'DE89370400440532013000' });
    expect(noConsent.text).toContain('Please confirm the authorisation.');
    const good = await browser.post('/mandate', { csrf: browser.csrf, lang: 'en', holder: 'Jansen Handel', iban: 'de89 3704 0044 0532 0130 00', consent: 'yes' });
    expect(good.status).toBe(200);
    const mandateId = /mandate (LP-[0-9A-F]{18}) is set up/.exec(good.text)?.[1];
    expect(mandateId).toBeDefined();
    const listed = await client.get('get_account_mandates', { accountReference: ACCOUNT });
    expect(listed.body).toEqual([expect.objectContaining({
      mandateId, providerName: 'trustly', debtorReference: 'EXTERNAL_DEBTOR_REF_002', productReferences: [],
      mandateRepresentation: { accountHolder: 'Jansen Handel', accountNumber: 'DE89370400440532013000' },
    })]);
  });

  it('promise to pay: within the tenant\'s bounds it is the #30 promise and the page shows it; outside them the form says so', async () => {
    const form = await browser.get('/promise?lang=en');
    const today = /name="date"[^>]*min="(\d{4}-\d{2}-\d{2})"/.exec(form.text)?.[1] ?? '';
    expect(form.text).toMatch(/max="\d{4}-\d{2}-\d{2}"/);
    const late = await browser.post('/promise', { csrf: browser.csrf, lang: 'en', claim: CLAIM_1, amount: '100', date: addDays(today, 61) });
    expect(late.status).toBe(400);
    expect(late.text).toContain('outside what we can accept');
    const tooMuch = await browser.post('/promise', { csrf: browser.csrf, lang: 'en', claim: CLAIM_1, amount: '300,01', date: addDays(today, 5) });
    expect(tooMuch.status).toBe(400);
    const promised = await browser.post('/promise', { csrf: browser.csrf, lang: 'de', claim: CLAIM_1, amount: '150,50', date: addDays(today, 5) });
    expect(promised.status).toBe(200);
    expect(promised.text).toContain('150,50');
    const [event] = await eventsOf(client, 'promise.created');
    expect(event?.data).toMatchObject({ claimReference: CLAIM_1, amount: 15_050, currency: 'EUR', dueDate: addDays(today, 5) });
    expect((await browser.get('?lang=en')).text).toContain('You promised to pay €150.50 by');
  });

  it('instalment plan: the schedule is shown before accepting, then the plan is created and its agreement PDF lists amounts and dates', async () => {
    const form = await browser.get('/plan?lang=en');
    expect(form.text).toContain('value="monthly-3"');
    expect(form.text).toContain('value="monthly-choice:6"');
    const preview = await browser.post('/plan', { csrf: browser.csrf, lang: 'en', option: 'monthly-3' });
    expect(preview.status).toBe(200);
    const rows = [...preview.text.matchAll(/<tr><td>(\d)<\/td><td>([^<]+)<\/td><td class="num">([^<]+)<\/td><\/tr>/g)].map((match) => [match[2], match[3]]);
    expect(rows.map((row) => row[1])).toEqual(['€140.00', '€140.00', '€140.00']);
    expect(preview.text).toContain('€420.00');
    const computed = /name="computed" value="([^"]+)"/.exec(preview.text)?.[1] ?? '';
    const plans = () => executeRaw(client.service.platform.db, 'SELECT count(*)::int AS n FROM collections_instalment_plans WHERE tenant_id = $1', [client.tenant.tenant.id]);
    expect(await plans()).toEqual([{ n: 0 }]);
    const accepted = await browser.post('/plan/accept', { csrf: browser.csrf, lang: 'en', computed });
    expect(accepted.status).toBe(200);
    const href = /id="download" href="([^"]+)"/.exec(accepted.text)?.[1] ?? '';
    expect(href).toMatch(/\/plans\/[0-9a-f-]{36}\/agreement\.pdf\?lang=en$/);
    expect(accepted.text).toContain('We have also sent it to testEmail@example.com.');
    const mails = await executeRaw(client.service.platform.db,
      "SELECT to_addresses, subject, eml FROM mail_messages WHERE tenant_id = $1 AND kind = 'collections.instalment_agreement'", [client.tenant.tenant.id]) as { to_addresses: string[]; subject: string; eml: string }[];
    expect(mails.map((mail) => [mail.to_addresses, mail.subject])).toEqual([[['testEmail@example.com'], 'Instalment agreement']]);
    expect(mails[0]?.eml).toMatch(/Content-Type: application\/pdf;\s+name=agreement-[0-9a-f-]{36}\.pdf/);
    const again = await browser.post('/plan/accept', { csrf: browser.csrf, lang: 'en', computed });
    expect(again.status).toBe(409);
    expect(await plans()).toEqual([{ n: 1 }]);
    const pdf = await browser.get(href.slice(browser.path.length));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Instalment agreement');
    for (const [date, amount] of rows) {
      expect(text).toContain(date);
      expect(text).toContain(amount);
    }
    expect(text).toContain('Total: €420.00');
    expect((await browser.get('/plans/00000000-0000-4000-8000-000000000000/agreement.pdf')).status).toBe(404);
    expect((await browser.get('?lang=en')).text).toContain('Instalment plan of 3 instalments, €420.00 in total.');
  });

  it('dispute: reason and document (multipart, streamed to the file store); the page shows it and the claim\'s journey holds', async () => {
    const refusedType = await browser.postMultipart('/dispute', disputeForm(browser, { lang: 'en', claim: CLAIM_2, reason: 'Never delivered' }, { bytes: Buffer.from('MZ'), type: 'application/x-msdownload', name: 'a.exe' }));
    expect(refusedType.status).toBe(400);
    expect(refusedType.text).toContain('too large or of a type we cannot accept');
    const noReason = await browser.postMultipart('/dispute', disputeForm(browser, { lang: 'en', claim: CLAIM_2, reason: ' ' }));
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Please tell us the reason.');
    const forged = await browser.postMultipart('/dispute', disputeForm(browser, { csrf: 'forged', lang: 'en', claim: CLAIM_2, reason: 'x' }, { bytes: PDF_BYTES, type: 'application/pdf', name: 'x.pdf' }));
    expect(forged.status).toBe(403);
    const filesBefore = await executeRaw(client.service.platform.db, 'SELECT count(*)::int AS n FROM collections_files WHERE tenant_id = $1', [client.tenant.tenant.id]);
    expect(filesBefore).toEqual([{ n: 0 }]);
    expect((await debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, CLAIM_2)).disputeOpen).toBe(false);
    const opened = await browser.postMultipart('/dispute', disputeForm(browser, { lang: 'en', claim: CLAIM_2, reason: 'Goods never delivered' }, { bytes: PDF_BYTES, type: 'application/pdf', name: 'delivery-note.pdf' }));
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(`We received your dispute of invoice ${CLAIM_2}.`);
    const files = await executeRaw(client.service.platform.db,
      'SELECT f.claim_reference, f.document_type, f.size::int AS size, d.reason FROM collections_files f JOIN collections_landing_disputes d ON d.file_id = f.id WHERE f.tenant_id = $1',
      [client.tenant.tenant.id]);
    expect(files).toEqual([{ claim_reference: CLAIM_2, document_type: 'dispute', size: PDF_BYTES.length, reason: 'Goods never delivered' }]);
    expect((await debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, CLAIM_2)).disputeOpen).toBe(true);
    expect((await debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, CLAIM_1)).disputeOpen).toBe(false);
    expect(await eventsOf(client, 'dispute.opened')).toEqual([expect.objectContaining({ entity_id: CLAIM_2 })]);
    const page = await browser.get('?lang=en');
    expect(new RegExp(`<tr data-claim="${CLAIM_2}">[\\s\\S]*?<td class="status">Disputed</td>`).test(page.text)).toBe(true);
    expect(page.text).toContain(`Invoice ${CLAIM_2} disputed on`);
  });

  it('the creditor lists and resolves the dispute (management API); the journey is no longer held', async () => {
    const headers = managementHeaders(client.tenant);
    const listed = await call(client.service.url, 'GET', `/management/v1/landing-page-disputes?claimReference=${CLAIM_2}`, { headers });
    expect(listed.status).toBe(200);
    expect(listed.body.disputes).toEqual([expect.objectContaining({ claimReference: CLAIM_2, accountReference: ACCOUNT, reason: 'Goods never delivered', status: 'open' })]);
    const disputeId = listed.body.disputes[0].disputeId as string;
    const [first, second] = await Promise.all([0, 1].map(() => call(client.service.url, 'POST', `/management/v1/landing-page-disputes/${disputeId}/resolve`, { headers, json: {} })));
    expect([first?.status, second?.status].sort()).toEqual([200, 409]);
    expect((await debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, CLAIM_2)).disputeOpen).toBe(false);
    expect(await eventsOf(client, 'dispute.resolved')).toEqual([expect.objectContaining({ entity_id: CLAIM_2 })]);
    const unknown = await call(client.service.url, 'POST', '/management/v1/landing-page-disputes/00000000-0000-4000-8000-000000000000/resolve', { headers, json: {} });
    expect(unknown.status).toBe(404);
    expect((await call(client.service.url, 'POST', '/management/v1/landing-page-disputes/not-a-uuid/resolve', { headers, json: {} })).status).toBe(404);
    expect((await call(client.service.url, 'GET', '/management/v1/landing-page-disputes', { headers })).status).toBe(400);
    const page = await browser.get('?lang=en');
    expect(new RegExp(`<tr data-claim="${CLAIM_2}">[\\s\\S]*?<td class="status">Open</td>`).test(page.text)).toBe(true);
  });

  it('a dispute document streams to disk while it arrives (the server never waits for the whole file)', async () => {
    const boundary = `----landing${Date.now()}`;
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = field('csrf', browser.csrf) + field('lang', 'en') + field('claim', CLAIM_1) + field('reason', 'Partial delivery only')
      + `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="photos.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const tmp = join(env.dataDir, 'files', 'tmp');
    const onDisk = async () => (await readdir(tmp).catch(() => [])).length === 0 ? 0
      : Math.max(0, ...(await Promise.all((await readdir(tmp)).map((name) => stat(join(tmp, name)).then((file) => file.size, () => 0)))));
    let finish: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => { finish = resolve; });
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(Buffer.from(head));
        controller.enqueue(Buffer.alloc(2 * 1024 * 1024, 7));
        await rest;
        controller.enqueue(Buffer.alloc(1024 * 1024, 7));
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const response = fetch(`${client.service.url}${browser.path}/dispute`, {
      method: 'POST', body, duplex: 'half', headers: { cookie: browser.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    // The first 2 MiB reach the file store's temporary file before the last MiB is even sent.
    let written = 0;
    for (let waited = 0; waited < 200 && written < 1024 * 1024; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      written = await onDisk();
    }
    expect(written).toBeGreaterThanOrEqual(1024 * 1024);
    finish();
    const answered = await response;
    expect(answered.status).toBe(200);
    const sizes = await executeRaw(client.service.platform.db, 'SELECT size::int AS size FROM collections_files WHERE tenant_id = $1 AND claim_reference = $2', [client.tenant.tenant.id, CLAIM_1]);
    expect(sizes).toEqual([{ size: 3 * 1024 * 1024 }]);
  });

  it('statement: CSV with plain amounts and PDF in the page\'s language', async () => {
    const csv = await browser.get('/statement.csv?lang=en');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="statement-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.text.split('\r\n')).toEqual([
      'Invoice,PO number,Due date,Amount,Fees,Outstanding,Currency,Status',
      'F-2026-0117,PO-88412,2026-11-01,300.00,0.00,300.00,EUR,Disputed',
      `${CLAIM_2},,2026-11-10,120.00,0.00,120.00,EUR,Open`,
      '',
    ]);
    const pdf = await browser.get('/statement.pdf?lang=de');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Kontoauszug');
    expect(text).toContain('F-2026-0117');
    expect(text).toContain('PO-88412');
    expect(text).toContain('Bestellnummer');
    expect(text).toContain('1. November 2026');
    expect(text).toContain('Offen insgesamt: 420,00 €');
    expect((await browser.get('/statement.xml')).status).toBe(404);
  });
});
