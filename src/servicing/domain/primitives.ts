import { CURRENCY_CODE, type MinorUnits } from '../../platform/money.js';

/**
 * Small value rules shared by the servicing domain: results, metadata, calendar dates, amounts, currencies.
 * Amounts are integer cents (`MinorUnits`); `Amount` is ≥ 0 and `RelativeAmount` may be negative (spec §1.7, §6.1).
 */

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a successful value. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps a typed failure. */
export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/** Free-form JSON object carried through unchanged (spec `Metadata`). */
export type Metadata = Readonly<Record<string, unknown>>;

/** Business date `YYYY-MM-DD` (spec `DueDate`). */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Decides whether a string is a real calendar day in `YYYY-MM-DD` form (rejects 2023-02-29, and years before 0100). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || value.length !== 10 || !CALENDAR_DATE.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // Years below 100 were never accepted: Date.UTC, which this used to go through, reads them as 19xx.
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The number written by `count` ASCII digits of `text` from `start` (the caller checked they are digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days of a month (1–12) in the proleptic Gregorian calendar, as JavaScript dates count them. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/** Decides whether a value is a spec `Amount`: a safe integer number of cents ≥ 0. */
export function isAmount(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Decides whether a value is a spec `RelativeAmount`: a safe integer number of cents of either sign. */
export function isRelativeAmount(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Decides whether a value is an ISO 4217 alphabetic currency code (spec A20). */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

/** Decides whether a value is a non-empty reference string. */
export function isReference(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Decides whether a value is an epoch-millisecond timestamp (a safe integer ≥ 0). */
export function isEpochMillis(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
