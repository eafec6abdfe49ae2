import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../../platform/db/fast-query.js';
import { groupedRead } from '../../platform/db/grouped-read.js';
import { stampLedgerEntry, type LedgerEntry, type LedgerEntryInput } from '../domain/ledger.js';
import type { Json } from '../domain/primitives.js';
import { LEDGER_PAGE_ENTRIES, servicingLedgerEntries } from '../schema.js';
import { LEDGER_ACCOUNT_JSON, ledgerAccountOfRow, type AccountRecord, type LedgerAccountRow } from './accounts.js';
import { claimRowOf, type ClaimDriverRow, type ClaimRow } from './claims.js';

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

const LOAD_BY_REFERENCE: FastStatement = {
  name: 'servicing_ledger_entries_by_reference_2',
  // Two index lookups (by reference; chargebacks by target through their partial index), never a walk of the ledger.
  text: `SELECT seq, entry, created_at_ms FROM servicing_ledger_entries
      WHERE tenant_id = $1::uuid AND account_reference = $2 AND ledger_entry_reference = ANY($3::text[])
    UNION
    SELECT seq, entry, created_at_ms FROM servicing_ledger_entries
      WHERE tenant_id = $1::uuid AND account_reference = $2 AND entry ? 'chargebackDetails'
        AND (entry->'context'->>'ledgerEntryReference') = ANY($4::text[])
    ORDER BY seq`,
};

/** The account's entries named by `references`, and the chargebacks aimed at any of `chargebackTargets`, in ledger order. */
export async function loadEntriesByReference(
  db: Executor, tenantId: string, accountReference: string, references: readonly string[], chargebackTargets: readonly string[] = [],
): Promise<StoredLedgerEntry[]> {
  if (references.length === 0 && chargebackTargets.length === 0) return [];
  const rows = await fastRows<{ entry: Json; created_at_ms: number | string }>(db, LOAD_BY_REFERENCE, [tenantId, accountReference, references, chargebackTargets]);
  return rows.map((row) => ({ wire: row.entry, entry: stampLedgerEntry(row.entry as unknown as LedgerEntryInput, Number(row.created_at_ms)) }));
}

const P = LEDGER_PAGE_ENTRIES;

const LEDGER_TEXTS: FastStatement = {
  name: 'servicing_ledger_texts',
  // The stored pages (when they run without a gap from page 0, as the writes keep them), then the entries after
  // them rendered one by one: up to LEDGER_PAGE_ENTRIES - 1 entries unless pages are missing (a ledger seeded
  // straight into the table), when every entry is. Rows, not one aggregated text: a megabyte in one field cost the
  // driver twice the CPU of the same bytes in a hundred rows.
  text: `WITH covered AS (
      SELECT CASE WHEN count(*) = coalesce(max(page) + 1, 0) THEN count(*)::int ELSE 0 END AS pages
      FROM servicing_ledger_pages WHERE tenant_id = $1::uuid AND account_reference = $2)
    SELECT text FROM (
      SELECT 0 AS part, page AS position, entries AS text FROM servicing_ledger_pages
        WHERE tenant_id = $1::uuid AND account_reference = $2 AND page < (SELECT pages FROM covered)
      UNION ALL
      SELECT 1, seq, entry::text FROM servicing_ledger_entries
        WHERE tenant_id = $1::uuid AND account_reference = $2 AND seq >= (SELECT pages FROM covered) * ${P}
    ) AS parts ORDER BY part, position`,
};

/**
 * The account's ledger as JSON texts to join with ", " inside `[…]`: byte for byte what `json_agg(entry ORDER BY seq)`
 * would give, from the stored pages of rendered entries and the entries after them (get_account on long ledgers
 * reads a hundred page rows, not 10,000 jsonb values).
 */
export async function loadLedgerTexts(db: Executor, tenantId: string, accountReference: string): Promise<string[]> {
  const rows = await fastRows<{ text: string }>(db, LEDGER_TEXTS, [tenantId, accountReference]);
  return rows.map((row) => row.text);
}

const INSERT_PAGES: FastStatement = {
  name: 'servicing_insert_ledger_pages',
  // Every page complete before $5 that is not stored yet: the stored entries from the first missing page up to the
  // batch ($4 = its first seq) and the batch's own entries ($3, not yet visible to this statement's snapshot).
  text: `INSERT INTO servicing_ledger_pages (tenant_id, account_reference, page, entries)
    SELECT $1::uuid, $2, e.seq / ${P}, string_agg(e.text, ', ' ORDER BY e.seq)
    FROM (
      SELECT seq, entry::text AS text FROM servicing_ledger_entries
        WHERE tenant_id = $1::uuid AND account_reference = $2 AND seq < $4::int
          AND seq >= (SELECT coalesce(max(page) + 1, 0) * ${P} FROM servicing_ledger_pages WHERE tenant_id = $1::uuid AND account_reference = $2)
      UNION ALL
      SELECT seq, entry::text FROM jsonb_to_recordset($3::jsonb) AS x(seq int, entry jsonb)
    ) AS e
    WHERE e.seq < $5::int
    GROUP BY e.seq / ${P} HAVING count(*) = ${P}
    ON CONFLICT DO NOTHING`,
};

/**
 * The write storing the ledger pages that appending `entries` after `startSeq` completes (with any earlier page not
 * stored yet), or none when the batch completes no page. Sent in the same statement as the entries' insert.
 */
export function insertLedgerPages(
  tenantId: string, accountReference: string, startSeq: number, entries: readonly StoredLedgerEntry[],
): FastWrite[] {
  const end = Math.floor((startSeq + entries.length) / P) * P;
  if (end <= Math.floor(startSeq / P) * P) return [];
  const payload = JSON.stringify(entries.slice(0, end - startSeq).map((stored, index) => ({ seq: startSeq + index, entry: stored.wire })));
  return [{ statement: INSERT_PAGES, values: [tenantId, accountReference, payload, startSeq, end] }];
}

const INSERT_ENTRIES: FastStatement = {
  name: 'servicing_insert_ledger_entries',
  text: `INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
    SELECT $1::uuid, $2, seq, ref, entry, created_at_ms, $4::timestamptz
    FROM jsonb_to_recordset($3::jsonb) AS x(seq int, ref text, entry jsonb, created_at_ms bigint)`,
};

/** The writes appending entries after `startSeq` (the account's ledgerCount), 1,000 per statement. */
export function insertLedgerEntries(
  tenantId: string, accountReference: string, startSeq: number, entries: readonly StoredLedgerEntry[], now: Date,
): FastWrite[] {
  const writes: FastWrite[] = [];
  for (let offset = 0; offset < entries.length; offset += 1000) {
    const payload = JSON.stringify(entries.slice(offset, offset + 1000).map((stored, index) => ({
      seq: startSeq + offset + index, ref: stored.entry.ledgerEntryReference, entry: stored.wire, created_at_ms: createdAtOf(stored.entry),
    })));
    writes.push({ statement: INSERT_ENTRIES, values: [tenantId, accountReference, payload, now.toISOString()] });
  }
  return writes;
}

function createdAtOf(entry: LedgerEntry): number {
  const details = Object.entries(entry).find(([key]) => key.endsWith('Details'))?.[1] as { createdAt: number };
  return details.createdAt;
}

/** A claim row's columns as `claimRowOf` reads them, with the row version (xmin) it was read at. */
export const VERSIONED_CLAIM_COLUMNS = `tenant_id, claim_reference, account_reference, managed, status, resolution_reason, explicit_resolution,
          link_group_id, debtor_reference, receeve_claim_ref, data, seq, journey, created_at, updated_at, resolved_at, xmin::text AS version`;

const ENTRIES_AND_CLAIMS: FastStatement = {
  name: 'servicing_entries_and_claims_2',
  // LOAD_BY_REFERENCE and a claim lookup in one round trip. The chargeback branch is gated by a one-time filter: a
  // generic plan would otherwise scan every entry of the account for an empty list of targets (history-bound cost).
  text: `SELECT (SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json) FROM (
        SELECT seq, entry, created_at_ms FROM servicing_ledger_entries
          WHERE tenant_id = $1::uuid AND account_reference = $2 AND ledger_entry_reference = ANY($3::text[])
        UNION
        SELECT seq, entry, created_at_ms FROM servicing_ledger_entries
          WHERE cardinality($4::text[]) > 0 AND tenant_id = $1::uuid AND account_reference = $2 AND entry ? 'chargebackDetails'
            AND (entry->'context'->>'ledgerEntryReference') = ANY($4::text[])) AS e) AS entries,
      (SELECT coalesce(json_agg(c ORDER BY c.claim_reference), '[]'::json) FROM (
        SELECT ${VERSIONED_CLAIM_COLUMNS} FROM servicing_claims WHERE tenant_id = $1::uuid AND claim_reference = ANY($5::text[])) AS c) AS claims`,
};

const ACCOUNT_ENTRIES_AND_CLAIMS: FastStatement = {
  name: 'servicing_account_entries_and_claims_2',
  text: `${ENTRIES_AND_CLAIMS.text},
      ${LEDGER_ACCOUNT_JSON} AS account`,
};

/** What `loadEntriesAndClaims` reads. */
export interface EntriesAndClaimsQuery {
  references: readonly string[];
  chargebackTargets?: readonly string[];
  claimReferences: readonly string[];
}

/** What `loadEntriesAndClaims` answers. */
export interface EntriesAndClaims {
  entries: StoredLedgerEntry[];
  claims: Map<string, ClaimRow>;
  /** The row version (xmin) each claim was read at. */
  claimVersions: Map<string, string>;
}

/** The `entries` and `claims` json columns of a read as `entriesAndClaimsOf` takes them. */
export interface EntriesAndClaimsRow {
  entries: { entry: Json; created_at_ms: number }[];
  claims: (ClaimDriverRow & { version: string })[];
}

/**
 * `loadEntriesByReference` and `loadClaims` (no lock) of the same tenant in one round trip: the account's entries
 * named by `references` (and the chargebacks aimed at `chargebackTargets`), and the claims named by `claimReferences`
 * with the row version (xmin) each was read at.
 */
export async function loadEntriesAndClaims(
  db: Executor, tenantId: string, accountReference: string, query: EntriesAndClaimsQuery,
): Promise<EntriesAndClaims> {
  const [row] = await fastRows<EntriesAndClaimsRow>(db, ENTRIES_AND_CLAIMS, entriesAndClaimsValues(tenantId, accountReference, query));
  return entriesAndClaimsOf(row);
}

/**
 * The account (unlocked, with its row version) and `loadEntriesAndClaims` in one round trip, for a request that runs
 * as one statement: its first read.
 */
export async function loadAccountEntriesAndClaims(
  db: Executor, tenantId: string, accountReference: string, query: EntriesAndClaimsQuery,
): Promise<EntriesAndClaims & { account: AccountRecord | undefined }> {
  const [row] = await groupedRead<EntriesAndClaimsRow & { account: LedgerAccountRow | null }>(
    db, ACCOUNT_ENTRIES_AND_CLAIMS, entriesAndClaimsValues(tenantId, accountReference, query),
  );
  return { ...entriesAndClaimsOf(row), account: row?.account ? ledgerAccountOfRow(row.account) : undefined };
}

function entriesAndClaimsValues(tenantId: string, accountReference: string, query: EntriesAndClaimsQuery): unknown[] {
  return [tenantId, accountReference, query.references, query.chargebackTargets ?? [], [...new Set(query.claimReferences)]];
}

export function entriesAndClaimsOf(row: EntriesAndClaimsRow | undefined): EntriesAndClaims {
  return {
    entries: (row?.entries ?? []).map((stored) => ({
      wire: stored.entry, entry: stampLedgerEntry(stored.entry as unknown as LedgerEntryInput, Number(stored.created_at_ms)),
    })),
    claims: new Map((row?.claims ?? []).map((claim) => [claim.claim_reference, claimRowOf(claim)])),
    claimVersions: new Map((row?.claims ?? []).map((claim) => [claim.claim_reference, claim.version])),
  };
}
