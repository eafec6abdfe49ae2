// Decision: premium = round(amount × rate[rating band][tenor band] × (1 − discount)) to whole currency units, half-up
// (spec §9-4: 10010.00 SEK × 0.0145 = 145.145 → 145.00), then raised to the currency's minimum premium.
// Tenor = due − issue in days; bands are 30-day steps up to 180 days; the default cell is monthly rate × months.
import { Decimal } from 'decimal.js';
import { type MinorUnits, type RoundingRule, currencyExponent, multiplyByRate } from '../../platform/money.js';
import { type BusinessDate, daysBetween } from '../../platform/dates.js';
import { type DiscountCode, discountFactor } from './discounts.js';
import { type Rating, type RatingBand, ratingInBand } from './ratings.js';
import { type Result, err, ok } from '../../platform/result.js';

export interface RateRow {
  readonly ratings: RatingBand;
  /** One decimal-string rate per tenor band, same order as `RateTable.tenorBandsDays`. */
  readonly rates: readonly string[];
}

export interface RateTable {
  /** Inclusive upper bounds of the tenor bands in days, ascending; the first band starts at day 0. */
  readonly tenorBandsDays: readonly number[];
  readonly rows: readonly RateRow[];
  readonly minimumPremium: Readonly<Record<string, MinorUnits>>;
  readonly roundTo: 'whole-units' | 'minor-units';
  readonly rounding: RoundingRule;
}

export type PricingError =
  | { readonly code: 'no_rate_for_rating'; readonly rating: Rating }
  | { readonly code: 'tenor_out_of_range'; readonly tenorDays: number; readonly maxDays: number }
  | { readonly code: 'no_minimum_premium_for_currency'; readonly currency: string }
  | { readonly code: 'invalid_amount'; readonly amount: MinorUnits };

export interface PricingInput {
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly tenorDays: number;
  readonly rating: Rating;
  readonly discount: DiscountCode | null;
}

export interface PremiumQuote {
  readonly premium: MinorUnits;
  readonly currency: string;
  /** The table rate before any discount, as a decimal string. */
  readonly rate: string;
  readonly tenorBandDays: number;
  readonly discountCode: string | null;
  readonly minimumApplied: boolean;
}

const TENOR_BANDS_DAYS = [30, 60, 90, 120, 150, 180] as const;

function monthlyRow(from: Rating, to: Rating, monthlyRate: string): RateRow {
  const rates = TENOR_BANDS_DAYS.map((_, index) => new Decimal(monthlyRate).times(index + 1).toFixed());
  return { ratings: { from, to }, rates };
}

/** Rating 10 has no row: a failed buyer cannot be priced. */
export const DEFAULT_RATE_TABLE: RateTable = {
  tenorBandsDays: TENOR_BANDS_DAYS,
  rows: [
    monthlyRow(1, 2, '0.0100'),
    monthlyRow(3, 4, '0.0145'),
    monthlyRow(5, 6, '0.0210'),
    monthlyRow(7, 8, '0.0320'),
    monthlyRow(9, 9, '0.0500'),
  ],
  minimumPremium: { SEK: 10_000, NOK: 10_000, DKK: 7_500, EUR: 1_000, GBP: 900 },
  roundTo: 'whole-units',
  rounding: 'half-up',
};

/** Days of cover: from the issue date to the due date. */
export function invoiceTenorDays(issueDate: BusinessDate, dueDate: BusinessDate): number {
  return daysBetween(issueDate, dueDate);
}

export function priceQuote(input: PricingInput, table: RateTable = DEFAULT_RATE_TABLE): Result<PremiumQuote, PricingError> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return err({ code: 'invalid_amount', amount: input.amount });
  const bandIndex = tenorBandIndex(input.tenorDays, table);
  if (bandIndex === null) return err({ code: 'tenor_out_of_range', tenorDays: input.tenorDays, maxDays: maxTenorDays(table) });
  const rate = table.rows.find((row) => ratingInBand(input.rating, row.ratings))?.rates[bandIndex];
  if (rate === undefined) return err({ code: 'no_rate_for_rating', rating: input.rating });
  const minimum = table.minimumPremium[input.currency];
  if (minimum === undefined) return err({ code: 'no_minimum_premium_for_currency', currency: input.currency });
  const computed = roundedPremium(input, new Decimal(rate).times(discountFactor(input.discount)), table);
  return ok({
    premium: Math.max(computed, minimum),
    currency: input.currency,
    rate,
    tenorBandDays: table.tenorBandsDays[bandIndex] ?? 0,
    discountCode: input.discount?.code ?? null,
    minimumApplied: computed < minimum,
  });
}

function maxTenorDays(table: RateTable): number {
  return table.tenorBandsDays[table.tenorBandsDays.length - 1] ?? 0;
}

function tenorBandIndex(tenorDays: number, table: RateTable): number | null {
  if (!Number.isInteger(tenorDays) || tenorDays < 0) return null;
  const index = table.tenorBandsDays.findIndex((maxDays) => tenorDays <= maxDays);
  return index < 0 ? null : index;
}

/** amount × effectiveRate rounded once, to whole currency units or to minor units as the table says. */
function roundedPremium(input: PricingInput, effectiveRate: Decimal, table: RateTable): MinorUnits {
  const unit = table.roundTo === 'whole-units' ? 10 ** currencyExponent(input.currency) : 1;
  return multiplyByRate(input.amount, effectiveRate.dividedBy(unit), table.rounding) * unit;
}
