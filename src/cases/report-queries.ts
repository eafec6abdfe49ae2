// Non-payment cases' part of the back office's reports (backoffice/reports). As-of reads replay each case's own
// event log (its platform events, append-only, one per status change with its instant and `from`/`to` in its data): a
// case's status at an instant is the `to` of its last status change before it, so a past report shows the statuses as
// they were.
import { executeRaw, type Executor } from '../platform/db/database.js';
import { CASE_ENTITY } from './domain/codes.js';
import { caseIdSql } from './store.js';

const CASE_ID = caseIdSql('c.case_number');

export interface CaseScope {
  before: Date;
  customerId?: number;
}

/** Indemnity paid per month (the month its claim became PAID, in `timeZone`), per currency. */
export interface IndemnityMonthRow {
  month: string;
  currency: string;
  claims: number;
  indemnity: number;
}

export async function indemnitiesByMonth(executor: Executor, tenantId: string, scope: CaseScope & { timeZone: string }): Promise<IndemnityMonthRow[]> {
  const rows = await executeRaw(executor, `
    SELECT to_char(e.occurred_at AT TIME ZONE $3, 'YYYY-MM') AS month, c.currency, count(*)::int AS claims, sum(c.indemnity_amount)::text AS indemnity
    FROM events e
    JOIN nonpayment_cases c ON c.tenant_id = e.tenant_id AND ${CASE_ID} = e.entity_id
    WHERE e.tenant_id = $1 AND e.type = 'claim.status_changed' AND e.entity_type = '${CASE_ENTITY}' AND e.data->>'to' = 'PAID' AND e.occurred_at < $2
      AND c.indemnity_amount IS NOT NULL AND ($4::bigint IS NULL OR c.customer_id = $4)
    GROUP BY 1, 2 ORDER BY 1, 2`, [tenantId, scope.before.toISOString(), scope.timeZone, scope.customerId ?? null]);
  return (rows as (Omit<IndemnityMonthRow, 'indemnity'> & { indemnity: string })[]).map((row) => ({ ...row, indemnity: Number(row.indemnity) }));
}

/** Cases that existed at an instant, by their case and claim status then and their age in days then. */
export interface CaseStatusRow {
  caseStatus: string;
  claimStatus: string;
  ageBucket: string;
  cases: number;
  oldestDays: number;
}

export async function casesByStatusAt(executor: Executor, tenantId: string, scope: CaseScope): Promise<CaseStatusRow[]> {
  const rows = await executeRaw(executor, `
    WITH placed AS (
      SELECT c.case_number, c.created_at,
        (SELECT e.data->>'to' FROM events e WHERE e.tenant_id = c.tenant_id AND e.entity_type = '${CASE_ENTITY}' AND e.entity_id = ${CASE_ID}
           AND e.type = 'case.status_changed' AND e.occurred_at < $2 ORDER BY e.id DESC LIMIT 1) AS case_status,
        (SELECT e.data->>'to' FROM events e WHERE e.tenant_id = c.tenant_id AND e.entity_type = '${CASE_ENTITY}' AND e.entity_id = ${CASE_ID}
           AND e.type = 'claim.status_changed' AND e.occurred_at < $2 ORDER BY e.id DESC LIMIT 1) AS claim_status,
        floor(extract(epoch FROM ($2::timestamptz - c.created_at)) / 86400)::int AS age_days
      FROM nonpayment_cases c
      WHERE c.tenant_id = $1 AND c.created_at < $2 AND ($3::bigint IS NULL OR c.customer_id = $3))
    SELECT coalesce(case_status, 'SUBMITTED') AS "caseStatus", coalesce(claim_status, 'NOT_CLAIMED') AS "claimStatus",
      CASE WHEN age_days <= 30 THEN '0-30' WHEN age_days <= 90 THEN '31-90' WHEN age_days <= 180 THEN '91-180' ELSE '181+' END AS "ageBucket",
      count(*)::int AS cases, max(age_days)::int AS "oldestDays"
    FROM placed GROUP BY 1, 2, 3 ORDER BY 1, 2, min(age_days)`, [tenantId, scope.before.toISOString(), scope.customerId ?? null]);
  return rows as CaseStatusRow[];
}
