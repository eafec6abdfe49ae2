// Decision: static configured FX rates quoted as units of the base currency per unit of the foreign currency
// (decimal strings). Exposure conversions round UP so converted exposure is never understated.
import { type MinorUnits, type RoundingRule, convertCurrency } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';

export interface FxRates {
  readonly base: string;
  /** Units of `base` for one unit of the currency, e.g. EUR: "11.50" when base is SEK. */
  readonly rates: Readonly<Record<string, string>>;
}

export const DEFAULT_FX_RATES: FxRates = {
  base: 'SEK',
  rates: { SEK: '1', NOK: '0.98', DKK: '1.55', EUR: '11.50', GBP: '13.40' },
};

export type FxError = { readonly code: 'unknown_currency'; readonly currency: string };

export function toBaseCurrency(
  amount: MinorUnits,
  currency: string,
  fx: FxRates = DEFAULT_FX_RATES,
  rounding: RoundingRule = 'up',
): Result<MinorUnits, FxError> {
  if (currency === fx.base) return ok(amount);
  const rate = fx.rates[currency];
  if (rate === undefined) return err({ code: 'unknown_currency', currency });
  return ok(convertCurrency(amount, currency, fx.base, rate, rounding));
}
