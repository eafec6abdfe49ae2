// The caseStatus and claimStatus machines of spec §6.6 (every row, every forbidden pair) and the timers of §6.7 on the
// tenant clock: documents deadline, assessment deadline, date of loss (waiting period), indemnity payment, legal phase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesContext, closeCase, decideClaim, type ClaimDecision } from '../../src/cases/api.js';
import { CASE_EVENTS, CASE_TRANSITIONS, CLAIM_EVENTS, CLAIM_TRANSITIONS, caseTransition, claimTransition } from '../../src/cases/domain/case-state.js';
import { CASE_STATUSES, CLAIM_STATUSES } from '../../src/cases/domain/codes.js';
import { clockFor } from '../../src/platform/services.js';
import { findTenant } from '../../src/platform/tenants/service.js';
import { unitOfWork, type UnitOfWork } from '../../src/platform/unit-of-work.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details, invoice } from './support.js';

describe('transition tables (domain)', () => {
  it('allows exactly the rows of the tables, each with its spec row', () => {
    for (const from of CASE_STATUSES) {
      for (const event of CASE_EVENTS) {
        const row = CASE_TRANSITIONS.find((t) => t.from === from && t.event === event);
        const result = caseTransition(from, event);
        expect(result.ok, `${from} ${event}`).toBe(row !== undefined);
        if (!result.ok) expect(result.error).toEqual({ code: 'INVALID_TRANSITION', machine: 'case', from, event });
      }
    }
    for (const from of CLAIM_STATUSES) {
      for (const event of CLAIM_EVENTS) {
        const row = CLAIM_TRANSITIONS.find((t) => t.from === from && t.event === event);
        expect(claimTransition(from, event).ok, `${from} ${event}`).toBe(row !== undefined);
      }
    }
    expect([...CASE_TRANSITIONS, ...CLAIM_TRANSITIONS].every((t) => t.specRow.includes(`${t.from} -->`))).toBe(true);
  });

  it('has no way out of CLOSED, REJECTED, DECLINED or PAID', () => {
    expect(CASE_TRANSITIONS.filter((t) => t.from === 'CLOSED' || t.from === 'REJECTED')).toEqual([]);
    expect(CLAIM_TRANSITIONS.filter((t) => t.from === 'DECLINED' || t.from === 'PAID')).toEqual([]);
  });
});

describeEachEngine('Case and claim transitions with their timers (spec §6.6, §6.7)', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  async function fresh() {
    const client = await casesClient(service);
    for (const buyer of [BUYERS.rating4, BUYERS.rating6, BUYERS.rating3]) {
      expect((await client.cover.apply(await client.cover.buyerId(buyer), { creditLimitAmount: '20000' })).status).toBe(201);
    }
    await client.advance(40);
    return client;
  }

  /** A staff member's (or the system's) unit of work on the tenant's current clock. */
  async function asHandler<T>(client: CasesClient, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const db = service.platform.db;
    const tenant = (await findTenant(db, client.tenant.tenant.id))!;
    return db.transaction((tx) => work(unitOfWork({ tx, tenant, clock: clockFor(service.platform, tenant), actor: { type: 'staff', id: 'claims-handler-1' } })));
  }

  const ctx = () => casesContext(service.platform);
  const decide = (client: CasesClient, caseId: string, decision: ClaimDecision) => asHandler(client, (uow) => decideClaim(uow, ctx(), caseId, decision));

  async function claimCase(client: CasesClient, buyer: { country: string; uid: string }, overrides: Record<string, unknown> = {}) {
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(buyer), {
      caseType: 'CLAIM_MONITOR', claimCause: 'PROTRACTED_DEFAULT', documents: [{ name: 'invoice.pdf', url: 'https://files.example/1.pdf' }],
      paymentPlan: { instalments: [{ dueDate: '2027-02-01', amount: '12100.00' }] }, ...overrides,
    }));
    expect(created.status).toBe(201);
    await details(client, created.body.data.caseId); // the eligibility check runs now, as the sweeper would within seconds
    return created.body.data.caseId as string;
  }

  it('APPROVED pays the indemnity 5 days after approval, not before the date of loss; a CLAIM_MONITOR case then closes INDEMNIFIED', async () => {
    const client = await fresh();
    const caseId = await claimCase(client, BUYERS.rating4);
    const assessed = await details(client, caseId);
    expect(assessed).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'IN_ASSESSMENT', dateOfLoss: '2027-06-23', claimAmount: '12100.00' });
    expect((await decide(client, caseId, { outcome: 'APPROVED', approvedAmount: 2_000_000 })).ok).toBe(false);
    const approved = await decide(client, caseId, { outcome: 'APPROVED', approvedAmount: 1_089_000 });
    expect(approved.ok).toBe(true);
    expect(await details(client, caseId)).toMatchObject({
      claimStatus: 'APPROVED', approvedAmount: '10890.00', indemnityPercentage: 90, deadlines: { indemnityPaymentDate: '2027-06-23', assessmentDueDate: null },
      indemnityCalculation: { dateOfLoss: '2027-06-23', outstandingAmount: '12100.00', eligibleLoss: '12100.00', limitInForce: '20000.00', insuredLoss: '12100.00', insuredPercentage: '90', indemnityAmount: '10890.00', retainedByInsured: '1210.00' },
    });
    await client.advance(10);
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'APPROVED', indemnityAmount: null });
    await client.advance(173);
    const paid = await details(client, caseId);
    expect(paid).toMatchObject({ claimStatus: 'PAID', indemnityAmount: '10890.00', caseStatus: 'CLOSED', closureReason: 'INDEMNIFIED' });
    const kinds = paid.events.map((e: any) => `${e.eventType}:${e.from}→${e.to}`);
    expect(kinds.slice(-4)).toEqual([
      'claim.status_changed:IN_ASSESSMENT→APPROVED', 'claim.date_of_loss_reached:APPROVED→APPROVED',
      'claim.status_changed:APPROVED→PAID', 'case.status_changed:OPEN→CLOSED',
    ]);
    // Forbidden now: a second decision, closing a closed case, a claim on it (409 on the wire).
    expect(await decide(client, caseId, { outcome: 'DECLINED', reason: 'late' })).toEqual({ ok: false, error: { code: 'INVALID_STATE', status: 'CLOSED' } });
    expect(await asHandler(client, (uow) => closeCase(uow, ctx(), caseId, 'WITHDRAWN'))).toEqual({ ok: false, error: { code: 'INVALID_STATE', status: 'CLOSED' } });
    expect((await client.post(`/cases/${caseId}/claim`, { claimCause: 'INSOLVENCY' })).status).toBe(409);
  });

  it('declines a claim whose documents are not supplied within 30 days; a CLAIM_COLLECTION case stays OPEN', async () => {
    const client = await fresh();
    const caseId = await claimCase(client, BUYERS.rating6, { caseType: 'CLAIM_COLLECTION', documents: undefined, paymentPlan: undefined });
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'AWAITING_DOCUMENTS' });
    await client.advance(29);
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'AWAITING_DOCUMENTS' });
    await client.advance(2);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'DECLINED', claimDeclineReason: 'DOCUMENTS_NOT_SUPPLIED', deadlines: { documentsDueDate: null } });
    expect((await decide(client, caseId, { outcome: 'APPROVED', approvedAmount: 100 })).ok).toBe(false);
  });

  it('marks the assessment overdue 30 days after the documents are complete, and declines by a handler with a reason', async () => {
    const client = await fresh();
    const caseId = await claimCase(client, BUYERS.rating3, { caseType: 'CLAIM_COLLECTION', paymentPlan: undefined });
    await client.advance(31);
    const overdue = await details(client, caseId);
    expect(overdue).toMatchObject({ claimStatus: 'IN_ASSESSMENT', deadlines: { assessmentOverdue: true, assessmentDueDate: null } });
    expect(overdue.events.map((e: any) => e.eventType)).toContain('claim.assessment_overdue');
    expect((await decide(client, caseId, { outcome: 'DECLINED', reason: '' })).ok).toBe(false);
    expect((await decide(client, caseId, { outcome: 'DECLINED', reason: 'Goods delivered after the limit was withdrawn' })).ok).toBe(true);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'DECLINED', claimDeclineReason: 'Goods delivered after the limit was withdrawn' });
  });

  it('moves a collection from AMICABLE to LEGAL after 90 days; staff close it UNRECOVERABLE; closing twice is refused', async () => {
    const client = await fresh();
    const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4), { transactions: [invoice('2026-11-25', '2026-12-20')] }));
    const caseId = created.body.data.caseId;
    expect(await details(client, caseId)).toMatchObject({ collectionPhase: 'AMICABLE' });
    await client.advance(89);
    expect(await details(client, caseId)).toMatchObject({ collectionPhase: 'AMICABLE' });
    await client.advance(2);
    expect(await details(client, caseId)).toMatchObject({ collectionPhase: 'LEGAL' });
    expect((await asHandler(client, (uow) => closeCase(uow, ctx(), caseId, 'UNRECOVERABLE'))).ok).toBe(true);
    expect(await details(client, caseId)).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'UNRECOVERABLE', collectionPhase: null });
    expect((await asHandler(client, (uow) => closeCase(uow, ctx(), caseId, 'WITHDRAWN'))).ok).toBe(false);
  });

  it('approves by default the calculated indemnity: 90 % of the loss capped at the limit in force at the date of loss (DC04: 10 000), after payments', async () => {
    const client = await fresh();
    const caseId = await claimCase(client, BUYERS.rating6, {
      caseType: 'CLAIM_COLLECTION', claimCause: 'INSOLVENCY', insolvencyDate: '2026-12-28', paymentPlan: undefined,
      transactions: [invoice('2026-11-22', '2026-11-30', '15000.00'), invoice('2026-11-23', '2026-12-05', '9000.00'),
        { transactionType: 'PAYMENT', documentNumber: 'PAY-1', documentDate: '2026-12-10', grossAmount: '2000.00' }],
    });
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'IN_ASSESSMENT', outstandingAmount: '22000.00', dateOfLoss: '2026-12-28' });
    expect((await decide(client, caseId, { outcome: 'APPROVED' })).ok).toBe(true);
    expect(await details(client, caseId)).toMatchObject({
      claimStatus: 'APPROVED', approvedAmount: '9000.00',
      indemnityCalculation: { outstandingAmount: '22000.00', limitInForce: '10000.00', insuredLoss: '10000.00', indemnityAmount: '9000.00', retainedByInsured: '13000.00' },
    });
    await client.advance(5);
    expect(await details(client, caseId)).toMatchObject({ claimStatus: 'PAID', indemnityAmount: '9000.00', caseStatus: 'OPEN', collectionPhase: 'INSOLVENCY' });
  });

  it('refuses a claim on a claim case and a decision on an unclaimed one', async () => {
    const client = await fresh();
    const claimId = await claimCase(client, BUYERS.rating6, { caseType: 'CLAIM_COLLECTION', paymentPlan: undefined });
    await details(client, claimId);
    const again = await client.post(`/cases/${claimId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ code: 'INVALID_STATE', detail: 'Action not allowed in status CLAIM_COLLECTION' });
    const plain = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating3)));
    await details(client, plain.body.data.caseId);
    expect(await decide(client, plain.body.data.caseId, { outcome: 'APPROVED', approvedAmount: 100 })).toEqual({ ok: false, error: { code: 'INVALID_STATE', status: 'NOT_CLAIMED' } });
  });
});
