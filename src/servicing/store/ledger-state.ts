import type { Executor } from '../../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../../platform/db/fast-query.js';
import { groupedRead } from '../../platform/db/grouped-read.js';
import type { DueDateStamp, MutableItem, MutablePart } from '../domain/ledger-replay.js';
import { LEDGER_ACCOUNT_JSON, ledgerAccountOfRow, type AccountRecord, type LedgerAccountRow } from './accounts.js';
import { entriesAndClaimsOf, VERSIONED_CLAIM_COLUMNS, type EntriesAndClaims, type EntriesAndClaimsRow } from './ledger-entries.js';

/**
 * Queries of the ledger's running state (servicing_ledger_items, servicing_ledger_settlements and the account's
 * ledger_credit): the part of it a batch reads, and the rows a batch changed. Every one takes the tenant id first.
 */

interface ItemRow {
  ledger_entry_reference: string;
  kind: MutableItem['kind'];
  source_type: MutableItem['sourceType'];
  invoice_reference: string | null;
  fee_type: string | null;
  product_reference: string | null;
  created_at_ms: number | string;
  sequence: number;
  open_amount: number | string;
  due_date: string | null;
  due_created_at_ms: number | string | null;
  due_sequence: number | null;
}

interface SettlementRow {
  payment_reference: string;
  position: number;
  item_reference: string | null;
  amount: number | string;
}

/** Part of an account's ledger state as stored. */
export interface StoredLedgerState {
  readonly items: MutableItem[];
  readonly dueDates: Map<string, DueDateStamp>;
  readonly settled: Map<string, MutablePart[]>;
}

const LOAD_STATE: FastStatement = {
  name: 'servicing_load_ledger_state',
  text: `WITH settled AS (
      SELECT payment_reference, position, item_reference, amount FROM servicing_ledger_settlements
      WHERE tenant_id = $1::uuid AND account_reference = $2 AND payment_reference = ANY($3::text[])
    ), seed AS (
      SELECT ledger_entry_reference, invoice_reference FROM servicing_ledger_items
      WHERE tenant_id = $1::uuid AND account_reference = $2
        AND (ledger_entry_reference = ANY($3::text[]) OR ledger_entry_reference IN (SELECT item_reference FROM settled))
      UNION ALL
      SELECT ledger_entry_reference, invoice_reference FROM servicing_ledger_items
      WHERE $4::boolean AND tenant_id = $1::uuid AND account_reference = $2 AND open_amount > 0
    ), items AS (
      SELECT * FROM servicing_ledger_items
      WHERE tenant_id = $1::uuid AND account_reference = $2 AND ledger_entry_reference IN (SELECT ledger_entry_reference FROM seed)
      UNION
      SELECT * FROM servicing_ledger_items
      WHERE tenant_id = $1::uuid AND account_reference = $2
        AND invoice_reference IN (SELECT invoice_reference FROM seed WHERE invoice_reference IS NOT NULL)
    )
    SELECT (SELECT coalesce(json_agg(items), '[]'::json) FROM items) AS items,
      (SELECT coalesce(json_agg(settled ORDER BY payment_reference, position), '[]'::json) FROM settled) AS settled`,
};

const LOAD_STATE_AND_USED: FastStatement = {
  name: 'servicing_load_ledger_state_and_used',
  text: `${LOAD_STATE.text},
      (SELECT coalesce(array_agg(ledger_entry_reference), '{}') FROM servicing_ledger_entries
        WHERE tenant_id = $1::uuid AND account_reference = $2 AND ledger_entry_reference = ANY($5::text[])) AS used`,
};

/**
 * Loads what a batch reads of the state (see `ledgerReads`): the items named by `references`, the parts that the
 * payments among them settled and the items of those parts, every open item when `openItems`, and with each item
 * every item of its invoice (the principal carries the invoice's due date). Bounded by what the batch touches and
 * what is open, never by the ledger's length.
 */
export async function loadLedgerState(
  db: Executor, tenantId: string, accountReference: string, references: readonly string[], openItems: boolean,
): Promise<StoredLedgerState> {
  const [row] = await fastRows<{ items: ItemRow[]; settled: SettlementRow[] }>(db, LOAD_STATE, [tenantId, accountReference, references, openItems]);
  return storedStateOf(row);
}

/**
 * `loadLedgerState` and `existingLedgerReferences(names)` in one round trip (a payment loads the open items and
 * checks the names its entries may take).
 */
export async function loadLedgerStateAndUsed(
  db: Executor, tenantId: string, accountReference: string, references: readonly string[], openItems: boolean, names: readonly string[],
): Promise<{ state: StoredLedgerState; used: Set<string> }> {
  const [row] = await fastRows<{ items: ItemRow[]; settled: SettlementRow[]; used: string[] }>(
    db, LOAD_STATE_AND_USED, [tenantId, accountReference, references, openItems, names],
  );
  return { state: storedStateOf(row), used: new Set(row?.used ?? []) };
}

const ACCOUNT_STATE_USED_AND_CLAIMS: FastStatement = {
  name: 'servicing_load_account_ledger_state_used_and_claims_2',
  // With the open items: the entries of every item read and of their invoices, and the claims those invoices may
  // have (bare or account-qualified reference), which a payment reads next (what it pays, the claims it rebuilds).
  text: `${LOAD_STATE_AND_USED.text},
      ${LEDGER_ACCOUNT_JSON} AS account,
      (SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json) FROM (
        SELECT seq, entry, created_at_ms FROM servicing_ledger_entries
        WHERE tenant_id = $1::uuid AND account_reference = $2
          AND ledger_entry_reference IN (SELECT ledger_entry_reference FROM items UNION SELECT invoice_reference FROM items)) AS e) AS entries,
      (SELECT coalesce(json_agg(c ORDER BY c.claim_reference), '[]'::json) FROM (
        SELECT ${VERSIONED_CLAIM_COLUMNS} FROM servicing_claims
        WHERE tenant_id = $1::uuid AND claim_reference IN (
          SELECT invoice_reference FROM items UNION SELECT $2 || ':' || invoice_reference FROM items)) AS c) AS claims`,
};

/** What `loadAccountOpenItemsAndUsed` reads besides the account. */
export interface OpenItemsRead {
  /** Every open item and every item of their invoices (the stored running state). */
  readonly state: StoredLedgerState;
  /** Which of the names asked for the ledger uses. */
  readonly used: Set<string>;
  /** The entries of those items and invoices, and the claims of those invoices (bare and account-qualified). */
  readonly known: EntriesAndClaims;
}

/**
 * The account (unlocked, with its row version), `loadLedgerStateAndUsed(…, [], true, names)` (every open item, and
 * which of `names` the ledger uses), and the entries and claims of the open items' invoices (`OpenItemsRead.known`)
 * in one round trip, for a payment that runs as one statement: its only read. The open items are those of the
 * stored running state (see `AccountLedger.openItemsNaming`).
 */
export async function loadAccountOpenItemsAndUsed(
  db: Executor, tenantId: string, accountReference: string, names: readonly string[],
): Promise<OpenItemsRead & { account: AccountRecord | undefined }> {
  const [row] = await groupedRead<{ items: ItemRow[]; settled: SettlementRow[]; used: string[]; account: LedgerAccountRow | null } & EntriesAndClaimsRow>(
    db, ACCOUNT_STATE_USED_AND_CLAIMS, [tenantId, accountReference, [], true, names],
  );
  return {
    account: row?.account ? ledgerAccountOfRow(row.account) : undefined, state: storedStateOf(row), used: new Set(row?.used ?? []),
    known: entriesAndClaimsOf(row),
  };
}

function storedStateOf(row: { items: ItemRow[]; settled: SettlementRow[] } | undefined): StoredLedgerState {
  const dueDates = new Map<string, DueDateStamp>();
  const items = (row?.items ?? []).map((item) => {
    if (item.due_date !== null) {
      dueDates.set(item.ledger_entry_reference, { date: item.due_date, createdAt: Number(item.due_created_at_ms), sequence: Number(item.due_sequence) });
    }
    return itemOf(item);
  });
  const settled = new Map<string, MutablePart[]>();
  for (const part of row?.settled ?? []) {
    const parts = settled.get(part.payment_reference) ?? [];
    parts[part.position] = { ledgerEntryReference: part.item_reference, amount: Number(part.amount) };
    settled.set(part.payment_reference, parts);
  }
  return { items, dueDates, settled };
}

function itemOf(row: ItemRow): MutableItem {
  const item: MutableItem = {
    ledgerEntryReference: row.ledger_entry_reference, kind: row.kind, sourceType: row.source_type,
    createdAt: Number(row.created_at_ms), sequence: Number(row.sequence), openAmount: Number(row.open_amount),
  };
  if (row.invoice_reference !== null) (item as { invoiceReference?: string }).invoiceReference = row.invoice_reference;
  if (row.fee_type !== null) (item as { feeType?: string }).feeType = row.fee_type;
  if (row.product_reference !== null) (item as { productReference?: string }).productReference = row.product_reference;
  return item;
}

const UPSERT_ITEMS: FastStatement = {
  name: 'servicing_upsert_ledger_items',
  text: `INSERT INTO servicing_ledger_items (tenant_id, account_reference, ledger_entry_reference, kind, source_type, invoice_reference,
      fee_type, product_reference, created_at_ms, sequence, open_amount, due_date, due_created_at_ms, due_sequence)
    SELECT $1::uuid, $2, x.ref, x.kind, x.source_type, x.invoice_reference, x.fee_type, x.product_reference, x.created_at_ms, x.sequence,
      x.open_amount, x.due_date, x.due_created_at_ms, x.due_sequence
    FROM jsonb_to_recordset($3::jsonb) AS x(ref text, kind text, source_type text, invoice_reference text, fee_type text,
      product_reference text, created_at_ms bigint, sequence int, open_amount bigint, due_date text, due_created_at_ms bigint, due_sequence int)
    ON CONFLICT (tenant_id, account_reference, ledger_entry_reference) DO UPDATE SET open_amount = excluded.open_amount,
      due_date = excluded.due_date, due_created_at_ms = excluded.due_created_at_ms, due_sequence = excluded.due_sequence`,
};

/** The write of items that are new or changed, with the due date of each principal among them. */
export function upsertLedgerItems(
  tenantId: string, accountReference: string, items: readonly MutableItem[], dueDates: ReadonlyMap<string, DueDateStamp>,
): FastWrite {
  const payload = items.map((item) => {
    const due = item.kind === 'INVOICE_PRINCIPAL' ? dueDates.get(item.ledgerEntryReference) : undefined;
    return {
      ref: item.ledgerEntryReference, kind: item.kind, source_type: item.sourceType, invoice_reference: item.invoiceReference,
      fee_type: item.feeType, product_reference: item.productReference, created_at_ms: item.createdAt, sequence: item.sequence,
      open_amount: item.openAmount, due_date: due?.date, due_created_at_ms: due?.createdAt, due_sequence: due?.sequence,
    };
  });
  return { statement: UPSERT_ITEMS, values: [tenantId, accountReference, JSON.stringify(payload)] };
}

const UPSERT_SETTLEMENTS: FastStatement = {
  name: 'servicing_upsert_ledger_settlements_2',
  // A part is dated by its payment's entry: one stored before, else one this batch writes in the same statement
  // (which this one cannot see), with the batch's time ($4) as its created_at. A part of an invoice principal also
  // takes the invoice's placement the same way (its entry's created_at, the instant its managed claim was created
  // with), from the stored entry or, for an invoice of this batch (x.new_invoice), the batch's time. A part written
  // again (a chargeback) keeps its dates.
  text: `INSERT INTO servicing_ledger_settlements (tenant_id, account_reference, payment_reference, position, item_reference, amount, paid_at,
      placed_at, currency)
    SELECT $1::uuid, $2, x.payment, x.position, x.item, x.amount,
      coalesce((SELECT p.created_at FROM servicing_ledger_entries p
        WHERE p.tenant_id = $1::uuid AND p.account_reference = $2 AND p.ledger_entry_reference = x.payment), $4::timestamptz),
      CASE WHEN x.new_invoice THEN $4::timestamptz WHEN x.item IS NOT NULL THEN (SELECT i.created_at FROM servicing_ledger_entries i
        WHERE i.tenant_id = $1::uuid AND i.account_reference = $2 AND i.ledger_entry_reference = x.item AND i.entry ? 'invoiceDetails') END,
      $5
    FROM jsonb_to_recordset($3::jsonb) AS x(payment text, position int, item text, amount bigint, new_invoice boolean)
    ON CONFLICT (tenant_id, account_reference, payment_reference, position) DO UPDATE SET amount = excluded.amount`,
};

/**
 * The write of the settled parts of payments that are new or were charged back; `now` is the time the batch's own
 * entries are written with (insertLedgerEntries), `newInvoices` the references of the Invoice entries among them.
 */
export function upsertLedgerSettlements(
  tenantId: string, account: { accountReference: string; currency: string }, settled: ReadonlyMap<string, readonly MutablePart[]>,
  batch: { now: Date; newInvoices: ReadonlySet<string> },
): FastWrite {
  const payload = [...settled].flatMap(([payment, parts]) => parts.map((part, position) => {
    const item = part.ledgerEntryReference;
    return item !== null && batch.newInvoices.has(item) ? { payment, position, item, amount: part.amount, new_invoice: true } : { payment, position, item, amount: part.amount };
  }));
  return { statement: UPSERT_SETTLEMENTS, values: [tenantId, account.accountReference, JSON.stringify(payload), batch.now.toISOString(), account.currency] };
}

const SAVE_ACCOUNT_LEDGER: FastStatement = {
  name: 'servicing_save_account_ledger',
  text: `UPDATE servicing_accounts SET ledger_count = $3, ledger_credit = $4, ledger_state_built = true, updated_at = $5::timestamptz
    WHERE tenant_id = $1::uuid AND account_reference = $2`,
};

const SAVE_ACCOUNT_LEDGER_IF_UNCHANGED: FastStatement = {
  name: 'servicing_save_account_ledger_if_unchanged',
  text: `${SAVE_ACCOUNT_LEDGER.text} AND xmin = $6::text::xid RETURNING 1`,
};

/**
 * The write of the account's ledger length and credit after a batch (its state now complete in the tables). With
 * `readVersion` (the account row's xmin when it was read without a lock), a compare-and-set: the statement it goes
 * out in fails unless the row is still that version (fastWriteAll's `expectRows`).
 */
export function saveAccountLedger(
  tenantId: string, accountReference: string, ledgerCount: number, credit: number, now: Date, readVersion?: string,
): FastWrite {
  const values = [tenantId, accountReference, ledgerCount, credit, now.toISOString()];
  return readVersion === undefined
    ? { statement: SAVE_ACCOUNT_LEDGER, values }
    : { statement: SAVE_ACCOUNT_LEDGER_IF_UNCHANGED, values: [...values, readVersion], expectRows: 1 };
}

const EXISTING_REFERENCES: FastStatement = {
  name: 'servicing_existing_ledger_references',
  text: `SELECT ledger_entry_reference FROM servicing_ledger_entries
    WHERE tenant_id = $1::uuid AND account_reference = $2 AND ledger_entry_reference = ANY($3::text[])`,
};

/** Which of `references` the account's ledger already uses. */
export async function existingLedgerReferences(db: Executor, tenantId: string, accountReference: string, references: readonly string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await fastRows<{ ledger_entry_reference: string }>(db, EXISTING_REFERENCES, [tenantId, accountReference, references]);
  return new Set(rows.map((row) => row.ledger_entry_reference));
}
