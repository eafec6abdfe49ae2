import { isIsoCalendarDate } from '../../platform/dates.js';
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

/** Decides whether a string is a real calendar day in `YYYY-MM-DD` form (rejects 2023-02-29). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return isIsoCalendarDate(value);
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
