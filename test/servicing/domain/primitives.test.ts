import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isClaimResolutionReason, outstandingBalance, sumFees } from '../../../src/servicing/domain/claim.js';
import { checkDebtor } from '../../../src/servicing/domain/debtor.js';
import {
  isAmount, isCalendarDate, isCurrencyCode, isEpochMillis, isReference, isRelativeAmount,
} from '../../../src/servicing/domain/primitives.js';

describe('value rules', () => {
  it('calendar dates must be real days in YYYY-MM-DD', () => {
    expect(isCalendarDate('2019-06-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2019-6-28')).toBe(false);
    expect(isCalendarDate('2019-06-28T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20190628)).toBe(false);
    expect(isCalendarDate('0099-01-01')).toBe(false);
    expect(isCalendarDate('2019-06-28\n')).toBe(false);
  });

  it('calendar dates: the same answers as a round trip through Date.UTC', () => {
    const throughDate = (text: string) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!match) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    fc.assert(fc.property(fc.oneof(dateLike, fc.string()), (text) => isCalendarDate(text) === throughDate(text)), { numRuns: 20_000 });
  });

  it('Amount is an integer >= 0; RelativeAmount any safe integer', () => {
    expect(isAmount(0)).toBe(true);
    expect(isAmount(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isAmount(-1)).toBe(false);
    expect(isAmount(0.5)).toBe(false);
    expect(isAmount('1')).toBe(false);
    expect(isRelativeAmount(-13025)).toBe(true);
    expect(isRelativeAmount(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
  });

  it('currency codes are three upper-case letters; references non-blank; epoch ms non-negative integers', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('978')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isReference('A')).toBe(true);
    expect(isReference(' ')).toBe(false);
    expect(isEpochMillis(1_647_526_514_000)).toBe(true);
    expect(isEpochMillis(-1)).toBe(false);
  });
});

describe('claim vocabulary', () => {
  it('knows the six resolution reasons', () => {
    for (const reason of ['CLAIM_SOLD', 'CLAIM_PAID', 'FRAUDULENT', 'CLAIM_DISCARDED', 'CLAIM_DISCHARGED', 'CLAIM_INVALIDATED']) {
      expect(isClaimResolutionReason(reason)).toBe(true);
    }
    expect(isClaimResolutionReason('PAID')).toBe(false);
  });

  it('sums fees and balances', () => {
    expect(sumFees([{ name: 'A', amount: 1 }, { name: 'B', amount: 2 }])).toBe(3);
    expect(sumFees([])).toBe(0);
    expect(outstandingBalance({ amount: 5, totalFees: 7 })).toBe(12);
  });
});

describe('checkDebtor', () => {
  it('accepts natural and legal debtors with a country', () => {
    expect(checkDebtor({ firstName: 'John', lastName: 'White', contactInformation: { country: 'DE' } })).toBeUndefined();
    expect(checkDebtor({ type: 'legal', companyName: 'Acme Brick Co.', contactInformation: { country: 'SE' } })).toBeUndefined();
  });

  it('lists every problem', () => {
    expect(checkDebtor({ firstName: 'John' })).toEqual({
      code: 'INVALID_DEBTOR',
      problems: ['contactInformation is required', 'lastName is required for a natural debtor'],
      message: 'Invalid primaryDebtor: contactInformation is required; lastName is required for a natural debtor',
    });
    expect(checkDebtor({ type: 'legal', contactInformation: { country: 'de' } })?.problems).toEqual([
      'contactInformation.country must be an ISO 3166-1 alpha-2 code', 'companyName is required for a legal debtor',
    ]);
    expect(checkDebtor({ type: 'robot', contactInformation: { country: 'DE' } })?.problems).toEqual(['type must be natural or legal, not robot']);
  });
});
