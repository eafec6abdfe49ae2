import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import { webhookEndpoints } from '../platform/db/schema.js';
import type { NewEvent } from '../platform/events/append.js';
import { endpointWantsEvent } from '../platform/webhooks/endpoints.js';
import { stampLedgerEntry, type LedgerEntry, type LedgerEntryInput } from './domain/ledger.js';
import {
  servicingAccountDebtors, servicingAccounts, servicingClaims, servicingLedgerEntries, servicingTriggerExecutions,
} from './schema.js';

/** The servicing module's queries; every one takes the tenant id first. */

export type Json = Record<string, unknown>;

export interface AccountRecord {
  accountReference: string;
  currency: string;
  paymentReference: string | null;
  portfolioReference: string | null;
  meta: Json | null;
  scores: Json[];
  debtors: Json[];
  products: Json[];
  ledgerCount: number;
}

export interface StoredLedgerEntry {
  /** As submitted (the wire entry, no accountReference). */
  wire: Json;
  /** The domain's stamped entry. */
  entry: LedgerEntry;
}

export type ClaimRow = typeof servicingClaims.$inferSelect;
export type NewClaimRow = typeof servicingClaims.$inferInsert;

/** `column = ANY($1)` with one array parameter: cheaper to build and send than `IN ($1, …, $n)` for long lists. */
function anyOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} = ANY(${sql.param([...values])}::text[])`;
}

const accountColumns = {
  accountReference: servicingAccounts.accountReference,
  currency: servicingAccounts.currency,
  paymentReference: servicingAccounts.paymentReference,
  portfolioReference: servicingAccounts.portfolioReference,
  meta: servicingAccounts.meta,
  scores: servicingAccounts.scores,
  debtors: servicingAccounts.debtors,
  products: servicingAccounts.products,
  ledgerCount: servicingAccounts.ledgerCount,
};

/** Loads accounts by reference; with `lock`, takes their rows FOR UPDATE in reference order (no deadlocks). */
export async function loadAccounts(
  db: Executor, tenantId: string, references: readonly string[], lock: boolean,
): Promise<Map<string, AccountRecord>> {
  if (references.length === 0) return new Map();
  const sorted = [...new Set(references)].sort();
  const query = db.select(accountColumns).from(servicingAccounts)
    .where(and(eq(servicingAccounts.tenantId, tenantId), anyOf(servicingAccounts.accountReference, sorted)))
    .orderBy(asc(servicingAccounts.accountReference));
  const rows = lock ? await query.for('update') : await query;
  return new Map(rows.map((row) => [row.accountReference, row as AccountRecord]));
}

/** What claim use cases read of an account: its currency, its first debtor and the references of all its debtors. */
export interface ClaimAccountRecord {
  accountReference: string;
  currency: string;
  firstDebtor: Json | null;
  /** The `debtorReference` values of the account's debtors, as stored (debtors without one are not listed). */
  debtorReferences: unknown[];
}

const LOAD_CLAIM_ACCOUNTS: FastStatement = {
  name: 'servicing_load_claim_accounts',
  text: `WITH existing AS (
      SELECT claim_reference, account_reference FROM servicing_claims WHERE tenant_id = $1::uuid AND claim_reference = ANY($2::text[])
    ), locked AS MATERIALIZED (
      SELECT account_reference, currency, debtors->0 AS first_debtor,
        jsonb_path_query_array(debtors, '$[*].debtorReference') AS debtor_references
      FROM servicing_accounts
      WHERE tenant_id = $1::uuid AND (account_reference = ANY($3::text[]) OR account_reference IN (SELECT account_reference FROM existing))
      ORDER BY account_reference FOR UPDATE
    )
    SELECT (SELECT coalesce(array_agg(claim_reference), '{}') FROM existing) AS existing_claims, locked.*
    FROM (SELECT 1) AS one LEFT JOIN locked ON true`,
};

/**
 * Locks and loads the part of accounts a claim batch needs: the accounts named, and those of the named claims that
 * exist, FOR UPDATE in reference order (as `loadAccounts`); answers which of the named claims exist too, all in one
 * round trip. Reading the whole debtor list of every account of a 1,000-claim batch cost more than the rest of the read.
 */
export async function loadClaimAccounts(
  db: Executor, tenantId: string, accountReferences: readonly string[], claimReferences: readonly string[],
): Promise<{ accounts: Map<string, ClaimAccountRecord>; existingClaims: string[] }> {
  if (accountReferences.length === 0 && claimReferences.length === 0) return { accounts: new Map(), existingClaims: [] };
  const rows = await fastRows<{
    existing_claims: string[]; account_reference: string | null; currency: string; first_debtor: Json | null; debtor_references: unknown[];
  }>(db, LOAD_CLAIM_ACCOUNTS, [tenantId, [...new Set(claimReferences)], [...new Set(accountReferences)]]);
  const accounts = new Map<string, ClaimAccountRecord>();
  for (const row of rows) {
    if (row.account_reference === null) continue;
    accounts.set(row.account_reference, {
      accountReference: row.account_reference, currency: row.currency, firstDebtor: row.first_debtor, debtorReferences: row.debtor_references,
    });
  }
  return { accounts, existingClaims: rows[0]?.existing_claims ?? [] };
}

/** Appends debtors to an existing account (claims naming a debtor new to their account, A29/§3.3). */
export async function appendAccountDebtors(db: Executor, tenantId: string, accountReference: string, debtors: readonly Json[], now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE servicing_accounts SET debtors = debtors || ${JSON.stringify(debtors)}::jsonb, updated_at = ${now.toISOString()}::timestamptz
    WHERE tenant_id = ${tenantId}::uuid AND account_reference = ${accountReference}`);
  await insertAccountDebtorReferences(db, tenantId, accountReference, debtors);
}

/** Inserts a new account unless the reference is taken (concurrently too); returns whether it was inserted. */
export async function insertAccount(db: Executor, tenantId: string, account: AccountRecord, now: Date): Promise<boolean> {
  const rows = await db.insert(servicingAccounts)
    .values({ tenantId, ...account, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ accountReference: servicingAccounts.accountReference });
  if (rows.length === 0) return false;
  await syncAccountDebtors(db, tenantId, account);
  return true;
}

/** Writes an account's mutable columns. */
export async function saveAccount(db: Executor, tenantId: string, account: AccountRecord, now: Date): Promise<void> {
  const { accountReference, ...fields } = account;
  await db.update(servicingAccounts).set({ ...fields, updatedAt: now })
    .where(and(eq(servicingAccounts.tenantId, tenantId), eq(servicingAccounts.accountReference, accountReference)));
  await syncAccountDebtors(db, tenantId, account);
}

async function syncAccountDebtors(db: Executor, tenantId: string, account: AccountRecord): Promise<void> {
  await insertAccountDebtorReferences(db, tenantId, account.accountReference, account.debtors);
}

async function insertAccountDebtorReferences(db: Executor, tenantId: string, accountReference: string, debtors: readonly Json[]): Promise<void> {
  const references = debtors.map((debtor) => debtor.debtorReference).filter((ref): ref is string => typeof ref === 'string');
  if (references.length === 0) return;
  await db.insert(servicingAccountDebtors)
    .values(references.map((debtorReference) => ({ tenantId, debtorReference, accountReference })))
    .onConflictDoNothing();
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

/** Loads claims by reference; with `lock`, FOR UPDATE in reference order. */
export async function loadClaims(
  db: Executor, tenantId: string, references: readonly string[], lock: boolean,
): Promise<Map<string, ClaimRow>> {
  if (references.length === 0) return new Map();
  const sorted = [...new Set(references)].sort();
  const query = db.select().from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), anyOf(servicingClaims.claimReference, sorted)))
    .orderBy(asc(servicingClaims.claimReference));
  const rows = lock ? await query.for('update') : await query;
  return new Map(rows.map((row) => [row.claimReference, row]));
}

/** The managed claims of an account. */
export async function loadManagedClaims(db: Executor, tenantId: string, accountReference: string): Promise<Map<string, ClaimRow>> {
  const rows = await db.select().from(servicingClaims).where(and(
    eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.accountReference, accountReference), eq(servicingClaims.managed, true),
  ));
  return new Map(rows.map((row) => [row.claimReference, row]));
}

/*
 * Bulk writes go through one jsonb parameter expanded by jsonb_to_recordset: one statement and one parameter per
 * 1,000 rows, which keeps large batches cheap (drizzle's per-value query building dominated create_claims). The
 * statements of every claim batch are fixed text sent as prepared statements (fast-query.ts), past drizzle.
 */

/** `Date#toISOString` remembered for the last date converted: a batch's rows share one or two instants. */
function isoOfDates(): (date: Date) => string {
  let last: Date | undefined;
  let lastIso = '';
  return (date) => {
    if (date !== last) {
      last = date;
      lastIso = date.toISOString();
    }
    return lastIso;
  };
}

/**
 * The rows as the jsonb array `jsonb_to_recordset` expands. A null column is left out of its row object (the
 * function reads a missing key as NULL), which keeps the payload PostgreSQL parses a third smaller.
 */
function claimPayload(rows: readonly NewClaimRow[]): string {
  const iso = isoOfDates();
  return JSON.stringify(rows.map((row, ord) => {
    const item: Record<string, unknown> = {
      ord, claim_reference: row.claimReference, managed: row.managed, status: row.status, receeve_claim_ref: row.receeveClaimRef,
      data: row.data, journey: row.journey ?? 'RUNNING', created_at: iso(row.createdAt), updated_at: iso(row.updatedAt),
    };
    if (row.accountReference != null) item.account_reference = row.accountReference;
    if (row.resolutionReason != null) item.resolution_reason = row.resolutionReason;
    if (row.explicitResolution != null) item.explicit_resolution = row.explicitResolution;
    if (row.linkGroupId != null) item.link_group_id = row.linkGroupId;
    if (row.debtorReference != null) item.debtor_reference = row.debtorReference;
    return item;
  }));
}

/** The one tenant of a batch of rows (a batch never mixes tenants). */
function tenantOf(rows: readonly NewClaimRow[]): string {
  const tenantId = rows[0]?.tenantId as string;
  if (rows.some((row) => row.tenantId !== tenantId)) throw new Error('insertClaims: rows of more than one tenant');
  return tenantId;
}

const INSERT_CLAIMS_TEXT = `INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, resolution_reason,
      explicit_resolution, link_group_id, debtor_reference, receeve_claim_ref, data, journey, created_at, updated_at)
    SELECT $1::uuid, claim_reference, account_reference, managed, status, resolution_reason, explicit_resolution,
      link_group_id, debtor_reference, receeve_claim_ref, data, journey, created_at, updated_at
    FROM jsonb_to_recordset($2::jsonb) AS x(ord int, claim_reference text, account_reference text, managed boolean,
      status text, resolution_reason text, explicit_resolution text, link_group_id uuid, debtor_reference text, receeve_claim_ref text,
      data jsonb, journey text, created_at timestamptz, updated_at timestamptz)
    ORDER BY ord`;
const INSERT_CLAIMS: FastStatement = { name: 'servicing_insert_claims', text: INSERT_CLAIMS_TEXT };
const INSERT_CLAIMS_SKIPPING_TAKEN: FastStatement = {
  name: 'servicing_insert_claims_skipping_taken',
  text: `${INSERT_CLAIMS_TEXT}\n    ON CONFLICT DO NOTHING RETURNING claim_reference`,
};

/** A unique violation (SQLSTATE 23505), whichever driver or wrapper raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth += 1) {
    if (current.code === '23505') return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * Inserts claims. With `skipTaken`, references taken concurrently are skipped (ON CONFLICT DO NOTHING) and the
 * references actually inserted are returned; without it the insert is plain (about a third cheaper for 1,000 rows)
 * and a taken reference raises a unique violation, for callers that write inside a savepoint and retry.
 */
export async function insertClaims(db: Executor, rows: readonly NewClaimRow[], options: { skipTaken: boolean }): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const chunk = rows.slice(offset, offset + 1000);
    const statement = options.skipTaken ? INSERT_CLAIMS_SKIPPING_TAKEN : INSERT_CLAIMS;
    const result = await fastRows<{ claim_reference: string }>(db, statement, [tenantOf(chunk), claimPayload(chunk)]);
    if (options.skipTaken) for (const row of result) inserted.add(row.claim_reference);
    else for (const row of chunk) inserted.add(row.claimReference);
  }
  return inserted;
}

const INSERT_EVENTS: FastStatement = {
  name: 'servicing_insert_events',
  text: `INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, request_id, dispatch_pending)
    SELECT $1::uuid, coalesce(type, $3), coalesce(entity_type, $4), entity_id, data, $5::timestamptz, $6, coalesce(type, $3) = ANY($7::text[])
    FROM jsonb_to_recordset($2::jsonb) AS x(ord int, type text, entity_type text, entity_id text, data jsonb)
    ORDER BY ord`,
};

/**
 * The writes that append events to the platform's `events` table in bulk (the same rows `appendEvents` writes: the
 * webhook dispatcher picks them up after commit), to send with the request's last writes (fastWriteAll); reading
 * which event types the tenant's endpoints want is the one round trip made here. Decision: an event that no enabled endpoint of the tenant subscribes to
 * is written with `dispatch_pending = false`, which is what the dispatcher would decide for it a moment later
 * (it matches endpoints at dispatch time); this spares the dispatcher rewriting every such row (a non-HOT update
 * of the whole event row, which cost about as much as inserting it). An endpoint registered while the request
 * runs sees the request's events only if its transaction committed before the request read the endpoints.
 */
export async function eventWrites(
  db: Executor, tenantId: string, newEvents: readonly NewEvent[], occurredAt: Date, requestId: string | null,
): Promise<FastWrite[]> {
  if (newEvents.length === 0) return [];
  const endpoints = await db.select({ eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)));
  const wanted = new Map<string, boolean>();
  const pending = (type: string): boolean => {
    let answer = wanted.get(type);
    if (answer === undefined) {
      answer = endpoints.some((endpoint) => endpointWantsEvent(endpoint.eventTypes, type));
      wanted.set(type, answer);
    }
    return answer;
  };
  const writes: FastWrite[] = [];
  for (let offset = 0; offset < newEvents.length; offset += 1000) {
    const chunk = newEvents.slice(offset, offset + 1000);
    // Most batches write events of one type: the first event's type and entity type are sent once, and a row
    // carries its own only where they differ.
    const first = chunk[0] as NewEvent;
    const payload = JSON.stringify(chunk.map((event, ord) => {
      const row: Record<string, unknown> = { ord, entity_id: event.entityId, data: event.data };
      if (event.type !== first.type) row.type = event.type;
      if (event.entityType !== first.entityType) row.entity_type = event.entityType;
      return row;
    }));
    const pendingTypes = [...new Set(chunk.map((event) => event.type))].filter(pending);
    writes.push({ statement: INSERT_EVENTS, values: [tenantId, payload, first.type, first.entityType, occurredAt.toISOString(), requestId, pendingTypes] });
  }
  return writes;
}

/** Writes the mutable columns of many claims in one statement per 1,000 rows. */
export async function updateClaims(db: Executor, tenantId: string, rows: readonly NewClaimRow[]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const payload = JSON.stringify(rows.slice(offset, offset + 1000).map((row) => ({
      claim_reference: row.claimReference, account_reference: row.accountReference ?? null, status: row.status,
      resolution_reason: row.resolutionReason ?? null, explicit_resolution: row.explicitResolution ?? null, link_group_id: row.linkGroupId ?? null,
      debtor_reference: row.debtorReference ?? null, receeve_claim_ref: row.receeveClaimRef, data: row.data, journey: row.journey ?? 'RUNNING',
      updated_at: row.updatedAt.toISOString(),
    })));
    await db.execute(sql`
      UPDATE servicing_claims AS c SET account_reference = x.account_reference, status = x.status, resolution_reason = x.resolution_reason,
        explicit_resolution = x.explicit_resolution, link_group_id = x.link_group_id, debtor_reference = x.debtor_reference,
        receeve_claim_ref = x.receeve_claim_ref, data = x.data, journey = x.journey, updated_at = x.updated_at
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(claim_reference text, account_reference text, status text, resolution_reason text,
        explicit_resolution text, link_group_id uuid, debtor_reference text, receeve_claim_ref text, data jsonb, journey text, updated_at timestamptz)
      WHERE c.tenant_id = ${tenantId}::uuid AND c.claim_reference = x.claim_reference`);
  }
}

/** Writes a claim's mutable columns. */
export async function saveClaim(db: Executor, tenantId: string, claimReference: string, fields: Partial<NewClaimRow>): Promise<void> {
  await db.update(servicingClaims).set(fields)
    .where(and(eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.claimReference, claimReference)));
}

/** A page of an account's claims in creation order, after the cursor `afterSeq`. */
export async function listAccountClaims(
  db: Executor, tenantId: string, accountReference: string, options: { status?: 'ACTIVE' | 'RESOLVED'; afterSeq: number; limit: number },
): Promise<ClaimRow[]> {
  const filters = [
    eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.accountReference, accountReference), gt(servicingClaims.seq, options.afterSeq),
  ];
  if (options.status) filters.push(eq(servicingClaims.status, options.status));
  return db.select().from(servicingClaims).where(and(...filters)).orderBy(asc(servicingClaims.seq)).limit(options.limit);
}

/** Every claim of the given accounts, in creation order. */
export async function claimsOfAccounts(db: Executor, tenantId: string, accountReferences: readonly string[]): Promise<ClaimRow[]> {
  if (accountReferences.length === 0) return [];
  return db.select().from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), anyOf(servicingClaims.accountReference, accountReferences)))
    .orderBy(asc(servicingClaims.seq));
}

/** Accounts where a debtor appears: in the account's debtors or as a claim's primaryDebtor. */
export async function accountsOfDebtor(db: Executor, tenantId: string, debtorReference: string): Promise<string[]> {
  const direct = await db.select({ accountReference: servicingAccountDebtors.accountReference }).from(servicingAccountDebtors)
    .where(and(eq(servicingAccountDebtors.tenantId, tenantId), eq(servicingAccountDebtors.debtorReference, debtorReference)));
  const viaClaims = await db.selectDistinct({ accountReference: servicingClaims.accountReference }).from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.debtorReference, debtorReference)));
  const references = new Set<string>(direct.map((row) => row.accountReference));
  for (const row of viaClaims) if (row.accountReference !== null) references.add(row.accountReference);
  return [...references].sort();
}

/** Claims of a link group. */
export async function claimsInLinkGroups(db: Executor, tenantId: string, groupIds: readonly string[]): Promise<ClaimRow[]> {
  if (groupIds.length === 0) return [];
  return db.select().from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), inArray(servicingClaims.linkGroupId, [...groupIds])));
}

/** Records a custom trigger on every ACTIVE claim among `claimReferences` or of `accountReferences` (spec A7). */
export async function recordTriggerExecutions(
  db: Executor,
  tenantId: string,
  input: { triggerName: string; operation: string; requestId: string | null; claimReferences: readonly string[]; accountReferences: readonly string[]; now: Date },
): Promise<number> {
  if (input.claimReferences.length === 0 && input.accountReferences.length === 0) return 0;
  const touched = [];
  if (input.claimReferences.length > 0) touched.push(inArray(servicingClaims.claimReference, [...input.claimReferences]));
  if (input.accountReferences.length > 0) touched.push(inArray(servicingClaims.accountReference, [...input.accountReferences]));
  const rows = await db.select({ claimReference: servicingClaims.claimReference }).from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.status, 'ACTIVE'), sql`(${sql.join(touched, sql` or `)})`));
  if (rows.length === 0) return 0;
  await db.insert(servicingTriggerExecutions).values(rows.map((row) => ({
    tenantId, claimReference: row.claimReference, triggerName: input.triggerName, operation: input.operation, requestId: input.requestId, at: input.now,
  })));
  return rows.length;
}
