// Debt servicing's part of the back office's reports (backoffice/reports): receivables ageing and DSO, and recovery
// curves. A claim is open at an instant when it was created before it and either is ACTIVE or was resolved at or after
// it (`resolved_at`); claims keep no balance history, so an open claim counts with its current amount and due date.
// docs/reports.md states this limit.
import { sql } from 'drizzle-orm';
import { executeRaw, type Executor } from '../platform/db/database.js';

export interface AgeingRow {
  currency: string;
  bucket: string;
  claims: number;
  outstanding: number;
}

export const AGEING_BUCKETS = ['not_due', '1-30', '31-60', '61-90', '91+'] as const;

/** Claims open at `before` (exclusive) by days past their current due date on `asOfDate`, per currency. */
export async function receivablesAgeing(executor: Executor, tenantId: string, query: { before: Date; asOfDate: string }): Promise<AgeingRow[]> {
  const rows = await executeRaw(executor, `
    WITH open_claims AS (
      SELECT coalesce(cl.data->>'currency', a.currency) AS currency,
             $3::date - (cl.data->>'currentDueDate')::date AS days_late,
             (cl.data->>'amount')::bigint + coalesce((cl.data->>'totalFees')::bigint, 0) AS outstanding
      FROM servicing_claims cl
      LEFT JOIN servicing_accounts a ON cl.managed AND a.tenant_id = cl.tenant_id AND a.account_reference = cl.account_reference
      WHERE cl.tenant_id = $1 AND cl.created_at < $2 AND (cl.status = 'ACTIVE' OR cl.resolved_at >= $2))
    SELECT currency,
      CASE WHEN days_late <= 0 THEN 'not_due' WHEN days_late <= 30 THEN '1-30' WHEN days_late <= 60 THEN '31-60'
           WHEN days_late <= 90 THEN '61-90' ELSE '91+' END AS bucket,
      count(*)::int AS claims, sum(outstanding)::text AS outstanding
    FROM open_claims GROUP BY 1, 2`, [tenantId, query.before.toISOString(), query.asOfDate]);
  return (rows as (Omit<AgeingRow, 'outstanding'> & { outstanding: string })[]).map((row) => ({ ...row, outstanding: Number(row.outstanding) }));
}

/** What was placed (claims created) per currency in the `days` before `before`: the DSO's denominator. */
export async function placedInWindow(executor: Executor, tenantId: string, query: { before: Date; days: number }): Promise<Map<string, number>> {
  const rows = await executeRaw(executor, `
    SELECT coalesce(cl.data->>'currency', a.currency) AS currency,
           sum((cl.data->>'amount')::bigint + coalesce((cl.data->>'totalFees')::bigint, 0))::text AS placed
    FROM servicing_claims cl
    LEFT JOIN servicing_accounts a ON cl.managed AND a.tenant_id = cl.tenant_id AND a.account_reference = cl.account_reference
    WHERE cl.tenant_id = $1 AND cl.created_at < $2 AND cl.created_at >= $2::timestamptz - make_interval(days => $3)
    GROUP BY 1`, [tenantId, query.before.toISOString(), query.days]);
  return new Map((rows as { currency: string; placed: string }[]).map((row) => [row.currency, Number(row.placed)]));
}

/** Months after placement the recovery curve is drawn for (1 … 12). */
export const RECOVERY_MONTHS = Array.from({ length: 12 }, (_unused, index) => index + 1);

export interface RecoveryCohortRow {
  /** Month of placement (YYYY-MM, tenant time). */
  month: string;
  currency: string;
  claims: number;
  /** The claims' invoice principal as placed. */
  placed: number;
  /** Principal recovered by payments booked before the as-of instant. */
  recovered: number;
  /** Principal recovered by payments booked within k months of each claim's placement, k = RECOVERY_MONTHS[i]. */
  recoveredWithin: number[];
}

/**
 * Recovery curves by month of placement: ledger-managed claims placed (created) before `before`, grouped by the
 * month of placement in `timeZone`, with the principal that payments booked before `before` settled on them, in
 * total and within 1 … 12 months of each claim's own placement. Settlements are net of chargebacks booked since
 * (the ledger state keeps no history of them): docs/reports.md states this limit.
 *
 * Shape: two scans and no join. The placed side reads each managed claim's principal as booked and currency from
 * the claim row; the recovered side reads, on each settled part of an invoice principal, the invoice's placement
 * and the account's currency (both written with the rows by the ledger, migration 0034). Joining settlements to
 * claims, ledger entries and accounts on their two-column keys was most of the statement's 2.5 s over 500,000 claims
 * and 400,000 payments; the join-free form gives the same figures. A settlement's local instants, calendar-month
 * difference and month after placement (`months_after`, the least k with paid < placed + k months, which is the
 * calendar-month difference or one more) are each worked out once per row: `OFFSET 0` keeps each step from being
 * inlined into the twelve FILTER clauses, which evaluated the whole chain once per curve point (12 s of CPU).
 * `date_part` (double) rather than `extract` (numeric) for the month arithmetic. Work memory is raised for this
 * transaction so the aggregates stay in memory.
 */
export async function recoveryByPlacementMonth(
  executor: Executor, tenantId: string, query: { before: Date; timeZone: string },
): Promise<RecoveryCohortRow[]> {
  const within = RECOVERY_MONTHS.map((months) => `coalesce(sum(amount) FILTER (WHERE months_after <= ${months}), 0)::text`).join(', ');
  const rows = await executor.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('work_mem', '64MB', true)`);
    return executeRaw(tx, `
    WITH placed AS MATERIALIZED (
      SELECT to_char(created_at AT TIME ZONE $3, 'YYYY-MM') AS month, placed_currency AS currency, count(*)::int AS claims,
             sum(placed_principal)::text AS placed
      FROM servicing_claims
      WHERE tenant_id = $1 AND managed AND placed_principal IS NOT NULL AND created_at < $2
      GROUP BY 1, 2),
    part AS (
      SELECT placed_at AT TIME ZONE $3 AS placed_local, paid_at AT TIME ZONE $3 AS paid_local, amount, currency
      FROM servicing_ledger_settlements
      WHERE tenant_id = $1 AND placed_at IS NOT NULL AND placed_at < $2 AND paid_at < $2 OFFSET 0),
    calendar AS (
      SELECT to_char(placed_local, 'YYYY-MM') AS month, currency, amount, placed_local, paid_local,
             ((date_part('year', paid_local) - date_part('year', placed_local)) * 12
               + date_part('month', paid_local) - date_part('month', placed_local))::int AS calendar_months
      FROM part OFFSET 0),
    dated AS (
      SELECT month, currency, amount, greatest(1, CASE WHEN paid_local < placed_local + make_interval(months => calendar_months)
               THEN calendar_months ELSE calendar_months + 1 END) AS months_after
      FROM calendar OFFSET 0),
    recovered AS MATERIALIZED (
      SELECT month, currency, sum(amount)::text AS recovered, ARRAY[${within}] AS within FROM dated GROUP BY 1, 2)
    SELECT placed.month, placed.currency, placed.claims, placed.placed, coalesce(recovered.recovered, '0') AS recovered, recovered.within
    FROM placed LEFT JOIN recovered ON recovered.month = placed.month AND recovered.currency = placed.currency
    ORDER BY placed.month, placed.currency`, [tenantId, query.before.toISOString(), query.timeZone]);
  });
  type Raw = { month: string; currency: string; claims: number; placed: string; recovered: string; within: string[] | null };
  return (rows as Raw[]).map((row) => ({
    month: row.month, currency: row.currency, claims: row.claims, placed: Number(row.placed), recovered: Number(row.recovered),
    recoveredWithin: RECOVERY_MONTHS.map((_months, index) => Number(row.within?.[index] ?? 0)),
  }));
}
