import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CAPACITY_TABLE } from '../../src/risk/domain/capacity.js';
import {
  DEFAULT_UNDERWRITING_POLICY, type UnderwritingInput, type UnderwritingPolicy, hasOverdueClaim, underwrite,
} from '../../src/risk/domain/underwriting.js';

const seedQuote: UnderwritingInput = {
  seller: { country: 'SE', registryId: '5567549125' },
  buyer: { country: 'SE', registryId: '5567104046' },
  buyerRating: 4,
  amount: 1_001_000,
  currency: 'SEK',
  tenorDays: 30,
  discount: null,
  currentBuyerExposure: 0,
  buyerHasOverdueClaim: false,
};

const decide = (input: Partial<UnderwritingInput>, policy: Partial<UnderwritingPolicy> = {}) =>
  underwrite({ ...seedQuote, ...input }, { ...DEFAULT_UNDERWRITING_POLICY, ...policy });

const ruleOf = (input: Partial<UnderwritingInput>, policy: Partial<UnderwritingPolicy> = {}): string => {
  const decision = decide(input, policy);
  return decision.kind === 'unavailable' ? decision.rule : decision.kind;
};

describe('underwriting', () => {
  it('offers the seed quote at 145.00 SEK', () => {
    const decision = decide({});
    expect(decision.kind).toBe('offer');
    expect(decision.kind === 'offer' && decision.premium.premium).toBe(14_500);
  });

  it('prices an unknown buyer at the unrated rating', () => {
    const decision = decide({ buyerRating: null });
    expect(decision.kind === 'offer' && decision.premium.premium).toBe(14_500);
  });

  it('declines unsupported markets with insurance_unavailable', () => {
    expect(decide({ buyer: { country: 'GB', registryId: '09446231' } })).toEqual({
      kind: 'unavailable', reason: 'insurance_unavailable', rule: 'unsupported_market',
    });
    for (const country of ['SE', 'NO', 'DK', 'FI']) {
      expect(ruleOf({ buyer: { country, registryId: 'X1' } })).toBe('offer');
    }
    expect(ruleOf({ buyer: { country: 'GB', registryId: 'X1' } }, { supportedBuyerCountries: ['GB'] })).toBe('offer');
  });

  it('declines buyers on the deny list', () => {
    expect(ruleOf({}, { deniedBuyers: ['SE:5567104046'] })).toBe('denied_buyer');
    expect(ruleOf({}, { deniedBuyers: ['NO:5567104046'] })).toBe('offer');
  });

  it('declines when seller and buyer are the same company', () => {
    expect(ruleOf({ seller: seedQuote.buyer })).toBe('seller_is_buyer');
    expect(ruleOf({ seller: { country: 'NO', registryId: '5567104046' } })).toBe('offer');
  });

  it('declines a buyer with an overdue claim', () => {
    expect(ruleOf({ buyerHasOverdueClaim: true })).toBe('buyer_has_overdue_claim');
  });

  it('counts pending and approved claims on the buyer as overdue, not rejected ones or covers', () => {
    expect(hasOverdueClaim(['cover.activated', 'claim.pending'])).toBe(true);
    expect(hasOverdueClaim(['claim.approved'])).toBe(true);
    expect(hasOverdueClaim(['claim.rejected', 'cover.settled', 'cover.activated', 'quote.offered'])).toBe(false);
    expect(hasOverdueClaim([])).toBe(false);
  });

  it('declines when the quote would exceed the buyer capacity, and allows filling it exactly', () => {
    const capacity = DEFAULT_CAPACITY_TABLE.byRating[4];
    expect(ruleOf({ currentBuyerExposure: capacity - 1_001_000 })).toBe('offer');
    expect(ruleOf({ currentBuyerExposure: capacity - 1_000_999 })).toBe('capacity_exhausted');
    expect(ruleOf({ buyerRating: 9, amount: 5_000_001 })).toBe('capacity_exhausted');
  });

  it('converts foreign amounts to the base currency for capacity and the automatic limit', () => {
    expect(ruleOf({ currency: 'EUR', amount: 4_347_826 })).toBe('offer'); // 499 999.99 SEK
    expect(ruleOf({ currency: 'EUR', amount: 4_347_827 })).toBe('refer'); // 500 000.11 SEK
    expect(ruleOf({ currency: 'EUR', amount: 100_000, currentBuyerExposure: 98_850_000 })).toBe('offer');
    expect(ruleOf({ currency: 'EUR', amount: 100_000, currentBuyerExposure: 98_850_001 })).toBe('capacity_exhausted');
  });

  it('declines what it cannot price', () => {
    const decision = decide({ buyerRating: 10 }, { capacity: { ...DEFAULT_CAPACITY_TABLE, byRating: { ...DEFAULT_CAPACITY_TABLE.byRating, 10: 1e12 } } });
    expect(decision).toEqual({
      kind: 'unavailable', reason: 'insurance_unavailable', rule: 'cannot_price',
      pricingError: { code: 'no_rate_for_rating', rating: 10 },
    });
    expect(ruleOf({ tenorDays: 181 })).toBe('cannot_price');
    expect(ruleOf({ currency: 'USD' })).toBe('cannot_price');
  });

  it('refers amounts above the automatic limit, with a suggested premium', () => {
    const limit = DEFAULT_UNDERWRITING_POLICY.automaticLimit;
    expect(ruleOf({ amount: limit })).toBe('offer');
    const referred = decide({ amount: limit + 1 });
    expect(referred.kind).toBe('refer');
    expect(referred.kind === 'refer' && referred.reason).toBe('above_automatic_limit');
    expect(referred.kind === 'refer' && referred.suggestedPremium.premium).toBeGreaterThan(0);
  });

  it('applies decline rules before referral, in a fixed order', () => {
    expect(ruleOf({ amount: 1e10, buyerHasOverdueClaim: true })).toBe('buyer_has_overdue_claim');
    expect(ruleOf({ seller: seedQuote.buyer, buyerHasOverdueClaim: true }, { deniedBuyers: ['SE:5567104046'] }))
      .toBe('denied_buyer');
    expect(ruleOf({ buyer: { country: 'GB', registryId: 'X1' }, seller: { country: 'GB', registryId: 'X1' } }))
      .toBe('unsupported_market');
  });

  it('never offers beyond capacity', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), fc.constantFrom(1, 4, 7, 9, 10),
      (amount, exposure, rating) => {
        const decision = decide({ amount, currentBuyerExposure: exposure, buyerRating: rating as 1 });
        if (decision.kind !== 'unavailable') {
          expect(exposure + amount).toBeLessThanOrEqual(DEFAULT_CAPACITY_TABLE.byRating[rating as 1]);
        }
      },
    ));
  });
});
