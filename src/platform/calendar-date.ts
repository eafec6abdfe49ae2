/**
 * Calendar dates written `YYYY-MM-DD`, as every API of the service sends them (due dates, issue dates, birthdays).
 * One validator for all of them: the risk core's business dates and the servicing domain's calendar dates.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Decides whether a value is a real calendar day in `YYYY-MM-DD` form (rejects 2023-02-29). Years before 0100 are
 * refused, as they always were: JavaScript's Date.UTC, which the checks once went through, reads them as 19xx.
 */
export function isIsoCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || !ISO_DATE.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
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
