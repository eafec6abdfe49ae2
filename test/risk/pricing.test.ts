import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimalAmount, parseDecimalAmount } from '../../src/platform/money.js';
import {
  DEMO_DISCOUNT_CODES, type DiscountCode, discountFactor, isValidDiscountPercent, resolveDiscountCode,
} from '../../src/risk/domain/discounts.js';
import { DEFAULT_RATE_TABLE, type PricingInput, invoiceTenorDays, priceQuote } from '../../src/risk/domain/pricing.js';
import { DEFAULT_UNRATED_RATING, type Rating } from '../../src/risk/domain/ratings.js';

const seed: PricingInput = {
  amount: parseDecimalAmount('10010.00', 'SEK'),
  currency: 'SEK',
  tenorDays: invoiceTenorDays('2018-06-20', '2018-07-20'),
  rating: 4,
  discount: null,
};

const premiumOf = (input: Partial<PricingInput>): number => {
  const result = priceQuote({ ...seed, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.premium;
};

describe('pricing', () => {
  it('reproduces the seed: 10010.00 SEK issued 2018-06-20, due 2018-07-20 → 145.00 SEK', () => {
    expect(seed.tenorDays).toBe(30);
    const result = priceQuote(seed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(formatDecimalAmount(result.value.premium, 'SEK')).toBe('145.00');
    expect(result.value).toEqual({
      premium: 14_500, currency: 'SEK', rate: '0.0145', tenorBandDays: 30, discountCode: null, minimumApplied: false,
    });
  });

  it('prices an unrated buyer like the seed buyer', () => {
    expect(premiumOf({ rating: DEFAULT_UNRATED_RATING })).toBe(14_500);
  });

  it('rounds half up to whole currency units', () => {
    expect(premiumOf({ amount: parseDecimalAmount('10034.48', 'SEK') })).toBe(14_500);
    expect(premiumOf({ amount: parseDecimalAmount('10034.49', 'SEK') })).toBe(14_600);
  });

  it('charges per started 30-day band', () => {
    expect(premiumOf({ tenorDays: 0 })).toBe(14_500);
    expect(premiumOf({ tenorDays: 31 })).toBe(29_000);
    expect(premiumOf({ tenorDays: 60 })).toBe(29_000);
    expect(premiumOf({ tenorDays: 180 })).toBe(87_100);
  });

  it('refuses tenors outside the table', () => {
    expect(priceQuote({ ...seed, tenorDays: 181 })).toEqual({
      ok: false, error: { code: 'tenor_out_of_range', tenorDays: 181, maxDays: 180 },
    });
    expect(priceQuote({ ...seed, tenorDays: -1 }).ok).toBe(false);
    expect(priceQuote({ ...seed, tenorDays: 1.5 }).ok).toBe(false);
  });

  it('cannot price a failed buyer, an unknown currency or a non-positive amount', () => {
    expect(priceQuote({ ...seed, rating: 10 })).toEqual({ ok: false, error: { code: 'no_rate_for_rating', rating: 10 } });
    expect(priceQuote({ ...seed, currency: 'USD' })).toEqual({
      ok: false, error: { code: 'no_minimum_premium_for_currency', currency: 'USD' },
    });
    expect(priceQuote({ ...seed, amount: 0 })).toEqual({ ok: false, error: { code: 'invalid_amount', amount: 0 } });
  });

  it('raises small premiums to the minimum premium', () => {
    const result = priceQuote({ ...seed, amount: parseDecimalAmount('1.01', 'SEK') });
    expect(result.ok && result.value).toMatchObject({ premium: 10_000, minimumApplied: true });
    expect(premiumOf({ amount: 100, currency: 'EUR' })).toBe(1_000);
  });

  it('applies a discount before rounding and never below the minimum', () => {
    const tenPercent: DiscountCode = { code: 'WELCOME10', percent: '10' };
    expect(premiumOf({ discount: tenPercent })).toBe(13_100);
    expect(premiumOf({ discount: { code: 'ALL', percent: '100' } })).toBe(10_000);
    expect(priceQuote({ ...seed, discount: tenPercent }).ok && priceQuote({ ...seed, discount: tenPercent })).toMatchObject({
      value: { discountCode: 'WELCOME10' },
    });
  });

  it('can round to minor units instead', () => {
    const result = priceQuote(seed, { ...DEFAULT_RATE_TABLE, roundTo: 'minor-units' });
    expect(result.ok && result.value.premium).toBe(14_515);
  });

  const ratings = fc.constantFrom<Rating>(1, 2, 3, 4, 5, 6, 7, 8, 9);
  const currencies = fc.constantFrom('SEK', 'NOK', 'DKK', 'EUR', 'GBP');
  const percents = fc.option(fc.integer({ min: 1, max: 100 }).map((p) => ({ code: 'X', percent: String(p) })));

  it('is monotone in the amount and never below the minimum premium', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 180 }),
      ratings, currencies, percents,
      (amount, extra, tenorDays, rating, currency, discount) => {
        const price = (a: number) => priceQuote({ amount: a, currency, tenorDays, rating, discount });
        const low = price(amount);
        const high = price(amount + extra);
        if (!low.ok || !high.ok) throw new Error('unpriced');
        expect(high.value.premium).toBeGreaterThanOrEqual(low.value.premium);
        expect(low.value.premium).toBeGreaterThanOrEqual(DEFAULT_RATE_TABLE.minimumPremium[currency] ?? Infinity);
      },
    ));
  });

  it('never charges a better rating more, or a shorter tenor more', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 179 }), ratings, (amount, days, rating) => {
      const at = (r: Rating, t: number) => premiumOf({ amount, rating: r, tenorDays: t });
      if (rating < 9) expect(at(rating, days)).toBeLessThanOrEqual(at((rating + 1) as Rating, days));
      expect(at(rating, days)).toBeLessThanOrEqual(at(rating, days + 1));
    }));
  });
});

describe('discount codes', () => {
  const codes: DiscountCode[] = [
    { code: 'SPRING', percent: '12.5', validUntil: '2018-06-30' },
    ...DEMO_DISCOUNT_CODES,
  ];

  it('matches case-insensitively and honours the last valid date inclusively', () => {
    expect(resolveDiscountCode(codes, ' spring ', '2018-06-30')).toEqual({ ok: true, value: codes[0] });
    expect(resolveDiscountCode(codes, 'SPRING', '2018-07-01')).toEqual({
      ok: false, error: { code: 'expired_discount_code', discountCode: 'SPRING', validUntil: '2018-06-30' },
    });
    expect(resolveDiscountCode(codes, 'welcome10', '2030-01-01').ok).toBe(true);
  });

  it('refuses an unknown code', () => {
    expect(resolveDiscountCode(codes, 'NOPE', '2018-06-01')).toEqual({
      ok: false, error: { code: 'unknown_discount_code', discountCode: 'NOPE' },
    });
  });

  it('validates percentages and computes the factor', () => {
    expect(['0.01', '10', '100'].every(isValidDiscountPercent)).toBe(true);
    expect(['0', '100.01', '-5', 'ten', ''].some(isValidDiscountPercent)).toBe(false);
    expect(discountFactor(null).toString()).toBe('1');
    expect(discountFactor({ code: 'X', percent: '12.5' }).toString()).toBe('0.875');
    expect(() => discountFactor({ code: 'X', percent: '150' })).toThrow(RangeError);
  });
});
