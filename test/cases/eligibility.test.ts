// "Claims Validation and Verification" (spec §6.4): each check on the policy and the buyer's cover at the dates that
// matter, recorded on the case with its reason, and what a failed check does to the case and to its claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEligibility, coverOn, type EligibilityFacts, type PolicyTerms } from '../../src/cases/domain/eligibility.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPolicy } from '../cover/support.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details, invoice } from './support.js';

const POLICY: PolicyTerms = { status: 'live', startDate: '2026-01-01', expiryDate: '2026-12-31', discretionaryLimit: 0, maxExtensionDays: 60 };
const FACTS: EligibilityFacts = {
  caseType: 'CLAIM_COLLECTION', policy: POLICY, cover: [{ coverId: 1, coverType: 'credit-limit', granted: 2_000_000, from: '2026-02-01', until: null }],
  firstInvoiceDate: '2026-03-01', oldestDueDate: '2026-04-01', outstandingAmount: 1_000_000, notifiedOn: '2026-05-01',
  claimThreshold: 50_000, notificationGraceDays: 30,
};

describe('eligibility rules (domain)', () => {
  it('passes every check of an eligible claim', () => {
    const result = checkEligibility(FACTS);
    expect(result).toMatchObject({ caseOutcome: 'OPEN', claimRefusal: null, lateNotification: false, coverAtFirstInvoice: 2_000_000 });
    expect(result.checks.every((c) => c.passed)).toBe(true);
  });

  it('rejects any case when the policy was not live on the oldest due date', () => {
    expect(checkEligibility({ ...FACTS, caseType: 'COLLECTION', oldestDueDate: '2025-12-31' })).toMatchObject({ caseOutcome: 'REJECTED', rejectionReason: 'POLICY_NOT_LIVE' });
    expect(checkEligibility({ ...FACTS, policy: { ...POLICY, status: 'cancelled' } })).toMatchObject({ caseOutcome: 'REJECTED' });
  });

  it('needs cover in force on the first invoice date for a claim type; a collection goes on without it', () => {
    const late = { ...FACTS, cover: [{ ...FACTS.cover[0]!, from: '2026-03-02' }] };
    expect(checkEligibility(late)).toMatchObject({ caseOutcome: 'REJECTED', rejectionReason: 'NO_COVER', coverAtFirstInvoice: 0 });
    expect(checkEligibility({ ...late, caseType: 'COLLECTION' })).toMatchObject({ caseOutcome: 'OPEN', claimRefusal: 'NO_COVER' });
    const ended = { ...FACTS, cover: [{ ...FACTS.cover[0]!, until: '2026-03-01' }] };
    expect(checkEligibility(ended).coverAtFirstInvoice).toBe(0);
    const indication = { ...FACTS, cover: [{ ...FACTS.cover[0]!, coverType: 'indication' as const }] };
    expect(checkEligibility(indication).coverAtFirstInvoice).toBe(0);
    expect(checkEligibility({ ...late, policy: { ...POLICY, discretionaryLimit: 500_000 } })).toMatchObject({ caseOutcome: 'OPEN', coverAtFirstInvoice: 500_000 });
  });

  it('marks a notification after oldest due + MEP + 30 days late (the claim is refused) and checks the threshold', () => {
    expect(checkEligibility({ ...FACTS, notifiedOn: '2026-06-30' })).toMatchObject({ lateNotification: false, claimRefusal: null });
    expect(checkEligibility({ ...FACTS, notifiedOn: '2026-07-01' })).toMatchObject({ caseOutcome: 'OPEN', lateNotification: true, claimRefusal: 'LATE_NOTIFICATION' });
    expect(checkEligibility({ ...FACTS, outstandingAmount: 50_000 })).toMatchObject({ caseOutcome: 'OPEN', claimRefusal: 'BELOW_CLAIM_THRESHOLD' });
  });

  it('takes the largest cover in force on a date, the DCL once the policy has started', () => {
    const spans = [
      { coverId: 1, coverType: 'credit-limit' as const, granted: 100, from: '2026-01-01', until: '2026-02-01' },
      { coverId: 2, coverType: 'credit-limit' as const, granted: 300, from: '2026-02-01', until: null },
    ];
    expect(coverOn(POLICY, spans, '2026-01-31')).toBe(100);
    expect(coverOn(POLICY, spans, '2026-02-01')).toBe(300);
    expect(coverOn({ ...POLICY, discretionaryLimit: 200 }, spans, '2026-01-15')).toBe(200);
    expect(coverOn({ ...POLICY, discretionaryLimit: 200 }, [], '2025-12-31')).toBe(0);
  });
});

describeEachEngine('Eligibility on SUBMITTED cases (spec §6.4)', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let noDclPolicy: string;
  let limited: number;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    noDclPolicy = await newPolicy(client.cover, await client.today(), { discretionaryLimit: '0' });
    await client.advance(40);
    limited = await client.cover.buyerId(BUYERS.rating4);
    // A limit decided today (after the invoices below were issued) on the policy without DCL.
    expect((await client.cover.apply(limited, { policyId: noDclPolicy, creditLimitAmount: '20000' })).status).toBe(201);
  });
  afterAll(async () => service?.stop());

  it('rejects a case whose policy was not live on the oldest due date (REJECTED with the reason and the checks)', async () => {
    const buyerId = await client.cover.buyerId(BUYERS.rating6);
    const created = await client.post('/cases', caseBody(client, buyerId, { transactions: [invoice('2026-10-01', '2026-11-01')] }));
    expect(created.status).toBe(201);
    const found = await details(client, created.body.data.caseId);
    expect(found).toMatchObject({ caseStatus: 'REJECTED', rejectionReason: 'POLICY_NOT_LIVE', collectionPhase: null });
    expect(found.eligibility.checks[0]).toEqual({ check: 'POLICY_LIVE', passed: false, reason: 'Policy not live on the oldest due date 2026-11-01' });
    expect((await client.post(`/cases/${found.caseId}/notes`, { text: 'x' })).status).toBe(409);
  });

  it('rejects a claim case on a buyer whose limit began after the first invoice; a collection case opens and cannot claim (422)', async () => {
    const claim = await client.post('/cases', { ...caseBody(client, limited), policyId: noDclPolicy, caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' });
    expect(claim.status).toBe(201);
    const rejected = await details(client, claim.body.data.caseId);
    expect(rejected).toMatchObject({ caseStatus: 'REJECTED', rejectionReason: 'NO_COVER', claimStatus: 'NOT_CLAIMED' });
    expect(rejected.eligibility.checks[1]).toMatchObject({ check: 'COVER_BEFORE_FIRST_INVOICE', passed: false });
    const collection = await client.post('/cases', { ...caseBody(client, limited), policyId: noDclPolicy });
    expect(collection.status).toBe(201);
    expect(await details(client, collection.body.data.caseId)).toMatchObject({ caseStatus: 'OPEN', eligibility: { claimRefusal: 'NO_COVER' } });
    const refused = await client.post(`/cases/${collection.body.data.caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'NO_COVER', detail: 'No cover found for this buyer' });
  });

  it('refuses a claim case on a buyer with no cover at all under a policy without DCL (422)', async () => {
    const bare = await client.cover.buyerId(BUYERS.rating1);
    const refused = await client.post('/cases', { ...caseBody(client, bare), policyId: noDclPolicy, caseType: 'CLAIM_COLLECTION', claimCause: 'INSOLVENCY' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ status: '422', code: 'NO_COVER' });
  });

  it('declines the claim of a case at or below the claim threshold, and refuses a claim on such a collection case (422)', async () => {
    const small = await client.cover.buyerId(BUYERS.rating3);
    const created = await client.post('/cases', caseBody(client, small, { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT', transactions: [invoice('2026-11-25', '2026-12-01', '500.00')] }));
    const found = await details(client, created.body.data.caseId);
    expect(found).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'DECLINED', claimDeclineReason: 'BELOW_CLAIM_THRESHOLD', collectionPhase: 'AMICABLE' });
    expect(found.eligibility.checks[3]).toMatchObject({ check: 'ABOVE_CLAIM_THRESHOLD', passed: false });
    const other = await client.cover.buyerId(BUYERS.rating8);
    const collection = await client.post('/cases', caseBody(client, other, { transactions: [invoice('2026-11-25', '2026-12-01', '499.99')] }));
    const refused = await client.post(`/cases/${collection.body.data.caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('CLAIM_THRESHOLD');
  });
});

describeEachEngine('Late notification (spec §6.4: oldest due + MEP + 30 days)', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('records lateNotification and declines the claim; a CLAIM_MONITOR case then closes CLAIM_DECLINED, a CLAIM_COLLECTION stays OPEN', async () => {
    const client = await casesClient(service);
    await client.advance(100);
    const collect = await client.cover.buyerId(BUYERS.rating4);
    const monitor = await client.cover.buyerId(BUYERS.rating6);
    const late = [invoice('2026-11-21', '2026-11-25')];
    const a = await client.post('/cases', caseBody(client, collect, { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT', transactions: late }));
    const b = await client.post('/cases', caseBody(client, monitor, {
      caseType: 'CLAIM_MONITOR', claimCause: 'PROTRACTED_DEFAULT', transactions: late, paymentPlan: { instalments: [{ dueDate: '2027-04-01', amount: '6050.00' }] },
    }));
    expect([a.status, b.status]).toEqual([201, 201]);
    const collection = await details(client, a.body.data.caseId);
    expect(collection).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'DECLINED', claimDeclineReason: 'LATE_NOTIFICATION', lateNotification: true });
    expect(collection.eligibility.checks[2]).toMatchObject({ check: 'NOTIFIED_IN_TIME', passed: false });
    const monitored = await details(client, b.body.data.caseId);
    expect(monitored).toMatchObject({ caseStatus: 'CLOSED', closureReason: 'CLAIM_DECLINED', claimStatus: 'DECLINED', paymentPlan: { instalments: [{ dueDate: '2027-04-01', amount: '6050.00' }] } });
    expect(monitored.events.map((e: any) => `${e.eventType}:${e.from}→${e.to}`)).toEqual([
      'case.status_changed:null→SUBMITTED', 'case.status_changed:SUBMITTED→OPEN', 'claim.status_changed:NOT_CLAIMED→SUBMITTED',
      'claim.status_changed:SUBMITTED→DECLINED', 'case.status_changed:OPEN→CLOSED',
    ]);
  });
});
