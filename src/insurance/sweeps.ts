import { executeRaw } from '../platform/db/database.js';
import type { Transaction } from '../platform/db/database.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { eventRowsInsertSql } from '../platform/events/append.js';
import { dueInTenantTimeSql, tenantClockOffsetSql } from '../platform/sweeper/tenant-sweeps.js';
import type { Product } from './domain/products.js';
import type { QuoteStatus, StatusReason } from './domain/quote-state.js';
import { evaluateTimers } from './domain/quote-timers.js';
import type { InsuranceContext } from './context.js';
import { timerDeadline } from './quote-status.js';

interface DueRow {
  id: string;
  tenant_id: string;
  product: Product;
  status: string;
  reason: string | null;
  referred: boolean;
  book_id: string;
  buyer_country: string;
  buyer_identifier: string;
  exposure_held: string | number;
  offered_at: string | Date | null;
  invoice_due_date: string;
  offset_ms: string | number;
}

/**
 * Offer expiry and automatic settlement, set-based. `deadline_at` is in tenant time, so a row is due when it is at or
 * before system time plus its tenant's test-clock offset (0 for live tenants). Due rows are claimed FOR UPDATE SKIP
 * LOCKED; the domain's `evaluateTimers` decides each row's next state, and the batch is written with a handful of
 * statements (quotes, exposure released per buyer in key order, events, audit rows) in the claiming transaction.
 */
export function quoteTimerSweep(ctx: InsuranceContext, batchSize = 5000, concurrency = 2): Sweep<DueRow> {
  return {
    name: 'insurance-quote-timers',
    batchSize,
    concurrency,
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT q.id, q.tenant_id, q.product, q.status, q.reason, q.referred, q.book_id, q.buyer_country, q.buyer_identifier,
               q.exposure_held, q.offered_at, q.invoice_due_date,
               ${tenantClockOffsetSql('t')} AS offset_ms
        FROM insurance_quotes q JOIN tenants t ON t.id = q.tenant_id
        WHERE q.deadline_at IS NOT NULL
          AND ${dueInTenantTimeSql('q.deadline_at', 't', '$1')}
        ORDER BY q.deadline_at
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED`, [now.toISOString(), limit]) as DueRow[];
    },
    fire: (tx, rows, now) => fireDue(tx, rows, now, ctx),
  };
}

interface Fired {
  row: DueRow;
  status: QuoteStatus;
  reason: StatusReason | null;
  event: string;
  at: Date;
}

async function fireDue(tx: Transaction, rows: DueRow[], systemNow: Date, ctx: InsuranceContext): Promise<void> {
  const fired: Fired[] = [];
  const moved: { id: string; deadline: Date | null }[] = [];
  for (const row of rows) {
    const at = new Date(systemNow.getTime() + Number(row.offset_ms));
    const quote = {
      status: row.status as QuoteStatus, reason: row.reason as StatusReason | null, referred: row.referred, product: row.product,
      offeredAt: row.offered_at === null ? null : new Date(row.offered_at), invoiceDueDate: row.invoice_due_date,
    };
    const evaluation = evaluateTimers(quote, at, ctx.config.timers);
    if (evaluation.fired === null) {
      // Not due after all (e.g. a configuration change moved the deadline): store the deadline the domain computes.
      moved.push({ id: row.id, deadline: timerDeadline(quote, ctx.config) });
      continue;
    }
    fired.push({ row, status: evaluation.quote.status, reason: evaluation.quote.reason, event: evaluation.fired, at });
  }
  for (const item of moved) {
    await executeRaw(tx, 'UPDATE insurance_quotes SET deadline_at = $2 WHERE id = $1', [item.id, item.deadline?.toISOString() ?? null]);
  }
  if (fired.length === 0) return;

  await executeRaw(tx, `
    UPDATE insurance_quotes q
    SET status = u.status, reason = u.reason, exposure_held = 0, deadline_at = NULL, closed_at = u.at, updated_at = u.at,
        version = q.version + 1
    FROM jsonb_to_recordset($1::jsonb) AS u(id text, status text, reason text, at timestamptz)
    WHERE q.id = u.id`, [JSON.stringify(fired.map((f) => ({ id: f.row.id, status: f.status, reason: f.reason, at: f.at.toISOString() })))]);

  // Events and audit rows in one statement over two JSON parameters (thousands of rows, no bind-parameter explosion).
  const eventRows = JSON.stringify(fired.map((f, n) => ({
    n, tenant_id: f.row.tenant_id, type: 'quote.status_changed', entity_type: 'quote', entity_id: f.row.id, occurred_at: f.at.toISOString(),
    request_id: null, data: { id: f.row.id, product: f.row.product, status: { code: f.status, reason: f.reason }, previous_status: f.row.status },
  })));
  const auditRows = JSON.stringify(fired.map((f) => ({
    tenant_id: f.row.tenant_id, entity_id: f.row.id, at: f.at.toISOString(), action: `quote.${f.event}`,
    details: { from: f.row.status, to: f.status, reason: f.reason },
  })));
  await executeRaw(tx, `
    WITH ev AS (${eventRowsInsertSql(1)})
    INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, details, at)
    SELECT f.tenant_id, 'system', 'insurance-timers', f.action, 'quote', f.entity_id, f.details, f.at
    FROM jsonb_to_recordset($2::jsonb) AS f(tenant_id uuid, entity_id text, at timestamptz, action text, details jsonb)`, [eventRows, auditRows]);

  // Every timer leaves an exposure-holding status for a non-holding one: release what each quote held, per buyer.
  // Last, so the buyers' rows stay locked only until the commit that follows: sweeps running side by side overlap
  // everything else.
  const release = new Map<string, { book: string; country: string; id: string; amount: number }>();
  for (const f of fired) {
    const key = `${f.row.book_id}|${f.row.buyer_country}|${f.row.buyer_identifier}`;
    const entry = release.get(key) ?? { book: f.row.book_id, country: f.row.buyer_country, id: f.row.buyer_identifier, amount: 0 };
    entry.amount += Number(f.row.exposure_held);
    release.set(key, entry);
  }
  const buyers = [...release.values()].filter((b) => b.amount > 0)
    .sort((a, b) => (a.book + a.country + a.id < b.book + b.country + b.id ? -1 : 1));
  if (buyers.length > 0) {
    // Arrays go in as one JSON document (the query builder would expand a JS array into a tuple). The rows are locked
    // in key order first (one statement), so concurrent sweeps and use cases never wait on each other in a cycle.
    await executeRaw(tx, `
      WITH u AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($1::jsonb) AS u(book uuid, country text, rid text, amount bigint)),
      locked AS MATERIALIZED (
        SELECT e.book_id, e.country, e.registry_id FROM risk_exposure e JOIN u ON e.book_id = u.book AND e.country = u.country AND e.registry_id = u.rid
        ORDER BY e.book_id, e.country, e.registry_id FOR UPDATE OF e)
      UPDATE risk_exposure e SET exposure = greatest(0, e.exposure - u.amount)
      FROM u, locked l
      WHERE l.book_id = u.book AND l.country = u.country AND l.registry_id = u.rid
        AND e.book_id = l.book_id AND e.country = l.country AND e.registry_id = l.registry_id`,
    [JSON.stringify(buyers.map((b) => ({ book: b.book, country: b.country, rid: b.id, amount: b.amount })))]);
  }
}
