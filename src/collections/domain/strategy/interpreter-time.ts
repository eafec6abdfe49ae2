import { addDays, businessDateAt, daysBetween, isBusinessDate, startOfBusinessDay } from '../../../platform/dates.js';

/*
 * Time arithmetic of the interpreter: ISO 8601 durations, `until` expressions over claim dates, and the local
 * time of the debtor (quiet hours, send windows, weekends, holidays). Pure: every instant is handed in.
 */

const MS = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 } as const;
const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

export interface Duration {
  years: number;
  months: number;
  ms: number;
}

/** Parses `P7D`, `P1M`, `PT12H`, `P1W`, …; undefined when it is not an ISO 8601 duration (or is empty, `P`/`PT`). */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const n = (index: number) => Number(match[index] ?? 0);
  return { years: n(1), months: n(2), ms: n(3) * MS.W + n(4) * MS.D + n(5) * MS.H + n(6) * MS.M + n(7) * MS.S };
}

/** `instant` plus `duration`: calendar months and years in UTC, then the exact milliseconds (a day is 24 hours). */
export function addDuration(instant: Date, duration: Duration, sign: 1 | -1 = 1): Date {
  const shifted = new Date(instant.getTime());
  if (duration.years !== 0 || duration.months !== 0) shifted.setUTCMonth(shifted.getUTCMonth() + sign * (duration.years * 12 + duration.months));
  return new Date(shifted.getTime() + sign * duration.ms);
}

/** The facts an `until` expression may name a date of (a claim's facts; only its date fields are read). */
export type DateFacts = object;

/**
 * `until` (e.g. `dueDate + P14D`, `dueDate`, `dueDate - P2D`): the named date fact at local midnight in `timeZone`,
 * shifted by the duration. Undefined when the text or the fact is not usable.
 */
export function untilInstant(expression: string, facts: DateFacts, timeZone: string): Date | undefined {
  const parsed = untilParts(expression);
  if (!parsed) return undefined;
  const date = (facts as Record<string, unknown>)[parsed.fact];
  if (typeof date !== 'string' || !isBusinessDate(date)) return undefined;
  const start = startOfBusinessDay(date, timeZone);
  if (parsed.duration === null) return start;
  return parsed.duration && addDuration(start, parsed.duration, parsed.sign);
}

/** An `until` expression read once: the fact it names and its duration (undefined: unusable; null: none). */
interface UntilParts {
  fact: string;
  sign: 1 | -1;
  duration: Duration | null | undefined;
}

const UNTIL_PARTS = new Map<string, UntilParts | undefined>();

function untilParts(expression: string): UntilParts | undefined {
  if (UNTIL_PARTS.has(expression)) return UNTIL_PARTS.get(expression);
  const match = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:([+-])\s*(P[0-9YMWDTHS]+))?\s*$/.exec(expression);
  const parts = match ? { fact: match[1]!, sign: match[2] === '-' ? -1 as const : 1 as const, duration: match[3] === undefined ? null : parseDuration(match[3]) } : undefined;
  if (UNTIL_PARTS.size >= 1000) UNTIL_PARTS.clear();
  UNTIL_PARTS.set(expression, parts);
  return parts;
}

/** Whole days from `dueDate` to the local date of `now` (negative before the due date). */
export function daysPastDue(dueDate: string, now: Date, timeZone: string): number {
  return isBusinessDate(dueDate) ? daysBetween(dueDate, businessDateAt(now, timeZone)) : 0;
}

const LOCAL = new Map<string, Intl.DateTimeFormat>();

export interface LocalTime {
  date: string;
  minute: number;
  weekday: number;
}

/**
 * Local times already worked out, per zone and instant: a batch's runs ask about the same instants (its `now`, the
 * 5-minute grid of nextSendInstant), and Intl's formatToParts is the costly part of a decision.
 */
const LOCAL_TIMES = new Map<string, LocalTime>();
const LOCAL_TIMES_LIMIT = 20_000;

/** The local date, minute of the day and weekday (0 = Sunday) of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const key = `${timeZone} ${instant.getTime()}`;
  let local = LOCAL_TIMES.get(key);
  if (local === undefined) {
    local = formatLocalTime(instant, timeZone);
    if (LOCAL_TIMES.size >= LOCAL_TIMES_LIMIT) LOCAL_TIMES.clear();
    LOCAL_TIMES.set(key, local);
  }
  return local;
}

function formatLocalTime(instant: Date, timeZone: string): LocalTime {
  let format = LOCAL.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    if (LOCAL.size < 64) LOCAL.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minute: Number(get('hour')) * 60 + Number(get('minute')), weekday };
}

/** `HH:MM` as minutes of the day; undefined when malformed. */
export function minuteOfDay(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** True when `minute` lies in [from, to), a range that may wrap midnight (`22:00`–`07:00`). */
function inRange(minute: number, from: number, to: number): boolean {
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

export interface SendRules {
  timeZone: string;
  /** Local times when no message goes out. */
  quietHours?: { from: string; to: string };
  /** Local hours when a message may go out, on business days unless `weekends`. */
  sendWindow?: { from: string; to: string; weekends?: boolean };
  /** Local dates (YYYY-MM-DD) with no messages when a send window applies. */
  holidays: ReadonlySet<string>;
}

/** Why a message may not go out at `instant`, or undefined when it may. */
export function sendBlockedBecause(instant: Date, rules: SendRules): string | undefined {
  const local = localTime(instant, rules.timeZone);
  if (rules.quietHours) {
    const from = minuteOfDay(rules.quietHours.from);
    const to = minuteOfDay(rules.quietHours.to);
    if (from !== undefined && to !== undefined && inRange(local.minute, from, to)) return `quiet hours ${rules.quietHours.from}-${rules.quietHours.to} (${rules.timeZone})`;
  }
  if (rules.sendWindow) {
    if (!rules.sendWindow.weekends && (local.weekday === 0 || local.weekday === 6)) return `weekend (${rules.timeZone})`;
    if (rules.holidays.has(local.date)) return `holiday ${local.date}`;
    const from = minuteOfDay(rules.sendWindow.from);
    const to = minuteOfDay(rules.sendWindow.to);
    if (from !== undefined && to !== undefined && !inRange(local.minute, from, to)) return `outside send window ${rules.sendWindow.from}-${rules.sendWindow.to} (${rules.timeZone})`;
  }
  return undefined;
}

const STEP_MS = 5 * 60_000;
/** Bound on the search: a window that never opens (e.g. weekends only with weekends excluded) gives up after this. */
const SEARCH_LIMIT_MS = 21 * 86_400_000;

/**
 * The first instant at or after `instant` when a message may go out, on a 5-minute grid of the debtor's clock
 * (windows are written in whole minutes; sub-5-minute boundaries round up). Undefined when none within 21 days.
 */
export function nextSendInstant(instant: Date, rules: SendRules): Date | undefined {
  if (sendBlockedBecause(instant, rules) === undefined) return instant;
  let candidate = Math.ceil((instant.getTime() + 1) / STEP_MS) * STEP_MS;
  const limit = instant.getTime() + SEARCH_LIMIT_MS;
  while (candidate <= limit) {
    const at = new Date(candidate);
    if (sendBlockedBecause(at, rules) === undefined) return at;
    candidate += STEP_MS;
  }
  return undefined;
}

/** The start of the local day `days` days before `date`. */
export function localDayStart(date: string, timeZone: string, daysBefore = 0): Date {
  return startOfBusinessDay(addDays(date, -daysBefore), timeZone);
}
