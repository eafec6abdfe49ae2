/**
 * ISO 8601 durations as strategies write them (`P7D`, `P2W`, `PT12H`, `P1M15D`): whole numbers only, at least one
 * component, `T` before hours, minutes and seconds. Years, months and days are calendar units: the interpreter adds
 * them to a local date; hours, minutes and seconds are exact.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

/** The duration `text` states, or null when it is not an ISO 8601 duration of whole units. */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return { years: years!, months: months!, weeks: weeks!, days: days!, hours: hours!, minutes: minutes!, seconds: seconds! };
}

export function isZeroDuration(duration: IsoDuration): boolean {
  return Object.values(duration).every((part) => part === 0);
}

/** The claim dates an `until` expression may start from. */
export const UNTIL_DATE_FIELDS = ['dueDate'] as const;
export type UntilDateField = (typeof UNTIL_DATE_FIELDS)[number];

/** `dueDate + P14D` read: the claim date, and the duration added (`sign` 1) or subtracted (-1); none when absent. */
export interface UntilExpression {
  field: UntilDateField;
  sign: 1 | -1;
  offset: IsoDuration | null;
}

/** Parses a wait's `until` (`dueDate`, `dueDate + P14D`, `dueDate - P1D`); the reason when it cannot. */
export function parseUntil(text: string): { ok: true; value: UntilExpression } | { ok: false; reason: string } {
  const match = /^\s*([A-Za-z]+)\s*(?:([+-])\s*(\S+)\s*)?$/.exec(text);
  if (!match) return { ok: false, reason: `"${text}" is not "<claim date> [+|- <ISO 8601 duration>]", e.g. "dueDate + P14D"` };
  const [, field, sign, offsetText] = match;
  if (!(UNTIL_DATE_FIELDS as readonly string[]).includes(field!)) {
    return { ok: false, reason: `"${field}" is not a claim date; use one of: ${UNTIL_DATE_FIELDS.join(', ')}` };
  }
  const offset = offsetText === undefined ? null : parseIsoDuration(offsetText);
  if (offsetText !== undefined && !offset) return { ok: false, reason: `"${offsetText}" is not an ISO 8601 duration such as P14D` };
  return { ok: true, value: { field: field as UntilDateField, sign: sign === '-' ? -1 : 1, offset } };
}
