import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { LossInvoice, LossReduction } from '../../src/cases/domain/indemnity-allocation.js';
import { assessEarlyCosts, calculateIndemnity, type IndemnityInput } from '../../src/cases/domain/indemnity.js';
import { splitRecovery } from '../../src/cases/domain/recovery.js';

// A failing property shrinks for at most 10 s and is then reported with the smallest counterexample found so far.
fc.configureGlobal({ interruptAfterTimeLimit: 10_000, markInterruptAsFailure: true });

const date = fc.integer({ min: 0, max: 900 }).map((day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10));
const amount = fc.integer({ min: 0, max: 50_000_000 });
/** Percent with up to two decimals, 0–100. */
const percentage = fc.integer({ min: 0, max: 10_000 }).map((hundredths) => new Decimal(hundredths).dividedBy(100).toFixed());

const invoice = fc.record({ documentDate: date, days: fc.integer({ min: 0, max: 120 }), gross: amount, netPercent: fc.option(fc.integer({ min: 0, max: 100 })), covered: fc.boolean() });
const invoices = fc.array(invoice, { minLength: 1, maxLength: 8 }).map((list) => list.map((item, index): LossInvoice => {
  const due = new Date(Date.parse(`${item.documentDate}T00:00:00Z`) + item.days * 86_400_000).toISOString().slice(0, 10);
  const netAmount = item.netPercent === null ? undefined : Math.floor((item.gross * item.netPercent) / 100);
  return { documentNumber: `INV-${index}`, documentDate: item.documentDate, dueDate: due, grossAmount: item.gross, covered: item.covered, ...(netAmount === undefined ? {} : { netAmount }) };
}));
const reductions = fc.array(fc.record({ kind: fc.constantFrom('PAYMENT', 'CREDIT_NOTE'), documentDate: date, amount }), { maxLength: 8 })
  .map((list) => list.map((item, index): LossReduction => ({ ...item, documentNumber: `R-${index}` })));

const indemnityInput: fc.Arbitrary<IndemnityInput> = fc.record({
  invoices, reductions,
  terms: fc.record({ insuredPercentage: percentage, limitInForce: fc.integer({ min: 0, max: 200_000_000 }), vatInsured: fc.boolean() }),
  claimAmount: fc.option(amount, { nil: undefined }),
}).map(({ claimAmount, ...rest }) => (claimAmount === undefined ? rest : { ...rest, claimAmount }));

function calculated(input: IndemnityInput) {
  const result = calculateIndemnity(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('indemnity properties', () => {
  it('never exceeds the limit in force nor the insured percentage of the outstanding amount', () => {
    fc.assert(fc.property(indemnityInput, (input) => {
      const result = calculated(input);
      const percentOfOutstanding = new Decimal(result.outstandingAmount).times(input.terms.insuredPercentage).dividedBy(100);
      expect(result.indemnityAmount).toBeGreaterThanOrEqual(0);
      expect(result.indemnityAmount).toBeLessThanOrEqual(input.terms.limitInForce);
      expect(new Decimal(result.indemnityAmount).lessThanOrEqualTo(percentOfOutstanding)).toBe(true);
      expect(Number.isSafeInteger(result.indemnityAmount)).toBe(true);
      expect(result.indemnityAmount + result.retainedByInsured).toBe(result.outstandingAmount);
    }), { numRuns: 500 });
  });

  it('accounts for every transaction: invoiced − credited − paid = outstanding; credited + paid + unallocated = reductions', () => {
    fc.assert(fc.property(indemnityInput, (input) => {
      const result = calculated(input);
      const reduced = input.reductions.reduce((total, r) => total + r.amount, 0);
      expect(result.totalInvoiced - result.totalCredited - result.totalPaid).toBe(result.outstandingAmount);
      expect(result.totalCredited + result.totalPaid + result.unallocated).toBe(reduced);
      expect(result.unallocated === 0 || result.outstandingAmount === 0).toBe(true);
    }), { numRuns: 500 });
  });

  it('allocates oldest invoice first: no invoice is reduced while an older one is still outstanding', () => {
    fc.assert(fc.property(indemnityInput, (input) => {
      const balances = calculated(input).invoices;
      for (let index = 1; index < balances.length; index += 1) {
        const older = balances[index - 1]!;
        const newer = balances[index]!;
        expect(older.invoice.dueDate <= newer.invoice.dueDate).toBe(true);
        if (newer.credited + newer.paid > 0) expect(older.outstanding).toBe(0);
      }
    }), { numRuns: 500 });
  });

  it('does not depend on the order the transactions were sent in', () => {
    const withShuffled = indemnityInput.chain((input) => fc
      .shuffledSubarray([...input.invoices], { minLength: input.invoices.length, maxLength: input.invoices.length })
      .map((shuffled) => [input, shuffled] as const));
    fc.assert(fc.property(withShuffled, ([input, shuffled]) => {
      const outstandingByNumber = (list: IndemnityInput['invoices']) =>
        Object.fromEntries(calculated({ ...input, invoices: list }).invoices.map((b) => [b.invoice.documentNumber, b.outstanding]));
      expect(outstandingByNumber(shuffled)).toEqual(outstandingByNumber(input.invoices));
    }), { numRuns: 200 });
  });

  it('shares early costs so the parts add up and the insurer never pays more than its percentage', () => {
    fc.assert(fc.property(indemnityInput, amount, (input, costs) => {
      const assessed = assessEarlyCosts(calculated(input), costs);
      if (!assessed.ok) throw new Error(assessed.error.message);
      const { insurerContribution, insuredContribution } = assessed.value;
      expect(insurerContribution + insuredContribution).toBe(costs);
      expect(insurerContribution).toBeGreaterThanOrEqual(0);
      expect(new Decimal(insurerContribution).lessThanOrEqualTo(new Decimal(costs).times(input.terms.insuredPercentage).dividedBy(100))).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('recovery split properties', () => {
  const recoveries = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 10 });

  it('splits every recovery exactly, never returns more than the indemnity, and ends where one recovery of the sum would', () => {
    fc.assert(fc.property(recoveries, percentage, fc.integer({ min: 0, max: 50_000_000 }), (amounts, insuredPercentage, indemnityPaid) => {
      let recoveredBefore = 0;
      let insurerTotal = 0;
      for (const amount of amounts) {
        const split = splitRecovery({ amount, recoveredBefore, insuredPercentage, indemnityPaid });
        if (!split.ok) throw new Error(split.error.message);
        expect(split.value.insurerShare + split.value.insuredShare).toBe(amount);
        expect(split.value.insurerShare).toBeGreaterThanOrEqual(0);
        expect(split.value.insuredShare).toBeGreaterThanOrEqual(0);
        recoveredBefore += amount;
        insurerTotal += split.value.insurerShare;
        expect(split.value.insurerTotal).toBe(insurerTotal);
      }
      expect(insurerTotal).toBeLessThanOrEqual(indemnityPaid);
      const once = splitRecovery({ amount: recoveredBefore, recoveredBefore: 0, insuredPercentage, indemnityPaid });
      if (!once.ok) throw new Error(once.error.message);
      expect(once.value.insurerShare).toBe(insurerTotal);
      const exact = new Decimal(recoveredBefore).times(insuredPercentage).dividedBy(100);
      expect(exact.minus(insurerTotal).abs().lessThanOrEqualTo(0.5) || insurerTotal === indemnityPaid).toBe(true);
    }), { numRuns: 500 });
  });
});
