// Correspondence letters issued on the case and claim transitions (issue 14 point 5, spec §6.1 letters routes, §6.6):
// a case walked over HTTP finds each letter listed, its PDF (opened with pdfjs) naming the case, its amounts and
// dates, the same bytes on every fetch, the `.eml` in the outbox carrying that PDF, and a `letter.issued` event: the
// last three once the letter sweep has rendered it (the PDF is rendered outside the transaction that issues it).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { CliError, parseCliCommand, runCliCommand } from '../../src/cli/commands.js';
import { customerContact } from '../../src/cover/api.js';
import { coverCustomers } from '../../src/cover/schema.js';
import { formatDate, formatMoney, type LetterLanguage } from '../../src/cases/letters/format.js';
import { events, mailMessages } from '../../src/platform/db/schema.js';
import { casesContext, letterDocument } from '../../src/cases/api.js';
import { caseNumberOf, letterNumberOf } from '../../src/cases/domain/codes.js';
import { nonpaymentLetters } from '../../src/cases/letters-schema.js';
import { renderIssuedLetter } from '../../src/cases/use-cases/render-letter.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { BUYERS, type CasesClient, NP, caseBody, casesClient, details, lettersRendered } from './support.js';

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return normalise(pages.join(' '));
}

const normalise = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

/** The base64 body of the `.eml`'s application/pdf part, decoded. */
function emlAttachment(eml: string): Buffer {
  const match = /Content-Type: application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(eml);
  expect(match, 'the .eml has a PDF part').not.toBeNull();
  return Buffer.from(match![1]!.replace(/\s+/g, ''), 'base64');
}

describeEachEngine('Non-payment letters: issued on the transitions, listed, served and mailed', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const admin = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });

  async function handlerOf(tenant: TestTenant) {
    const created = await call(service.url, 'POST', '/backoffice/v1/staff-credentials', { headers: admin(tenant), json: { roles: ['claims_handler'], label: 'claims' } });
    expect(created.status).toBe(201);
    return { authorization: created.body.authorization as string };
  }

  const staffPost = (path: string, headers: Record<string, string>, json: unknown = {}) => call(service.url, 'POST', `/backoffice/v1${path}`, { headers, json });

  async function fresh(contact: { email: string | null; country: string | null }): Promise<CasesClient> {
    const client = await casesClient(service);
    await service.platform.db.update(coverCustomers).set(contact).where(eq(coverCustomers.customerId, client.customerId));
    for (const buyer of [BUYERS.rating4, BUYERS.rating6]) {
      expect((await client.cover.apply(await client.cover.buyerId(buyer), { creditLimitAmount: '20000' })).status).toBe(201);
    }
    await client.advance(40);
    return client;
  }

  async function document(client: CasesClient, url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(url, { headers: client.headers });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Each letter of the case: listed, the same one by id and in the details, its PDF stable; returns type → PDF text. */
  async function lettersOf(client: CasesClient, caseId: string): Promise<Map<string, { letter: any; text: string; pdf: Buffer }>> {
    await lettersRendered(service, caseId);
    const listed = await client.get(`/cases/${caseId}/letters`);
    expect(listed.status, listed.text).toBe(200);
    expect((await details(client, caseId)).letters).toEqual(listed.body.data);
    const found = new Map<string, { letter: any; text: string; pdf: Buffer }>();
    for (const letter of listed.body.data) {
      expect((await client.get(`/cases/${caseId}/letters/${letter.letterId}`)).body.data).toEqual(letter);
      const path = `${NP}/cases/${caseId}/letters/${letter.letterId}/document`;
      expect(letter.documentUrl).toBe(`${service.config.publicBaseUrl}${path}`);
      const first = await document(client, `${service.url}${path}`);
      const second = await document(client, `${service.url}${path}`);
      expect(first.status).toBe(200);
      expect(first.type).toBe('application/pdf');
      expect(second.bytes.equals(first.bytes)).toBe(true);
      const text = await pdfText(first.bytes);
      expect(text).toContain(caseId);
      expect(text).toContain(letter.letterId);
      found.set(`${letter.letterType}${found.has(letter.letterType) ? '#2' : ''}`, { letter, text, pdf: first.bytes });
    }
    return found;
  }

  it('walks a Swedish customer\'s claim case: each letter on its transition, in Swedish, mailed with its PDF', async () => {
    const client = await fresh({ email: 'claims@exporter.example', country: 'SE' });
    const handler = await handlerOf(client.tenant);
    const language: LetterLanguage = 'sv';
    const money = (amount: number) => normalise(formatMoney(amount, 'EUR', language));
    const date = (value: string) => formatDate(value, language);
    const buyerId = await client.cover.buyerId(BUYERS.rating4);
    const created = await client.post('/cases', caseBody(client, buyerId, { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    expect(created.body.data.caseStatus).toBe('SUBMITTED'); // the letters follow the eligibility check (on the next read)
    const opened = await details(client, caseId);
    expect(opened).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'AWAITING_DOCUMENTS' });

    let letters = await lettersOf(client, caseId);
    expect([...letters.keys()]).toEqual(['ACKNOWLEDGEMENT', 'COLLECTION_UPDATE', 'DOCUMENT_REQUEST']);
    const ack = letters.get('ACKNOWLEDGEMENT')!;
    expect(ack.letter).toMatchObject({ language: 'sv', subject: `Bekräftelse av ärende ${caseId}`, mailed: true });
    expect(ack.text).toContain(money(1_210_000));
    expect(ack.text).toContain(date('2026-12-25'));
    expect(ack.text).toContain('INV-2026-11-25-12100.00');
    expect(letters.get('DOCUMENT_REQUEST')!.text).toContain(date(opened.deadlines.documentsDueDate));
    expect(letters.get('DOCUMENT_REQUEST')!.text).toContain('Kopior av de obetalda fakturorna');
    expect(letters.get('COLLECTION_UPDATE')!.text).toContain('frivillig indrivning');

    expect((await staffPost(`/cases/${caseId}/claim/documents-received`, handler)).status).toBe(200);
    await client.advance(180); // past the date of loss; the amicable phase (90 days) has ended
    const approved = await staffPost(`/cases/${caseId}/claim/decision`, handler, { decision: 'approve', approvedAmount: '10890.00' });
    expect(approved.status, approved.text).toBe(200);
    const paymentDate = (await details(client, caseId)).deadlines.indemnityPaymentDate as string;
    expect((await staffPost(`/cases/${caseId}/claim/indemnity-payment`, handler, { paymentReference: 'PAY-NP-1' })).status).toBe(200);
    const paid = await client.post(`/cases/${caseId}/transactions`, { transactions: [{ transactionType: 'PAYMENT', documentNumber: 'PAY-1', documentDate: await client.today(), grossAmount: '12100.00' }] });
    expect(paid.status, paid.text).toBe(201);
    const closed = await details(client, caseId);
    expect(closed).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'PAID_BY_DEBTOR' });

    letters = await lettersOf(client, caseId);
    expect([...letters.keys()]).toEqual([
      'ACKNOWLEDGEMENT', 'COLLECTION_UPDATE', 'DOCUMENT_REQUEST', 'PRE_LIABILITY_CALCULATION', 'EARLY_COSTS_ASSESSMENT', 'COLLECTION_UPDATE#2',
      'EARLY_COSTS_ASSESSMENT#2', 'LIABILITY_ASSESSMENT', 'PAYMENT_ADVICE', 'CASE_CLOSED',
    ]);
    // Early Costs Assessments: on entering assessment, the amicable phase's costs (5 % of 12 100.00 = 605.00, the
    // insurer 90 % of the covered share: 544.50); on entering the legal phase, its costs (15 %: 1 815.00 → 1 633.50).
    for (const [key, figures] of [['EARLY_COSTS_ASSESSMENT', [60_500, 54_450, 6_050]], ['EARLY_COSTS_ASSESSMENT#2', [181_500, 163_350, 18_150]]] as const) {
      for (const amount of figures) expect(letters.get(key)!.text).toContain(money(amount));
    }
    const plc = letters.get('PRE_LIABILITY_CALCULATION')!.text;
    expect(plc).toContain(date(closed.dateOfLoss));
    expect(plc).toContain(money(2_000_000)); // the limit in force
    expect(plc).toContain(money(1_089_000)); // 90 % of 12 100.00
    expect(letters.get('COLLECTION_UPDATE#2')!.text).toContain('rättslig indrivning');
    const liability = letters.get('LIABILITY_ASSESSMENT')!.text;
    for (const expected of [money(1_210_000), money(1_089_000), date(closed.dateOfLoss), date(paymentDate), '90 %']) expect(liability).toContain(expected);
    const advice = letters.get('PAYMENT_ADVICE')!.text;
    for (const expected of [money(1_089_000), 'PAY-NP-1']) expect(advice).toContain(expected);
    const closing = letters.get('CASE_CLOSED')!.text;
    for (const expected of [money(1_210_000), money(1_089_000), 'köparen har betalat skulden']) expect(closing).toContain(expected);

    // Each letter's e-mail is in the outbox, addressed to the customer, carrying exactly the served PDF.
    const db = service.platform.db;
    for (const { letter, pdf } of letters.values()) {
      const [mail] = await db.select().from(mailMessages).where(and(eq(mailMessages.relatedType, 'nonpayment_letter'), eq(mailMessages.relatedId, letter.letterId)));
      expect(mail, letter.letterId).toBeDefined();
      expect(mail!).toMatchObject({ kind: 'case.letter', toAddresses: ['claims@exporter.example'], subject: letter.subject });
      expect(emlAttachment(mail!.eml).equals(pdf)).toBe(true);
    }
    const issued = await db.select().from(events).where(eq(events.type, 'letter.issued')).orderBy(asc(events.id));
    // One event per letter, announced when the sweep renders it; sorted by letter number here.
    const letterOrder = (e: { data: unknown }) => letterNumberOf((e.data as { letterId: string }).letterId)!;
    const ofCase = issued.filter((e) => (e.data as { caseId: string }).caseId === caseId).sort((a, b) => letterOrder(a) - letterOrder(b));
    expect(ofCase.map((e) => (e.data as { letterType: string }).letterType)).toEqual([...letters.values()].map((l) => l.letter.letterType));
    expect(ofCase[0]!.data).toMatchObject({ letterId: ack.letter.letterId, language: 'sv', mailed: true });

    // Rendering again (a second sweeper after the first committed) finds the letter rendered: nothing rendered, mailed or announced twice.
    const ctx = casesContext(service.platform);
    const ackNumber = letterNumberOf(ack.letter.letterId)!;
    const mailsBefore = await db.select().from(mailMessages).where(eq(mailMessages.tenantId, client.tenant.tenant.id));
    expect(await renderIssuedLetter(db, ctx, client.tenant.tenant, service.clock.now(), caseNumberOf(caseId)!, ackNumber)).toBe('already-rendered');
    expect(await db.select().from(mailMessages).where(eq(mailMessages.tenantId, client.tenant.tenant.id))).toHaveLength(mailsBefore.length);
    const issuedAfter = await db.select().from(events).where(eq(events.type, 'letter.issued'));
    expect(issuedAfter.filter((e) => (e.data as { caseId: string }).caseId === caseId)).toHaveLength(ofCase.length);
    // Before the sweep renders it, a letter's document is rendered on demand from the stored content: the same bytes.
    const [stored] = await db.select().from(nonpaymentLetters).where(eq(nonpaymentLetters.letterNumber, ackNumber));
    const onDemand = await letterDocument({ ...stored!, pdfBase64: null, pdfSha256: null, renderedAt: null });
    expect(onDemand.pdf.equals(ack.pdf)).toBe(true);
    expect(onDemand.sha256).toBe(stored!.pdfSha256);
  });

  it('stores and lists the letters of a customer without an address without mailing them, in English; another tenant sees none', async () => {
    const client = await fresh({ email: null, country: null });
    const handler = await handlerOf(client.tenant);
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating6), { caseType: 'CLAIM_MONITOR', claimCause: 'PROTRACTED_DEFAULT', paymentPlan: { instalments: [{ dueDate: '2027-06-30', amount: '12100.00' }] } }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    expect((await staffPost(`/cases/${caseId}/claim/documents-received`, handler)).status).toBe(200);
    const reason = 'Goods delivered after the limit was withdrawn';
    expect((await staffPost(`/cases/${caseId}/claim/decision`, handler, { decision: 'decline', reason })).status).toBe(200);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'CLAIM_DECLINED' });

    const letters = await lettersOf(client, caseId);
    expect([...letters.keys()]).toEqual(['ACKNOWLEDGEMENT', 'DOCUMENT_REQUEST', 'PRE_LIABILITY_CALCULATION', 'CLAIM_DECLINED', 'CASE_CLOSED']);
    for (const { letter } of letters.values()) expect(letter).toMatchObject({ language: 'en', mailed: false });
    const declined = letters.get('CLAIM_DECLINED')!;
    expect(declined.letter.subject).toBe(`Claim declined on case ${caseId}`);
    for (const expected of [reason, normalise(formatMoney(1_210_000, 'EUR', 'en'))]) expect(declined.text).toContain(expected);
    expect(letters.get('CASE_CLOSED')!.text).toContain('the claim was declined');
    const mails = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.tenantId, client.tenant.tenant.id));
    expect(mails.filter((m) => m.relatedType === 'nonpayment_letter')).toEqual([]);

    // Unknown, malformed and another tenant's letters are all 404 NOT_FOUND.
    const { letterId } = declined.letter;
    const other = await casesClient(service);
    for (const path of [`/cases/${caseId}/letters`, `/cases/${caseId}/letters/${letterId}`, `/cases/${caseId}/letters/${letterId}/document`]) {
      expect(await other.get(path), path).toMatchObject({ status: 404, body: { errors: [{ code: 'NOT_FOUND' }] } });
    }
    for (const path of [`/cases/${caseId}/letters/LTR-999999`, `/cases/${caseId}/letters/nonsense/document`, `/cases/NP-999999/letters/${letterId}`]) {
      expect(await client.get(path), path).toMatchObject({ status: 404, body: { errors: [{ code: 'NOT_FOUND' }] } });
    }
    expect((await client.get(`/cases/${caseId}/letters?x=1`)).status).toBe(400);
  });

  it('the operator gives a cover customer its letters\' e-mail address and country (customer create --email --country)', async () => {
    const client = await casesClient(service);
    const tenant = client.tenant.tenant.id;
    const cli = { db: service.platform.db, clock: service.clock, publicBaseUrl: 'http://localhost', businessTimeZone: service.platform.config.BUSINESS_TIME_ZONE };
    const created = await runCliCommand(cli, parseCliCommand({ command: 'customer.create', tenant, name: 'Nordic Export AB', email: 'letters@nordic.example', country: 'se' })) as any;
    expect(created).toMatchObject({ name: 'Nordic Export AB', email: 'letters@nordic.example', country: 'SE' });
    expect(await customerContact(service.platform.db, tenant, created.customerId)).toEqual({ customerId: created.customerId, name: 'Nordic Export AB', email: 'letters@nordic.example', country: 'SE' });
    const plain = await runCliCommand(cli, parseCliCommand({ command: 'customer.create', tenant, name: 'No Mail Ltd' })) as any;
    expect(plain).toMatchObject({ email: null, country: null });
    expect(() => parseCliCommand({ command: 'customer.create', tenant, name: 'X', email: 'not-an-address' })).toThrow(CliError);
    expect(() => parseCliCommand({ command: 'customer.create', tenant, name: 'X', country: 'SWE' })).toThrow(/--country/);

    // The same through the back office (admin), listed with the policies.
    const staff = admin(client.tenant);
    const viaApi = await call(service.url, 'POST', '/backoffice/v1/cover/customers', { headers: staff, json: { name: 'Oslo Trade AS', email: 'np@oslo.example', country: 'NO' } });
    expect(viaApi.status, viaApi.text).toBe(201);
    expect(viaApi.body.data).toMatchObject({ name: 'Oslo Trade AS', email: 'np@oslo.example', country: 'NO' });
    for (const bad of [{ name: 'Y', email: 'nope' }, { name: 'Y', country: 'Norway' }]) {
      expect((await call(service.url, 'POST', '/backoffice/v1/cover/customers', { headers: staff, json: bad })).status).toBe(400);
    }
    const listed = await call(service.url, 'GET', '/backoffice/v1/cover/customers', { headers: staff });
    expect(listed.body.data.find((c: { customerId: number }) => c.customerId === viaApi.body.data.customerId)).toMatchObject({ email: 'np@oslo.example', country: 'NO' });
  });
});
