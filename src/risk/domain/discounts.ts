// Decision: discount codes are matched case-insensitively, reduce the premium by a percentage (0 < p ≤ 100) and may
// carry a last valid business date (inclusive). An unknown or expired code is an error, never silently ignored.
import { Decimal } from 'decimal.js';
import { type BusinessDate, compareDates } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';

export interface DiscountCode {
  readonly code: string;
  /** Percentage off the premium as a decimal string, e.g. "10" or "12.5". */
  readonly percent: string;
  readonly validUntil?: BusinessDate;
}

export type DiscountError =
  | { readonly code: 'unknown_discount_code'; readonly discountCode: string }
  | { readonly code: 'expired_discount_code'; readonly discountCode: string; readonly validUntil: BusinessDate };

export const DEFAULT_DISCOUNT_CODES: readonly DiscountCode[] = [];

/** Codes for demo and sandbox tenants. */
export const DEMO_DISCOUNT_CODES: readonly DiscountCode[] = [
  { code: 'WELCOME10', percent: '10' },
  { code: 'PARTNER25', percent: '25' },
];

export function resolveDiscountCode(
  codes: readonly DiscountCode[],
  requested: string,
  today: BusinessDate,
): Result<DiscountCode, DiscountError> {
  const wanted = requested.trim().toUpperCase();
  const found = codes.find((candidate) => candidate.code.toUpperCase() === wanted);
  if (!found) return err({ code: 'unknown_discount_code', discountCode: requested });
  if (found.validUntil !== undefined && compareDates(today, found.validUntil) > 0) {
    return err({ code: 'expired_discount_code', discountCode: found.code, validUntil: found.validUntil });
  }
  return ok(found);
}

export function isValidDiscountPercent(percent: string): boolean {
  if (!/^\d+(\.\d+)?$/.test(percent)) return false;
  const value = new Decimal(percent);
  return value.greaterThan(0) && value.lessThanOrEqualTo(100);
}

/** The factor a premium is multiplied by: 1 − percent/100 (1 without a discount). */
export function discountFactor(discount: DiscountCode | null): Decimal {
  if (discount === null) return new Decimal(1);
  if (!isValidDiscountPercent(discount.percent)) throw new RangeError(`Invalid discount percent: ${discount.percent}`);
  return new Decimal(1).minus(new Decimal(discount.percent).dividedBy(100));
}
