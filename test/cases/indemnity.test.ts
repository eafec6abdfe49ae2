import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, type LossInvoice, type LossReduction } from '../../src/cases/domain/indemnity-allocation.js';
import {
  assessEarlyCosts, calculateIndemnity, calculatePreLiability, type IndemnityCalculation, type IndemnityInput,
} from '../../src/cases/domain/indemnity.js';
import { splitRecovery } from '../../src/cases/domain/recovery.js';

/** Three SEK invoices given out of order; amounts in öre. */
const invoices: LossInvoice[] = [
  { documentNumber: 'INV-3', documentDate: '2025-04-01', dueDate: '2025-05-01', grossAmount: 3_000_000, covered: true },
  { documentNumber: 'INV-1', documentDate: '2025-02-01', dueDate: '2025-03-01', grossAmount: 1_000_000, covered: true },
  { documentNumber: 'INV-2', documentDate: '2025-03-01', dueDate: '2025-04-01', grossAmount: 2_000_000, covered: true },
];
const reductions: LossReduction[] = [
  { kind: 'PAYMENT', documentNumber: 'PAY-1', documentDate: '2025-04-10', amount: 1_500_000 },
  { kind: 'CREDIT_NOTE', documentNumber: 'CN-1', documentDate: '2025-03-15', amount: 200_000 },
];

function indemnity(input: IndemnityInput): IndemnityCalculation {
  const result = calculateIndemnity(input);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const base: IndemnityInput = { invoices, reductions, terms: { insuredPercentage: '90', limitInForce: 4_000_000, vatInsured: true } };

describe('allocation of credit notes and payments', () => {
  it('fills the oldest invoice first, credit note and payment in their own date order', () => {
    const allocation = allocateOldestFirst(invoices, reductions);
    expect(allocation.invoices.map((b) => [b.invoice.documentNumber, b.credited, b.paid, b.outstanding])).toEqual([
      ['INV-1', 200_000, 800_000, 0],
      ['INV-2', 0, 700_000, 1_300_000],
      ['INV-3', 0, 0, 3_000_000],
    ]);
    expect(allocation.unallocated).toBe(0);
  });

  it('keeps an overpayment unallocated instead of inventing a negative balance', () => {
    const allocation = allocateOldestFirst(invoices.slice(1, 2), [{ kind: 'PAYMENT', documentNumber: 'P', documentDate: '2025-03-02', amount: 1_250_000 }]);
    expect(allocation.invoices[0]?.outstanding).toBe(0);
    expect(allocation.unallocated).toBe(250_000);
  });
});

describe('indemnity (worked examples)', () => {
  it('caps the outstanding amount at the limit in force, then takes the insured percentage', () => {
    const result = indemnity(base);
    expect(result).toMatchObject({
      totalInvoiced: 6_000_000, totalCredited: 200_000, totalPaid: 1_500_000, outstandingAmount: 4_300_000,
      eligibleLoss: 4_300_000, insuredLoss: 4_000_000, insuredPercentage: '90', indemnityAmount: 3_600_000, retainedByInsured: 700_000,
    });
  });

  it('takes the insured percentage of the whole loss when the limit is higher', () => {
    expect(indemnity({ ...base, terms: { ...base.terms, limitInForce: 5_000_000 } }).indemnityAmount).toBe(3_870_000);
  });

  it('rounds the indemnity down to a whole minor unit', () => {
    const single: LossInvoice[] = [{ documentNumber: 'A', documentDate: '2025-01-01', dueDate: '2025-02-01', grossAmount: 1_001, covered: true }];
    const result = indemnity({ invoices: single, reductions: [], terms: { insuredPercentage: '92.5', limitInForce: 10_000, vatInsured: true } });
    expect(result.indemnityAmount).toBe(925); // 925.925
  });

  it('counts invoices net of VAT unless the policy insures VAT', () => {
    const vatInvoice: LossInvoice[] = [{ documentNumber: 'V', documentDate: '2025-01-01', dueDate: '2025-02-01', grossAmount: 1_210_000, netAmount: 1_000_000, covered: true }];
    const halfPaid: LossReduction[] = [{ kind: 'PAYMENT', documentNumber: 'P', documentDate: '2025-02-10', amount: 605_000 }];
    const terms = { insuredPercentage: '90', limitInForce: 10_000_000, vatInsured: false };
    const net = indemnity({ invoices: vatInvoice, reductions: halfPaid, terms });
    expect(net.outstandingAmount).toBe(605_000);
    expect(net.eligibleLoss).toBe(500_000);
    expect(net.indemnityAmount).toBe(450_000);
    expect(indemnity({ invoices: vatInvoice, reductions: halfPaid, terms: { ...terms, vatInsured: true } }).indemnityAmount).toBe(544_500);
  });

  it('leaves uncovered invoices out of the eligible loss but lets them absorb their share of payments', () => {
    const uncoveredNewest = invoices.map((invoice) => (invoice.documentNumber === 'INV-3' ? { ...invoice, covered: false } : invoice));
    const result = indemnity({ ...base, invoices: uncoveredNewest });
    expect(result.outstandingAmount).toBe(4_300_000);
    expect(result.eligibleLoss).toBe(1_300_000);
    expect(result.indemnityAmount).toBe(1_170_000);
  });

  it('never indemnifies more than was claimed', () => {
    expect(indemnity({ ...base, claimAmount: 1_000_000 }).indemnityAmount).toBe(900_000);
  });

  it('pays nothing once the debt is paid', () => {
    const paid = indemnity({ ...base, reductions: [...reductions, { kind: 'PAYMENT', documentNumber: 'PAY-2', documentDate: '2025-06-01', amount: 4_400_000 }] });
    expect(paid).toMatchObject({ outstandingAmount: 0, indemnityAmount: 0, unallocated: 100_000 });
  });

  it('refuses what it cannot calculate', () => {
    const codeOf = (input: IndemnityInput) => { const r = calculateIndemnity(input); return r.ok ? 'ok' : r.error.code; };
    expect(codeOf({ ...base, terms: { ...base.terms, insuredPercentage: '100.01' } })).toBe('INVALID_PERCENTAGE');
    expect(codeOf({ ...base, terms: { ...base.terms, insuredPercentage: '-1' } })).toBe('INVALID_PERCENTAGE');
    expect(codeOf({ ...base, terms: { ...base.terms, insuredPercentage: 'ninety' } })).toBe('INVALID_PERCENTAGE');
    expect(codeOf({ ...base, terms: { ...base.terms, insuredPercentage: Number.NaN } })).toBe('INVALID_PERCENTAGE');
    expect(codeOf({ ...base, terms: { ...base.terms, limitInForce: -1 } })).toBe('INVALID_AMOUNT');
    expect(codeOf({ ...base, claimAmount: 1.5 })).toBe('INVALID_AMOUNT');
    expect(codeOf({ ...base, reductions: [{ kind: 'PAYMENT', documentNumber: 'P', documentDate: '2025-01-01', amount: -5 }] })).toBe('INVALID_AMOUNT');
    expect(codeOf({ ...base, invoices: [{ ...invoices[0]!, netAmount: 3_000_001 }] })).toBe('INVALID_AMOUNT');
    expect(codeOf({ ...base, invoices: [] })).toBe('NO_INVOICE');
    expect(codeOf({ ...base, terms: { ...base.terms, insuredPercentage: 100 } })).toBe('ok');
  });
});

describe('Early Costs Assessment', () => {
  it('shares the costs by the insured share of the debt and the insured percentage', () => {
    const result = assessEarlyCosts(indemnity(base), 100_000);
    // 100 000 × (4 000 000 / 4 300 000) × 90 % = 83 720.93 → 83 720
    expect(result).toEqual({ ok: true, value: {
      estimatedCosts: 100_000, coveredShare: '0.930232', insuredPercentage: '90', insurerContribution: 83_720, insuredContribution: 16_280,
    } });
  });

  it('contributes nothing when nothing is outstanding and refuses a negative estimate', () => {
    const paid = indemnity({ ...base, reductions: [{ kind: 'PAYMENT', documentNumber: 'P', documentDate: '2025-06-01', amount: 6_000_000 }] });
    expect(assessEarlyCosts(paid, 50_000)).toMatchObject({ ok: true, value: { insurerContribution: 0, insuredContribution: 50_000 } });
    expect(assessEarlyCosts(paid, -1)).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
  });
});

describe('Pre-Liability Calculation', () => {
  it('indicates the liability at the date of loss for a protracted default, while that date is ahead', () => {
    const result = calculatePreLiability({ ...base, claimCause: 'PROTRACTED_DEFAULT', dateOfLoss: '2025-08-28', asOf: '2025-06-01' });
    expect(result).toMatchObject({ ok: true, value: { indemnityAmount: 3_600_000, dateOfLoss: '2025-08-28', asOf: '2025-06-01', indicative: true } });
    const atLoss = calculatePreLiability({ ...base, claimCause: 'PROTRACTED_DEFAULT', dateOfLoss: '2025-08-28', asOf: '2025-08-28' });
    expect(atLoss).toMatchObject({ ok: true, value: { indicative: false } });
  });

  it('is not made for an insolvency claim', () => {
    const result = calculatePreLiability({ ...base, claimCause: 'INSOLVENCY', dateOfLoss: '2025-08-28', asOf: '2025-06-01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_PROTRACTED_DEFAULT' } });
  });
});

describe('recoveries after indemnity', () => {
  const split = (amount: number, recoveredBefore: number, indemnityPaid = 3_600_000, insuredPercentage = '90') => {
    const result = splitRecovery({ amount, recoveredBefore, indemnityPaid, insuredPercentage });
    if (!result.ok) throw new Error(result.error.message);
    return [result.value.insurerShare, result.value.insuredShare];
  };

  it('gives the insurer the insured percentage, rounded half-even, and the insured the rest', () => {
    expect(split(100_001, 0)).toEqual([90_001, 10_000]); // 90 000.9
    expect(split(5, 0, 100, '50')).toEqual([2, 3]); // 2.5 → 2
    expect(split(7, 0, 100, '50')).toEqual([4, 3]); // 3.5 → 4
  });

  it('splits on the running total, so many small recoveries end where one large one would', () => {
    expect([split(333, 0), split(333, 333), split(333, 666)]).toEqual([[300, 33], [299, 34], [300, 33]]);
    expect(split(999, 0)).toEqual([899, 100]);
  });

  it('never returns the insurer more than the indemnity it paid', () => {
    expect(split(2_000, 0, 1_000)).toEqual([1_000, 1_000]);
    expect(split(500, 2_000, 1_000)).toEqual([0, 500]);
  });

  it('refuses negative or fractional amounts and bad percentages', () => {
    expect(splitRecovery({ amount: -1, recoveredBefore: 0, indemnityPaid: 1, insuredPercentage: 90 })).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
    expect(splitRecovery({ amount: 1.5, recoveredBefore: 0, indemnityPaid: 1, insuredPercentage: 90 })).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
    expect(splitRecovery({ amount: 1, recoveredBefore: 0, indemnityPaid: 1, insuredPercentage: 120 })).toMatchObject({ ok: false, error: { code: 'INVALID_PERCENTAGE' } });
  });
});
