import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatMoney, preferredLanguage } from '../../../src/insurance/domain/connect-locale.js';
import { noticePage } from '../../../src/insurance/http/purchase-views.js';

describe('the seller\'s language', () => {
  it('formats money the local way', () => {
    expect(formatMoney(14_500, 'SEK', 'sv')).toBe('145,00 kr');
    expect(formatMoney(1_001_000, 'SEK', 'sv')).toBe('10\u00a0010,00 kr');
    expect(formatMoney(1_001_000, 'SEK', 'en')).toBe('SEK 10,010.00');
    expect(formatMoney(12_345_678, 'EUR', 'sv')).toBe('123\u00a0456,78 EUR');
  });

  it('writes dates and instants in words, a business date on its own day whatever the zone', () => {
    expect(formatDate('2026-11-06', 'sv')).toBe('6 november 2026');
    expect(formatDate('2026-11-06', 'en')).toBe('6 November 2026');
    expect(formatDate('2026-01-01', 'sv')).toBe('1 januari 2026');
    const instant = new Date('2018-05-02T10:00:00Z');
    expect(formatInstant(instant, 'sv', 'Europe/Stockholm')).toBe('2 maj 2018 kl. 12:00');
    expect(formatInstant(instant, 'en', 'Europe/Stockholm')).toBe('2 May 2018 at 12:00');
  });

  it('takes the browser\'s most wanted language we have, else English', () => {
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('*')).toBe('en');
    expect(preferredLanguage('sv-SE,sv;q=0.9,en;q=0.8')).toBe('sv');
    expect(preferredLanguage('de, en;q=0.5, sv;q=0.7')).toBe('sv');
    expect(preferredLanguage('en-GB, sv')).toBe('en');
    expect(preferredLanguage('sv;q=0, en;q=0.1')).toBe('en');
    expect(preferredLanguage('fr;q=abc, ;;;')).toBe('en');
  });

  it('the pages shown without an offer speak the language asked for', () => {
    expect(noticePage('failure', 'sv')).toContain('<html lang="sv">');
    expect(noticePage('failure', 'sv')).toContain('<h1>Något gick fel</h1>');
    expect(noticePage('failure', 'en')).toContain('<h1>Something went wrong</h1>');
    expect(noticePage('crossSite', 'en')).toContain('<html lang="en">');
  });
});
