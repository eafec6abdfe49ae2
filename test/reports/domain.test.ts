// The reports' pure rules: schedules, the as-of bound, the derived figures and the CSV writer.
import { describe, expect, it } from 'vitest';
import { resolveAsOf } from '../../src/backoffice/reports/domain/as-of.js';
import { daysSalesOutstanding, ratio } from '../../src/backoffice/reports/domain/figures.js';
import { reportCsv, reportFileName, type ReportTable } from '../../src/backoffice/reports/domain/report-table.js';
import { firstReportDate, nextReportDate } from '../../src/backoffice/reports/domain/schedule.js';
import { startOfBusinessDay } from '../../src/platform/dates.js';
import { parseCsv } from './support.js';

describe('report schedules', () => {
  it('puts daily reports on every day, weekly on Sundays and monthly on the last day of the month', () => {
    expect(firstReportDate('daily', '2026-11-21')).toBe('2026-11-21');
    expect(nextReportDate('daily', '2026-12-31')).toBe('2027-01-01');
    expect(firstReportDate('weekly', '2026-11-21')).toBe('2026-11-22'); // a Saturday: the next day is Sunday
    expect(firstReportDate('weekly', '2026-11-22')).toBe('2026-11-22');
    expect(nextReportDate('weekly', '2026-12-27')).toBe('2027-01-03');
    expect(firstReportDate('monthly', '2026-11-21')).toBe('2026-11-30');
    expect(nextReportDate('monthly', '2026-11-30')).toBe('2026-12-31');
    expect(nextReportDate('monthly', '2027-01-31')).toBe('2027-02-28');
    expect(nextReportDate('monthly', '2028-01-31')).toBe('2028-02-29');
  });
});

describe('as of a date', () => {
  const zone = 'Europe/Stockholm';
  const at = (date: string) => startOfBusinessDay(date, zone);
  it('bounds a past day and today by the start of the next day, in the tenant zone', () => {
    expect(resolveAsOf('2026-11-21', { today: '2026-12-26' }, at)).toEqual({ ok: true, value: { date: '2026-11-21', before: new Date('2026-11-21T23:00:00Z') } });
    expect(resolveAsOf(undefined, { today: '2026-07-01' }, at)).toEqual({ ok: true, value: { date: '2026-07-01', before: new Date('2026-07-01T22:00:00Z') } });
  });
  it('refuses impossible and future dates', () => {
    expect(resolveAsOf('2026-02-30', { today: '2026-12-26' }, at)).toEqual({ ok: false, error: { kind: 'invalid_date' } });
    expect(resolveAsOf('26-12-01', { today: '2026-12-26' }, at)).toEqual({ ok: false, error: { kind: 'invalid_date' } });
    expect(resolveAsOf('2026-12-27', { today: '2026-12-26' }, at)).toEqual({ ok: false, error: { kind: 'future_date', today: '2026-12-26' } });
  });
});

describe('figures', () => {
  it('rounds ratios half-up to 4 decimals and DSO to 1, with nothing to divide by as null', () => {
    expect(ratio(1, 3)).toBe('0.3333');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(5, 0)).toBeNull();
    expect(daysSalesOutstanding(50_000, 90_000, 90)).toBe('50.0');
    expect(daysSalesOutstanding(1, 3, 90)).toBe('30.0');
    expect(daysSalesOutstanding(10, 0, 90)).toBeNull();
  });
});

describe('CSV', () => {
  const table: ReportTable = {
    report: 'exposure', title: 'Insured exposure', asOf: '2026-11-30', parameters: { by: 'buyer' },
    columns: [{ key: 'label', label: 'Group', kind: 'text' }, { key: 'amount', label: 'Amount', kind: 'money' }, { key: 'note', label: 'Note', kind: 'text' }],
    rows: [
      { label: 'Bygg, "Nord" AB', amount: '-12.50', note: null },
      { label: '=HYPERLINK("http://x")', amount: '1.00', note: 'two\nlines' },
    ],
    chart: { x: 'label', series: ['amount'] },
  };
  it('quotes what needs quoting, keeps negative numbers and defuses formulas', () => {
    const csv = reportCsv(table);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['Group', 'Amount', 'Note'],
      ['Bygg, "Nord" AB', '-12.50', ''],
      ['\'=HYPERLINK("http://x")', '1.00', 'two\nlines'],
    ]);
    expect(reportFileName(table, 'csv')).toBe('exposure-buyer-2026-11-30.csv');
  });
});
