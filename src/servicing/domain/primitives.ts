import { isIsoCalendarDate } from '../../platform/dates.js';
import { CURRENCY_CODE, type MinorUnits } from '../../platform/money.js';

/**
 * Small value rules shared by the servicing domain: metadata, calendar dates, amounts, currencies.
 * Amounts are integer cents (`MinorUnits`); `Amount` is ≥ 0 and `RelativeAmount` may be negative (spec §1.7, §6.1).
 */

/** The kinds of ledger entry (spec §4.1). */
export type LedgerEntryType = 'INVOICE' | 'FEE' | 'PAYMENT' | 'ADJUSTMENT' | 'CHARGEBACK' | 'DISCOUNT' | 'REPORTING';

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

/** A JSON object as stored and sent (accounts' debtors, products, scores; claim documents). */
export type Json = Record<string, unknown>;

/** Removes keys whose value is undefined (wire output never carries `undefined`). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}
