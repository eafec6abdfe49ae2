import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAPACITY_TABLE, capacityFor, checkCapacityTable, remainingCapacity,
} from '../../src/risk/domain/capacity.js';
import { ALL_RATINGS, DEFAULT_UNRATED_RATING, isRating, parseRating, ratingInBand } from '../../src/risk/domain/ratings.js';

describe('ratings', () => {
  it('is the integer scale 1..10', () => {
    expect(ALL_RATINGS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([0, 11, 1.5, '1', null].some(isRating)).toBe(false);
    expect(isRating(DEFAULT_UNRATED_RATING)).toBe(true);
  });

  it('parses rating text', () => {
    expect(parseRating(' 1 ')).toBe(1);
    expect(parseRating('10')).toBe(10);
    for (const text of ['0', '11', '1.0', '', 'A', '-1', '010']) expect(parseRating(text)).toBeNull();
  });

  it('checks band membership inclusively', () => {
    expect(ratingInBand(3, { from: 3, to: 4 })).toBe(true);
    expect(ratingInBand(4, { from: 3, to: 4 })).toBe(true);
    expect(ratingInBand(5, { from: 3, to: 4 })).toBe(false);
    expect(ratingInBand(2, { from: 3, to: 4 })).toBe(false);
  });
});

describe('capacity', () => {
  it('gives rating 4 the spec default of 1 000 000 SEK and rating 10 nothing', () => {
    expect(DEFAULT_CAPACITY_TABLE.baseCurrency).toBe('SEK');
    expect(capacityFor(4)).toBe(100_000_000);
    expect(capacityFor(10)).toBe(0);
  });

  it('never gives a worse rating more capacity in the default table', () => {
    expect(checkCapacityTable(DEFAULT_CAPACITY_TABLE)).toEqual([]);
  });

  it('reports an inverted, negative or fractional entry', () => {
    const byRating = { ...DEFAULT_CAPACITY_TABLE.byRating, 5: 200_000_000, 9: -1 };
    expect(checkCapacityTable({ ...DEFAULT_CAPACITY_TABLE, byRating })).toEqual([
      { code: 'invalid_capacity', rating: 5 },
      { code: 'invalid_capacity', rating: 9 },
      { code: 'invalid_capacity', rating: 10 }, // 0 is more than its better neighbour's -1
    ]);
    const fractional = { ...DEFAULT_CAPACITY_TABLE.byRating, 1: 0.5 };
    expect(checkCapacityTable({ ...DEFAULT_CAPACITY_TABLE, byRating: fractional })).toContainEqual(
      { code: 'invalid_capacity', rating: 1 },
    );
  });

  it('computes the remaining capacity, never negative', () => {
    expect(remainingCapacity(1000, 400)).toBe(600);
    expect(remainingCapacity(1000, 1000)).toBe(0);
    expect(remainingCapacity(1000, 1500)).toBe(0);
  });
});
