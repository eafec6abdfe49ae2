// The lifecycle join with Credable (issue 14 point 7), over HTTP on both engines: a Reinsure/Insure claim on an
// activated cover opens a claim case on the same buyer with the invoice as its transaction (a platform reaction, at
// least once), and the case's claim decision in the back office becomes the quote's claim.approved / claim.rejected.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { describeEachEngine } from '../support/engines.js';
import { atradiusHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { until } from '../support/wait.js';
import { api, quoteBody, today, type InsuranceProduct } from '../insurance/support.js';
import { NP, casesClient } from './support.js';

describeEachEngine('Lifecycle join: Credable claims go through a claim case', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const staff = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });
  const backoffice = (tenant: TestTenant, method: 'GET' | 'POST', path: string, json?: unknown) =>
    call(service.url, method, `/backoffice/v1${path}`, { headers: staff(tenant), ...(json === undefined ? {} : { json }) });
  const sweep = async () => {
    await service.sweeper!.runOnce();
    expect(service.logs.filter((line) => line.includes('sweep failed') || line.includes('"level":50')), 'worker errors').toEqual([]);
  };
  const advanceDays = async (tenant: TestTenant, days: number) => {
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: api(service, tenant, 'reinsure').headers, json: { seconds: days * 86_400 } });
    expect(moved.status, moved.text).toBe(200);
    await sweep();
  };

  const quoteStatus = async (credable: ReturnType<typeof api>, id: string) => (await credable.get(id)).body.status.code as string;

  /** A tenant with a live SEK policy (DCL 20 000 SEK) starting today, and a quote of `product` activated and claimed 35 days on. */
  async function claimedQuote(product: InsuranceProduct) {
    const tenant = await service.createTenant({ name: `join ${product}` });
    const customer = await backoffice(tenant, 'POST', '/cover/customers', { name: 'Seller AB' });
    expect(customer.status, customer.text).toBe(201);
    const start = today(service);
    const policy = await backoffice(tenant, 'POST', `/cover/customers/${customer.body.data.customerId}/policies`, {
      currency: 'SEK', startDate: addDays(start, -10), expiryDate: addDays(start, 355), discretionaryLimit: '20000', insuredPercentage: 90,
    });
    expect(policy.status, policy.text).toBe(201);
    const credable = api(service, tenant, product);
    const created = await credable.create(quoteBody(service));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const activated = await credable.action(id, product === 'insure' ? 'sign-and-activate' : 'activate',
      product === 'insure' ? { user_email: 'hello@credable.se', user_first_name: 'Hello', user_last_name: 'Credable' } : undefined);
    if (product === 'insure') await call(service.url, 'POST', `/app/sign-policy/${id}`, { form: { name: 'Hello Credable', email: 'hello@credable.se', accept: 'yes' } });
    else expect(activated.body.status.code, activated.text).toBe('cover.activated');
    expect(await quoteStatus(credable, id)).toBe('cover.activated');
    await advanceDays(tenant, 35);
    const claimed = await credable.action(id, 'claim');
    expect(claimed.body.status.code, claimed.text).toBe('claim.pending');
    const headers = await atradiusHeaders(service, tenant, 'nonpayment');
    const caseOf = async () => {
      const listed = await call(service.url, 'GET', `${NP}/cases?customerId=${customer.body.data.customerId}&customerRefNumber=${id}`, { headers });
      expect(listed.status, listed.text).toBe(200);
      return listed.body.data as Record<string, unknown>[];
    };
    const opened = await until(async () => {
      await sweep();
      const cases = await caseOf();
      return cases.length > 0 && cases[0]!.caseStatus === 'OPEN' ? cases : undefined;
    });
    return { tenant, credable, id, headers, caseId: opened[0]!.caseId as string, caseOf, policyId: policy.body.data.policyId, invoice: created.body.invoice_reference ?? created.body.invoice?.reference };
  }

  it('a Reinsure claim opens one claim case with the invoice; approving the case approves the Credable claim', async () => {
    const { tenant, credable, id, headers, caseId, caseOf } = await claimedQuote('reinsure');
    const found = await call(service.url, 'GET', `${NP}/cases/${caseId}`, { headers });
    expect(found.status, found.text).toBe(200);
    expect(found.body.data).toMatchObject({
      caseType: 'CLAIM_COLLECTION', caseStatus: 'OPEN', claimStatus: 'AWAITING_DOCUMENTS', customerRefNumber: id, currencyCode: 'SEK',
      claimCause: 'PROTRACTED_DEFAULT',
    });
    const transactions = await call(service.url, 'GET', `${NP}/cases/${caseId}/transactions`, { headers });
    expect(transactions.body.data).toEqual([expect.objectContaining({ transactionType: 'INVOICE', grossAmount: '10010.00' })]);
    // At least once: replaying the reaction's event (another sweep, a retried job) opens no second case.
    await sweep();
    expect(await caseOf()).toHaveLength(1);
    expect(await quoteStatus(credable, id)).toBe('claim.pending');
    // The back office's claims queue names the case, and refuses to decide the quote's claim directly.
    const pending = await backoffice(tenant, 'GET', '/claims/pending');
    expect(pending.body.data.map((q: { quote: { id: string }; claim: { case_id: string } }) => [q.quote.id, q.claim.case_id])).toEqual([[id, caseId]]);
    const direct = await backoffice(tenant, 'POST', `/claims/${id}/decision`, { decision: 'approve' });
    expect(direct.status, direct.text).toBe(409);
    expect(direct.body.error.message).toContain(caseId);
    expect(await quoteStatus(credable, id)).toBe('claim.pending');

    expect((await backoffice(tenant, 'POST', `/cases/${caseId}/claim/documents-received`, {})).status).toBe(200);
    expect(await quoteStatus(credable, id)).toBe('claim.pending'); // no decision yet
    const approved = await backoffice(tenant, 'POST', `/cases/${caseId}/claim/decision`, { decision: 'approve', approvedAmount: '9009.00' });
    expect(approved.status, approved.text).toBe(200);
    expect(await until(async () => {
      await sweep();
      return (await quoteStatus(credable, id)) === 'claim.approved' ? true : undefined;
    })).toBe(true);
    // The quote's claim is decided once: the back office finds nothing pending for it.
    expect((await backoffice(tenant, 'GET', '/claims/pending')).body.data).toEqual([]);
  });

  it('an Insure claim declined on the case is rejected on Credable with the case reason', async () => {
    const { tenant, credable, id, caseId } = await claimedQuote('insure');
    expect((await backoffice(tenant, 'POST', `/cases/${caseId}/claim/documents-received`, {})).status).toBe(200);
    const declined = await backoffice(tenant, 'POST', `/cases/${caseId}/claim/decision`, { decision: 'decline', reason: 'Goods disputed' });
    expect(declined.status, declined.text).toBe(200);
    expect(await until(async () => {
      await sweep();
      return (await quoteStatus(credable, id)) === 'claim.rejected' ? true : undefined;
    })).toBe(true);
    expect((await credable.get(id)).body.status.reason ?? null).not.toBe(undefined);
  });

  it('a claim on a tenant with no live policy in the invoice currency opens no case and stays with the back office', async () => {
    const tenant = await service.createTenant({ name: 'join no policy' });
    const credable = api(service, tenant, 'reinsure');
    const created = await credable.create(quoteBody(service));
    const id = created.body.id as string;
    expect((await credable.action(id, 'activate')).body.status.code).toBe('cover.activated');
    await advanceDays(tenant, 35);
    expect((await credable.action(id, 'claim')).body.status.code).toBe('claim.pending');
    await sweep();
    await sweep();
    const cases = await casesClient(service, tenant); // the sandbox's own customer, whose policy is in EUR
    const listed = await cases.get(`/cases?customerId=${cases.customerId}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data).toEqual([]);
    expect(await quoteStatus(credable, id)).toBe('claim.pending');
    expect((await backoffice(tenant, 'GET', '/claims/pending')).body.data.map((q: { quote: { id: string } }) => q.quote.id)).toEqual([id]);
  });
});
