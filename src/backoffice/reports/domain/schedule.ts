// When a subscribed report is drawn. Decision: a daily report shows each day; a weekly one each ISO week, drawn at
// the close of its Sunday; a monthly one each calendar month, drawn at the close of its last day. A report is
// delivered once its day has closed in the tenant's time zone (tenant time, so a sandbox's test clock drives it).
import { addDays, type BusinessDate } from '../../../platform/dates.js';

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

function dayOfWeek(date: BusinessDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday; a calendar fact, no clock involved
}

function lastDayOfMonth(date: BusinessDate): BusinessDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The first report date of a subscription made on `today` (today itself counts: it has not closed yet). */
export function firstReportDate(frequency: Frequency, today: BusinessDate): BusinessDate {
  switch (frequency) {
    case 'daily':
      return today;
    case 'weekly':
      return addDays(today, (7 - dayOfWeek(today)) % 7);
    case 'monthly':
      return lastDayOfMonth(today);
  }
}

/** The report date after `reportDate`. */
export function nextReportDate(frequency: Frequency, reportDate: BusinessDate): BusinessDate {
  switch (frequency) {
    case 'daily':
      return addDays(reportDate, 1);
    case 'weekly':
      return addDays(reportDate, 7);
    case 'monthly':
      return lastDayOfMonth(addDays(reportDate, 1));
  }
}
