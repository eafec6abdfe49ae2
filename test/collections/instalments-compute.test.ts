import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../../src/platform/dates.js';
import {
  amountsAdjustedToTotal, amountsFromPercentages, computeInstalmentPlan, type ProgrammaticTerms,
} from '../../src/collections/domain/instalments/compute.js';
import { addMonths, dueDateOf } from '../../src/collections/domain/instalments/schedule-dates.js';
import { allocatePayments, reviewStanding, type PlanInstalment } from '../../src/collections/domain/instalments/standing.js';

const intervalArb = fc.record({ unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const), every: fc.integer({ min: 1, max: 3 }) });
const termsArb: fc.Arbitrary<ProgrammaticTerms> = fc.record({
  instalments: fc.integer({ min: 1, max: 36 }),
  interval: intervalArb,
  minimumInstalment: fc.integer({ min: 0, max: 50_000 }),
  maximumDurationDays: fc.integer({ min: 0, max: 1200 }),
  downPayment: fc.oneof(
    fc.constant({ type: 'none' as const }),
    fc.record({ type: fc.constant('amount' as const), amount: fc.integer({ min: 0, max: 100_000 }) }),
    fc.record({ type: fc.constant('percentage' as const), rate: fc.constantFrom('0.1', '0.25', '0.333333') }),
  ),
  fee: fc.oneof(
    fc.constant({ type: 'none' as const }),
    fc.record({ type: fc.constant('flat' as const), amount: fc.integer({ min: 0, max: 5_000 }) }),
    fc.record({ type: fc.constant('percentage' as const), rate: fc.constantFrom('0.02', '0.015', '0.0775'), rounding: fc.constantFrom('half-up' as const, 'down' as const) }),
  ),
});
const dateArb = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

describe('computeInstalmentPlan (property)', () => {
  it('always sums to the total with its fee, respects the count, the minimum and the duration, and dates follow the interval', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000 }), dateArb, termsArb, fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      (total, startDate, terms, requestedCount) => {
        const result = computeInstalmentPlan({ total, startDate, terms, requestedCount });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const schedule = result.value;
        const sum = schedule.instalments.reduce((acc, instalment) => acc + instalment.amount, 0);
        expect(sum).toBe(schedule.totalAmount);
        expect(schedule.totalAmount).toBe(total + schedule.fee);
        for (const instalment of schedule.instalments) expect(Number.isSafeInteger(instalment.amount) && instalment.amount >= 0).toBe(true);
        const regular = schedule.instalments.filter((instalment) => !instalment.downPayment);
        expect(schedule.instalments.length).toBeGreaterThanOrEqual(1);
        if (!schedule.instalments[0]!.downPayment || schedule.instalments[0]!.amount < schedule.totalAmount) expect(regular.length).toBeGreaterThanOrEqual(1);
        expect(regular.length).toBeLessThanOrEqual(Math.min(terms.instalments, requestedCount ?? terms.instalments));
        if (regular.length > 1) {
          for (const instalment of regular) expect(instalment.amount).toBeGreaterThanOrEqual(terms.minimumInstalment);
          // Duration: the last regular instalment is never after start + maximumDurationDays when more than one is kept.
          expect(compareDates(regular.at(-1)!.dueDate, addDays(startDate, terms.maximumDurationDays))).toBeLessThanOrEqual(0);
          // Equal parts, the remainder on the last.
          const base = regular[0]!.amount;
          for (const instalment of regular.slice(0, -1)) expect(instalment.amount).toBe(base);
          expect(regular.at(-1)!.amount - base).toBeGreaterThanOrEqual(0);
          expect(regular.at(-1)!.amount - base).toBeLessThan(regular.length);
        }
        schedule.instalments.forEach((instalment, index) => {
          expect(instalment.index).toBe(index);
          expect(instalment.dueDate).toBe(dueDateOf(startDate, terms.interval, index));
          if (index > 0) expect(compareDates(instalment.dueDate, schedule.instalments[index - 1]!.dueDate)).toBeGreaterThan(0);
        });
      }), { numRuns: 500 });
  });

  it('refuses a balance of zero', () => {
    const terms: ProgrammaticTerms = { instalments: 3, interval: { unit: 'month', every: 1 }, minimumInstalment: 0, maximumDurationDays: 100, downPayment: { type: 'none' }, fee: { type: 'none' } };
    const result = computeInstalmentPlan({ total: 0, startDate: '2026-01-31', terms });
    expect(result.ok ? undefined : result.error.code).toBe('NOTHING_TO_PAY');
  });

  it('puts the remainder on the last, months clamp to the month end, and a fee is rounded by its rule', () => {
    const terms: ProgrammaticTerms = {
      instalments: 3, interval: { unit: 'month', every: 1 }, minimumInstalment: 1000, maximumDurationDays: 100,
      downPayment: { type: 'none' }, fee: { type: 'percentage', rate: '0.02', rounding: 'half-up' },
    };
    const result = computeInstalmentPlan({ total: 10_001, startDate: '2026-01-31', terms });
    expect(result.ok && result.value).toEqual({
      principal: 10_001, fee: 200, totalAmount: 10_201,
      instalments: [
        { index: 0, dueDate: '2026-01-31', amount: 3400, downPayment: false },
        { index: 1, dueDate: '2026-02-28', amount: 3400, downPayment: false },
        { index: 2, dueDate: '2026-03-31', amount: 3401, downPayment: false },
      ],
    });
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('lowers the count to keep the minimum instalment and to stay within the maximum duration', () => {
    const base = { interval: { unit: 'month' as const, every: 1 }, downPayment: { type: 'none' as const }, fee: { type: 'none' as const } };
    const byMinimum = computeInstalmentPlan({ total: 5000, startDate: '2026-01-01', terms: { ...base, instalments: 12, minimumInstalment: 2000, maximumDurationDays: 400 } });
    expect(byMinimum.ok && byMinimum.value.instalments.map((i) => i.amount)).toEqual([2500, 2500]);
    const byDuration = computeInstalmentPlan({ total: 12_000, startDate: '2026-01-01', terms: { ...base, instalments: 12, minimumInstalment: 0, maximumDurationDays: 60 } });
    expect(byDuration.ok && byDuration.value.instalments.map((i) => i.dueDate)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('a down payment is due first, on the start date', () => {
    const result = computeInstalmentPlan({
      total: 10_000, startDate: '2026-05-10',
      terms: { instalments: 2, interval: { unit: 'week', every: 2 }, minimumInstalment: 0, maximumDurationDays: 90, downPayment: { type: 'percentage', rate: '0.25' }, fee: { type: 'flat', amount: 99 } },
    });
    expect(result.ok && result.value.instalments).toEqual([
      { index: 0, dueDate: '2026-05-10', amount: 2524, downPayment: true },
      { index: 1, dueDate: '2026-05-24', amount: 3787, downPayment: false },
      { index: 2, dueDate: '2026-06-07', amount: 3788, downPayment: false },
    ]);
  });
});

describe('fixed and percentage amounts', () => {
  it('always sum to the total', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 12 }), (total, percentages) => {
      const amounts = amountsFromPercentages(total, percentages);
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 12 }), (total, fixed) => {
      const amounts = amountsAdjustedToTotal(total, fixed);
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
      for (const amount of amounts) expect(amount).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('plan standing', () => {
  const instalments: PlanInstalment[] = [
    { id: 'a', dueDate: '2026-01-10', amount: 1000, paidAmount: 0, status: 'CREATED' },
    { id: 'b', dueDate: '2026-02-10', amount: 1000, paidAmount: 0, status: 'CREATED' },
  ];
  it('spreads payments in due order', () => {
    const allocated = allocatePayments(instalments, 1500, '2026-01-05');
    expect(allocated.map((i) => [i.paidAmount, i.status])).toEqual([[1000, 'RESOLVED'], [500, 'STARTED']]);
  });
  it('is missed the day after a due date, broken after the grace period, and good again once paid', () => {
    expect(reviewStanding(instalments, '2026-01-10', 7, []).standing).toBe('in_good_standing');
    expect(reviewStanding(instalments, '2026-01-10', 7, []).nextReviewDate).toBe('2026-01-11');
    const missed = reviewStanding(instalments, '2026-01-11', 7, []);
    expect([missed.standing, missed.newlyMissed.map((i) => i.id), missed.nextReviewDate]).toEqual(['missed', ['a'], '2026-01-18']);
    expect(reviewStanding(instalments, '2026-01-12', 7, ['a']).newlyMissed).toEqual([]);
    expect(reviewStanding(instalments, '2026-01-18', 7, ['a']).standing).toBe('broken');
    expect(reviewStanding(allocatePayments(instalments, 1000, '2026-01-12'), '2026-01-12', 7, ['a']).standing).toBe('in_good_standing');
  });
});
