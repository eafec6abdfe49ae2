import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRODUCTS } from '../../../src/insurance/domain/products.js';
import { QUOTE_STATUSES, type QuoteStatus } from '../../../src/insurance/domain/quote-state.js';
import {
  DEFAULT_TIMER_CONFIG, type TimedQuote, deadlineFor, evaluateTimers, offerExpiresAt,
} from '../../../src/insurance/domain/quote-timers.js';

const OFFERED_AT = new Date('2018-06-20T10:00:00Z');
const quote = (status: QuoteStatus, overrides: Partial<TimedQuote> = {}): TimedQuote => ({
  status, reason: null, referred: false, product: 'insure', offeredAt: OFFERED_AT, invoiceDueDate: '2018-07-20', ...overrides,
});
const statusAt = (q: TimedQuote, iso: string) => {
  const { quote: evaluated } = evaluateTimers(q, new Date(iso));
  return [evaluated.status, evaluated.reason];
};

describe('offer validity', () => {
  it('expires an offer exactly 24 hours after it was offered', () => {
    expect(offerExpiresAt(OFFERED_AT).toISOString()).toBe('2018-06-21T10:00:00.000Z');
    expect(statusAt(quote('quote.offered'), '2018-06-21T09:59:59.999Z')).toEqual(['quote.offered', null]);
    expect(statusAt(quote('quote.offered'), '2018-06-21T10:00:00.000Z')).toEqual(['quote.rejected', 'quote_expired']);
  });

  it('also expires an Insure quote waiting for the signature', () => {
    expect(statusAt(quote('activation.pending'), '2018-06-21T10:00:00Z')).toEqual(['quote.rejected', 'quote_expired']);
    expect(statusAt(quote('activation.pending'), '2018-06-21T09:00:00Z')).toEqual(['activation.pending', null]);
  });

  it('follows the configured validity', () => {
    const config = { ...DEFAULT_TIMER_CONFIG, offerValidityHours: 48 };
    expect(evaluateTimers(quote('quote.offered'), new Date('2018-06-22T09:00:00Z'), config).quote.status).toBe('quote.offered');
  });

  it('reports the fired event and keeps the other fields', () => {
    const evaluation = evaluateTimers(quote('quote.offered', { referred: false }), new Date('2018-07-01T00:00:00Z'));
    expect(evaluation.fired).toBe('offer_expired');
    expect(evaluation.quote).toEqual({ ...quote('quote.offered'), status: 'quote.rejected', reason: 'quote_expired' });
  });
});

describe('claim window and automatic settlement', () => {
  it('settles an activated cover on the first business date after due + 30 days, in Stockholm time', () => {
    const cover = quote('cover.activated');
    expect(deadlineFor(cover)).toEqual({ kind: 'claim_window', event: 'claim_window_closed', lastDay: '2018-08-19' });
    expect(statusAt(cover, '2018-08-19T21:59:59Z')).toEqual(['cover.activated', null]);
    expect(statusAt(cover, '2018-08-19T22:00:00Z')).toEqual(['cover.settled', 'claim_period_expired']);
  });

  it('leaves a pending claim alone', () => {
    expect(statusAt(quote('claim.pending'), '2019-01-01T00:00:00Z')).toEqual(['claim.pending', null]);
  });

  it('runs no timer in the other statuses', () => {
    for (const status of ['quote.pending', 'quote.rejected', 'cover.settled', 'claim.approved', 'claim.rejected'] as const) {
      expect(deadlineFor(quote(status))).toBeNull();
      expect(evaluateTimers(quote(status), new Date('2030-01-01T00:00:00Z')).fired).toBeNull();
    }
    expect(deadlineFor(quote('quote.offered', { offeredAt: null }))).toBeNull();
  });
});

describe('timer properties', () => {
  const arbitraryQuote = fc.record({
    status: fc.constantFrom(...QUOTE_STATUSES),
    product: fc.constantFrom(...PRODUCTS),
    offeredAt: fc.option(fc.date({ min: new Date('2018-01-01'), max: new Date('2019-01-01'), noInvalidDate: true })),
    dueOffset: fc.integer({ min: 0, max: 365 }),
  }).map(({ status, product, offeredAt, dueOffset }): TimedQuote => ({
    status, product, offeredAt, reason: null, referred: false,
    invoiceDueDate: new Date(Date.UTC(2018, 0, 1 + dueOffset)).toISOString().slice(0, 10),
  }));
  const instant = fc.date({ min: new Date('2018-01-01'), max: new Date('2020-01-01'), noInvalidDate: true });

  it('is idempotent', () => {
    fc.assert(fc.property(arbitraryQuote, instant, (q, now) => {
      const once = evaluateTimers(q, now);
      const twice = evaluateTimers(once.quote, now);
      expect(twice.quote).toEqual(once.quote);
      expect(twice.fired).toBeNull();
    }));
  });

  it('evaluating early then late equals evaluating late', () => {
    fc.assert(fc.property(arbitraryQuote, instant, instant, (q, a, b) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      expect(evaluateTimers(evaluateTimers(q, early).quote, late).quote).toEqual(evaluateTimers(q, late).quote);
    }));
  });

  it('only ever lands in a known status', () => {
    fc.assert(fc.property(arbitraryQuote, instant, (q, now) => {
      expect(QUOTE_STATUSES).toContain(evaluateTimers(q, now).quote.status);
    }));
  });
});
