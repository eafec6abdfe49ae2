// Decision: an Atradius-style numeric buyer rating 1..10 where 1 is the lowest risk and 10 means failed/insolvent
// (no cover). Bands group adjacent ratings; unrated (unknown) buyers are priced and limited as DEFAULT_UNRATED_RATING.
export type Rating = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const BEST_RATING: Rating = 1;
export const WORST_RATING: Rating = 10;
export const ALL_RATINGS: readonly Rating[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Rating assumed for a buyer the registry does not know; the seed's buyer prices as this band too. */
export const DEFAULT_UNRATED_RATING: Rating = 4;

export function isRating(value: unknown): value is Rating {
  return typeof value === 'number' && Number.isInteger(value) && value >= BEST_RATING && value <= WORST_RATING;
}

/** Parses "1".."10" (surrounding spaces allowed); anything else is null. */
export function parseRating(text: string): Rating | null {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return isRating(value) ? value : null;
}

export interface RatingBand {
  readonly from: Rating;
  readonly to: Rating;
}

export function ratingInBand(rating: Rating, band: RatingBand): boolean {
  return rating >= band.from && rating <= band.to;
}
