/**
 * The one date module: calendar dates written `YYYY-MM-DD`, as every API of the service sends them (due dates, issue
 * dates, birthdays), and business dates, the calendar dates of the configured business time zone. All arithmetic is
 * on whole days in UTC, so it never depends on the host's zone or on a clock read.
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

// ---- business dates ----------------------------------------------------------------------------------------------

export type BusinessDate = string;

const MS_PER_DAY = 86_400_000;

/** The day number (days since 1970-01-01) of `text` when it is `YYYY-MM-DD` and names a real calendar date. */
function epochDayOf(text: string): number | undefined {
  if (!isIsoCalendarDate(text)) return undefined;
  return Date.UTC(digitsAt(text, 0, 4), digitsAt(text, 5, 2) - 1, digitsAt(text, 8, 2)) / MS_PER_DAY;
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
  // Two real dates written YYYY-MM-DD (four-digit years) sort as their text does.
  if (!isIsoCalendarDate(a)) throw new RangeError(`Not a business date: ${a}`);
  if (!isIsoCalendarDate(b)) throw new RangeError(`Not a business date: ${b}`);
  return a < b ? -1 : a > b ? 1 : 0;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
/**
 * Per zone, the dates of the minutes asked for lately: every zone in use today changes date only on a whole minute.
 * More than one minute, because a request asks for now and for deadlines (starts of business days) in turn.
 */
const MINUTES = new Map<string, Map<number, BusinessDate>>();
/** Minutes kept per zone; the map starts again when full (a few deadlines and the current minute are what repeat). */
const MINUTES_PER_ZONE = 512;

/** The calendar date of instant `now` in `timeZone` (e.g. Europe/Stockholm). Pure: Intl reads no clock. */
export function businessDateAt(now: Date, timeZone: string): BusinessDate {
  const minute = Math.floor(now.getTime() / 60_000);
  let minutes = MINUTES.get(timeZone);
  const known = minutes?.get(minute);
  if (known !== undefined) return known;
  const date = formatBusinessDate(now, timeZone);
  if (minutes === undefined && MINUTES.size < 64) MINUTES.set(timeZone, minutes = new Map());
  if (minutes !== undefined) {
    if (minutes.size >= MINUTES_PER_ZONE) minutes.clear();
    minutes.set(minute, date);
  }
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

// ---- business days as instants --------------------------------------------------------------------------------------

const OFFSET_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in ms (e.g. +3 600 000 for Stockholm in winter). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let formatter = OFFSET_FORMATTERS.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    if (OFFSET_FORMATTERS.size < 64) OFFSET_FORMATTERS.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Business days already turned into instants, per zone and date (a batch of claims shares a few dozen due dates). */
const DAY_STARTS = new Map<string, number>();
const DAY_STARTS_LIMIT = 10_000;

/** The first instant of business date `date` in `timeZone` (local midnight; DST-safe by re-checking the offset). */
export function startOfBusinessDay(date: BusinessDate, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let start = DAY_STARTS.get(key);
  if (start === undefined) {
    const midnightUtc = Date.parse(`${date}T00:00:00Z`);
    const guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
    start = midnightUtc - zoneOffsetMs(guess, timeZone);
    if (DAY_STARTS.size >= DAY_STARTS_LIMIT) DAY_STARTS.clear();
    DAY_STARTS.set(key, start);
  }
  return new Date(start);
}
