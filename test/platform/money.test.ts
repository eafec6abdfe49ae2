import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import {
  MoneyError, addMinor, convertCurrency, formatDecimalAmount, multiplyByRate, parseDecimalAmount,
} from '../../src/platform/money.js';

describe('money', () => {
  it('parses and formats decimal strings in minor units', () => {
    expect(parseDecimalAmount('10010.00', 'SEK')).toBe(1_001_000);
    expect(parseDecimalAmount('10000', 'SEK')).toBe(1_000_000);
    expect(parseDecimalAmount(145, 'SEK')).toBe(14_500);
    expect(parseDecimalAmount('1.5', 'SEK')).toBe(150);
    expect(formatDecimalAmount(14_500, 'SEK')).toBe('145.00');
    expect(formatDecimalAmount(5, 'EUR')).toBe('0.05');
    expect(formatDecimalAmount(-5, 'EUR')).toBe('-0.05');
    expect(formatDecimalAmount(1200, 'JPY')).toBe('1200');
  });

  it('refuses amounts it would have to round or cannot represent', () => {
    expect(() => parseDecimalAmount('1.005', 'SEK')).toThrow(MoneyError);
    expect(() => parseDecimalAmount('1.5', 'JPY')).toThrow(MoneyError);
    expect(() => parseDecimalAmount('abc', 'SEK')).toThrow(MoneyError);
    expect(() => parseDecimalAmount('1e5', 'SEK')).toThrow(MoneyError);
    expect(() => parseDecimalAmount('99999999999999999999', 'SEK')).toThrow(MoneyError);
    expect(() => addMinor(Number.MAX_SAFE_INTEGER, 1)).toThrow(MoneyError);
    expect(() => addMinor(0.5)).toThrow(MoneyError);
  });

  it('round-trips every amount through its decimal string', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
      expect(parseDecimalAmount(formatDecimalAmount(amount, 'SEK'), 'SEK')).toBe(amount);
    }));
  });

  it('parses and formats exactly as decimal arithmetic does, for every currency exponent', () => {
    const currencies = fc.constantFrom('SEK', 'JPY', 'KWD');
    const decimalText = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 4 }))
      .map(([negative, digits, scale]) => {
        const text = digits.toString().padStart(scale + 1, '0');
        return `${negative ? '-' : ''}${scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`}`;
      });
    fc.assert(fc.property(decimalText, currencies, (text, currency) => {
      const exponent = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
      const exact = new Decimal(text).times(10 ** exponent);
      if (!exact.isInteger() || exact.abs().greaterThan(Number.MAX_SAFE_INTEGER)) {
        expect(() => parseDecimalAmount(text, currency)).toThrow(MoneyError);
        return;
      }
      const parsed = parseDecimalAmount(text, currency);
      expect(parsed).toBe(exact.toNumber() || 0);
      expect(formatDecimalAmount(parsed, currency)).toBe(new Decimal(parsed).dividedBy(10 ** exponent).toFixed(exponent).replace(/^-(0\.?0*)$/, '$1'));
    }), { numRuns: 2000 });
    expect(parseDecimalAmount('-0.00', 'SEK')).toBe(0);
    expect(Object.is(parseDecimalAmount('-0.00', 'SEK'), -0)).toBe(false);
    expect(formatDecimalAmount(-1200, 'JPY')).toBe('-1200');
    expect(formatDecimalAmount(-5, 'KWD')).toBe('-0.005');
  });

  it('applies rates with an explicit rounding rule', () => {
    expect(multiplyByRate(1_001_000, '0.0145', 'half-up')).toBe(14_515);
    expect(multiplyByRate(25, '0.5', 'half-up')).toBe(13);
    expect(multiplyByRate(25, '0.5', 'half-even')).toBe(12);
    expect(multiplyByRate(25, '0.5', 'down')).toBe(12);
    expect(multiplyByRate(25, '0.5', 'up')).toBe(13);
    expect(convertCurrency(10_000, 'EUR', 'SEK', '11.5')).toBe(115_000);
    expect(convertCurrency(10_000, 'EUR', 'JPY', '160')).toBe(16_000);
  });
});
