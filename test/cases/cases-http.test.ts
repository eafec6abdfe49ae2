// The Non-Payments API routes of spec §6.1 over HTTP: create, details, lists, notes, transactions, claim, batch;
// validation (§6.3) with the `errors[]` bodies and status codes; eligibility (§6.4) recorded with its reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details, invoice } from './support.js';

describeEachEngine('Non-Payments API (spec §6)', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let buyer: number;
  let other: number;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    buyer = await client.cover.buyerId(BUYERS.rating4);
    other = await client.cover.buyerId(BUYERS.rating6);
    expect((await client.cover.apply(buyer, { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
  });
  afterAll(async () => service?.stop());

  describe('create and details', () => {
    let caseId: string;

    it('creates a case (201, SUBMITTED, NOT_CLAIMED) with amounts as numeric strings', async () => {
      const created = await client.post('/cases', caseBody(client, buyer));
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        caseId: expect.stringMatching(/^NP-\d{6}$/), customerId: client.customerId, policyId: client.policyId, buyerId: buyer,
        buyerName: 'Exempel Grossist AB', caseType: 'COLLECTION', caseStatus: 'SUBMITTED', claimStatus: 'NOT_CLAIMED',
        currencyCode: 'EUR', totalInvoiced: '12100.00', outstandingAmount: '12100.00', oldestDueDate: '2026-12-25', customerRefNumber: 'ERP-CASE-77',
      });
      caseId = created.body.data.caseId;
    });

    it('runs the eligibility check at once: OPEN with its checks and reasons, in AMICABLE collection; details embed everything', async () => {
      const found = await details(client, caseId);
      expect(found).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'NOT_CLAIMED', collectionPhase: 'AMICABLE', lateNotification: false, rejectionReason: null });
      expect(found.eligibility.checks.map((c: any) => [c.check, c.passed])).toEqual([
        ['POLICY_LIVE', true], ['COVER_BEFORE_FIRST_INVOICE', true], ['NOTIFIED_IN_TIME', true], ['ABOVE_CLAIM_THRESHOLD', true],
      ]);
      expect(found.eligibility.coverAtFirstInvoice).toBe('20000.00');
      expect(found.transactions).toEqual([expect.objectContaining({ transactionId: expect.any(String), transactionType: 'INVOICE', grossAmount: '12100.00', outstandingAmount: '12100.00', dueDate: '2026-12-25' })]);
      expect(found.notes).toEqual([expect.objectContaining({ text: 'Two payment promises broken.', category: 'GENERAL', author: 'CUSTOMER' })]);
      expect(found.letters.map((letter: { letterType: string }) => letter.letterType)).toEqual(['ACKNOWLEDGEMENT', 'COLLECTION_UPDATE']); // on OPEN (spec §6.6, §6.7)
      expect(found.events.map((e: any) => [e.eventType, e.from, e.to])).toEqual([
        ['case.status_changed', null, 'SUBMITTED'], ['case.status_changed', 'SUBMITTED', 'OPEN'],
      ]);
    });

    it('refuses a second open case on the same policy and buyer (409)', async () => {
      const again = await client.post('/cases', caseBody(client, buyer));
      expect(again.status).toBe(409);
      expect(again.body.errors[0]).toMatchObject({ status: '409', code: 'CASE_EXISTS' });
    });

    it('adds notes (201) and transactions (201); sub-lists show them; a payment of the rest closes the case PAID_BY_DEBTOR', async () => {
      const note = await client.post(`/cases/${caseId}/notes`, { text: 'Debtor called.', category: 'DEBTOR_CONTACT' });
      expect(note.status).toBe(201);
      expect(note.body.data[0]).toMatchObject({ caseId, noteId: expect.any(String), category: 'DEBTOR_CONTACT', response: 'Action successful' });
      const partial = await client.post(`/cases/${caseId}/transactions`, { transactions: [
        { transactionType: 'CREDIT_NOTE', documentNumber: 'CN-1', documentDate: '2026-12-28', grossAmount: 100 },
        { transactionType: 'PAYMENT', documentNumber: 'PAY-1', documentDate: '2026-12-29', grossAmount: '2000' },
      ] });
      expect(partial.status).toBe(201);
      expect(partial.body.data).toHaveLength(2);
      expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', totalCredited: '100.00', totalPaid: '2000.00', outstandingAmount: '10000.00' });
      expect((await client.get(`/cases/${caseId}/transactions`)).body.data).toHaveLength(3);
      expect((await client.get(`/cases/${caseId}/notes`)).body.data).toHaveLength(2);
      const rest = await client.post(`/cases/${caseId}/transactions`, { transactions: [{ transactionType: 'PAYMENT', documentNumber: 'PAY-2', documentDate: '2026-12-30', grossAmount: '10000.00' }] });
      expect(rest.status).toBe(201);
      const closed = await details(client, caseId);
      expect(closed).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'PAID_BY_DEBTOR', collectionPhase: null, outstandingAmount: '0.00' });
      const refused = await client.post(`/cases/${caseId}/notes`, { text: 'too late' });
      expect(refused.status).toBe(409);
      expect(refused.body.errors[0]).toMatchObject({ code: 'INVALID_STATE', detail: 'Action not allowed in status CLOSED' });
      expect((await client.post(`/cases/${caseId}/transactions`, { transactions: [{ transactionType: 'PAYMENT', documentNumber: 'P', documentDate: '2026-12-30', grossAmount: 1 }] })).status).toBe(409);
    });
  });

  describe('claims on an existing case (spec §6.5)', () => {
    it('turns an OPEN collection case into CLAIM_COLLECTION (202), asks for documents, takes a note as them; a second claim is 409', async () => {
      const created = await client.post('/cases', caseBody(client, other, { customerRefNumber: 'ERP-CLAIM', transactions: [invoice('2026-11-22', '2026-11-30', '5000')] }));
      expect(created.status).toBe(201);
      const caseId = created.body.data.caseId;
      const claimed = await client.post(`/cases/${caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
      expect(claimed.status).toBe(202);
      expect(claimed.body.data).toMatchObject({ caseType: 'CLAIM_COLLECTION', claimStatus: 'AWAITING_DOCUMENTS', claimCause: 'PROTRACTED_DEFAULT', claimAmount: '5000.00', dateOfLoss: '2027-05-29' });
      expect(claimed.body.data.deadlines.documentsDueDate).toBeTruthy();
      const note = await client.post(`/cases/${caseId}/notes`, { text: 'Invoices and reminders attached.' });
      expect(note.status).toBe(201);
      expect(await details(client, caseId)).toMatchObject({ claimStatus: 'IN_ASSESSMENT', deadlines: { documentsDueDate: null } });
      const again = await client.post(`/cases/${caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
      expect(again.status).toBe(409);
      expect(again.body.errors[0].code).toBe('INVALID_STATE');
      const events = (await details(client, caseId)).events.filter((e: any) => e.eventType === 'claim.status_changed').map((e: any) => `${e.from}→${e.to}`);
      expect(events).toEqual(['NOT_CLAIMED→SUBMITTED', 'SUBMITTED→AWAITING_DOCUMENTS', 'AWAITING_DOCUMENTS→IN_ASSESSMENT']);
    });

    it('refuses a claim amount above the outstanding amount (400) and a claim on an unknown case (404)', async () => {
      expect((await client.post('/cases/NP-999999/claim', { claimCause: 'INSOLVENCY' })).status).toBe(404);
      expect((await client.post('/cases/nonsense/claim', { claimCause: 'INSOLVENCY' })).status).toBe(404);
    });
  });

  describe('validation (spec §6.3)', () => {
    const cases: [string, (b: any) => any, number, string, string?][] = [
      ['no INVOICE', (b) => ({ ...b, transactions: [{ transactionType: 'PAYMENT', documentNumber: 'P', documentDate: '2026-12-01', grossAmount: '5' }] }), 400, 'INVALID_VALUE', '/transactions'],
      ['an invoice not yet overdue', (b) => ({ ...b, transactions: [invoice('2026-12-01', '2027-06-01')] }), 400, 'INVALID_DATE', '/transactions/0/dueDate'],
      ['a due date before the document date', (b) => ({ ...b, transactions: [invoice('2026-12-10', '2026-12-01')] }), 400, 'INVALID_DATE', '/transactions/0/dueDate'],
      ['an impossible date', (b) => ({ ...b, transactions: [invoice('2026-02-30', '2026-12-01')] }), 400, 'INVALID_DATE', '/transactions/0/documentDate'],
      ['three decimals', (b) => ({ ...b, transactions: [invoice('2026-11-25', '2026-12-01', '10.001')] }), 400, 'INVALID_AMOUNT', '/transactions/0/grossAmount'],
      ['a zero amount', (b) => ({ ...b, transactions: [invoice('2026-11-25', '2026-12-01', '0')] }), 400, 'INVALID_AMOUNT', '/transactions/0/grossAmount'],
      ['a second currency', (b) => ({ ...b, transactions: [invoice('2026-11-25', '2026-12-01', '10', { currencyCode: 'SEK' })] }), 400, 'INVALID_VALUE', '/transactions/0/currencyCode'],
      ['a case currency other than the policy\'s', (b) => ({ ...b, currencyCode: 'SEK' }), 400, 'INVALID_VALUE', '/currencyCode'],
      ['a claim type without claimCause', (b) => ({ ...b, caseType: 'CLAIM' }), 400, 'REQUIRED', '/claimCause'],
      ['MONITOR without paymentPlan', (b) => ({ ...b, caseType: 'MONITOR' }), 400, 'REQUIRED', '/paymentPlan'],
      ['a missing buyerId', (b) => ({ ...b, buyerId: undefined }), 400, 'INVALID_VALUE', '/buyerId'],
      ['an unknown caseType', (b) => ({ ...b, caseType: 'LAWSUIT' }), 400, 'INVALID_VALUE', '/caseType'],
      ['an unknown buyer', (b) => ({ ...b, buyerId: 99999999 }), 422, 'NO_COVER'],
      ['another customer', (b) => ({ ...b, customerId: 12345678 }), 403, 'FORBIDDEN', '/customerId'],
    ];
    for (const [name, change, status, code, pointer] of cases) {
      it(`refuses ${name} (${status} ${code})`, async () => {
        const refused = await client.post('/cases', change(caseBody(client, buyer, { customerRefNumber: 'BAD' })));
        expect(refused.status).toBe(status);
        expect(refused.body.errors[0]).toMatchObject({ status: String(status), code, ...(pointer ? { source: { pointer } } : {}) });
        expect((await client.get(`/cases?customerId=${client.customerId}&customerRefNumber=BAD`)).body.data).toEqual([]);
      });
    }

    it('normalises a bare CLAIM to CLAIM_COLLECTION and registers its claim when the case opens', async () => {
      const third = await client.cover.buyerId(BUYERS.rating3);
      expect((await client.cover.apply(third, { creditLimitAmount: '10000', effectFromDate: undefined })).status).toBe(201);
      const created = await client.post('/cases', caseBody(client, third, {
        caseType: 'CLAIM', claimCause: 'INSOLVENCY', insolvencyDate: '2026-12-20', documents: [{ name: 'invoice.pdf', url: 'https://files.example/invoice.pdf' }],
        transactions: [invoice('2026-11-21', '2026-12-01', '3000')],
      }));
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ caseType: 'CLAIM_COLLECTION', caseStatus: 'SUBMITTED', claimStatus: 'NOT_CLAIMED' });
      expect(await details(client, created.body.data.caseId)).toMatchObject({
        caseStatus: 'OPEN', claimStatus: 'IN_ASSESSMENT', collectionPhase: 'INSOLVENCY', dateOfLoss: '2026-12-20',
      });
    });
  });

  describe('lists, batch and tenants', () => {
    it('lists with filters and optional paging; customerId or policyId is required; unknown parameters are refused', async () => {
      const all = await client.get(`/cases?customerId=${client.customerId}`);
      expect(all.status).toBe(200);
      expect(all.body.meta).toBeUndefined();
      expect(all.body.data.length).toBeGreaterThanOrEqual(3);
      const closed = await client.get(`/cases?policyId=${client.policyId}&caseStatus=CLOSED`);
      expect(closed.body.data.every((c: any) => c.caseStatus === 'CLOSED')).toBe(true);
      expect(closed.body.data.length).toBeGreaterThanOrEqual(1);
      const open = await client.get(`/cases?customerId=${client.customerId}&openOnly=true`);
      expect(open.body.data.every((c: any) => c.caseStatus === 'OPEN')).toBe(true);
      const claims = await client.get(`/cases?customerId=${client.customerId}&caseType=CLAIM_COLLECTION&claimStatus=IN_ASSESSMENT`);
      expect(claims.body.data.length).toBe(2);
      expect((await client.get(`/cases?customerId=${client.customerId}&buyerId=${buyer}`)).body.data.every((c: any) => c.buyerId === buyer)).toBe(true);
      const paged = await client.get(`/cases?customerId=${client.customerId}&page=1&pageSize=2`);
      expect(paged.body.data).toHaveLength(2);
      expect(paged.body.meta).toEqual({ page: 1, pageSize: 2, totalItems: all.body.data.length, totalPages: Math.ceil(all.body.data.length / 2) });
      const missing = await client.get('/cases');
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0]).toMatchObject({ code: 'REQUIRED', source: { parameter: 'customerId' } });
      const unknown = await client.get(`/cases?customerId=${client.customerId}&colour=red`);
      expect(unknown.body.errors[0]).toMatchObject({ detail: 'Unknown query parameter', source: { parameter: 'colour' } });
      expect((await client.get(`/cases?customerId=${client.customerId}&caseStatus=DONE`)).status).toBe(400);
    });

    it('creates a batch item by item (207): one created, one refused with a pointer into its item', async () => {
      const fourth = await client.cover.buyerId(BUYERS.rating1);
      const batch = await client.post('/cases/batch', { cases: [
        caseBody(client, fourth, { customerRefNumber: 'BATCH-1' }),
        caseBody(client, fourth, { transactions: [invoice('2026-11-25', '2027-12-01')] }),
        { nonsense: true },
      ] });
      expect(batch.status).toBe(207);
      expect(batch.body.data[0]).toMatchObject({ index: 0, httpStatus: 201, caseId: expect.stringMatching(/^NP-/), response: 'Action successful' });
      expect(batch.body.data[1]).toMatchObject({ index: 1, httpStatus: 400, errors: [{ code: 'INVALID_DATE', source: { pointer: '/1/transactions/0/dueDate' } }] });
      expect(batch.body.data[2]).toMatchObject({ index: 2, httpStatus: 400 });
      expect((await client.post('/cases/batch', { cases: [] })).status).toBe(400);
    });

    it('answers another tenant\'s case exactly like an unknown one, and an unknown route with 403', async () => {
      const stranger = await casesClient(service);
      const mine = (await client.get(`/cases?customerId=${client.customerId}`)).body.data[0].caseId;
      const theirs = await stranger.get(`/cases/${mine}`);
      const unknown = await stranger.get('/cases/NP-999999');
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(unknown.body);
      expect((await stranger.post(`/cases/${mine}/notes`, { text: 'x' })).body).toEqual((await stranger.post('/cases/NP-999999/notes', { text: 'x' })).body);
      expect((await stranger.get(`/cases?customerId=${client.customerId}`)).body.data).toEqual([]);
      expect((await client.get('/nothing-here')).status).toBe(403);
    });

    it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
      const caseId = (await client.get(`/cases?customerId=${client.customerId}&openOnly=true`)).body.data[0].caseId;
      const first = await client.post(`/cases/${caseId}/notes`, { text: 'once' }, { 'idempotency-key': 'note-once-1' });
      const replay = await client.post(`/cases/${caseId}/notes`, { text: 'once' }, { 'idempotency-key': 'note-once-1' });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect((await client.post(`/cases/${caseId}/notes`, { text: 'twice' }, { 'idempotency-key': 'note-once-1' })).status).toBe(409);
      expect((await client.get(`/cases/${caseId}/notes`)).body.data.filter((n: any) => n.text === 'once')).toHaveLength(1);
    });
  });
});
