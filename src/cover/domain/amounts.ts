import { currencyExponent, formatDecimalAmount, MoneyError, parseDecimalAmount, type MinorUnits } from '../../platform/money.js';

/** Applied amounts are whole thousands of the policy currency (spec §5.3). */
export const AMOUNT_MULTIPLE = 1000;
/** Decision: the largest amount one application may ask for (TIGER_STYLE: a limit on everything). */
export const MAX_APPLICATION_AMOUNT = 1_000_000_000_000;

/** Wire amount (number or numeric string) → minor units, or null when it is not > 0 and a multiple of 1000. */
export function parseApplicationAmount(input: unknown, currency: string): MinorUnits | null {
  if (typeof input !== 'number' && typeof input !== 'string') return null;
  let minor: MinorUnits;
  try {
    minor = parseDecimalAmount(input, currency);
  } catch (error) {
    if (error instanceof MoneyError) return null;
    throw error;
  }
  const unit = AMOUNT_MULTIPLE * 10 ** currencyExponent(currency);
  if (minor <= 0 || minor % unit !== 0 || minor > MAX_APPLICATION_AMOUNT * 10 ** currencyExponent(currency)) return null;
  return minor;
}

/**
 * Minor units → the wire's numeric string: whole amounts without decimals (`"150000"`), others with them. A listing
 * page renders eight per cover, so whole amounts (all applied ones) skip the decimal text.
 */
export function formatCoverAmount(amount: MinorUnits, currency: string): string {
  const unit = 10 ** currencyExponent(currency);
  if (Number.isSafeInteger(amount) && amount % unit === 0) return String(amount / unit);
  const text = formatDecimalAmount(amount, currency);
  return text.includes('.') && /\.0+$/.test(text) ? text.replace(/\.0+$/, '') : text;
}

/** Half of an amount, rounded down to whole currency units (a partial approval). */
export function halfInWholeUnits(amount: MinorUnits, currency: string): MinorUnits {
  const unit = 10 ** currencyExponent(currency);
  return Math.floor(amount / 2 / unit) * unit;
}
