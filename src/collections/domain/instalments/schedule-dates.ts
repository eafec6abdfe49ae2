import { addDays, type BusinessDate } from '../../../platform/dates.js';

/** How far apart instalments fall: every `every` days, weeks or months. */
export interface InstalmentInterval {
  unit: 'day' | 'week' | 'month';
  every: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `start` plus `months` calendar months, on the same day of month clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonths(start: BusinessDate, months: number): BusinessDate {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const day = Math.min(Number(start.slice(8, 10)), daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The due date of instalment `index` (0 = the first, on `start`), always counted from `start` (no drift). */
export function dueDateOf(start: BusinessDate, interval: InstalmentInterval, index: number): BusinessDate {
  const steps = interval.every * index;
  switch (interval.unit) {
    case 'day':
      return addDays(start, steps);
    case 'week':
      return addDays(start, steps * 7);
    case 'month':
      return addMonths(start, steps);
  }
}
