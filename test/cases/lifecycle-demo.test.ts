// The insured lifecycle of issue 14 as one story over HTTP on both engines, with the steps of
// `tradecredit demo lifecycle` (src/cli/demo-lifecycle.ts): limit → insured invoice → unpaid → claim case →
// collection on the servicing ledger → partial recovery → assessment → decision → indemnity → late recoveries split
// with the insurer. Every figure a client reads at every step is asserted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { type LifecycleCredentials, describeStep, runDemoLifecycle } from '../../src/cli/demo-lifecycle.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

describeEachEngine('The insured lifecycle as one story over HTTP', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('walks limit → invoice → case → collections → documents → recovery → decision → indemnity → split, every amount at every step', async () => {
    const tenant = await service.createTenant({ name: 'Lifecycle' });
    const sheet = { ...tenant.sheet, clientId: tenant.tenant.clientId } as unknown as LifecycleCredentials;
    const printed: string[] = [];
    const steps = await runDemoLifecycle({ baseUrl: service.url, settle: async () => { await service.sweeper!.runOnce(); }, patienceMs: 60_000 }, sheet,
      (step) => printed.push(describeStep(step, printed.length)));
    const figures = Object.fromEntries(steps.map((step) => [step.step, step.figures]));
    const { invoiceDate, dueDate } = figures['insured invoice'] as { invoiceDate: string; dueDate: string };
    const caseId = figures['claim case']!.caseId as string;
    expect(caseId).toMatch(/^NP-\d{6}$/);
    expect(addDays(invoiceDate as never, 15)).toBe(dueDate);

    expect(figures).toEqual({
      'limit': { coverId: expect.stringMatching(/^\d+$/), coverStatus: 'DECISION', decisionCode: 'DC01', decisionAmount: '20000' },
      'insured invoice': { documentNumber: 'INV-LC-1', grossAmount: '12100.00', invoiceDate, dueDate },
      'unpaid': { daysPastDue: 20, outstanding: '12100.00' },
      'claim case': {
        caseId, caseStatus: 'OPEN', caseType: 'CLAIM_COLLECTION', claimStatus: 'AWAITING_DOCUMENTS', collectionPhase: 'AMICABLE',
        totalInvoiced: '12100.00', outstandingAmount: '12100.00', claimAmount: '12100.00', dateOfLoss: addDays(dueDate as never, 180),
      },
      'collection on the servicing ledger': { claims: 1, claimReference: `${caseId}/INV-LC-1`, amount: 1_210_000 },
      'claim in assessment': { claimStatus: 'IN_ASSESSMENT', letters: 'ACKNOWLEDGEMENT, COLLECTION_UPDATE, DOCUMENT_REQUEST, PRE_LIABILITY_CALCULATION, EARLY_COSTS_ASSESSMENT' },
      'partial recovery': { totalPaid: '1000.00', outstandingAmount: '11100.00', claimStatus: 'IN_ASSESSMENT' },
      'decision': {
        queued: true, claimStatus: 'APPROVED', approvedAmount: '9990.00', indemnityPercentage: 90, indemnityAmount: null,
        insuredLoss: '11100.00', retainedByInsured: '1110.00',
      },
      'indemnity': { claimStatus: 'PAID', caseStatus: 'OPEN', indemnityAmount: '9990.00', outstandingAmount: '11100.00' },
      'recovery split': {
        totalPaid: '3500.01', outstandingAmount: '8599.99', caseStatus: 'OPEN', recoveredAfterIndemnity: '2500.01', insurerShare: '2250.01', insuredShare: '250.00',
        recoveries: '2000.00 = 1800.00 insurer + 200.00 insured; 500.01 = 450.01 insurer + 50.00 insured',
      },
    });
    expect(printed[0]).toContain('1. limit');
    expect(printed.at(-1)).toContain(`see it: GET /credit-insurance/non-payment-management/v1/cases/${caseId}/recoveries`);
  });
});
