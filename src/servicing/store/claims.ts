import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../../platform/db/fast-query.js';
import type { Json } from '../domain/primitives.js';
import type { UnmanagedClaim } from '../domain/unmanaged-claim.js';
import { servicingClaims } from '../schema.js';
import { anyOf } from '../../platform/db/any-of.js';
import { own, shared, sharedParameter } from '../../platform/db/row-arrays.js';

/** Queries of the servicing claims (managed and unmanaged share one table); every one takes the tenant id first. */

/** A claim as the use cases read and write it; its placement columns are written once, with it, for the reports. */
export type ClaimRow = Omit<typeof servicingClaims.$inferSelect, 'placedPrincipal' | 'placedCurrency'>;
export type NewClaimRow = typeof servicingClaims.$inferInsert;

const CLAIM_SELECT = `SELECT tenant_id, claim_reference, account_reference, managed, status, resolution_reason, explicit_resolution,
      link_group_id, debtor_reference, receeve_claim_ref, data, seq, journey, created_at, updated_at, resolved_at
    FROM servicing_claims WHERE tenant_id = $1::uuid AND claim_reference = ANY($2::text[]) ORDER BY claim_reference`;
const LOAD_CLAIMS: FastStatement = { name: 'servicing_load_claims', text: CLAIM_SELECT };
const LOCK_CLAIMS: FastStatement = { name: 'servicing_lock_claims', text: `${CLAIM_SELECT} FOR UPDATE` };

/** A servicing_claims row as the driver gives it (column names). */
export interface ClaimDriverRow {
  tenant_id: string;
  claim_reference: string;
  account_reference: string | null;
  managed: boolean;
  status: ClaimRow['status'];
  resolution_reason: string | null;
  explicit_resolution: string | null;
  link_group_id: string | null;
  debtor_reference: string | null;
  receeve_claim_ref: string;
  data: Record<string, unknown>;
  seq: number | string;
  journey: ClaimRow['journey'];
  created_at: Date | string;
  updated_at: Date | string;
  resolved_at: Date | string | null;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/** The claim row of a driver row (the shape drizzle's select answers). */
export function claimRowOf(row: ClaimDriverRow): ClaimRow {
  return {
    tenantId: row.tenant_id, claimReference: row.claim_reference, accountReference: row.account_reference, managed: row.managed,
    status: row.status, resolutionReason: row.resolution_reason, explicitResolution: row.explicit_resolution, linkGroupId: row.link_group_id,
    debtorReference: row.debtor_reference, receeveClaimRef: row.receeve_claim_ref, data: row.data, seq: Number(row.seq), journey: row.journey,
    createdAt: asDate(row.created_at), updatedAt: asDate(row.updated_at), resolvedAt: row.resolved_at === null ? null : asDate(row.resolved_at),
  };
}

/** Loads claims by reference; with `lock`, FOR UPDATE in reference order. A fixed prepared statement (hot path of every claim and ledger write). */
export async function loadClaims(
  db: Executor, tenantId: string, references: readonly string[], lock: boolean,
): Promise<Map<string, ClaimRow>> {
  if (references.length === 0) return new Map();
  const sorted = [...new Set(references)].sort();
  const rows = await fastRows<ClaimDriverRow>(db, lock ? LOCK_CLAIMS : LOAD_CLAIMS, [tenantId, sorted]);
  return new Map(rows.map((row) => [row.claim_reference, claimRowOf(row)]));
}

/** The managed claims of an account. */
export async function loadManagedClaims(db: Executor, tenantId: string, accountReference: string): Promise<Map<string, ClaimRow>> {
  const rows = await db.select().from(servicingClaims).where(and(
    eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.accountReference, accountReference), eq(servicingClaims.managed, true),
  ));
  return new Map(rows.map((row) => [row.claimReference, row]));
}

/*
 * Bulk writes go through one jsonb parameter (keyless row arrays for the inserts, objects expanded by
 * jsonb_to_recordset for the updates): one statement and one parameter per 1,000 rows, which keeps large batches
 * cheap (drizzle's per-value query building dominated create_claims). The statements of every claim batch are fixed
 * text sent as prepared statements (fast-query.ts), past drizzle.
 */

/**
 * The rows as the keyless arrays INSERT_CLAIMS reads (row-arrays.ts), with the parameters that follow the payload:
 * `[claim, account, debtor, receeve ref, data, managed, status, journey, created, updated, resolution reason,
 * explicit resolution, link group, placed principal, placed currency]`, where a column every row shares (managed,
 * status, journey and the two instants, for a batch's new claims) is null in the rows and goes once as a parameter,
 * and trailing nulls are left out (`m->>k` past the end reads NULL).
 */
function claimPayload(rows: readonly NewClaimRow[]): unknown[] {
  const managed = shared(rows, (row) => row.managed);
  const status = shared(rows, (row) => row.status);
  const journey = shared(rows, (row) => row.journey ?? 'RUNNING');
  const createdAt = shared(rows, (row) => row.createdAt);
  const updatedAt = shared(rows, (row) => row.updatedAt);
  const payload = JSON.stringify(rows.map((row) => {
    const item: unknown[] = [
      row.claimReference, row.accountReference ?? null, row.debtorReference ?? null, row.receeveClaimRef, row.data,
      own(managed, row.managed), own(status, row.status), own(journey, row.journey ?? 'RUNNING'),
      own(createdAt, row.createdAt), own(updatedAt, row.updatedAt), row.resolutionReason ?? null, row.explicitResolution ?? null,
      row.linkGroupId ?? null, row.placedPrincipal ?? null, row.placedCurrency ?? null,
    ];
    let length = item.length;
    while (item[length - 1] === null) length -= 1;
    item.length = length;
    return item;
  }));
  return [payload, managed, status, journey, sharedParameter(createdAt), sharedParameter(updatedAt)];
}

/** The one tenant of a batch of rows (a batch never mixes tenants). */
function tenantOf(rows: readonly NewClaimRow[]): string {
  const tenantId = rows[0]?.tenantId as string;
  if (rows.some((row) => row.tenantId !== tenantId)) throw new Error('insertClaims: rows of more than one tenant');
  return tenantId;
}

/*
 * Rows are inserted (and numbered by `seq`, the creation order get_account_claims pages by) in array order: the
 * function scan returns them so, as the events append relies on too. An ORDER BY on a row number cost a sort of
 * the whole batch, about a fifth of the statement for 1,000 claims.
 */
const INSERT_CLAIMS_TEXT = `INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, resolution_reason,
      explicit_resolution, link_group_id, debtor_reference, receeve_claim_ref, data, journey, created_at, updated_at, resolved_at,
      placed_principal, placed_currency)
    SELECT $1::uuid, claim_reference, account_reference, managed, status, resolution_reason, explicit_resolution,
      link_group_id, debtor_reference, receeve_claim_ref, data, journey, created_at, updated_at,
      CASE WHEN status = 'RESOLVED' THEN updated_at END, placed_principal, placed_currency
    FROM (SELECT m->>0 AS claim_reference, m->>1 AS account_reference, m->>2 AS debtor_reference, m->>3 AS receeve_claim_ref, m->4 AS data,
        coalesce((m->>5)::boolean, $3::boolean) AS managed, coalesce(m->>6, $4::text) AS status, coalesce(m->>7, $5::text) AS journey,
        coalesce((m->>8)::timestamptz, $6::timestamptz) AS created_at, coalesce((m->>9)::timestamptz, $7::timestamptz) AS updated_at,
        m->>10 AS resolution_reason, m->>11 AS explicit_resolution, (m->>12)::uuid AS link_group_id, (m->>13)::bigint AS placed_principal,
        m->>14 AS placed_currency
      FROM jsonb_array_elements($2::jsonb) AS a(m)) AS x`;
const INSERT_CLAIMS: FastStatement = { name: 'servicing_insert_claims_4', text: INSERT_CLAIMS_TEXT };
const INSERT_CLAIMS_SKIPPING_TAKEN: FastStatement = {
  name: 'servicing_insert_claims_skipping_taken_4',
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
    const result = await fastRows<{ claim_reference: string }>(db, statement, [tenantOf(chunk), ...claimPayload(chunk)]);
    if (options.skipTaken) for (const row of result) inserted.add(row.claim_reference);
    else for (const row of chunk) inserted.add(row.claimReference);
  }
  return inserted;
}

/**
 * The writes `insertClaims(…, { skipTaken: true })` does, to send with others (fastWriteAll): `onTaken` is called
 * with the first reference that was skipped as taken, if any.
 */
export function insertClaimsSkippingTakenWrites(rows: readonly NewClaimRow[], onTaken: (reference: string) => void): FastWrite[] {
  const writes: FastWrite[] = [];
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const chunk = rows.slice(offset, offset + 1000);
    writes.push({
      statement: INSERT_CLAIMS_SKIPPING_TAKEN, values: [tenantOf(chunk), ...claimPayload(chunk)],
      onRows: (returned) => {
        const inserted = new Set(returned.map((row) => row.claim_reference));
        const taken = chunk.find((row) => !inserted.has(row.claimReference));
        if (taken) onTaken(taken.claimReference);
      },
    });
  }
  return writes;
}

/**
 * The writes of a plain insert (`insertClaims(…, { skipTaken: false })`), to send with others: a reference taken
 * meanwhile fails the whole statement with a unique violation.
 */
export function insertClaimsWrites(rows: readonly NewClaimRow[]): FastWrite[] {
  const writes: FastWrite[] = [];
  for (let offset = 0; offset < rows.length; offset += 1000) {
    const chunk = rows.slice(offset, offset + 1000);
    writes.push({ statement: INSERT_CLAIMS, values: [tenantOf(chunk), ...claimPayload(chunk)] });
  }
  return writes;
}

const SAVE_DERIVED_CLAIM: FastStatement = {
  name: 'servicing_save_derived_claim',
  text: `UPDATE servicing_claims SET status = $3, resolution_reason = $4, data = $5::jsonb, debtor_reference = $6, updated_at = $7::timestamptz,
      resolved_at = CASE WHEN $3 <> 'RESOLVED' THEN NULL WHEN status = 'RESOLVED' THEN coalesce(resolved_at, $7::timestamptz) ELSE $7::timestamptz END
    WHERE tenant_id = $1::uuid AND claim_reference = $2`,
};

const SAVE_DERIVED_CLAIM_IF_UNCHANGED: FastStatement = {
  name: 'servicing_save_derived_claim_if_unchanged',
  text: `${SAVE_DERIVED_CLAIM.text} AND xmin = $8::text::xid RETURNING 1`,
};

/**
 * The write of what a ledger change derives of a managed claim (status, resolution, data, debtor), to send with
 * others. With `readVersion` (the row's xmin when read without a lock), a compare-and-set (fastWriteAll's `expectRows`).
 */
export function saveDerivedClaimWrite(
  tenantId: string, claimReference: string,
  fields: { status: ClaimRow['status']; resolutionReason: string | null; data: Json; debtorReference: string | null; updatedAt: Date },
  readVersion?: string,
): FastWrite {
  const values = [
    tenantId, claimReference, fields.status, fields.resolutionReason, JSON.stringify(fields.data), fields.debtorReference, fields.updatedAt.toISOString(),
  ];
  return readVersion === undefined
    ? { statement: SAVE_DERIVED_CLAIM, values }
    : { statement: SAVE_DERIVED_CLAIM_IF_UNCHANGED, values: [...values, readVersion], expectRows: 1 };
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
        receeve_claim_ref = x.receeve_claim_ref, data = x.data, journey = x.journey, updated_at = x.updated_at,
        resolved_at = ${RESOLVED_AT_SQL}
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(claim_reference text, account_reference text, status text, resolution_reason text,
        explicit_resolution text, link_group_id uuid, debtor_reference text, receeve_claim_ref text, data jsonb, journey text, updated_at timestamptz)
      WHERE c.tenant_id = ${tenantId}::uuid AND c.claim_reference = x.claim_reference`);
  }
}

/**
 * The resolution instant a write of status `x.status` at `x.updated_at` leaves on the row `c`: kept while the claim
 * stays RESOLVED, the write's instant when it becomes RESOLVED, null when it is (re)opened.
 */
const RESOLVED_AT_SQL = sql.raw(`CASE WHEN x.status <> 'RESOLVED' THEN NULL WHEN c.status = 'RESOLVED' THEN coalesce(c.resolved_at, x.updated_at) ELSE x.updated_at END`);

/** Writes a claim's mutable columns (and its resolution instant, when the status is written). */
export async function saveClaim(db: Executor, tenantId: string, claimReference: string, fields: Partial<NewClaimRow>): Promise<void> {
  const resolvedAt = fields.status === undefined ? {} : {
    resolvedAt: fields.status === 'RESOLVED'
      ? sql`CASE WHEN ${servicingClaims.status} = 'RESOLVED' THEN coalesce(${servicingClaims.resolvedAt}, ${fields.updatedAt ?? null}::timestamptz) ELSE ${fields.updatedAt ?? null}::timestamptz END`
      : null,
  };
  await db.update(servicingClaims).set({ ...fields, ...resolvedAt })
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

/** Claims of a link group. */
export async function claimsInLinkGroups(db: Executor, tenantId: string, groupIds: readonly string[]): Promise<ClaimRow[]> {
  if (groupIds.length === 0) return [];
  return db.select().from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), inArray(servicingClaims.linkGroupId, [...groupIds])));
}

/** The unmanaged claims of an account whose primaryDebtor is the debtor. */
export async function unmanagedClaimsOfDebtor(db: Executor, tenantId: string, accountReference: string, debtorReference: string): Promise<ClaimRow[]> {
  return db.select().from(servicingClaims).where(and(
    eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.accountReference, accountReference),
    eq(servicingClaims.debtorReference, debtorReference), eq(servicingClaims.managed, false),
  ));
}

/** The unmanaged claim held in a row, with the row's status columns. */
export function unmanagedFromRow(row: ClaimRow): UnmanagedClaim {
  const data = row.data as unknown as UnmanagedClaim;
  return {
    ...data,
    claimReference: row.claimReference,
    status: row.status,
    resolutionReason: (row.resolutionReason ?? null) as UnmanagedClaim['resolutionReason'],
    linkGroupId: row.linkGroupId,
  };
}

/** The stored document of an unmanaged claim (status columns live on the row). */
export function unmanagedData(claim: UnmanagedClaim): Json {
  const { status: _status, resolutionReason: _reason, linkGroupId: _link, claimReference: _ref, ...data } = claim;
  return data as unknown as Json;
}
