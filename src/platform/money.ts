import { Decimal } from 'decimal.js';

/**
 * Money inside the system is an integer count of minor units (cents, öre) in a known currency.
 * Every conversion to or from a wire format and every rate calculation goes through this file,
 * so no float arithmetic ever touches an amount.
 */
export type MinorUnits = number;

const CURRENCY_EXPONENTS: Record<string, number> = {
  JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0,
  BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3,
};

export const CURRENCY_CODE = /^[A-Z]{3}$/;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function currencyExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

export function assertMinorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`Not an integer amount of minor units: ${value}`);
  return value;
}

export function addMinor(...amounts: MinorUnits[]): MinorUnits {
  let total = 0;
  for (const amount of amounts) total = assertMinorUnits(total + assertMinorUnits(amount));
  return total;
}

export function subtractMinor(a: MinorUnits, b: MinorUnits): MinorUnits {
  return assertMinorUnits(assertMinorUnits(a) - assertMinorUnits(b));
}

const DECIMAL_AMOUNT = /^-?\d+(\.\d+)?$/;

/**
 * Parses a decimal amount ("10010", "10010.5", "10010.00" or a JSON number) into minor units.
 * Refuses more decimals than the currency has rather than rounding them away.
 */
export function parseDecimalAmount(input: string | number, currency: string): MinorUnits {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  if (!DECIMAL_AMOUNT.test(text)) throw new MoneyError(`Not a decimal amount: ${String(input)}`);
  const exponent = currencyExponent(currency);
  const fraction = text.split('.')[1] ?? '';
  if (fraction.replace(/0+$/, '').length > exponent) {
    throw new MoneyError(`More than ${exponent} decimal places for ${currency}: ${text}`);
  }
  const [whole = '', decimals = ''] = text.replace('-', '').split('.');
  const minor = Number(`${whole}${decimals.padEnd(exponent, '0').slice(0, exponent)}`);
  if (minor > Number.MAX_SAFE_INTEGER) throw new MoneyError(`Amount out of range: ${text}`);
  return text.startsWith('-') && minor !== 0 ? -minor : minor;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`Not a finite amount: ${value}`);
  return new Decimal(value).toFixed();
}

/** Formats minor units as a decimal string with exactly the currency's decimals: 1001000 SEK → "10010.00". */
export function formatDecimalAmount(amount: MinorUnits, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = assertMinorUnits(amount) < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${Math.abs(amount)}`;
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export type RoundingRule = 'half-up' | 'half-even' | 'up' | 'down';

const ROUNDING: Record<RoundingRule, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

/** amount × rate, rounded to whole minor units by an explicit rule. `rate` is a decimal string or Decimal ("0.0145"). */
export function multiplyByRate(amount: MinorUnits, rate: Decimal.Value, rounding: RoundingRule): MinorUnits {
  const product = new Decimal(assertMinorUnits(amount)).times(new Decimal(rate));
  return assertMinorUnits(product.toDecimalPlaces(0, ROUNDING[rounding]).toNumber());
}

/** Converts between currencies with a decimal FX rate (units of `to` per unit of `from`), honouring both exponents. */
export function convertCurrency(
  amount: MinorUnits,
  from: string,
  to: string,
  rate: Decimal.Value,
  rounding: RoundingRule = 'half-even',
): MinorUnits {
  if (from === to) return assertMinorUnits(amount);
  const scale = new Decimal(10).pow(currencyExponent(to) - currencyExponent(from));
  return multiplyByRate(amount, new Decimal(rate).times(scale), rounding);
}
