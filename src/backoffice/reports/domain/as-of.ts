// "As of a date": the book as it stood at the close of that business day in the tenant's time zone. Today's report
// has the same bound (the start of tomorrow): a tenant's clock only moves forward, so nothing after now exists yet.
import { addDays, compareDates, isBusinessDate, type BusinessDate } from '../../../platform/dates.js';
import { err, ok, type Result } from '../../../platform/result.js';

export interface AsOf {
  /** The business date the report is drawn at the close of. */
  date: BusinessDate;
  /** Everything strictly before this instant is in the report. */
  before: Date;
}

export type AsOfError = { kind: 'invalid_date' } | { kind: 'future_date'; today: BusinessDate };

/** `requested` (YYYY-MM-DD, or undefined for today) against the tenant's `today`; `startOfDay` maps a business date to its first instant in the tenant's zone. */
export function resolveAsOf(
  requested: string | undefined, tenant: { today: BusinessDate }, startOfDay: (date: BusinessDate) => Date,
): Result<AsOf, AsOfError> {
  const date = requested ?? tenant.today;
  if (!isBusinessDate(date)) return err({ kind: 'invalid_date' });
  if (compareDates(date, tenant.today) > 0) return err({ kind: 'future_date', today: tenant.today });
  return ok({ date, before: startOfDay(addDays(date, 1)) });
}
