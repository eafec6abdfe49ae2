// Decision: a quote holds exposure from the moment it is offered until it is rejected, expired, settled or its claim
// is decided (spec §9-5: offered, activation.pending, activated, claim.pending); a referred quote.pending holds none.
import { type MinorUnits, addMinor, assertMinorUnits } from '../../platform/money.js';
import { type BuyerKey, buyerKey } from './buyer.js';
import { DEFAULT_FX_RATES, type FxError, type FxRates, toBaseCurrency } from './fx.js';
import { type Result, err, ok } from '../../platform/result.js';

/** Quote status codes (of the insurance module) whose insured amount counts against the buyer's capacity. */
export const EXPOSURE_HOLDING_STATUSES = [
  'quote.offered', 'activation.pending', 'cover.activated', 'claim.pending',
] as const;

export function holdsExposure(status: string): boolean {
  return (EXPOSURE_HOLDING_STATUSES as readonly string[]).includes(status);
}

/** One insured amount on a buyer, from any client and any product. */
export interface ExposureItem {
  readonly buyerCountry: string;
  readonly buyerRegistryId: string;
  readonly status: string;
  readonly amount: MinorUnits;
  readonly currency: string;
}

/** Sum, in the base currency, of every exposure-holding item on the buyer. */
export function buyerExposure(
  items: readonly ExposureItem[],
  buyer: BuyerKey,
  fx: FxRates = DEFAULT_FX_RATES,
): Result<MinorUnits, FxError> {
  let total = 0;
  for (const item of items) {
    if (buyerKey(item.buyerCountry, item.buyerRegistryId) !== buyer || !holdsExposure(item.status)) continue;
    const converted = toBaseCurrency(item.amount, item.currency, fx);
    if (!converted.ok) return err(converted.error);
    total = addMinor(total, converted.value);
  }
  return ok(total);
}

/** True when adding `requested` keeps the buyer's exposure within its capacity (equal is allowed). */
export function fitsCapacity(currentExposure: MinorUnits, requested: MinorUnits, capacity: MinorUnits): boolean {
  assertMinorUnits(currentExposure);
  assertMinorUnits(requested);
  assertMinorUnits(capacity);
  if (requested < 0 || currentExposure < 0) return false;
  return requested <= capacity - currentExposure;
}
