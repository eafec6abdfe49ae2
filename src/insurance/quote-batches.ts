// New quotes from concurrent requests, read and written in batches (see Coalescer): one statement reads the snapshots
// of every quote of a batch, and one more writes them all, each offer guarded by its own capacity compare-and-set.
// Docs: docs/architecture.md, "Quote batches".
import { type AuditEntry, auditRow } from '../platform/audit/record.js';
import { Coalescer } from '../platform/db/coalescer.js';
import type { Executor } from '../platform/db/database.js';
import { fastRows, type FastStatement } from '../platform/db/fast-query.js';
import { eventRowsInsertSql, numberedEventRows, type NewEvent } from '../platform/events/append.js';
import type { WriteOrigin } from '../platform/unit-of-work.js';
import { buyerOf, type BuyerRow, type CapacityHold } from '../risk/api.js';
import { LIVE_STATUSES, type NewQuoteSnapshot, type QuoteRow, quoteColumns } from './store.js';

export interface SnapshotRequest {
  readonly tenantId: string;
  readonly product: string;
  readonly invoiceReference: string;
  readonly bookId: string;
  readonly country: string;
  readonly registryId: string;
}

export interface NewQuoteWrite {
  readonly origin: WriteOrigin;
  readonly row: QuoteRow;
  readonly events: readonly NewEvent[];
  readonly audit: AuditEntry;
  /** null: the quote holds nothing and is written unconditionally. */
  readonly hold: CapacityHold | null;
}

/**
 * `written`: the quote and everything with it is in. `lost`: its capacity compare-and-set failed (or its buyer's row was
 * locked) and nothing of it was written. `alone`: the batch's statement failed as a whole (a concurrent quote for the
 * same invoice, a deadlock victim, any other error) and nothing of it was written; the caller writes this quote on its
 * own, where an error reaches only the quote it is about.
 */
export type NewQuoteOutcome = 'written' | 'lost' | 'alone';

const LIVE_LIST = LIVE_STATUSES.map((status) => `'${status}'`).join(', ');

// Each lookup is a LATERAL subquery with a LIMIT (which keeps the planner from flattening it into a join), so it stays
// an index probe per item: the planner cannot know how few items a batch holds and would otherwise hash whole tables
// (an EXISTS among the columns, for one, becomes a hash of every live quote).
const BATCH_SNAPSHOT: FastStatement = {
  name: 'insurance_batch_new_quote_snapshot',
  text: `SELECT r.n, live.invoice IS NOT NULL AS live_invoice, e.exposure, e.open_claims, b.country, b.registry_id, b.name, b.rating
    FROM jsonb_to_recordset($1::jsonb)
      AS r(n integer, tenant_id uuid, product text, invoice_reference text, book_id uuid, country text, registry_id text)
    LEFT JOIN LATERAL (SELECT invoice_reference AS invoice FROM insurance_quotes
      WHERE tenant_id = r.tenant_id AND product = r.product AND invoice_reference = r.invoice_reference AND status IN (${LIVE_LIST})
      LIMIT 1) live ON true
    LEFT JOIN LATERAL (SELECT exposure, open_claims FROM risk_exposure
      WHERE book_id = r.book_id AND country = r.country AND registry_id = r.registry_id LIMIT 1) e ON true
    LEFT JOIN LATERAL (SELECT country, registry_id, name, rating FROM risk_buyers
      WHERE country = r.country AND registry_id = r.registry_id LIMIT 1) b ON true`,
};

const QUOTE_COLUMNS = quoteColumns().map((column) => `"${column.name}"`).join(', ');

// Capacity is locked buyer by buyer, and the condition re-checked on the locked row's newest version (READ COMMITTED),
// so it holds when the hold is taken. A buyer whose row another transaction has locked is skipped, not waited for:
// its quote is 'lost' and goes to the transaction path, which waits; so a batch never waits on a row lock and the
// quotes behind it never queue behind one slow buyer.
const BATCH_WRITE: FastStatement = {
  name: 'insurance_batch_new_quotes',
  text: `WITH hold AS (
      SELECT h.quote_id, e.book_id, e.country, e.registry_id, h.amount
      FROM jsonb_to_recordset($1::jsonb) AS h(quote_id text, book_id uuid, country text, registry_id text, amount bigint, capacity bigint)
      CROSS JOIN LATERAL (SELECT book_id, country, registry_id FROM risk_exposure
        WHERE book_id = h.book_id AND country = h.country AND registry_id = h.registry_id
          AND open_claims = 0 AND exposure + h.amount <= h.capacity
        FOR UPDATE SKIP LOCKED) e
    ),
    held AS (
      UPDATE risk_exposure e SET exposure = e.exposure + hold.amount FROM hold
      WHERE e.book_id = hold.book_id AND e.country = hold.country AND e.registry_id = hold.registry_id
      RETURNING hold.quote_id
    ),
    written AS (SELECT quote_id FROM held UNION ALL SELECT jsonb_array_elements_text($2::jsonb)),
    quotes AS (
      INSERT INTO insurance_quotes (${QUOTE_COLUMNS})
      SELECT ${QUOTE_COLUMNS} FROM jsonb_populate_recordset(NULL::insurance_quotes, $3::jsonb)
      WHERE id IN (SELECT quote_id FROM written)
    ),
    events AS (${eventRowsInsertSql(4, 'SELECT quote_id FROM written')}),
    audit AS (
      INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, request_id, details, at)
      SELECT a.tenant_id, a.actor_type, a.actor_id, a.action, a.entity_type, a.entity_id, a.request_id, a.details, a.at
      FROM jsonb_to_recordset($5::jsonb)
        AS a(tenant_id uuid, actor_type text, actor_id text, action text, entity_type text, entity_id text, request_id text, details jsonb, at timestamptz)
      WHERE a.entity_id IN (SELECT quote_id FROM written)
    )
    SELECT quote_id FROM written`,
};

/** The quote row with the table's column names as keys (what jsonb_populate_recordset reads). */
function quoteRecord(row: QuoteRow): Record<string, unknown> {
  const record = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const column of quoteColumns()) out[column.name] = record[column.key] ?? null;
  return out;
}

export async function readSnapshots(executor: Executor, requests: readonly SnapshotRequest[]): Promise<NewQuoteSnapshot[]> {
  const input = requests.map((request, n) => ({
    n, tenant_id: request.tenantId, product: request.product, invoice_reference: request.invoiceReference,
    book_id: request.bookId, country: request.country, registry_id: request.registryId,
  }));
  type Row = { n: number; live_invoice: boolean; exposure: string | number | null; open_claims: string | number | null } & Partial<BuyerRow>;
  const rows = await fastRows<Row>(executor, BATCH_SNAPSHOT, [JSON.stringify(input)]);
  const snapshots: NewQuoteSnapshot[] = new Array(requests.length);
  for (const row of rows) {
    snapshots[row.n] = {
      liveQuoteForInvoice: row.live_invoice === true,
      exposure: row.exposure === null || row.exposure === undefined ? null : { exposure: Number(row.exposure), openClaims: Number(row.open_claims) },
      buyer: row.country === null || row.country === undefined ? null : buyerOf(row as BuyerRow),
    };
  }
  return snapshots;
}

/** Writes the quotes of a batch; a quote whose invoice or buyer appears twice in one batch would break it (see keysOf). */
export async function writeNewQuotes(executor: Executor, writes: readonly NewQuoteWrite[]): Promise<NewQuoteOutcome[]> {
  const holds = writes.filter((write) => write.hold).map(({ row, hold }) => ({
    quote_id: row.id, book_id: hold!.bookId, country: hold!.country, registry_id: hold!.registryId, amount: hold!.amount, capacity: hold!.capacity,
  }));
  const unconditional = writes.filter((write) => !write.hold).map((write) => write.row.id);
  let rows: { quote_id: string }[];
  try {
    rows = await fastRows<{ quote_id: string }>(executor, BATCH_WRITE, [
      JSON.stringify(holds), JSON.stringify(unconditional), JSON.stringify(writes.map((write) => quoteRecord(write.row))),
      numberedEventRows(writes),
      JSON.stringify(writes.map((write) => auditRow(write.origin, write.audit))),
    ]);
  } catch {
    // One statement: it wrote nothing. Each quote is written on its own, so the failure reaches only the quotes it is
    // about (a concurrent quote for the same invoice is refused as a duplicate, a deadlock victim retried).
    return writes.map(() => 'alone');
  }
  const written = new Set(rows.map((row) => row.quote_id));
  return writes.map((write) => (written.has(write.row.id) ? 'written' : 'lost'));
}

/** Invoice and buyer: a batch writes at most one new quote per invoice and takes capacity on a buyer at most once. */
function keysOf(write: NewQuoteWrite): string[] {
  const invoice = `i:${write.row.tenantId}:${write.row.product}:${write.row.invoiceReference}`;
  return write.hold ? [invoice, `b:${write.hold.bookId}:${write.hold.country}:${write.hold.registryId}`] : [invoice];
}

export interface QuoteBatches {
  snapshot(request: SnapshotRequest): Promise<NewQuoteSnapshot>;
  write(write: NewQuoteWrite): Promise<NewQuoteOutcome>;
}

const MAX_BATCH = 64;
/**
 * One batch of each kind at a time: the quotes that arrive while it runs make the next one. Measured against two or
 * three at a time (npm run bench -- insurance), fewer and larger batches give the most quotes per second; neither kind
 * waits on row locks (reads take none, writes skip locked buyers), so nothing queues behind one slow buyer.
 */
const MAX_IN_FLIGHT = 1;

const batchesByDatabase = new WeakMap<Executor, QuoteBatches>();

/** The batches of one database (one pool): requests on it share them. */
export function quoteBatchesFor(executor: Executor): QuoteBatches {
  let batches = batchesByDatabase.get(executor);
  if (!batches) {
    const snapshots = new Coalescer((requests: readonly SnapshotRequest[]) => readSnapshots(executor, requests), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT });
    const writes = new Coalescer((items: readonly NewQuoteWrite[]) => writeNewQuotes(executor, items), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT, keysOf });
    batches = { snapshot: (request) => snapshots.submit(request), write: (write) => writes.submit(write) };
    batchesByDatabase.set(executor, batches);
  }
  return batches;
}
