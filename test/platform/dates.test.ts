import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, businessDateAt, compareDates, daysBetween, isBusinessDate } from '../../src/platform/dates.js';

describe('business dates', () => {
  it('recognises real calendar dates only', () => {
    expect(isBusinessDate('2018-06-20')).toBe(true);
    expect(isBusinessDate('2024-02-29')).toBe(true);
    for (const text of ['2023-02-29', '2018-13-01', '2018-6-20', '20180620', '2018-06-20T00:00:00Z', '']) {
      expect(isBusinessDate(text)).toBe(false);
    }
  });

  it('counts days across months, years and DST changes', () => {
    expect(daysBetween('2018-06-20', '2018-07-20')).toBe(30);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(addDays('2018-07-20', 30)).toBe('2018-08-19');
    expect(compareDates('2018-01-02', '2018-01-01')).toBe(1);
    expect(compareDates('2018-01-01', '2018-01-01')).toBe(0);
    expect(() => addDays('2018-02-30', 1)).toThrow(RangeError);
  });

  it('reads the date in the business time zone', () => {
    expect(businessDateAt(new Date('2018-06-19T22:30:00Z'), 'Europe/Stockholm')).toBe('2018-06-20');
    expect(businessDateAt(new Date('2018-06-19T21:59:59Z'), 'Europe/Stockholm')).toBe('2018-06-19');
    expect(businessDateAt(new Date('2018-06-19T22:30:00Z'), 'UTC')).toBe('2018-06-19');
  });

  it('answers like a fresh Intl formatter for any sequence of instants, across midnight and DST changes, in any offset', () => {
    const zones = ['Europe/Stockholm', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
    const fresh = (instant: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    // Steps of up to two minutes either way from a start near a midnight or a DST change, so calls share, cross and revisit minutes.
    const starts = ['2026-03-29T00:59:00Z', '2026-10-24T22:58:30Z', '2026-11-21T18:14:00Z', '2026-12-31T23:59:59Z'].map(Date.parse);
    fc.assert(fc.property(
      fc.constantFrom(...zones), fc.constantFrom(...starts), fc.array(fc.integer({ min: -120_000, max: 120_000 }), { minLength: 1, maxLength: 40 }),
      (zone, start, steps) => {
        let at = start - 60 * 60_000;
        for (const step of steps) {
          at += step * 60;
          expect(businessDateAt(new Date(at), zone)).toBe(fresh(new Date(at), zone));
        }
      },
    ));
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(fc.property(fc.integer({ min: -5000, max: 5000 }), (days) => {
      expect(daysBetween('2020-02-29', addDays('2020-02-29', days))).toBe(days);
    }));
  });
});
