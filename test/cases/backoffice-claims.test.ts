// Claims handling in the back office (issue 14 point 6) over HTTP on both engines: the queue with waited time and
// deadline, documents received, approve/decline with reason, indemnity payment; roles, forbidden transitions,
// another tenant's case, and the audit rows and status-change events (webhooks) each action leaves.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, events } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details } from './support.js';

describeEachEngine('Back office: non-payment claims handling', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const admin = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });

  /** Each staff credential's id by its authorization header: the actor its audit rows name. */
  const credentialIds = new Map<string, string>();

  async function staff(tenant: TestTenant, roles: string[]) {
    const created = await call(service.url, 'POST', '/backoffice/v1/staff-credentials', { headers: admin(tenant), json: { roles, label: roles.join('+') } });
    expect(created.status).toBe(201);
    credentialIds.set(created.body.authorization as string, created.body.credentialId as string);
    return { authorization: created.body.authorization as string };
  }

  async function fresh(): Promise<CasesClient> {
    const client = await casesClient(service);
    for (const buyer of [BUYERS.rating4, BUYERS.rating6]) {
      expect((await client.cover.apply(await client.cover.buyerId(buyer), { creditLimitAmount: '20000' })).status).toBe(201);
    }
    await client.advance(40);
    return client;
  }

  async function claimWithoutDocuments(client: CasesClient, buyer: { country: string; uid: string }): Promise<string> {
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(buyer), { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' }));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'AWAITING_DOCUMENTS' });
    return caseId;
  }

  const post = (path: string, headers: Record<string, string>, json: unknown = {}, key?: string) =>
    call(service.url, 'POST', `/backoffice/v1${path}`, { headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, json });
  const get = (path: string, headers: Record<string, string>) => call(service.url, 'GET', `/backoffice/v1${path}`, { headers });

  it('queues the claim with its wait and deadline, confirms documents, approves after the date of loss and records the payment', async () => {
    const client = await fresh();
    const caseId = await claimWithoutDocuments(client, BUYERS.rating4);
    const handler = await staff(client.tenant, ['claims_handler']);
    const underwriter = await staff(client.tenant, ['underwriter']);

    expect(await get('/cases/claims-queue', underwriter)).toMatchObject({ status: 403, body: { error: { code: 'missing_role' } } });
    expect((await get('/cases/claims-queue', client.headers)).status).toBe(403);
    await client.advance(3);
    const queue = await get('/cases/claims-queue', handler);
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.data).toHaveLength(1);
    expect(queue.body.data[0]).toMatchObject({ caseId, claimStatus: 'AWAITING_DOCUMENTS', waitedSeconds: 3 * 86_400, overdue: false, claimAmount: '12100.00' });
    expect(queue.body.data[0].secondsToDeadline).toBeGreaterThan(26 * 86_400);
    expect(queue.body.data[0].secondsToDeadline).toBeLessThanOrEqual(27 * 86_400);

    // Forbidden transitions: a decision before the documents are in; a payment before an approval.
    expect(await post(`/cases/${caseId}/claim/decision`, handler, { decision: 'approve', approvedAmount: '10890.00' })).toMatchObject({ status: 409, body: { error: { code: 'invalid_state' } } });
    expect(await post(`/cases/${caseId}/claim/indemnity-payment`, handler, { paymentReference: 'PAY-1' })).toMatchObject({ status: 409 });

    const received = await post(`/cases/${caseId}/claim/documents-received`, handler, {}, 'docs-1');
    expect(received.status, received.text).toBe(200);
    expect(received.body.data).toMatchObject({ caseId, claimStatus: 'IN_ASSESSMENT' });
    expect((await post(`/cases/${caseId}/claim/documents-received`, handler, {}, 'docs-1')).body).toEqual(received.body); // replayed
    expect((await post(`/cases/${caseId}/claim/documents-received`, handler)).status).toBe(409);
    expect((await get('/cases/claims-queue', handler)).body.data[0]).toMatchObject({ caseId, claimStatus: 'IN_ASSESSMENT', waitedSeconds: 0 });

    // Bad amounts are refused before anything is written.
    for (const approvedAmount of ['12100.01', '100.001', '-5', 0]) {
      const refused = await post(`/cases/${caseId}/claim/decision`, handler, { decision: 'approve', approvedAmount });
      expect(refused.status, `${approvedAmount}: ${refused.text}`).toBe(400);
    }
    expect((await post('/cases/NP-999999/claim/decision', handler, { decision: 'approve', approvedAmount: '1.00' })).status).toBe(404);

    // Past the date of loss (oldest due date + 180 days) with no sweep: the decision's request fires the loss timer.
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(client.tenant), json: { seconds: 180 * 86_400 } })).status).toBe(200);
    const approved = await post(`/cases/${caseId}/claim/decision`, handler, { decision: 'approve', approvedAmount: '10890.00' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.data).toMatchObject({ claimStatus: 'APPROVED', approvedAmount: '10890.00', indemnityAmount: null });
    const paid = await post(`/cases/${caseId}/claim/indemnity-payment`, handler, { paymentReference: 'PAY-NP-1' });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body.data).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'PAID', indemnityAmount: '10890.00' }); // the collection goes on
    expect((await post(`/cases/${caseId}/claim/indemnity-payment`, handler, { paymentReference: 'PAY-NP-2' })).status).toBe(409);
    expect((await get('/cases/claims-queue', handler)).body.data).toEqual([]);
    await client.advance(6); // the payment timer finds nothing left to pay
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'PAID', indemnityAmount: '10890.00' });

    const db = service.platform.db;
    const changes = await db.select().from(events).where(and(eq(events.entityId, caseId), eq(events.type, 'claim.status_changed'))).orderBy(asc(events.id));
    expect(changes.map((e) => { const data = e.data as { from: string; to: string }; return `${data.from}→${data.to}`; })).toEqual([
      'NOT_CLAIMED→SUBMITTED', 'SUBMITTED→AWAITING_DOCUMENTS', 'AWAITING_DOCUMENTS→IN_ASSESSMENT', 'IN_ASSESSMENT→APPROVED', 'APPROVED→PAID',
    ]);
    expect(changes.at(-1)!.data).toMatchObject({ reason: 'PAY-NP-1', caseId });
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, caseId)).orderBy(asc(auditLog.id));
    const staffActions = audits.filter((row) => row.actorId === credentialIds.get(handler.authorization) && row.actorType === 'credential' && row.action.startsWith('claim.')).map((row) => row.action);
    expect(staffActions).toEqual(['claim.documents_confirmed', 'claim.approved', 'claim.indemnity_payment_recorded']);
    // A timer is the system's act even when a handler's request fired it: audited as its sweep would have been.
    expect(audits.filter((row) => row.action === 'claim.date_of_loss_reached').map((row) => `${row.actorType}:${row.actorId}`)).toEqual(['system:cases-loss']);
  });

  it('declines with a reason, refuses a payment before the date of loss, and answers another tenant as unknown', async () => {
    const client = await fresh();
    const handler = await staff(client.tenant, ['claims_handler']);
    const declinedCase = await claimWithoutDocuments(client, BUYERS.rating4);
    const paidEarly = await claimWithoutDocuments(client, BUYERS.rating6);
    for (const caseId of [declinedCase, paidEarly]) expect((await post(`/cases/${caseId}/claim/documents-received`, handler)).status).toBe(200);

    expect((await post(`/cases/${declinedCase}/claim/decision`, handler, { decision: 'decline', reason: '  ' })).status).toBe(400);
    expect((await post(`/cases/${declinedCase}/claim/decision`, handler, { decision: 'decline' })).status).toBe(400);
    const declined = await post(`/cases/${declinedCase}/claim/decision`, handler, { decision: 'decline', reason: 'Goods delivered after the limit was withdrawn' });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body.data).toMatchObject({ claimStatus: 'DECLINED', claimDeclineReason: 'Goods delivered after the limit was withdrawn' });
    expect((await post(`/cases/${declinedCase}/claim/decision`, handler, { decision: 'approve', approvedAmount: '1.00' })).status).toBe(409);

    expect((await post(`/cases/${paidEarly}/claim/decision`, handler, { decision: 'approve', approvedAmount: '5000.00' })).status).toBe(200);
    const early = await post(`/cases/${paidEarly}/claim/indemnity-payment`, handler, { paymentReference: 'PAY-EARLY' });
    expect(early).toMatchObject({ status: 422, body: { error: { code: 'invalid_date' } } });
    expect(await details(client, paidEarly)).toMatchObject({ claimStatus: 'APPROVED', indemnityAmount: null });
    const queue = (await get('/cases/claims-queue', handler)).body.data;
    expect(queue.map((entry: { caseId: string }) => entry.caseId)).toEqual([paidEarly]);
    expect(queue[0]).toMatchObject({ claimStatus: 'APPROVED', approvedAmount: '5000.00' });

    const other = await casesClient(service);
    const otherHandler = await staff(other.tenant, ['claims_handler']);
    const asOther = await post(`/cases/${paidEarly}/claim/decision`, otherHandler, { decision: 'decline', reason: 'not ours' });
    expect(asOther).toMatchObject({ status: 404, body: { error: { code: 'case_not_found' } } });
    expect((await post('/cases/not-a-case/claim/documents-received', otherHandler)).status).toBe(404);
    expect((await get('/cases/claims-queue', otherHandler)).body.data).toEqual([]);
    expect((await post(`/cases/${paidEarly}/claim/decision`, handler, { decision: 'maybe' })).status).toBe(400);
    expect((await post(`/cases/${paidEarly}/claim/indemnity-payment`, handler, { paymentReference: 'x', extra: 1 })).status).toBe(400);
  });
});
