// The arithmetic of the reports that derive a figure from others: the loss ratio and days sales outstanding.
import { Decimal } from 'decimal.js';

/** `part` over `whole` to 4 decimals (half-up), e.g. indemnities over premiums; null when `whole` is 0. */
export function ratio(part: number, whole: number): string | null {
  if (whole === 0) return null;
  return new Decimal(part).div(whole).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

/**
 * Days sales outstanding by the simple method: what is outstanding over what was placed in the last `days`, times
 * `days`, to one decimal (half-up); null when nothing was placed in the window.
 */
export function daysSalesOutstanding(outstanding: number, placed: number, days: number): string | null {
  if (placed === 0) return null;
  return new Decimal(outstanding).mul(days).div(placed).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/**
 * Whether `months` months after every instant of `month` (YYYY-MM) have passed by the close of `asOfDate`: the last
 * day of the month `months` later has closed. A claim placed on 31 January has had one month by 28 February.
 */
export function monthHasClosedBy(month: string, months: number, asOfDate: string): boolean {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1 + months;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).toISOString().slice(0, 10); // a calendar fact, no clock
  return lastDay <= asOfDate;
}
