import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPOSURE_HOLDING_STATUSES, type ExposureItem, buyerExposure, fitsCapacity, holdsExposure } from '../../src/risk/domain/exposure.js';
import { DEFAULT_FX_RATES, toBaseCurrency } from '../../src/risk/domain/fx.js';

const item = (status: string, amount: number, currency = 'SEK', registryId = '5567104046'): ExposureItem => ({
  buyerCountry: 'SE', buyerRegistryId: registryId, status, amount, currency,
});

describe('FX to the base currency', () => {
  it('leaves base-currency amounts alone and converts others, rounding up', () => {
    expect(toBaseCurrency(1_001_000, 'SEK')).toEqual({ ok: true, value: 1_001_000 });
    expect(toBaseCurrency(100, 'EUR')).toEqual({ ok: true, value: 1150 });
    expect(toBaseCurrency(1, 'NOK')).toEqual({ ok: true, value: 1 });
    expect(toBaseCurrency(1, 'NOK', DEFAULT_FX_RATES, 'down')).toEqual({ ok: true, value: 0 });
  });

  it('refuses a currency without a configured rate', () => {
    expect(toBaseCurrency(100, 'USD')).toEqual({ ok: false, error: { code: 'unknown_currency', currency: 'USD' } });
  });
});

describe('exposure', () => {
  it('is held by offered, activation-pending, activated and claimed quotes only', () => {
    expect([...EXPOSURE_HOLDING_STATUSES]).toEqual(['quote.offered', 'activation.pending', 'cover.activated', 'claim.pending']);
    for (const status of ['quote.pending', 'quote.rejected', 'cover.settled', 'claim.approved', 'claim.rejected']) {
      expect(holdsExposure(status)).toBe(false);
    }
  });

  it('sums holding items on one buyer across currencies', () => {
    const items = [
      item('quote.offered', 100_000),
      item('cover.activated', 1_000, 'EUR'),
      item('claim.pending', 50),
      item('cover.settled', 999_999),
      item('quote.rejected', 999_999),
      item('quote.pending', 999_999),
      item('cover.activated', 777, 'SEK', '5591293013'),
    ];
    expect(buyerExposure(items, 'SE:5567104046')).toEqual({ ok: true, value: 100_000 + 11_500 + 50 });
    expect(buyerExposure(items, 'SE:5591293013')).toEqual({ ok: true, value: 777 });
    expect(buyerExposure(items, 'NO:923609016')).toEqual({ ok: true, value: 0 });
  });

  it('reports an unconvertible holding item', () => {
    expect(buyerExposure([item('cover.activated', 1, 'USD')], 'SE:5567104046').ok).toBe(false);
  });
});

describe('fitsCapacity', () => {
  it('allows reaching capacity exactly but not one minor unit more', () => {
    expect(fitsCapacity(600, 400, 1000)).toBe(true);
    expect(fitsCapacity(600, 401, 1000)).toBe(false);
    expect(fitsCapacity(0, 0, 0)).toBe(true);
    expect(fitsCapacity(0, 1, 0)).toBe(false);
    expect(fitsCapacity(1200, 0, 1000)).toBe(false);
    expect(fitsCapacity(0, -1, 1000)).toBe(false);
    expect(() => fitsCapacity(0, 0.5, 1000)).toThrow();
  });

  it('never lets exposure exceed capacity, however requests are sequenced', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.array(fc.integer({ min: 0, max: 1e11 }), { maxLength: 50 }),
      (capacity, requests) => {
        let exposure = 0;
        for (const requested of requests) if (fitsCapacity(exposure, requested, capacity)) exposure += requested;
        expect(exposure).toBeLessThanOrEqual(capacity);
      },
    ));
  });

  it('accepts exactly the requests that keep exposure within capacity', () => {
    fc.assert(fc.property(fc.nat(1e12), fc.nat(1e12), fc.nat(1e12), (current, requested, capacity) => {
      expect(fitsCapacity(current, requested, capacity)).toBe(current + requested <= capacity);
    }));
  });
});
