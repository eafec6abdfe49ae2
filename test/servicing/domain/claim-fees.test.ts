import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumFees } from '../../../src/servicing/domain/claim.js';
import {
  creditFeesFlat, creditNamedFees, debitFees, feesFromInput, mergeFeesByName, unnamedFees, type FeeState,
} from '../../../src/servicing/domain/claim-fees.js';

const state: FeeState = { fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 15 }], totalFees: 100 };

describe('fees from a claim payload', () => {
  it('fees overwrite totalFees, even when both are sent', () => {
    expect(feesFromInput([{ name: 'Interest', amount: 13025 }], 1)).toEqual({ fees: [{ name: 'Interest', amount: 13025 }], totalFees: 13025 });
  });

  it('only totalFees makes it all unnamed; neither gives 0', () => {
    expect(feesFromInput(undefined, 40)).toEqual({ fees: [], totalFees: 40 });
    expect(feesFromInput(undefined, undefined)).toEqual({ fees: [], totalFees: 0 });
    expect(feesFromInput([], 40)).toEqual({ fees: [], totalFees: 0 });
  });

  it('sums repeated names at the first position', () => {
    expect(mergeFeesByName([{ name: 'A', amount: 1 }, { name: 'B', amount: 2 }, { name: 'A', amount: 3 }]))
      .toEqual([{ name: 'A', amount: 4 }, { name: 'B', amount: 2 }]);
  });

  it('the unnamed part is totalFees minus the named fees', () => {
    expect(unnamedFees(state)).toBe(60);
  });
});

describe('debitFees', () => {
  it('a number adds to totalFees as unnamed fees', () => {
    expect(debitFees(state, 50)).toEqual({ fees: state.fees, totalFees: 150 });
  });

  it('a list adds to matching names and appends unknown names', () => {
    expect(debitFees(state, [{ name: 'Late Fee', amount: 5 }, { name: 'New', amount: 7 }])).toEqual({
      fees: [{ name: 'Processing Fee', amount: 25 }, { name: 'Late Fee', amount: 20 }, { name: 'New', amount: 7 }],
      totalFees: 112,
    });
  });
});

describe('creditNamedFees', () => {
  it('reduces matching names by at most their amount and ignores unknown names', () => {
    const result = creditNamedFees(state, [{ name: 'Processing Fee', amount: 30 }, { name: 'Ghost', amount: 9 }, { name: 'Late Fee', amount: 5 }]);
    expect(result.state).toEqual({ fees: [{ name: 'Processing Fee', amount: 0 }, { name: 'Late Fee', amount: 10 }], totalFees: 70 });
    expect(result.applied).toBe(30);
    expect(result.ignoredNames).toEqual(['Ghost']);
  });
});

describe('creditFeesFlat', () => {
  it('takes unnamed fees first, then named fees in list order, keeping fees at 0 in the list', () => {
    expect(creditFeesFlat(state, 70)).toEqual({
      state: { fees: [{ name: 'Processing Fee', amount: 15 }, { name: 'Late Fee', amount: 15 }], totalFees: 30 },
      applied: 70,
    });
    expect(creditFeesFlat(state, 1000)).toEqual({
      state: { fees: [{ name: 'Processing Fee', amount: 0 }, { name: 'Late Fee', amount: 0 }], totalFees: 0 },
      applied: 100,
    });
    expect(creditFeesFlat(state, 0)).toEqual({ state, applied: 0 });
  });
});

describe('fee invariants under any sequence of operations', () => {
  const fee = fc.record({ name: fc.constantFrom('A', 'B', 'C'), amount: fc.integer({ min: 0, max: 500 }) });
  const operation = fc.oneof(
    fc.record({ op: fc.constant('debit' as const), fees: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.array(fee, { maxLength: 3 })) }),
    fc.record({ op: fc.constant('creditNamed' as const), fees: fc.array(fee, { maxLength: 3 }) }),
    fc.record({ op: fc.constant('creditFlat' as const), amount: fc.integer({ min: 0, max: 800 }) }),
  );

  it('named fees and the unnamed part stay >= 0, totalFees moves by exactly what was applied', () => {
    fc.assert(fc.property(fc.array(fee, { maxLength: 3 }), fc.integer({ min: 0, max: 500 }), fc.array(operation, { maxLength: 12 }), (initial, extra, ops) => {
      const start = feesFromInput(initial, undefined);
      let current: FeeState = { fees: start.fees, totalFees: start.totalFees + extra };
      for (const step of ops) {
        const before = current.totalFees;
        if (step.op === 'debit') {
          current = debitFees(current, step.fees);
          expect(current.totalFees - before).toBe(typeof step.fees === 'number' ? step.fees : sumFees(step.fees));
        } else {
          const result = step.op === 'creditNamed' ? creditNamedFees(current, step.fees) : creditFeesFlat(current, step.amount);
          expect(before - result.state.totalFees).toBe(result.applied);
          if (step.op === 'creditFlat') expect(result.applied).toBe(Math.min(step.amount, before));
          current = result.state;
        }
        expect(unnamedFees(current)).toBeGreaterThanOrEqual(0);
        for (const named of current.fees) expect(named.amount).toBeGreaterThanOrEqual(0);
        expect(new Set(current.fees.map((named) => named.name)).size).toBe(current.fees.length);
      }
    }));
  });
});
