// Decision: rules run in a fixed order: unsupported market, deny list, seller = buyer, overdue claim, unpriceable,
// capacity exhausted (all → insurance_unavailable), then referral when the amount in base currency is ABOVE the
// automatic limit (equal is automatic), else an offer. The caller passes the buyer's current exposure, measured in base currency.
import type { MinorUnits } from '../../platform/money.js';
import { type BuyerKey, buyerKey } from './buyer.js';
import { type CapacityTable, DEFAULT_CAPACITY_TABLE, capacityFor } from './capacity.js';
import type { DiscountCode } from './discounts.js';
import { fitsCapacity } from './exposure.js';
import { DEFAULT_FX_RATES, type FxRates, toBaseCurrency } from './fx.js';
import { DEFAULT_RATE_TABLE, type PremiumQuote, type PricingError, type RateTable, priceQuote } from './pricing.js';
import { DEFAULT_UNRATED_RATING, type Rating } from './ratings.js';

export interface Party {
  readonly country: string;
  /** Canonical registry id (see identifiers.ts). */
  readonly registryId: string;
}

export interface UnderwritingInput {
  readonly seller: Party;
  readonly buyer: Party;
  /** null when the buyer registry does not know the buyer. */
  readonly buyerRating: Rating | null;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly tenorDays: number;
  readonly discount: DiscountCode | null;
  /** Exposure already held on the buyer by all clients and products, in the policy's base currency. */
  readonly currentBuyerExposure: MinorUnits;
  /** See `hasOverdueClaim`: a claim on this buyer, by any client, is pending or was approved. */
  readonly buyerHasOverdueClaim: boolean;
}

export interface UnderwritingPolicy {
  readonly supportedBuyerCountries: readonly string[];
  readonly deniedBuyers: readonly BuyerKey[];
  /** Largest single invoice (base currency, minor units) decided without an underwriter. */
  readonly automaticLimit: MinorUnits;
  readonly unratedBuyerRating: Rating;
  readonly capacity: CapacityTable;
  readonly fx: FxRates;
  readonly rateTable: RateTable;
}

export const DEFAULT_UNDERWRITING_POLICY: UnderwritingPolicy = {
  supportedBuyerCountries: ['SE', 'NO', 'DK', 'FI'],
  deniedBuyers: [],
  automaticLimit: 500_000_00,
  unratedBuyerRating: DEFAULT_UNRATED_RATING,
  capacity: DEFAULT_CAPACITY_TABLE,
  fx: DEFAULT_FX_RATES,
  rateTable: DEFAULT_RATE_TABLE,
};

export type DeclineRule =
  | 'unsupported_market'
  | 'denied_buyer'
  | 'seller_is_buyer'
  | 'buyer_has_overdue_claim'
  | 'cannot_price'
  | 'capacity_exhausted';

export type ReferralRule = 'above_automatic_limit';

export type UnderwritingDecision =
  | { readonly kind: 'offer'; readonly premium: PremiumQuote }
  | {
    readonly kind: 'unavailable';
    readonly reason: 'insurance_unavailable';
    readonly rule: DeclineRule;
    readonly pricingError?: PricingError;
  }
  | { readonly kind: 'refer'; readonly reason: ReferralRule; readonly suggestedPremium: PremiumQuote };

export function underwrite(
  input: UnderwritingInput,
  policy: UnderwritingPolicy = DEFAULT_UNDERWRITING_POLICY,
): UnderwritingDecision {
  const declined = firstDeclineRule(input, policy);
  if (declined) return unavailable(declined);
  const rating = input.buyerRating ?? policy.unratedBuyerRating;
  const priced = priceQuote({ ...input, rating }, policy.rateTable);
  if (!priced.ok) return { ...unavailable('cannot_price'), pricingError: priced.error };
  const amountInBase = toBaseCurrency(input.amount, input.currency, policy.fx);
  if (!amountInBase.ok) return unavailable('cannot_price');
  if (!fitsCapacity(input.currentBuyerExposure, amountInBase.value, capacityFor(rating, policy.capacity))) {
    return unavailable('capacity_exhausted');
  }
  if (amountInBase.value > policy.automaticLimit) {
    return { kind: 'refer', reason: 'above_automatic_limit', suggestedPremium: priced.value };
  }
  return { kind: 'offer', premium: priced.value };
}

function unavailable(rule: DeclineRule): UnderwritingDecision & { kind: 'unavailable' } {
  return { kind: 'unavailable', reason: 'insurance_unavailable', rule };
}

function firstDeclineRule(input: UnderwritingInput, policy: UnderwritingPolicy): DeclineRule | null {
  if (!policy.supportedBuyerCountries.includes(input.buyer.country)) return 'unsupported_market';
  if (policy.deniedBuyers.includes(buyerKey(input.buyer.country, input.buyer.registryId))) return 'denied_buyer';
  if (isSameCompany(input.seller, input.buyer)) return 'seller_is_buyer';
  if (input.buyerHasOverdueClaim) return 'buyer_has_overdue_claim';
  return null;
}

function isSameCompany(a: Party, b: Party): boolean {
  return a.country === b.country && a.registryId === b.registryId;
}

/** Claim statuses that show the buyer has not paid an insured invoice (a rejected claim does not count). */
export const OVERDUE_CLAIM_STATUSES = ['claim.pending', 'claim.approved'] as const;

/** Decision: any pending or approved claim on the buyer, from any client or product, blocks new automatic cover. */
export function hasOverdueClaim(quoteStatusesOnBuyer: readonly string[]): boolean {
  return quoteStatusesOnBuyer.some((status) => (OVERDUE_CLAIM_STATUSES as readonly string[]).includes(status));
}
