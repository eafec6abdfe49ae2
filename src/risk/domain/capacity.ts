// Decision: capacity is the most insured exposure the book accepts on one buyer across all clients and products,
// configured per rating in the base currency (minor units); rating 10 has none. Rating 4 equals the spec's 1 000 000 SEK.
import { type MinorUnits, assertMinorUnits } from '../../platform/money.js';
import { ALL_RATINGS, type Rating } from './ratings.js';

export interface CapacityTable {
  readonly baseCurrency: string;
  readonly byRating: Readonly<Record<Rating, MinorUnits>>;
}

const SEK = (major: number): MinorUnits => major * 100;

export const DEFAULT_CAPACITY_TABLE: CapacityTable = {
  baseCurrency: 'SEK',
  byRating: {
    1: SEK(5_000_000),
    2: SEK(3_000_000),
    3: SEK(2_000_000),
    4: SEK(1_000_000),
    5: SEK(750_000),
    6: SEK(500_000),
    7: SEK(250_000),
    8: SEK(100_000),
    9: SEK(50_000),
    10: 0,
  },
};

export function capacityFor(rating: Rating, table: CapacityTable = DEFAULT_CAPACITY_TABLE): MinorUnits {
  return table.byRating[rating];
}

export type CapacityTableError = { readonly code: 'invalid_capacity'; readonly rating: Rating };

/** A configured table must give every rating a non-negative integer and never more capacity to a worse rating. */
export function checkCapacityTable(table: CapacityTable): CapacityTableError[] {
  const errors: CapacityTableError[] = [];
  ALL_RATINGS.forEach((rating, index) => {
    const value = table.byRating[rating];
    const better = index > 0 ? table.byRating[ALL_RATINGS[index - 1] as Rating] : Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(value) || value < 0 || value > better) errors.push({ code: 'invalid_capacity', rating });
  });
  return errors;
}

export function remainingCapacity(capacity: MinorUnits, currentExposure: MinorUnits): MinorUnits {
  return Math.max(0, assertMinorUnits(capacity) - assertMinorUnits(currentExposure));
}
