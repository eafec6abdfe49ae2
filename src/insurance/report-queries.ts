// Invoice insurance's part of the back office's reports (backoffice/reports). As-of reads are time-bounded
// predicates over instants written once: `activated_at` is set when a cover starts and `closed_at` when the quote
// reaches a terminal status, and neither is ever rewritten afterwards.
import { executeRaw, type Executor } from '../platform/db/database.js';

/** Insured invoices (Reinsure, Insure) covered at an instant, grouped, in one currency. */
export interface InsuredInvoiceExposureRow {
  key: string;
  label: string;
  currency: string;
  positions: number;
  amount: number;
}

export type InsuredInvoiceDimension = 'buyer' | 'country' | 'rating' | 'product';

const GROUP_SQL: Record<InsuredInvoiceDimension, { key: string; label: string }> = {
  buyer: { key: `q.buyer_country || ':' || q.buyer_identifier`, label: `coalesce(max(b.name), q.buyer_country || ':' || q.buyer_identifier)` },
  country: { key: 'q.buyer_country', label: 'q.buyer_country' },
  // Quotes keep no rating of their own: the registry's current rating (stated in docs/reports.md).
  rating: { key: `coalesce(b.rating::text, 'unrated')`, label: `'Rating ' || coalesce(b.rating::text, 'unrated')` },
  product: { key: 'q.product', label: 'q.product' },
};

/** Invoices under an activated cover at `before` (exclusive): activated before it and not closed by then. */
export async function insuredInvoiceExposureAt(
  executor: Executor, tenantId: string, query: { before: Date; by: InsuredInvoiceDimension },
): Promise<InsuredInvoiceExposureRow[]> {
  const group = GROUP_SQL[query.by];
  const rows = await executeRaw(executor, `
    SELECT ${group.key} AS key, ${group.label} AS label, q.invoice_currency AS currency, count(*)::int AS positions,
           sum(q.invoice_amount)::text AS amount
    FROM insurance_quotes q
    LEFT JOIN risk_buyers b ON b.country = q.buyer_country AND b.registry_id = q.buyer_identifier
    WHERE q.tenant_id = $1 AND q.activated_at < $2 AND (q.closed_at IS NULL OR q.closed_at >= $2)
    GROUP BY ${group.key}, q.invoice_currency
    ORDER BY 1, 3`, [tenantId, query.before.toISOString()]);
  return (rows as (Omit<InsuredInvoiceExposureRow, 'amount'> & { amount: string })[]).map((row) => ({ ...row, amount: Number(row.amount) }));
}

/** Premium written per month (the month its cover was activated, in `timeZone`), per currency. */
export interface PremiumMonthRow {
  month: string;
  currency: string;
  covers: number;
  premium: number;
}

export async function premiumsByMonth(
  executor: Executor, tenantId: string, query: { before: Date; timeZone: string },
): Promise<PremiumMonthRow[]> {
  const rows = await executeRaw(executor, `
    SELECT to_char(q.activated_at AT TIME ZONE $3, 'YYYY-MM') AS month, q.premium_currency AS currency,
           count(*)::int AS covers, sum(q.premium_amount)::text AS premium
    FROM insurance_quotes q
    WHERE q.tenant_id = $1 AND q.activated_at < $2 AND q.premium_amount IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2`, [tenantId, query.before.toISOString(), query.timeZone]);
  return (rows as (Omit<PremiumMonthRow, 'premium'> & { premium: string })[]).map((row) => ({ ...row, premium: Number(row.premium) }));
}
