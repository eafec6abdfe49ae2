// The lifecycle join's recoveries (issue 14 point 7), over HTTP on both engines: a claim case under collection is
// worked on the servicing ledger; a payment matched there before indemnity lowers the loss (and so the indemnity);
// after the indemnity is paid, each matched payment is split insurer/insured on the running total (splitRecovery),
// recorded once per payment however often the reaction runs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { nonpaymentRecoveries } from '../../src/cases/schema.js';
import { events } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { servicingHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { until } from '../support/wait.js';
import { BUYERS, caseBody, casesClient, details } from './support.js';

describeEachEngine('Lifecycle join: recoveries split with the insurer after indemnity', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('partial recovery, indemnity for the rest, late recoveries split 90/10 on the running total', async () => {
    const client = await casesClient(service);
    const admin = { authorization: `Bearer ${client.tenant.sheet.credentials.staff.apiKey}` };
    const staff = (path: string, json: unknown) => call(service.url, 'POST', `/backoffice/v1${path}`, { headers: admin, json });
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4), { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    await service.sweeper!.runOnce();
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'AWAITING_DOCUMENTS', outstandingAmount: '12100.00' });

    const headers = await servicingHeaders(service, client.tenant);
    const receeve = (method: 'GET' | 'POST', operation: string, json?: unknown, query: Record<string, string> = {}) =>
      call(service.url, method, `/v1/${client.tenant.tenant.clientId}/${operation}?${new URLSearchParams(query).toString()}`, { headers, ...(json === undefined ? {} : { json }) });
    await until(async () => {
      await service.sweeper!.runOnce();
      const found = await receeve('GET', 'get_account_claims', undefined, { accountReference: caseId });
      return found.status === 200 && Array.isArray(found.body) && found.body.length === 1 ? true : undefined;
    });
    const pay = async (totalAmount: number, trackingId: string, expectedPaid: string) => {
      const paid = await receeve('POST', 'match_account_payment', [{
        accountReference: caseId, currency: 'EUR', totalAmount, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES', providerName: 'trustly', trackingId,
      }]);
      expect(paid.body[caseId]?.success, paid.text).toBe(true);
      return until(async () => {
        await service.sweeper!.runOnce();
        const found = await details(client, caseId);
        return found.totalPaid === expectedPaid ? found : undefined;
      });
    };

    // A recovery before indemnity is the insured's: it lowers the loss, nothing is split.
    expect(await pay(100_000, 'T-1', '1000.00')).toMatchObject({ outstandingAmount: '11100.00', claimStatus: 'IN_ASSESSMENT' });
    await client.advance(180); // past the date of loss
    const approved = await staff(`/cases/${caseId}/claim/decision`, { decision: 'approve', approvedAmount: '9990.00' }); // 90 % of 11 100.00
    expect(approved.status, approved.text).toBe(200);
    expect((await staff(`/cases/${caseId}/claim/indemnity-payment`, { paymentReference: 'IND-1' })).status).toBe(200);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'PAID', indemnityAmount: '9990.00', outstandingAmount: '11100.00' });

    const db = service.platform.db;
    const splits = async () => (await db.select().from(nonpaymentRecoveries)
      .where(and(eq(nonpaymentRecoveries.tenantId, client.tenant.tenant.id), eq(nonpaymentRecoveries.caseNumber, Number(caseId.slice(3)))))
      .orderBy(asc(nonpaymentRecoveries.recoveryNumber))).map((r) => [r.amount, r.insurerShare, r.insuredShare, r.insurerTotal]);
    expect(await splits()).toEqual([]);

    expect(await pay(200_000, 'T-2', '3000.00')).toMatchObject({ outstandingAmount: '9100.00' });
    expect(await pay(50_001, 'T-3', '3500.01')).toMatchObject({ outstandingAmount: '8599.99' });
    await service.sweeper!.runOnce(); // replays record nothing twice
    // 90 % of 2000.00 = 1800.00; then 90 % of the running 2500.01 = 2250.009 → 2250.01 (half-even), so 450.01 of 500.01.
    expect(await splits()).toEqual([[200_000, 180_000, 20_000, 180_000], [50_001, 45_001, 5_000, 225_001]]);
    const announced = await db.select().from(events).where(and(eq(events.entityId, caseId), eq(events.type, 'case.recovery_split'))).orderBy(asc(events.id));
    expect(announced.map((e) => (e.data as { insurerShare: number }).insurerShare)).toEqual([180_000, 45_001]);

    // The Non-Payments client reads the split on the case: a summary and each recovery with its PAYMENT transaction.
    const read = await details(client, caseId);
    expect(read.recoverySplit).toEqual({ recoveredAfterIndemnity: '2500.01', insurerShare: '2250.01', insuredShare: '250.00' });
    const recoveries = await client.get(`/cases/${caseId}/recoveries`);
    expect(recoveries.status).toBe(200);
    expect(recoveries.body.data).toEqual(read.recoveries);
    expect(read.recoveries).toMatchObject([
      { amount: '2000.00', insurerShare: '1800.00', insuredShare: '200.00', insurerTotal: '1800.00' },
      { amount: '500.01', insurerShare: '450.01', insuredShare: '50.00', insurerTotal: '2250.01' },
    ]);
    const payments = new Map(read.transactions.map((t: { transactionId: string; documentNumber: string; grossAmount: string }) => [t.transactionId, t]));
    expect(read.recoveries.map((r: { transactionId: string }) => payments.get(r.transactionId))).toMatchObject([{ grossAmount: '2000.00' }, { grossAmount: '500.01' }]);
    expect((await client.get('/cases/NP-999999/recoveries')).status).toBe(404);
  });
});
