// Credit cover's part of the back office's reports (backoffice/reports): the limits the book held at an instant.
// As-of reads are time-bounded predicates over columns written once (decision_date, ended_at: a version is never
// reopened; a change writes a new version and ends the old one), so the book "as it stood" needs no replay.
import { executeRaw, type Executor } from '../platform/db/database.js';

/** One group of decided credit limits and checks held at an instant, in one currency. */
export interface CoverExposureRow {
  key: string;
  label: string;
  currency: string;
  positions: number;
  amount: number;
}

export type CoverExposureDimension = 'buyer' | 'country' | 'rating' | 'product';

const GROUP_SQL: Record<CoverExposureDimension, { key: string; label: string }> = {
  buyer: { key: `v.buyer_country || ':' || v.buyer_registry_id`, label: `coalesce(max(b.name), v.buyer_country || ':' || v.buyer_registry_id)` },
  country: { key: 'v.buyer_country', label: 'v.buyer_country' },
  product: { key: 'v.cover_type', label: 'v.cover_type' },
  rating: { key: 'v.buyer_rating_at_application::text', label: `'Rating ' || v.buyer_rating_at_application::text` },
};

/**
 * Decided credit limits and credit checks held at `before` (exclusive), grouped by buyer, country or the buyer's
 * rating when the limit was underwritten, with the decided amount (first plus a temporary second amount still
 * running on `asOfDate`). `customerId` narrows the book to one policyholder's.
 */
export async function coverExposureAt(
  executor: Executor, tenantId: string, query: { before: Date; asOfDate: string; by: CoverExposureDimension; customerId?: number },
): Promise<CoverExposureRow[]> {
  const group = GROUP_SQL[query.by];
  const rows = await executeRaw(executor, `
    SELECT ${group.key} AS key, ${group.label} AS label, v.currency, count(*)::int AS positions,
           sum(v.first_amount + CASE WHEN v.second_expiry_date IS NULL OR v.second_expiry_date >= $3 THEN v.second_amount ELSE 0 END)::text AS amount
    FROM cover_versions v
    LEFT JOIN risk_buyers b ON b.country = v.buyer_country AND b.registry_id = v.buyer_registry_id
    WHERE v.tenant_id = $1 AND v.cover_type IN ('credit-limit', 'credit-check') AND v.cover_status = 'DECISION'
      AND v.decision_date < $2 AND (v.ended_at IS NULL OR v.ended_at >= $2)
      AND v.first_amount + v.second_amount > 0
      AND ($4::bigint IS NULL OR v.customer_id = $4)
    GROUP BY ${group.key}, v.currency
    ORDER BY 1, 3`, [tenantId, query.before.toISOString(), query.asOfDate, query.customerId ?? null]);
  return (rows as { key: string; label: string; currency: string; positions: number; amount: string }[])
    .map((row) => ({ ...row, amount: Number(row.amount) }));
}
