import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumFees } from '../../../src/servicing/domain/claim.js';
import {
  creditClaim, debitClaim, spreadAmount, type CreditClaimInput, type CreditOutcome, type DebitClaimInput,
} from '../../../src/servicing/domain/claim-credit-debit.js';
import type { ClaimError } from '../../../src/servicing/domain/errors.js';
import type { Result } from '../../../src/platform/result.js';
import type { ManagedClaimMarker, UnmanagedClaim } from '../../../src/servicing/domain/unmanaged-claim.js';

const claim: UnmanagedClaim = {
  claimReference: 'API_CLAIM_REF_002_1', status: 'ACTIVE', resolutionReason: null, amount: 1000, currency: 'EUR',
  currentDueDate: '2019-02-15', originalDueDate: '2019-09-09', totalFees: 100,
  fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }],
  primaryDebtor: { firstName: 'F', lastName: 'L', contactInformation: { country: 'DE' } }, meta: {}, linkGroupId: null,
};
const managed: ManagedClaimMarker = { claimReference: 'INV', ledgerManaged: true, status: 'ACTIVE' };

function credit(extra: Partial<CreditClaimInput>, on: UnmanagedClaim = claim): CreditOutcome {
  const result = creditClaim(on.claimReference, on, { amount: 0, currency: 'EUR', originator: 'DCA', ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function debit(extra: Partial<DebitClaimInput>, on: UnmanagedClaim = claim): UnmanagedClaim {
  const result = debitClaim(on.claimReference, on, { amount: 0, currency: 'EUR', originator: 'CLIENT', date: 1_647_526_514_000, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal<T>(result: Result<T, ClaimError>): ClaimError {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('creditClaim', () => {
  it('AMOUNT_FIRST (the default) lowers principal first, then fees', () => {
    expect(credit({ amount: 1000 }).claim).toMatchObject({ amount: 0, totalFees: 100, status: 'ACTIVE' });
    const outcome = credit({ amount: 1070, paymentDistributionPriority: 'AMOUNT_FIRST' });
    expect(outcome.claim).toMatchObject({ amount: 0, totalFees: 30, fees: [{ name: 'Processing Fee', amount: 15 }, { name: 'Late Fee', amount: 15 }] });
    expect(outcome).toMatchObject({ appliedToAmount: 1000, appliedToFees: 70, droppedExcess: 0 });
  });

  it('FEES_FIRST lowers fees (unnamed, then named in order) first, then principal', () => {
    const outcome = credit({ amount: 150, paymentDistributionPriority: 'FEES_FIRST' });
    expect(outcome.claim).toMatchObject({ amount: 950, totalFees: 0, fees: [{ name: 'Processing Fee', amount: 0 }, { name: 'Late Fee', amount: 0 }] });
  });

  it('a flat fees number cuts totalFees before the amount is spread', () => {
    const outcome = credit({ amount: 1000, fees: 50, paymentDistributionPriority: 'AMOUNT_FIRST' });
    expect(outcome.claim).toMatchObject({ amount: 0, totalFees: 50, fees: claim.fees });
  });

  it('named fee cuts subtract by name, ignore unknown names and name them', () => {
    const outcome = credit({ amount: 0, fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }, { name: 'Ghost', amount: 5 }] });
    expect(outcome.claim).toMatchObject({ amount: 1000, totalFees: 60, fees: [{ name: 'Processing Fee', amount: 0 }, { name: 'Late Fee', amount: 0 }] });
    expect(outcome.ignoredFeeNames).toEqual(['Ghost']);
  });

  it('drops what exceeds the balance, and resolves at zero with CLAIM_PAID', () => {
    const outcome = credit({ amount: 1200, fees: [{ name: 'Late Fee', amount: 20 }] });
    expect(outcome.claim).toMatchObject({ amount: 0, totalFees: 0, status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(outcome.droppedExcess).toBe(120);
  });

  it('resolves exactly at zero: 1 cent short stays ACTIVE', () => {
    expect(credit({ amount: 1099 }).claim.status).toBe('ACTIVE');
    expect(credit({ amount: 1100 }).claim.status).toBe('RESOLVED');
  });

  it('refuses unknown, RESOLVED and managed claims', () => {
    const input: CreditClaimInput = { amount: 1, currency: 'EUR', originator: 'DCA' };
    expect(refusal(creditClaim('X', undefined, input)).code).toBe('CLAIM_NOT_FOUND');
    expect(refusal(creditClaim('C', { ...claim, status: 'RESOLVED' }, input))).toMatchObject({ code: 'CLAIM_NOT_ACTIVE', message: 'Claim is not active' });
    expect(refusal(creditClaim('INV', managed, input)).code).toBe('CLAIM_IS_LEDGER_MANAGED');
  });

  it('refuses bad input values', () => {
    const base: CreditClaimInput = { amount: 1, currency: 'EUR', originator: 'DCA' };
    expect(refusal(creditClaim('C', claim, { ...base, amount: -1 })).code).toBe('INVALID_AMOUNT');
    expect(refusal(creditClaim('C', claim, { ...base, currency: 'SEK' }))).toMatchObject({ code: 'CURRENCY_MISMATCH', message: 'Currency SEK does not match the claim currency EUR' });
    expect(refusal(creditClaim('C', claim, { ...base, currency: 'euro' })).code).toBe('INVALID_CURRENCY');
    expect(refusal(creditClaim('C', claim, { ...base, originator: 'BANK' as 'DCA' })).code).toBe('INVALID_ORIGINATOR');
    expect(refusal(creditClaim('C', claim, { ...base, paymentDistributionPriority: 'LAST' as 'FEES_FIRST' })).code).toBe('INVALID_DISTRIBUTION_PRIORITY');
    expect(refusal(creditClaim('C', claim, { ...base, fees: -3 })).code).toBe('INVALID_FEES');
    expect(refusal(creditClaim('C', claim, { ...base, fees: [{ name: 'A', amount: 1.5 }] })).code).toBe('INVALID_FEES');
    expect(refusal(creditClaim('C', claim, { ...base, date: -1 })).code).toBe('INVALID_DATE');
    expect(creditClaim('C', claim, { ...base, date: 1_647_526_514_000 }).ok).toBe(true);
  });
});

describe('debitClaim', () => {
  it('adds the amount to the principal and a fees number to the unnamed fees', () => {
    expect(debit({ amount: 1000, fees: 50 })).toMatchObject({ amount: 2000, totalFees: 150, fees: claim.fees });
  });

  it('adds named fees by name and creates unknown names', () => {
    const debited = debit({ amount: 1500, fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Interest', amount: 15 }] });
    expect(debited).toMatchObject({
      amount: 2500, totalFees: 140,
      fees: [{ name: 'Processing Fee', amount: 50 }, { name: 'Late Fee', amount: 15 }, { name: 'Interest', amount: 15 }],
    });
  });

  it('accepts a fees-only debit with amount 0', () => {
    expect(debit({ amount: 0, fees: 1 })).toMatchObject({ amount: 1000, totalFees: 101 });
  });

  it('requires date and refuses unknown, RESOLVED, managed claims and currency mismatch', () => {
    const base: DebitClaimInput = { amount: 1, currency: 'EUR', originator: 'CLIENT', date: 1 };
    expect(refusal(debitClaim('C', claim, { ...base, date: undefined as unknown as number }))).toMatchObject({ code: 'MISSING_REQUIRED_FIELDS', fields: ['date'] });
    expect(refusal(debitClaim('C', claim, { ...base, date: 1.5 })).code).toBe('INVALID_DATE');
    expect(refusal(debitClaim('X', undefined, base)).code).toBe('CLAIM_NOT_FOUND');
    expect(refusal(debitClaim('C', { ...claim, status: 'RESOLVED' }, base)).code).toBe('CLAIM_NOT_ACTIVE');
    expect(refusal(debitClaim('INV', managed, base)).code).toBe('CLAIM_IS_LEDGER_MANAGED');
    expect(refusal(debitClaim('C', claim, { ...base, currency: 'USD' })).code).toBe('CURRENCY_MISMATCH');
    expect(refusal(debitClaim('C', claim, { ...base, amount: 2.5 })).code).toBe('INVALID_AMOUNT');
  });
});

describe('credit and debit properties', () => {
  const fee = fc.record({ name: fc.constantFrom('Processing Fee', 'Late Fee', 'Other'), amount: fc.integer({ min: 0, max: 300 }) });
  const feesArg = fc.option(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.array(fee, { maxLength: 3 })), { nil: undefined });
  const claimArb = fc.record({
    amount: fc.integer({ min: 0, max: 5000 }),
    named: fc.array(fee, { maxLength: 2 }),
    unnamed: fc.integer({ min: 0, max: 300 }),
  }).map(({ amount, named, unnamed }) => {
    const fees = [...new Map(named.map((f) => [f.name, f])).values()];
    return { ...claim, amount, fees, totalFees: sumFees(fees) + unnamed };
  });

  it('a credit never raises anything, never goes below 0, and applied + dropped = what was offered', () => {
    fc.assert(fc.property(claimArb, fc.integer({ min: 0, max: 8000 }), feesArg, fc.constantFrom('AMOUNT_FIRST' as const, 'FEES_FIRST' as const), (start, amount, fees, priority) => {
      const outcome = credit({ amount, fees, paymentDistributionPriority: priority }, start);
      const after = outcome.claim;
      expect(after.amount).toBeGreaterThanOrEqual(0);
      expect(after.amount).toBeLessThanOrEqual(start.amount);
      expect(after.totalFees).toBeGreaterThanOrEqual(sumFees(after.fees));
      after.fees.forEach((f) => expect(f.amount).toBeGreaterThanOrEqual(0));
      const offeredForFees = typeof fees === 'number' ? fees : (fees ?? [])
        .filter((f) => !outcome.ignoredFeeNames.includes(f.name)).reduce((sum, f) => sum + f.amount, 0);
      expect(outcome.appliedToAmount + outcome.appliedToFees + outcome.droppedExcess).toBe(amount + offeredForFees);
      expect(after.status === 'RESOLVED').toBe(after.amount + after.totalFees === 0);
    }));
  });

  it('spreadAmount honours the priority: the other side is touched only when the first is exhausted', () => {
    fc.assert(fc.property(claimArb, fc.integer({ min: 0, max: 8000 }), (start, amount) => {
      const state = { fees: start.fees, totalFees: start.totalFees };
      const amountFirst = spreadAmount(start.amount, state, amount, 'AMOUNT_FIRST');
      if (amountFirst.fees.totalFees < start.totalFees) expect(amountFirst.principal).toBe(0);
      const feesFirst = spreadAmount(start.amount, state, amount, 'FEES_FIRST');
      if (feesFirst.principal < start.amount) expect(feesFirst.fees.totalFees).toBe(0);
      expect(amountFirst.principal + amountFirst.fees.totalFees).toBe(feesFirst.principal + feesFirst.fees.totalFees);
    }));
  });

  it('a debit raises principal by amount and totalFees by the fees sent, creating names as needed', () => {
    fc.assert(fc.property(claimArb, fc.integer({ min: 0, max: 8000 }), feesArg, (start, amount, fees) => {
      const after = debit({ amount, fees }, start);
      expect(after.amount).toBe(start.amount + amount);
      const added = fees === undefined ? 0 : typeof fees === 'number' ? fees : sumFees(fees);
      expect(after.totalFees).toBe(start.totalFees + added);
      expect(after.totalFees).toBeGreaterThanOrEqual(sumFees(after.fees));
      if (Array.isArray(fees)) for (const f of fees) expect(after.fees.some((named) => named.name === f.name)).toBe(true);
    }));
  });
});
