// The lifecycle join (issue 14 point 7): a buyer with an open claim case is uninsurable on every face until the case
// closes (the buyer's open-claims count that Credable refuses on and Cover refers on), over HTTP on both engines.
// Cover's referral on that count (cover/domain/underwriting.ts, reason open_claims) is not exercised here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { until } from '../support/wait.js';
import { api, quoteBody, today } from '../insurance/support.js';
import { BUYERS, caseBody, casesClient, details } from './support.js';

describeEachEngine('Lifecycle join: a buyer with an open claim case is uninsurable', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('Credable refuses the buyer while its claim case is open (open_claims 1) and offers again once it closes', async () => {
    const client = await casesClient(service);
    const admin = { authorization: `Bearer ${client.tenant.sheet.credentials.staff.apiKey}` };
    const openClaims = async () => (await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', { headers: admin })).body.open_claims as number;
    const buyerId = await client.cover.buyerId(BUYERS.rating4);
    expect((await client.cover.apply(buyerId, { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    const created = await client.post('/cases', caseBody(client, buyerId, { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    await until(async () => {
      await service.sweeper!.runOnce();
      return (await openClaims()) === 1 ? true : undefined;
    });
    await service.sweeper!.runOnce();
    expect(await openClaims()).toBe(1); // replays hold once
    // Staff are prompted to reduce or withdraw the buyer's live limit while the claim is open.
    const limitReviews = async (headers: Record<string, string> = admin) => call(service.url, 'GET', '/backoffice/v1/cases/limit-reviews', { headers });
    const prompted = await limitReviews();
    expect(prompted.status, prompted.text).toBe(200);
    expect(prompted.body.data).toEqual([expect.objectContaining({
      caseId, buyerId, policyId: client.policyId, claimStatus: 'AWAITING_DOCUMENTS', outstandingAmount: '12100.00',
      liveCovers: [expect.objectContaining({ coverType: 'credit-limit', amount: '20000.00', currencyCode: 'EUR' })],
      prompt: expect.stringContaining(`claim case ${caseId} is open on this buyer`),
    })]);
    const other = await service.createTenant();
    expect((await limitReviews({ authorization: `Bearer ${other.sheet.credentials.staff.apiKey}` })).body.data).toEqual([]);
    expect((await call(service.url, 'GET', '/backoffice/v1/cases/limit-reviews?limit=0', { headers: admin })).status).toBe(400);

    const credable = api(service, client.tenant, 'reinsure');
    const settled = (id: string) => until(async () => {
      await service.sweeper!.runOnce();
      const status = (await credable.get(id)).body.status as { code: string; reason: string | null };
      return status.code === 'quote.pending' ? undefined : status;
    });
    const issuedNow = () => ({ invoice_issue_date: addDays(today(service), 40), invoice_due_date: addDays(today(service), 70) });
    const refused = await credable.create(quoteBody(service, issuedNow()));
    expect(refused.status, refused.text).toBe(201);
    expect(await settled(refused.body.id)).toMatchObject({ code: 'quote.rejected' });

    // The debtor pays in full: the case closes (PAID_BY_DEBTOR) and the buyer is insurable again.
    const paid = await client.post(`/cases/${caseId}/transactions`, { transactions: [{ transactionType: 'PAYMENT', documentNumber: 'PAY-ALL', documentDate: await client.today(), grossAmount: '12100.00' }] });
    expect(paid.status, paid.text).toBe(201);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'PAID_BY_DEBTOR' });
    await until(async () => {
      await service.sweeper!.runOnce();
      return (await openClaims()) === 0 ? true : undefined;
    });
    expect((await limitReviews()).body.data).toEqual([]); // the case closed: nothing left to review
    const accepted = await credable.create(quoteBody(service, issuedNow()));
    expect(await settled(accepted.body.id)).toMatchObject({ code: 'quote.offered' });
  });
});
