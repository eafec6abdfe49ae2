/**
 * Business dates are calendar dates written `YYYY-MM-DD` in the configured business time zone.
 * All arithmetic is on whole days in UTC so it never depends on the host's zone or on a clock read.
 */
import { isIsoCalendarDate } from '../platform/calendar-date.js';

export type BusinessDate = string;

const MS_PER_DAY = 86_400_000;

/** The day number (days since 1970-01-01) of `text` when it is `YYYY-MM-DD` and names a real calendar date. */
function epochDayOf(text: string): number | undefined {
  if (!isIsoCalendarDate(text)) return undefined;
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / MS_PER_DAY;
}

/** True when `text` is `YYYY-MM-DD` and names a real calendar date (no 2021-02-30). */
export function isBusinessDate(text: string): boolean {
  return isIsoCalendarDate(text);
}

function toEpochDay(date: BusinessDate): number {
  const epochDay = epochDayOf(date);
  if (epochDay === undefined) throw new RangeError(`Not a business date: ${date}`);
  return epochDay;
}

function fromEpochDay(epochDay: number): BusinessDate {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  return Math.sign(daysBetween(b, a));
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
/** Per zone, the last minute asked for and its date: every zone in use today changes date only on a whole minute. */
const LAST_MINUTE = new Map<string, { minute: number; date: BusinessDate }>();

/** The calendar date of instant `now` in `timeZone` (e.g. Europe/Stockholm). Pure: Intl reads no clock. */
export function businessDateAt(now: Date, timeZone: string): BusinessDate {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = LAST_MINUTE.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = formatBusinessDate(now, timeZone);
  if (last !== undefined || LAST_MINUTE.size < 64) LAST_MINUTE.set(timeZone, { minute, date });
  return date;
}

function formatBusinessDate(now: Date, timeZone: string): BusinessDate {
  // Building an Intl formatter costs far more than using one: keep one per zone (a handful of zones at most).
  let formatter = FORMATTERS.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (FORMATTERS.size < 64) FORMATTERS.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
