import { and, asc, desc, eq, gte, inArray, or, sql, sum, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import {
  type CoverPeriod, type CustomerContactFacts, type PolicyFacts, customerContactJsonSql, customerContactOf, policyOfCustomerInCurrencySql, policyWithCoverPeriodsJsonSql,
  policyWithCoverPeriodsOf,
} from '../cover/api.js';
import { type NumberedBuyer, buyerByNumberJsonSql, numberedBuyerOf, ratedBuyerNameSql } from '../risk/api.js';
import { CASE_ENTITY, caseIdOf } from './domain/codes.js';
import { NEXT_LETTER_NUMBER_SQL } from './letters-store.js';
import { nonpaymentCases, nonpaymentClaimHolds, nonpaymentNotes, nonpaymentRecoveries, nonpaymentTransactions } from './schema.js';

export type CaseRow = typeof nonpaymentCases.$inferSelect;
export type NewCaseRow = typeof nonpaymentCases.$inferInsert;
export type TransactionRow = typeof nonpaymentTransactions.$inferSelect;
export type NewTransactionRow = typeof nonpaymentTransactions.$inferInsert;
export type NoteRow = typeof nonpaymentNotes.$inferSelect;
export type NewNoteRow = typeof nonpaymentNotes.$inferInsert;
/** One status change in a case's history (the details' `events[]`, spec §6.2 Event), as its platform event records it. */
export interface CaseEventRow {
  readonly eventType: string;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
  readonly at: Date;
}

/**
 * Inserts a new case unless the (policy, buyer) already has a SUBMITTED or OPEN one (the unique index
 * nonpayment_cases_one_open, which also decides between two concurrent creations): null then.
 */
export async function insertCaseUnlessActive(tx: Transaction, values: NewCaseRow): Promise<CaseRow | null> {
  const [row] = await tx.insert(nonpaymentCases).values(values).onConflictDoNothing().returning();
  return (row as CaseRow | undefined) ?? null;
}

const CASE_COLUMNS = getTableColumns(nonpaymentCases);
const caseUpdates = new Map<string, FastStatement>();

/**
 * The write that sets `set` on the case, to send together with the other writes of its change (fastWriteAll); the
 * caller knows the resulting row (the locked row with `set` applied), so nothing is read back.
 */
export function caseUpdateWrite(row: Pick<CaseRow, 'tenantId' | 'caseNumber'>, set: Partial<NewCaseRow>): FastWrite {
  const keys = (Object.keys(set) as (keyof NewCaseRow)[]).filter((key) => set[key] !== undefined).sort();
  const signature = keys.join(',');
  let statement = caseUpdates.get(signature);
  if (!statement) {
    const assignments = keys.map((key, index) => `"${CASE_COLUMNS[key].name}" = $${index + 3}`).join(', ');
    statement = {
      name: `npc_update:${createHash('sha1').update(signature).digest('hex').slice(0, 16)}`,
      text: `UPDATE nonpayment_cases SET ${assignments} WHERE tenant_id = $1 AND case_number = $2`,
    };
    if (caseUpdates.size < 500) caseUpdates.set(signature, statement);
  }
  const values = keys.map((key) => {
    const value = set[key];
    return value === null ? null : CASE_COLUMNS[key].mapToDriverValue(value);
  });
  return { statement, values: [row.tenantId, row.caseNumber, ...values] };
}

/** A case row as the driver or row_to_json gives it (column names; bigint as text or number, timestamps as text) as drizzle would map it. */
export function caseRowOf(raw: Record<string, unknown>): CaseRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of CASE_COLUMN_ENTRIES) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as CaseRow;
}

const CASE_COLUMN_ENTRIES = Object.entries(CASE_COLUMNS);

/**
 * caseUpdateWrite as the guard of a compare-and-set (fastGuardedWriteAll): it changes the case only while the row is
 * the version read (`version`: its xmin, which every update of the row changes), and returns it then.
 */
export function caseUpdateGuard(row: Pick<CaseRow, 'tenantId' | 'caseNumber'>, version: string, set: Partial<NewCaseRow>): FastWrite {
  const update = caseUpdateWrite(row, set);
  let statement = guardedCaseUpdates.get(update.statement);
  if (!statement) {
    const versionParam = update.values.length + 1;
    statement = { name: `${update.statement.name}:v`, text: `${update.statement.text} AND xmin = $${versionParam}::text::xid RETURNING case_number` };
    if (guardedCaseUpdates.size < 500) guardedCaseUpdates.set(update.statement, statement);
  }
  update.values.push(version);
  return { statement, values: update.values };
}

/** caseUpdateGuard's statement of each (cached) caseUpdateWrite statement, made once. */
const guardedCaseUpdates = new Map<FastStatement, FastStatement>();

const CLAIM_SNAPSHOT: FastStatement = {
  name: 'nonpayment_claim_snapshot',
  // The case as one JSON value (row_to_json): one field to describe and parse instead of one per column.
  text: `SELECT row_to_json(c) AS case_row, c.xmin::text AS row_version,
      ${policyWithCoverPeriodsJsonSql('c.tenant_id', 'c.policy_id', 'c.buyer_id')} AS policy,
      ${customerContactJsonSql('c.tenant_id', 'c.customer_id')} AS customer,
      CASE WHEN $3::boolean AND c.case_status = 'OPEN' AND c.claim_status = 'NOT_CLAIMED' AND c.case_type IN ('COLLECTION', 'MONITOR')
        THEN ${NEXT_LETTER_NUMBER_SQL} END AS letter_number
    FROM nonpayment_cases c WHERE c.tenant_id = $1 AND c.case_number = $2`,
};

/** What a claim on a case rests on, read at once without a lock (see submit-claim-in-one-statement.ts). */
export interface ClaimSnapshot {
  readonly row: CaseRow;
  /** The row's version (xmin), for caseUpdateGuard. */
  readonly version: string;
  readonly cover: { policy: PolicyFacts; periods: CoverPeriod[] } | null;
  readonly customer: CustomerContactFacts | null;
  /** A letter number drawn for the claim's letter when `drawLetterNumber` and the case can take a claim; else null. */
  readonly letterNumber: number | null;
}

/** The tenant's case with its policy, cover periods and customer, in one statement; null when the case is unknown. */
export async function readClaimSnapshot(executor: Executor, tenantId: string, caseNumber: number, drawLetterNumber: boolean): Promise<ClaimSnapshot | null> {
  const [raw] = await fastRows<Record<string, unknown>>(executor, CLAIM_SNAPSHOT, [tenantId, caseNumber, drawLetterNumber]);
  if (!raw) return null;
  return {
    row: caseRowOf((typeof raw.case_row === 'string' ? JSON.parse(raw.case_row) : raw.case_row) as Record<string, unknown>), version: String(raw.row_version), cover: policyWithCoverPeriodsOf(raw.policy), customer: customerContactOf(raw.customer),
    letterNumber: raw.letter_number === null ? null : Number(raw.letter_number),
  };
}

const caseInserts = new Map<string, FastStatement>();

/**
 * A JSON value as a jsonb column stores and answers it: object keys shorter first, then in byte order (PostgreSQL's
 * jsonb order; the last of duplicate keys wins, as JSON.parse leaves them), arrays in their order, scalars as they are.
 */
export function inJsonbOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => inJsonbOrder(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const keys = Object.keys(value).sort((a, b) => (a.length - b.length) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const ordered: Record<string, unknown> = {};
  for (const key of keys) ordered[key] = inJsonbOrder((value as Record<string, unknown>)[key]);
  return ordered as T;
}

/**
 * The row a new case's insert stores (caseInsertGuard's `values`): every column not given takes its default or null,
 * and the jsonb columns their stored key order, so the case is answered exactly as a read of it would answer it.
 */
export function newCaseRowAsStored(values: NewCaseRow & { caseNumber: number }): CaseRow {
  const row: Record<string, unknown> = {};
  for (const { key, json, fallback } of STORED_COLUMNS) {
    const value = (values as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) row[key] = json ? inJsonbOrder(value) : value;
    else row[key] = value === undefined && fallback !== undefined ? inJsonbOrder(fallback) : null;
  }
  return row as CaseRow;
}

/** Each case column as newCaseRowAsStored needs it: a jsonb one, and the default an insert without it stores. */
const STORED_COLUMNS = Object.entries(CASE_COLUMNS).map(([key, column]) => ({
  key, json: column.dataType === 'json', fallback: column.hasDefault ? column.default as unknown : undefined,
}));

/**
 * The guard of a case created in one statement (fastGuardedWriteAll): inserts the case with the number drawn for it
 * unless its (policy, buyer) already has a SUBMITTED or OPEN case (the unique index nonpayment_cases_one_open, which
 * also decides between concurrent creations). Nothing is read back: the row stored is newCaseRowAsStored(values).
 */
export function caseInsertGuard(values: NewCaseRow & { caseNumber: number }): FastWrite {
  const keys = presentCaseKeys(values);
  const statement = cachedCaseInsert(caseInserts, 'npc_insert', keys, () => `INSERT INTO nonpayment_cases (${caseColumnList(keys)}) OVERRIDING SYSTEM VALUE
        VALUES (${keys.map((_, index) => `$${index + 1}`).join(', ')}) ON CONFLICT DO NOTHING RETURNING case_number`);
  return { statement, values: caseDriverValues(keys, values) };
}

const checkedCaseInserts = new Map<string, FastStatement>();

/**
 * caseInsertGuard for a case whose policy and buyer were not read first: the case is inserted only when the tenant's
 * policy is the customer's and in the case's currency and the buyer is known and rated, and takes the buyer's name
 * from the registry as it inserts; its `onRows` gets the row `{ buyer_name }` when it was inserted.
 */
export function checkedCaseInsertGuard(values: Omit<NewCaseRow, 'buyerName'> & { caseNumber: number }, onRows: (rows: Record<string, unknown>[]) => void): FastWrite {
  const keys = presentCaseKeys(values).filter((key) => key !== 'buyerName');
  const param = (key: (typeof keys)[number]) => `$${keys.indexOf(key) + 1}`;
  const statement = cachedCaseInsert(checkedCaseInserts, 'npc_checked_insert', keys, () => `INSERT INTO nonpayment_cases (${caseColumnList(keys)}, "buyer_name") OVERRIDING SYSTEM VALUE
        SELECT ${keys.map((_, index) => `$${index + 1}`).join(', ')}, b.name FROM (SELECT ${ratedBuyerNameSql(`${param('buyerId')}::bigint`)} AS name) b
        WHERE b.name IS NOT NULL AND ${policyOfCustomerInCurrencySql(`${param('tenantId')}::uuid`, `${param('policyId')}::bigint`, `${param('customerId')}::bigint`, `${param('currency')}::text`)}
        ON CONFLICT DO NOTHING RETURNING buyer_name`);
  return { statement, values: caseDriverValues(keys, values), onRows };
}

/** The keys of a new case's values that are set, in a fixed order (the statement's parameters follow it). */
function presentCaseKeys(values: Partial<NewCaseRow>): (keyof NewCaseRow)[] {
  return (Object.keys(values) as (keyof NewCaseRow)[]).filter((key) => values[key] !== undefined).sort();
}

function caseColumnList(keys: readonly (keyof NewCaseRow)[]): string {
  return keys.map((key) => `"${CASE_COLUMNS[key].name}"`).join(', ');
}

/** The prepared insert of one set of keys, made once (at most 100 kept per kind). */
function cachedCaseInsert(cache: Map<string, FastStatement>, kind: string, keys: readonly (keyof NewCaseRow)[], text: () => string): FastStatement {
  const signature = keys.join(',');
  let statement = cache.get(signature);
  if (!statement) {
    statement = { name: `${kind}:${createHash('sha1').update(signature).digest('hex').slice(0, 16)}`, text: text() };
    if (cache.size < 100) cache.set(signature, statement);
  }
  return statement;
}

function caseDriverValues(keys: readonly (keyof NewCaseRow)[], values: Partial<NewCaseRow>): unknown[] {
  return keys.map((key) => {
    const value = values[key];
    return value === null ? null : CASE_COLUMNS[key].mapToDriverValue(value);
  });
}

const CREATION_SNAPSHOT: FastStatement = {
  name: 'nonpayment_creation_snapshot',
  text: `SELECT s.policy, s.buyer,
      CASE WHEN (s.policy->>'customerId')::bigint = $4::bigint AND s.policy->>'currency' = $5::text AND s.buyer IS NOT NULL
        THEN nextval(pg_get_serial_sequence('nonpayment_cases', 'case_number')) END AS case_number
    FROM (SELECT ${policyWithCoverPeriodsJsonSql('$1::uuid', '$2::bigint', '$3::bigint')} AS policy, ${buyerByNumberJsonSql('$3::bigint')} AS buyer OFFSET 0) s`,
};

/** What a new case rests on, read at once without a lock (see create-case-in-one-statement.ts). */
export interface CreationSnapshot {
  readonly cover: { policy: PolicyFacts; periods: CoverPeriod[] } | null;
  readonly buyer: NumberedBuyer | null;
  /** The number drawn for the case when the policy is the customer's, in the currency, and the buyer is known; else null. */
  readonly caseNumber: number | null;
}

/** The tenant's policy with the buyer's cover under it, the registry buyer and a case number, in one statement. */
export async function readCreationSnapshot(
  executor: Executor, tenantId: string, input: { policyId: number; buyerId: number; customerId: number; currency: string },
): Promise<CreationSnapshot> {
  const [raw] = await fastRows<Record<string, unknown>>(executor, CREATION_SNAPSHOT, [tenantId, input.policyId, input.buyerId, input.customerId, input.currency]);
  return {
    cover: policyWithCoverPeriodsOf(raw!.policy), buyer: numberedBuyerOf(raw!.buyer),
    caseNumber: raw!.case_number === null ? null : Number(raw!.case_number),
  };
}

export async function updateCase(tx: Transaction, row: Pick<CaseRow, 'tenantId' | 'caseNumber'>, set: Partial<NewCaseRow>): Promise<CaseRow> {
  const [updated] = await tx.update(nonpaymentCases).set(set)
    .where(and(eq(nonpaymentCases.tenantId, row.tenantId), eq(nonpaymentCases.caseNumber, row.caseNumber))).returning();
  return updated as CaseRow;
}

/** The tenant's case, locked: every change of a case serialises here. Another tenant's case is not found. */
export async function lockCase(tx: Transaction, tenantId: string, caseNumber: number): Promise<CaseRow | null> {
  const [row] = await tx.select().from(nonpaymentCases)
    .where(and(eq(nonpaymentCases.tenantId, tenantId), eq(nonpaymentCases.caseNumber, caseNumber))).for('update');
  return row ?? null;
}

export async function findCase(executor: Executor, tenantId: string, caseNumber: number): Promise<CaseRow | null> {
  const [row] = await executor.select().from(nonpaymentCases)
    .where(and(eq(nonpaymentCases.tenantId, tenantId), eq(nonpaymentCases.caseNumber, caseNumber)));
  return row ?? null;
}

/** The tenant's case carrying `customerRefNumber` (the latest), if any: how a case opened from another face is found again. */
export async function findCaseByCustomerRef(executor: Executor, tenantId: string, customerRefNumber: string): Promise<CaseRow | null> {
  const c = nonpaymentCases;
  const [row] = await executor.select().from(c)
    .where(and(eq(c.tenantId, tenantId), eq(c.customerRefNumber, customerRefNumber))).orderBy(desc(c.caseNumber)).limit(1);
  return row ?? null;
}

/** Those of `customerRefNumbers` that name a case of the tenant. */
export async function customerRefsWithCase(executor: Executor, tenantId: string, customerRefNumbers: readonly string[]): Promise<Set<string>> {
  if (customerRefNumbers.length === 0) return new Set();
  const c = nonpaymentCases;
  const rows = await executor.selectDistinct({ ref: c.customerRefNumber }).from(c)
    .where(and(eq(c.tenantId, tenantId), inArray(c.customerRefNumber, [...customerRefNumbers])));
  return new Set(rows.map((row) => row.ref ?? ''));
}

/** The SUBMITTED or OPEN case of a (policy, buyer), if any. */
export async function findActiveCase(executor: Executor, tenantId: string, policyId: number, buyerId: number): Promise<CaseRow | null> {
  const c = nonpaymentCases;
  const [row] = await executor.select().from(c)
    .where(and(eq(c.tenantId, tenantId), eq(c.policyId, policyId), eq(c.buyerId, buyerId), inArray(c.caseStatus, ['SUBMITTED', 'OPEN'])));
  return row ?? null;
}

const INSERT_TRANSACTIONS: FastStatement = {
  name: 'nonpayment_transactions_insert_many',
  text: `INSERT INTO nonpayment_case_transactions (tenant_id, case_number, transaction_type, document_number, document_date, due_date, period,
      gross_amount, net_amount, outstanding_amount, description, created_at)
    SELECT $1::uuid, $2::bigint, t.transaction_type, t.document_number, t.document_date, t.due_date, t.period, t.gross_amount, t.net_amount,
      t.outstanding_amount, t.description, $3::timestamptz
    FROM jsonb_to_recordset($4::jsonb) AS t(n integer, transaction_type text, document_number text, document_date text, due_date text, period text,
      gross_amount bigint, net_amount bigint, outstanding_amount bigint, description text)
    ORDER BY t.n`,
};

type TransactionValues = Pick<NewTransactionRow, 'transactionType' | 'documentNumber' | 'documentDate' | 'dueDate' | 'period' | 'grossAmount' | 'netAmount' | 'outstandingAmount' | 'description'>;

/** A case's new transactions in one statement (numbered in the order given), for fastWriteAll. */
export function transactionsWrite(tenantId: string, caseNumber: number, now: Date, rows: readonly TransactionValues[]): FastWrite {
  return {
    statement: INSERT_TRANSACTIONS,
    values: [tenantId, caseNumber, now.toISOString(), JSON.stringify(rows.map((t, n) => ({
      n, transaction_type: t.transactionType, document_number: t.documentNumber, document_date: t.documentDate, due_date: t.dueDate ?? null,
      period: t.period ?? null, gross_amount: t.grossAmount, net_amount: t.netAmount ?? null, outstanding_amount: t.outstandingAmount, description: t.description ?? null,
    })))],
  };
}

const INSERT_NOTES: FastStatement = {
  name: 'nonpayment_notes_insert_many',
  text: `INSERT INTO nonpayment_case_notes (tenant_id, case_number, text, category, author, created_at)
    SELECT $1::uuid, $2::bigint, n.text, n.category, n.author, $3::timestamptz
    FROM jsonb_to_recordset($4::jsonb) AS n(n integer, text text, category text, author text)
    ORDER BY n.n`,
};

/** A case's new notes in one statement (numbered in the order given), for fastWriteAll. */
export function notesWrite(tenantId: string, caseNumber: number, now: Date, rows: readonly Pick<NewNoteRow, 'text' | 'category' | 'author'>[]): FastWrite {
  return {
    statement: INSERT_NOTES,
    values: [tenantId, caseNumber, now.toISOString(), JSON.stringify(rows.map((note, n) => ({ n, text: note.text, category: note.category, author: note.author })))],
  };
}

export async function insertTransactions(tx: Transaction, rows: NewTransactionRow[]): Promise<TransactionRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(nonpaymentTransactions).values(rows).returning();
}

export async function insertNotes(tx: Transaction, rows: NewNoteRow[]): Promise<NoteRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(nonpaymentNotes).values(rows).returning();
}

/** Decision: at most this many children of one kind per case are kept and shown (TIGER_STYLE: a limit on everything). */
export const MAX_CHILDREN = 5000;

export async function transactionsOf(executor: Executor, tenantId: string, caseNumber: number): Promise<TransactionRow[]> {
  const t = nonpaymentTransactions;
  return executor.select().from(t).where(and(eq(t.tenantId, tenantId), eq(t.caseNumber, caseNumber))).orderBy(asc(t.transactionNumber)).limit(MAX_CHILDREN);
}

export async function notesOf(executor: Executor, tenantId: string, caseNumber: number): Promise<NoteRow[]> {
  const n = nonpaymentNotes;
  return executor.select().from(n).where(and(eq(n.tenantId, tenantId), eq(n.caseNumber, caseNumber))).orderBy(asc(n.noteNumber)).limit(MAX_CHILDREN);
}

/**
 * SQL for the wire case id (NP-000042, caseIdOf) of the case number `caseNumber`: the entity id of the case's events.
 */
export function caseIdSql(caseNumber: string): string {
  return `('NP-' || CASE WHEN ${caseNumber} < 1000000 THEN lpad(${caseNumber}::text, 6, '0') ELSE ${caseNumber}::text END)`;
}

export const CASE_HISTORY: FastStatement = {
  name: 'nonpayment_case_history',
  // The case's platform events are its history: every status change writes one (caseChangesWrites), whose data has its
  // from and to; the case's other events (a recovery split) have neither.
  text: `SELECT e.type AS event_type, e.data->>'from' AS from_status, e.data->>'to' AS to_status, e.occurred_at AS at
    FROM events e WHERE e.tenant_id = $1 AND e.entity_type = '${CASE_ENTITY}' AND e.entity_id = $2 AND e.data ? 'to'
    ORDER BY e.id LIMIT ${MAX_CHILDREN}`,
};

/** The case's status changes, oldest first. */
export async function caseEventsOf(executor: Executor, tenantId: string, caseNumber: number): Promise<CaseEventRow[]> {
  const rows = await fastRows<{ event_type: string; from_status: string | null; to_status: string | null; at: Date | string }>(
    executor, CASE_HISTORY, [tenantId, caseIdOf(caseNumber)]);
  return rows.map((row) => ({ eventType: row.event_type, fromStatus: row.from_status, toStatus: row.to_status, at: new Date(row.at) }));
}

export async function countChildren(executor: Executor, tenantId: string, caseNumber: number): Promise<{ transactions: number; notes: number }> {
  const [t] = await executor.select({ n: sql<number>`count(*)::int` }).from(nonpaymentTransactions)
    .where(and(eq(nonpaymentTransactions.tenantId, tenantId), eq(nonpaymentTransactions.caseNumber, caseNumber)));
  const [n] = await executor.select({ n: sql<number>`count(*)::int` }).from(nonpaymentNotes)
    .where(and(eq(nonpaymentNotes.tenantId, tenantId), eq(nonpaymentNotes.caseNumber, caseNumber)));
  return { transactions: Number(t?.n ?? 0), notes: Number(n?.n ?? 0) };
}

export interface CaseFilter {
  readonly tenantId: string;
  readonly customerId?: number | undefined;
  readonly policyId?: number | undefined;
  readonly buyerId?: number | undefined;
  readonly caseType?: string | undefined;
  readonly caseStatus?: string | undefined;
  readonly claimStatus?: string | undefined;
  readonly openOnly?: boolean | undefined;
  readonly updatedSince?: Date | undefined;
  readonly customerRefNumber?: string | undefined;
  readonly page?: { readonly page: number; readonly pageSize: number } | undefined;
}

/** Decision: without paging a listing answers at most this many cases (paging reaches the rest). */
export const UNPAGED_CASE_LIMIT = 10_000;

function filterConditions(filter: CaseFilter): SQL[] {
  const c = nonpaymentCases;
  const conditions: (SQL | undefined)[] = [
    eq(c.tenantId, filter.tenantId),
    filter.customerId === undefined ? undefined : eq(c.customerId, filter.customerId),
    filter.policyId === undefined ? undefined : eq(c.policyId, filter.policyId),
    filter.buyerId === undefined ? undefined : eq(c.buyerId, filter.buyerId),
    filter.caseType === undefined ? undefined : sql`${c.caseType} = ${filter.caseType}`,
    filter.caseStatus === undefined ? undefined : sql`${c.caseStatus} = ${filter.caseStatus}`,
    filter.claimStatus === undefined ? undefined : sql`${c.claimStatus} = ${filter.claimStatus}`,
    filter.openOnly ? eq(c.caseStatus, 'OPEN') : undefined,
    filter.updatedSince === undefined ? undefined : gte(c.updatedAt, filter.updatedSince),
    filter.customerRefNumber === undefined ? undefined : eq(c.customerRefNumber, filter.customerRefNumber),
  ];
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

/** Newest case first; with paging, the total count too. */
export async function listCaseRows(executor: Executor, filter: CaseFilter): Promise<{ rows: CaseRow[]; totalItems: number | null }> {
  const where = and(...filterConditions(filter));
  const query = executor.select().from(nonpaymentCases).where(where).orderBy(desc(nonpaymentCases.caseNumber));
  if (!filter.page) return { rows: await query.limit(UNPAGED_CASE_LIMIT), totalItems: null };
  const rows = await query.limit(filter.page.pageSize).offset((filter.page.page - 1) * filter.page.pageSize);
  const [count] = await executor.select({ n: sql<number>`count(*)::int` }).from(nonpaymentCases).where(where);
  return { rows, totalItems: Number(count?.n ?? 0) };
}

/** The tenant's cases with a timer due at `now` (tenant time), oldest first. */
export async function dueCaseNumbers(executor: Executor, tenantId: string, now: Date, limit: number): Promise<number[]> {
  const c = nonpaymentCases;
  const due = (column: typeof c.eligibilityDueAt) => sql`${column} <= ${now.toISOString()}::timestamptz`;
  const rows = await executor.select({ caseNumber: c.caseNumber }).from(c).where(and(eq(c.tenantId, tenantId), or(
    due(c.eligibilityDueAt), due(c.documentsDueAt), due(c.assessmentDueAt), due(c.lossDueAt), due(c.paymentDueAt), due(c.legalDueAt),
  ))).orderBy(asc(c.caseNumber)).limit(limit);
  return rows.map((row) => row.caseNumber);
}

export type RecoveryRow = typeof nonpaymentRecoveries.$inferSelect;

/** Everything recovered on the case after its indemnity so far, in minor units. */
export async function recoveredAfterIndemnity(executor: Executor, tenantId: string, caseNumber: number): Promise<number> {
  const r = nonpaymentRecoveries;
  const [row] = await executor.select({ total: sum(r.amount) }).from(r).where(and(eq(r.tenantId, tenantId), eq(r.caseNumber, caseNumber)));
  return Number(row?.total ?? 0);
}

/** Inserts the recovery unless its source payment is already recorded; whether it was inserted. */
export async function insertRecoveryOnce(tx: Transaction, values: typeof nonpaymentRecoveries.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(nonpaymentRecoveries).values(values).onConflictDoNothing().returning({ recoveryNumber: nonpaymentRecoveries.recoveryNumber });
  return rows.length > 0;
}

export async function recoveriesOf(executor: Executor, tenantId: string, caseNumber: number): Promise<RecoveryRow[]> {
  const r = nonpaymentRecoveries;
  return executor.select().from(r).where(and(eq(r.tenantId, tenantId), eq(r.caseNumber, caseNumber))).orderBy(asc(r.recoveryNumber)).limit(MAX_CHILDREN);
}

/** Takes the case's hold on its buyer's open claims; whether it was taken now (false: already held). */
export async function takeClaimHold(tx: Transaction, tenantId: string, caseNumber: number, now: Date): Promise<boolean> {
  const rows = await tx.insert(nonpaymentClaimHolds).values({ tenantId, caseNumber, heldAt: now }).onConflictDoNothing().returning({ caseNumber: nonpaymentClaimHolds.caseNumber });
  return rows.length > 0;
}

/** Releases the case's hold; whether it was held until now. */
export async function releaseClaimHold(tx: Transaction, tenantId: string, caseNumber: number): Promise<boolean> {
  const h = nonpaymentClaimHolds;
  const rows = await tx.delete(h).where(and(eq(h.tenantId, tenantId), eq(h.caseNumber, caseNumber))).returning({ caseNumber: h.caseNumber });
  return rows.length > 0;
}

/** The cases holding an open claim on their buyer, with when the hold was taken, oldest first. */
export async function heldClaimCases(executor: Executor, tenantId: string, limit: number): Promise<{ row: CaseRow; heldAt: Date }[]> {
  const h = nonpaymentClaimHolds;
  const rows = await executor.select({ row: nonpaymentCases, heldAt: h.heldAt }).from(h)
    .innerJoin(nonpaymentCases, eq(nonpaymentCases.caseNumber, h.caseNumber))
    .where(eq(h.tenantId, tenantId)).orderBy(asc(h.heldAt), asc(h.caseNumber)).limit(limit);
  return rows;
}
