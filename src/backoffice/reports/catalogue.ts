// The reports the back office draws: each reads other modules only through their api.ts, bounded by the as-of
// instant, and returns a ReportTable. Money is kept in minor units until this point and rendered here as a decimal
// string in the row's currency, so the JSON, the CSV, the PDF and the chart show the same figures.
import type { Executor } from '../../platform/db/database.js';
import { formatDecimalAmount } from '../../platform/money.js';
import { coverExposureAt } from '../../cover/api.js';
import { insuredInvoiceExposureAt, premiumsByMonth } from '../../insurance/api.js';
import { casesByStatusAt, indemnitiesByMonth } from '../../cases/api.js';
import { AGEING_BUCKETS, placedInWindow, RECOVERY_MONTHS, receivablesAgeing, recoveryByPlacementMonth } from '../../servicing/api.js';
import { promisesByDueMonth, resultsPerSplitArm } from '../../collections/api.js';
import type { StaffRole } from '../face.js';
import type { AsOf } from './domain/as-of.js';
import { daysSalesOutstanding, monthHasClosedBy, ratio } from './domain/figures.js';
import type { ReportCell, ReportColumn, ReportTable } from './domain/report-table.js';

export interface DrawContext {
  db: Executor;
  tenantId: string;
  asOf: AsOf;
  timeZone: string;
  /** Narrows the report to one policyholder's book (a customer's subscription). */
  customerId?: number;
  parameters: Record<string, string>;
}

export interface ReportDefinition {
  id: string;
  title: string;
  /** The staff roles that may draw it (admin always may). */
  roles: readonly StaffRole[];
  /** Whether it can be narrowed to one cover customer's book (only those a customer may subscribe to). */
  customerScoped: boolean;
  /** Each parameter's allowed values; the first is the default. */
  parameters: Record<string, readonly string[]>;
  columns: ReportColumn[];
  chart: ReportTable['chart'];
  rows(ctx: DrawContext): Promise<Record<string, ReportCell>[]>;
}

const DSO_WINDOW_DAYS = 90;
const text = (key: string, label: string): ReportColumn => ({ key, label, kind: 'text' });
const count = (key: string, label: string): ReportColumn => ({ key, label, kind: 'count' });
const money = (key: string, label: string): ReportColumn => ({ key, label, kind: 'money' });

const exposure: ReportDefinition = {
  id: 'exposure',
  title: 'Insured exposure',
  roles: ['underwriter', 'claims_handler'],
  customerScoped: true,
  parameters: { by: ['buyer', 'country', 'rating', 'product'] },
  columns: [text('key', 'Key'), text('label', 'Group'), text('currency', 'Currency'), count('positions', 'Positions'), money('amount', 'Amount')],
  chart: { x: 'label', series: ['amount'] },
  async rows(ctx) {
    const by = ctx.parameters.by as 'buyer' | 'country' | 'rating' | 'product';
    const [covers, invoices] = await Promise.all([
      coverExposureAt(ctx.db, ctx.tenantId, { before: ctx.asOf.before, asOfDate: ctx.asOf.date, by, customerId: ctx.customerId }),
      // Single-invoice covers belong to Credable sellers, not to a cover customer: a customer's book has none.
      ctx.customerId === undefined ? insuredInvoiceExposureAt(ctx.db, ctx.tenantId, { before: ctx.asOf.before, by }) : [],
    ]);
    const merged = new Map<string, ExposureGroup>();
    for (const rows of [covers, invoices]) {
      for (const row of rows) {
        const id = `${row.key}\u0000${row.currency}`;
        const held = merged.get(id);
        if (held) {
          held.positions += row.positions;
          held.amount += row.amount;
        } else merged.set(id, row);
      }
    }
    const sorted = [...merged.values()].sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency));
    return withOthersFolded(sorted).map((row) => ({ ...row, amount: formatDecimalAmount(row.amount, row.currency) }));
  },
};

/**
 * Decision: a report lists at most EXPOSURE_GROUPS groups (the largest by amount); the rest are folded into one
 * "Other (n groups)" row per currency, so a book of 100,000 buyers still gives a table and a chart a person can read.
 */
const EXPOSURE_GROUPS = 1000;
type ExposureGroup = { key: string; label: string; currency: string; positions: number; amount: number };

function withOthersFolded(sorted: ExposureGroup[]): ExposureGroup[] {
  if (sorted.length <= EXPOSURE_GROUPS) return sorted;
  const others = new Map<string, ExposureGroup & { groups: number }>();
  for (const row of sorted.slice(EXPOSURE_GROUPS)) {
    const folded = others.get(row.currency) ?? { key: 'other', label: '', currency: row.currency, positions: 0, amount: 0, groups: 0 };
    folded.positions += row.positions;
    folded.amount += row.amount;
    folded.groups += 1;
    others.set(row.currency, folded);
  }
  const folded = [...others.values()].map(({ groups, ...row }) => ({ ...row, label: `Other (${groups} groups)` }));
  return [...sorted.slice(0, EXPOSURE_GROUPS), ...folded];
}

const lossRatioReport: ReportDefinition = {
  id: 'loss-ratio',
  title: 'Premiums and indemnities by month (loss ratio)',
  roles: ['underwriter', 'claims_handler'],
  customerScoped: false,
  parameters: {},
  columns: [text('month', 'Month'), text('currency', 'Currency'), money('premium', 'Premium'), money('indemnity', 'Indemnity'), { key: 'lossRatio', label: 'Loss ratio', kind: 'ratio' }],
  chart: { x: 'month', series: ['premium', 'indemnity'] },
  async rows(ctx) {
    const scope = { before: ctx.asOf.before, timeZone: ctx.timeZone };
    const months = new Map<string, { month: string; currency: string; premium: number; indemnity: number }>();
    const at = (month: string, currency: string) => {
      const id = `${month} ${currency}`;
      if (!months.has(id)) months.set(id, { month, currency, premium: 0, indemnity: 0 });
      return months.get(id)!;
    };
    for (const row of await premiumsByMonth(ctx.db, ctx.tenantId, scope)) at(row.month, row.currency).premium += row.premium;
    for (const row of await indemnitiesByMonth(ctx.db, ctx.tenantId, scope)) at(row.month, row.currency).indemnity += row.indemnity;
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency)).map((row) => ({
      month: row.month, currency: row.currency, premium: formatDecimalAmount(row.premium, row.currency),
      indemnity: formatDecimalAmount(row.indemnity, row.currency), lossRatio: ratio(row.indemnity, row.premium),
    }));
  },
};

const ageing: ReportDefinition = {
  id: 'ageing',
  title: 'Receivables ageing and DSO',
  roles: ['claims_handler', 'collections_manager'],
  customerScoped: false,
  parameters: {},
  columns: [text('currency', 'Currency'), text('bucket', 'Days past due'), count('claims', 'Claims'), money('outstanding', 'Outstanding'), { key: 'dso', label: `DSO (days, ${DSO_WINDOW_DAYS}-day window)`, kind: 'days' }],
  chart: { x: 'bucket', series: ['outstanding'] },
  async rows(ctx) {
    const buckets = await receivablesAgeing(ctx.db, ctx.tenantId, { before: ctx.asOf.before, asOfDate: ctx.asOf.date });
    const placed = await placedInWindow(ctx.db, ctx.tenantId, { before: ctx.asOf.before, days: DSO_WINDOW_DAYS });
    const currencies = [...new Set(buckets.map((row) => row.currency))].sort();
    return currencies.flatMap((currency) => {
      const mine = buckets.filter((row) => row.currency === currency);
      const claims = mine.reduce((sum, row) => sum + row.claims, 0);
      const outstanding = mine.reduce((sum, row) => sum + row.outstanding, 0);
      const lines: Record<string, ReportCell>[] = AGEING_BUCKETS.map((bucket) => {
        const row = mine.find((candidate) => candidate.bucket === bucket);
        return { currency, bucket, claims: row?.claims ?? 0, outstanding: formatDecimalAmount(row?.outstanding ?? 0, currency), dso: null };
      });
      lines.push({ currency, bucket: 'total', claims, outstanding: formatDecimalAmount(outstanding, currency), dso: daysSalesOutstanding(outstanding, placed.get(currency) ?? 0, DSO_WINDOW_DAYS) });
      return lines;
    });
  },
};

const cases: ReportDefinition = {
  id: 'cases',
  title: 'Cases and claims by status and age',
  roles: ['claims_handler'],
  customerScoped: true,
  parameters: {},
  columns: [text('caseStatus', 'Case status'), text('claimStatus', 'Claim status'), text('ageBucket', 'Age (days)'), count('cases', 'Cases'), count('oldestDays', 'Oldest (days)')],
  chart: { x: 'caseStatus', series: ['cases'] },
  async rows(ctx) {
    const rows = await casesByStatusAt(ctx.db, ctx.tenantId, { before: ctx.asOf.before, customerId: ctx.customerId });
    return rows.map((row) => ({ ...row }));
  },
};

const promises: ReportDefinition = {
  id: 'promises',
  title: 'Promises to pay kept, by month due',
  roles: ['claims_handler', 'collections_manager'],
  customerScoped: false,
  parameters: {},
  columns: [
    text('month', 'Month due'), text('currency', 'Currency'), count('made', 'Made'), count('kept', 'Kept'), count('broken', 'Broken'),
    count('open', 'Open'), count('replaced', 'Replaced'), { key: 'keptRate', label: 'Kept rate', kind: 'ratio' }, money('promised', 'Promised'), money('keptAmount', 'Kept amount'),
  ],
  chart: { x: 'month', series: ['kept', 'broken', 'open'] },
  async rows(ctx) {
    return (await promisesByDueMonth(ctx.db, ctx.tenantId, { before: ctx.asOf.before })).map((row) => ({
      month: row.month, currency: row.currency, made: row.made, kept: row.kept, broken: row.broken, open: row.open, replaced: row.replaced,
      keptRate: ratio(row.kept, row.kept + row.broken), promised: formatDecimalAmount(row.promised, row.currency),
      keptAmount: formatDecimalAmount(row.keptAmount, row.currency),
    }));
  },
};

const splitArms: ReportDefinition = {
  id: 'split-arms',
  title: 'Results per arm of a strategy split',
  roles: ['claims_handler', 'collections_manager'],
  customerScoped: false,
  parameters: {},
  columns: [
    text('strategy', 'Strategy'), text('step', 'Split step'), text('arm', 'Arm'), count('claims', 'Claims'), count('promises', 'Promises'),
    count('keptPromises', 'Kept promises'), { key: 'keptPerClaim', label: 'Kept promises per claim', kind: 'ratio' },
  ],
  chart: { x: 'arm', series: ['claims', 'keptPromises'] },
  async rows(ctx) {
    return (await resultsPerSplitArm(ctx.db, ctx.tenantId, { before: ctx.asOf.before })).map((row) => ({
      ...row, keptPerClaim: ratio(row.keptPromises, row.claims),
    }));
  },
};

/**
 * Decision: the curve is drawn from the servicing ledger (claims placed with collections, the money their payments
 * settled), principal only, each claim measured from its own placement; a point is shown only once every claim of
 * the month has had that many months (null before), so a young month's curve is never read as a low one.
 */
const recoveryCurves: ReportDefinition = {
  id: 'recovery',
  title: 'Recovery curves by month of placement',
  roles: ['claims_handler', 'collections_manager'],
  customerScoped: false,
  parameters: {},
  columns: [
    text('month', 'Month placed'), text('currency', 'Currency'), count('claims', 'Claims'), money('placed', 'Placed'), money('recovered', 'Recovered'),
    ...RECOVERY_MONTHS.map((months): ReportColumn => ({ key: `m${months}`, label: `Recovered after ${months} month${months === 1 ? '' : 's'}`, kind: 'ratio' })),
  ],
  chart: { x: 'month', series: ['m1', 'm3', 'm6', 'm12'] },
  async rows(ctx) {
    return (await recoveryByPlacementMonth(ctx.db, ctx.tenantId, { before: ctx.asOf.before, timeZone: ctx.timeZone })).map((row) => ({
      month: row.month, currency: row.currency, claims: row.claims,
      placed: formatDecimalAmount(row.placed, row.currency), recovered: formatDecimalAmount(row.recovered, row.currency),
      ...Object.fromEntries(RECOVERY_MONTHS.map((months, index) => [
        `m${months}`, monthHasClosedBy(row.month, months, ctx.asOf.date) ? ratio(row.recoveredWithin[index]!, row.placed) : null,
      ])),
    }));
  },
};

export const REPORTS: readonly ReportDefinition[] = [exposure, lossRatioReport, ageing, cases, promises, splitArms, recoveryCurves];
export const REPORT_IDS = REPORTS.map((report) => report.id) as [string, ...string[]];

export function findReport(id: string): ReportDefinition | undefined {
  return REPORTS.find((report) => report.id === id);
}
