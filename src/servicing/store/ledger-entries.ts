import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../platform/db/database.js';
import { stampLedgerEntry, type LedgerEntry, type LedgerEntryInput } from '../domain/ledger.js';
import type { Json } from '../domain/primitives.js';
import { servicingLedgerEntries } from '../schema.js';

/** Queries of the accounts' ledgers (append-only); every one takes the tenant id first. */

export interface StoredLedgerEntry {
  /** As submitted (the wire entry, no accountReference). */
  wire: Json;
  /** The domain's stamped entry. */
  entry: LedgerEntry;
}

/** The account's ledger in insertion order. */
export async function loadLedger(db: Executor, tenantId: string, accountReference: string): Promise<StoredLedgerEntry[]> {
  const rows = await db.select({ entry: servicingLedgerEntries.entry, createdAtMs: servicingLedgerEntries.createdAtMs })
    .from(servicingLedgerEntries)
    .where(and(eq(servicingLedgerEntries.tenantId, tenantId), eq(servicingLedgerEntries.accountReference, accountReference)))
    .orderBy(asc(servicingLedgerEntries.seq));
  return rows.map((row) => ({ wire: row.entry, entry: stampLedgerEntry(row.entry as unknown as LedgerEntryInput, row.createdAtMs) }));
}

/** The account's ledger as one JSON array text, built by the database (get_account on long ledgers). */
export async function loadLedgerJson(db: Executor, tenantId: string, accountReference: string): Promise<string> {
  const result = await db.execute(sql`
    SELECT coalesce(json_agg(entry ORDER BY seq), '[]'::json)::text AS ledger
    FROM servicing_ledger_entries WHERE tenant_id = ${tenantId}::uuid AND account_reference = ${accountReference}`);
  return rowsOf<{ ledger: string }>(result)[0]?.ledger ?? '[]';
}

/** Appends entries after `startSeq` (the account's ledgerCount); the caller bumps ledgerCount. */
export async function insertLedgerEntries(
  db: Executor, tenantId: string, accountReference: string, startSeq: number, entries: readonly StoredLedgerEntry[], now: Date,
): Promise<void> {
  for (let offset = 0; offset < entries.length; offset += 1000) {
    const payload = JSON.stringify(entries.slice(offset, offset + 1000).map((stored, index) => ({
      seq: startSeq + offset + index, ref: stored.entry.ledgerEntryReference, entry: stored.wire, created_at_ms: createdAtOf(stored.entry),
    })));
    await db.execute(sql`
      INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
      SELECT ${tenantId}::uuid, ${accountReference}, seq, ref, entry, created_at_ms, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(seq int, ref text, entry jsonb, created_at_ms bigint)`);
  }
}

function createdAtOf(entry: LedgerEntry): number {
  const details = Object.entries(entry).find(([key]) => key.endsWith('Details'))?.[1] as { createdAt: number };
  return details.createdAt;
}
