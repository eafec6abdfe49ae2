// The lifecycle join with servicing (issue 14 point 7), over HTTP on both engines: a collection case, once OPEN,
// opens an account and a claim per unpaid invoice for the debtor on the servicing ledger (Receeve face), and a
// payment matched there becomes a recovery (a PAYMENT transaction) on the case; each reaction runs at least once
// and records once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { servicingHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { until } from '../support/wait.js';
import { BUYERS, caseBody, casesClient, details } from './support.js';

describeEachEngine('Lifecycle join: collection cases on the servicing ledger', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('opens the debtor account and claim, and a matched payment is a recovery on the case', async () => {
    const client = await casesClient(service);
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4)));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    await service.sweeper!.runOnce();
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', caseType: 'COLLECTION', totalInvoiced: '12100.00', outstandingAmount: '12100.00' });

    const headers = await servicingHeaders(service, client.tenant);
    const receeve = (method: 'GET' | 'POST', operation: string, query: Record<string, string>, json?: unknown) =>
      call(service.url, method, `/v1/${client.tenant.tenant.clientId}/${operation}?${new URLSearchParams(query).toString()}`, { headers, ...(json === undefined ? {} : { json }) });
    const claimReference = `${caseId}/INV-2026-11-25-12100.00`;
    const claims = await until(async () => {
      await service.sweeper!.runOnce();
      const found = await receeve('GET', 'get_account_claims', { accountReference: caseId });
      return found.status === 200 && Array.isArray(found.body) && found.body.length > 0 ? found.body as Record<string, unknown>[] : undefined;
    });
    expect(claims).toEqual([expect.objectContaining({ claimReference, amount: 1_210_000, currency: 'EUR' })]);
    await service.sweeper!.runOnce(); // a replayed event opens nothing more
    expect((await receeve('GET', 'get_account_claims', { accountReference: caseId })).body).toHaveLength(1);

    const paid = await receeve('POST', 'match_account_payment', {}, [{
      accountReference: caseId, currency: 'EUR', totalAmount: 400_000, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'TRACK-1', paymentReference: 'PAY-1',
    }]);
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body[caseId].success, paid.text).toBe(true);
    const recovered = await until(async () => {
      await service.sweeper!.runOnce();
      const found = await details(client, caseId);
      return found.totalPaid === '4000.00' ? found : undefined;
    });
    expect(recovered).toMatchObject({ caseStatus: 'OPEN', totalInvoiced: '12100.00', totalPaid: '4000.00', outstandingAmount: '8100.00' });
    const transactions = (await client.get(`/cases/${caseId}/transactions`)).body.data as { transactionType: string; grossAmount: string }[];
    expect(transactions.filter((t) => t.transactionType === 'PAYMENT').map((t) => t.grossAmount)).toEqual(['4000.00']);
    await service.sweeper!.runOnce();
    expect((await details(client, caseId)).totalPaid).toBe('4000.00');
  });

  it('a monitor case opens no servicing account', async () => {
    const client = await casesClient(service);
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4), { caseType: 'MONITOR', paymentPlan: { instalments: [{ dueDate: '2027-06-30', amount: '12100.00' }] } }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    await service.sweeper!.runOnce();
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', caseType: 'MONITOR' });
    await service.sweeper!.runOnce();
    await service.sweeper!.runOnce();
    const headers = await servicingHeaders(service, client.tenant);
    const found = await call(service.url, 'GET', `/v1/${client.tenant.tenant.clientId}/get_account_claims?accountReference=${caseId}`, { headers });
    expect(found.status, found.text).toBe(200);
    expect(found.body).toEqual([]);
  });
});
