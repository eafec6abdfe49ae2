// Collections' part of the back office's reports (backoffice/reports): promises kept, and results per arm of a
// strategy's split. As-of reads are time-bounded predicates over instants written once: a promise's `created_at`,
// its `resolved_at` (set when it is kept, broken or replaced, never again), and the run log's rows (never updated).
import { executeRaw, type Executor } from '../platform/db/database.js';

/** Promises made before an instant, by the month they fell due (`YYYY-MM`), with their standing then. */
export interface PromiseMonthRow {
  month: string;
  currency: string;
  made: number;
  kept: number;
  broken: number;
  open: number;
  replaced: number;
  promised: number;
  keptAmount: number;
}

/** A promise's status at `$2`: its resolution if that came before, else open. */
const STATUS_AT = `CASE WHEN p.resolved_at IS NOT NULL AND p.resolved_at < $2 THEN p.status ELSE 'open' END`;

export async function promisesByDueMonth(executor: Executor, tenantId: string, query: { before: Date }): Promise<PromiseMonthRow[]> {
  const rows = await executeRaw(executor, `
    SELECT substr(p.due_date, 1, 7) AS month, p.currency, count(*)::int AS made,
      count(*) FILTER (WHERE ${STATUS_AT} = 'kept')::int AS kept,
      count(*) FILTER (WHERE ${STATUS_AT} = 'broken')::int AS broken,
      count(*) FILTER (WHERE ${STATUS_AT} = 'open')::int AS open,
      count(*) FILTER (WHERE ${STATUS_AT} = 'replaced')::int AS replaced,
      sum(p.amount)::text AS promised,
      coalesce(sum(p.amount) FILTER (WHERE ${STATUS_AT} = 'kept'), 0)::text AS "keptAmount"
    FROM collections_promises p
    WHERE p.tenant_id = $1 AND p.created_at < $2
    GROUP BY 1, 2 ORDER BY 1, 2`, [tenantId, query.before.toISOString()]);
  return (rows as (PromiseMonthRow & { promised: string; keptAmount: string })[])
    .map((row) => ({ ...row, promised: Number(row.promised), keptAmount: Number(row.keptAmount) }));
}

/** Claims that took each arm of a strategy's split before an instant, and what their promises came to by then. */
export interface SplitArmRow {
  strategy: string;
  step: string;
  arm: string;
  claims: number;
  promises: number;
  keptPromises: number;
}

export async function resultsPerSplitArm(executor: Executor, tenantId: string, query: { before: Date }): Promise<SplitArmRow[]> {
  return await executeRaw(executor, `
    WITH assigned AS (
      SELECT DISTINCT ON (e.claim_reference, l.step_id) r.strategy_key AS strategy, l.step_id AS step,
             substring(l.reason FROM '^split arm (.*) \\(hash') AS arm, e.claim_reference
      FROM collections_run_events e
      CROSS JOIN LATERAL (
        SELECT e.step_id, e.reason, 0::bigint AS n WHERE e.entries IS NULL AND e.kind = 'step'
        UNION ALL SELECT x->>'stepId', x->>'reason', n FROM jsonb_array_elements(e.entries) WITH ORDINALITY AS f(x, n) WHERE x->>'kind' = 'step'
      ) AS l(step_id, reason, n)
      JOIN collections_runs r ON r.tenant_id = e.tenant_id AND r.claim_reference = e.claim_reference
      WHERE e.tenant_id = $1 AND l.reason LIKE 'split arm %' AND e.recorded_at < $2
      ORDER BY e.claim_reference, l.step_id, e.id DESC, l.n DESC)
    SELECT a.strategy, a.step, a.arm, count(DISTINCT a.claim_reference)::int AS claims,
      count(p.id)::int AS promises,
      count(p.id) FILTER (WHERE p.resolved_at < $2 AND p.status = 'kept')::int AS "keptPromises"
    FROM assigned a
    LEFT JOIN collections_promises p ON p.tenant_id = $1 AND p.claim_reference = a.claim_reference AND p.created_at < $2
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [tenantId, query.before.toISOString()]) as SplitArmRow[];
}
