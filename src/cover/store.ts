import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import { executeRaw } from '../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import { eventRowsInsertSql } from '../platform/events/append.js';
import { coverCustomers, coverPolicies, coverVersions } from './schema.js';

export type CoverVersionRow = typeof coverVersions.$inferSelect;
export type NewCoverVersion = typeof coverVersions.$inferInsert;
export type PolicyRow = typeof coverPolicies.$inferSelect;
export type NewPolicy = typeof coverPolicies.$inferInsert;
export type CustomerRow = typeof coverCustomers.$inferSelect;

// --- customers and policies ----------------------------------------------------------------------------------

export async function findCustomer(executor: Executor, tenantId: string, customerId: number): Promise<CustomerRow | null> {
  const [row] = await executor.select().from(coverCustomers)
    .where(and(eq(coverCustomers.tenantId, tenantId), eq(coverCustomers.customerId, customerId)));
  return row ?? null;
}

export async function insertCustomer(executor: Executor, values: { tenantId: string; name: string; email?: string | null; country?: string | null; demo?: boolean; createdAt: Date }): Promise<CustomerRow> {
  const [row] = await executor.insert(coverCustomers).values(values).returning();
  return row as CustomerRow;
}

/** The tenant's demo customer, created once (concurrent first calls agree on one); null when it already existed. */
export async function insertDemoCustomerOnce(executor: Executor, tenantId: string, now: Date): Promise<number | null> {
  const rows = await executeRaw(executor,
    `INSERT INTO cover_customers (tenant_id, name, demo, created_at) VALUES ($1, 'Demo Exporter AB', true, $2)
     ON CONFLICT (tenant_id) WHERE demo DO NOTHING RETURNING customer_id`, [tenantId, now.toISOString()]) as { customer_id: number | string }[];
  return rows[0] ? Number(rows[0].customer_id) : null;
}

export async function findPolicy(executor: Executor, tenantId: string, policyId: number): Promise<PolicyRow | null> {
  const [row] = await executor.select().from(coverPolicies)
    .where(and(eq(coverPolicies.tenantId, tenantId), eq(coverPolicies.policyId, policyId)));
  return row ?? null;
}

export async function lockPolicy(tx: Transaction, tenantId: string, policyId: number): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(coverPolicies)
    .where(and(eq(coverPolicies.tenantId, tenantId), eq(coverPolicies.policyId, policyId))).for('update');
  return row ?? null;
}

export async function insertPolicy(executor: Executor, values: NewPolicy): Promise<PolicyRow> {
  const [row] = await executor.insert(coverPolicies).values(values).returning();
  return row as PolicyRow;
}

export async function updatePolicy(executor: Executor, tenantId: string, policyId: number, set: Partial<NewPolicy>): Promise<PolicyRow | null> {
  const [row] = await executor.update(coverPolicies).set(set)
    .where(and(eq(coverPolicies.tenantId, tenantId), eq(coverPolicies.policyId, policyId))).returning();
  return row ?? null;
}

export async function listCustomersWithPolicies(executor: Executor, tenantId: string): Promise<{ customer: CustomerRow; policies: PolicyRow[] }[]> {
  const customers = await executor.select().from(coverCustomers).where(eq(coverCustomers.tenantId, tenantId)).orderBy(asc(coverCustomers.customerId)).limit(1000);
  const policies = await executor.select().from(coverPolicies).where(eq(coverPolicies.tenantId, tenantId)).orderBy(asc(coverPolicies.policyId)).limit(10_000);
  return customers.map((customer) => ({ customer, policies: policies.filter((policy) => policy.customerId === customer.customerId) }));
}

// --- cover versions ------------------------------------------------------------------------------------------

export async function insertVersion(tx: Transaction, values: NewCoverVersion): Promise<CoverVersionRow> {
  const [row] = await tx.insert(coverVersions).values(values).returning();
  return row as CoverVersionRow;
}

export async function updateVersion(tx: Transaction, coverId: number, set: Partial<NewCoverVersion>): Promise<CoverVersionRow> {
  const [row] = await tx.update(coverVersions).set(set).where(eq(coverVersions.coverId, coverId)).returning();
  return row as CoverVersionRow;
}

/**
 * A live version of a position is found through the position's two unique partial indexes (live_position and
 * open_supersede): `historic_code IS NULL` alone matches neither predicate, and the planner then walks the policy's whole
 * live portfolio (or the table) for one position; stating both halves of open_supersede lets it OR the two index probes.
 */
const LIVE_ON_POSITION_SQL = 'historic_code IS NULL AND (open_supersede OR NOT open_supersede)';

/** The live versions of a (policy, buyer), locked: every change of the position serialises here. */
export async function lockLiveVersions(tx: Transaction, tenantId: string, policyId: number, buyerId: number): Promise<CoverVersionRow[]> {
  return tx.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), eq(coverVersions.policyId, policyId), eq(coverVersions.buyerId, buyerId), sql.raw(LIVE_ON_POSITION_SQL)))
    .orderBy(asc(coverVersions.coverId))
    .for('update');
}

export async function lockVersion(tx: Transaction, tenantId: string, coverId: number): Promise<CoverVersionRow | null> {
  const [row] = await tx.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), eq(coverVersions.coverId, coverId))).for('update');
  return row ?? null;
}

export async function findVersion(executor: Executor, tenantId: string, coverId: number): Promise<CoverVersionRow | null> {
  const [row] = await executor.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), eq(coverVersions.coverId, coverId)));
  return row ?? null;
}

export type Listing = 'portfolio' | 'decisions' | 'applications' | 'historic' | 'bulk';

export interface ListingFilter {
  readonly tenantId: string;
  readonly listing: Listing;
  readonly customerId?: number;
  readonly policyId?: number;
  readonly buyerId?: number;
  readonly coverType?: string;
  readonly decisionCode?: string;
  readonly customerRefNumber?: string;
  /** Decisions only: NEW (the position's first decision since `from`) or UPDATED (it had one before). */
  readonly changeType?: 'NEW' | 'UPDATED';
  readonly from?: Date;
  readonly to?: Date;
  readonly page?: { readonly page: number; readonly pageSize: number };
  /**
   * Keyset paging: the page starts after this cover (the last item of the previous page) in the listing's order,
   * instead of at an offset, so a page deep in a large portfolio costs what the first one does.
   */
  readonly after?: number;
}

/** Decision: without paging a listing answers at most this many versions (TIGER_STYLE); paging reaches the rest. */
export const UNPAGED_LISTING_LIMIT = 10_000;

function listingConditions(filter: ListingFilter): SQL[] {
  const v = coverVersions;
  const conditions: (SQL | undefined)[] = [
    eq(v.tenantId, filter.tenantId),
    filter.customerId === undefined ? undefined : eq(v.customerId, filter.customerId),
    filter.policyId === undefined ? undefined : eq(v.policyId, filter.policyId),
    filter.buyerId === undefined ? undefined : eq(v.buyerId, filter.buyerId),
    filter.coverType === undefined ? undefined : eq(v.coverType, filter.coverType as CoverVersionRow['coverType']),
    filter.decisionCode === undefined ? undefined : eq(v.decisionCode, filter.decisionCode),
    filter.customerRefNumber === undefined ? undefined : eq(v.customerRefNumber, filter.customerRefNumber),
  ];
  switch (filter.listing) {
    case 'portfolio':
      conditions.push(isNull(v.historicCode), filter.from && gte(v.updatedAt, filter.from), filter.to && lte(v.updatedAt, filter.to));
      break;
    case 'bulk':
      conditions.push(isNull(v.historicCode));
      break;
    case 'decisions':
      conditions.push(eq(v.coverStatus, 'DECISION'), isNotNull(v.decisionDate), filter.from && gte(v.decisionDate, filter.from), filter.to && lte(v.decisionDate, filter.to));
      if (filter.changeType && filter.from) conditions.push(decidedBefore(filter.from, filter.changeType === 'UPDATED'));
      break;
    case 'applications':
      conditions.push(isNull(v.historicCode), eq(v.coverStatus, 'REFERRED'), filter.from && gte(v.applicationDate, filter.from), filter.to && lte(v.applicationDate, filter.to));
      break;
    case 'historic':
      conditions.push(isNotNull(v.historicCode), filter.from && gte(v.endedAt, filter.from), filter.to && lte(v.endedAt, filter.to));
      break;
  }
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

function decidedBefore(from: Date, wanted: boolean): SQL {
  const earlier = sql`exists (select 1 from cover_versions o where o.tenant_id = ${coverVersions.tenantId} and o.policy_id = ${coverVersions.policyId}
    and o.buyer_id = ${coverVersions.buyerId} and o.decision_date < ${from.toISOString()}::timestamptz)`;
  return wanted ? earlier : sql`not ${earlier}`;
}

interface OrderTerm {
  readonly column: typeof coverVersions.coverId | typeof coverVersions.listedAt | typeof coverVersions.decisionDate | typeof coverVersions.applicationDate | typeof coverVersions.endedAt;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** Each listing's order, with nulls placed as the index that serves it holds them (PostgreSQL's default otherwise). */
function listingOrder(listing: Listing): OrderTerm[] {
  const v = coverVersions;
  const asc = (column: OrderTerm['column']): OrderTerm => ({ column, descending: false, nullsFirst: false });
  const desc = (column: OrderTerm['column'], nullsFirst = true): OrderTerm => ({ column, descending: true, nullsFirst });
  switch (listing) {
    case 'portfolio': return [desc(v.listedAt, false), desc(v.coverId, false)];
    case 'decisions': return [desc(v.decisionDate), desc(v.coverId)];
    case 'applications': return [asc(v.applicationDate), asc(v.coverId)];
    case 'historic': return [desc(v.endedAt), desc(v.coverId)];
    case 'bulk': return [asc(v.coverId)];
  }
}

function orderSql(term: OrderTerm): SQL {
  return sql`${term.column} ${sql.raw(term.descending ? 'desc' : 'asc')} ${sql.raw(term.nullsFirst ? 'nulls first' : 'nulls last')}`;
}

/**
 * A listing page. Decision: ids first, rows second (a deferred join): the page's offset and the count then walk only
 * the live-portfolio indexes (index-only scans), and just the page's rows are read from the table. When the total
 * comes from cover_live_counts (before the page), a page in the second half is read from the far end of the index,
 * so no page walks past more than half the portfolio.
 */
export async function listVersions(executor: Executor, filter: ListingFilter): Promise<{ rows: CoverVersionRow[]; totalItems: number | null }> {
  const where = and(...listingConditions(filter));
  const key = filter.page ? liveCountKey(filter) : null;
  const counted = key ? await countLive(executor, key) : null;
  const window = filter.after === undefined ? pageWindow(filter.page, counted) : { offset: 0, limit: filter.page?.pageSize ?? 100, fromEnd: false };
  const order = listingOrder(filter.listing);
  const pageWhere = filter.after === undefined ? where : and(where, afterCover(filter.tenantId, filter.after, order));
  // The page's ids walked in the index (from whichever end is nearer), the rows read for those ids only, in one statement.
  const pageIds = executor.select({ coverId: coverVersions.coverId }).from(coverVersions).where(pageWhere)
    .orderBy(...(window.fromEnd ? order.map(reversed) : order).map(orderSql)).limit(window.limit).offset(window.offset);
  const rows = window.limit === 0 ? [] : await executor.select().from(coverVersions).where(inArray(coverVersions.coverId, pageIds)).orderBy(...order.map(orderSql));
  if (!filter.page) return { rows, totalItems: null };
  if (counted !== null) return { rows, totalItems: counted };
  const [count] = await executor.select({ n: sql<number>`count(*)::int` }).from(coverVersions).where(where);
  return { rows, totalItems: Number(count?.n ?? 0) };
}

/** The amounts granted on a listing's covers (first and second amount), per currency, as integer minor units. */
export async function grantedTotals(executor: Executor, filter: ListingFilter): Promise<{ currency: string; amount: number }[]> {
  const v = coverVersions;
  const rows = await executor.select({ currency: v.currency, amount: sql<string>`sum(${v.firstAmount} + ${v.secondAmount})::text` })
    .from(v).where(and(...listingConditions(filter))).groupBy(v.currency).orderBy(v.currency);
  return rows.map((row) => ({ currency: row.currency, amount: Number(row.amount) }));
}

/**
 * The rows after cover `after` in the listing's order: one row comparison of the order's columns with that cover's,
 * which the index of the order serves as its start key. Every order's columns run in one direction and hold no nulls
 * on the rows their listing shows. A cover of another tenant matches nothing.
 */
function afterCover(tenantId: string, after: number, order: readonly OrderTerm[]): SQL {
  const columns = sql.join(order.map((term) => term.column), sql`, `);
  const names = sql.raw(order.map((term) => `a.${term.column.name}`).join(', '));
  const comparison = sql.raw(order[0]!.descending ? '<' : '>');
  return sql`(${columns}) ${comparison} (select ${names} from cover_versions a where a.tenant_id = ${tenantId} and a.cover_id = ${after})`;
}

interface PageWindow {
  readonly offset: number;
  readonly limit: number;
  /** Read in the reverse order, `offset` counted from the last row. */
  readonly fromEnd: boolean;
}

function pageWindow(page: ListingFilter['page'], total: number | null): PageWindow {
  if (!page) return { offset: 0, limit: UNPAGED_LISTING_LIMIT, fromEnd: false };
  const offset = (page.page - 1) * page.pageSize;
  if (total === null || offset + page.pageSize / 2 <= total / 2) return { offset, limit: page.pageSize, fromEnd: false };
  const end = Math.min(offset + page.pageSize, total);
  return { offset: total - end, limit: Math.max(0, end - offset), fromEnd: true };
}

/** The same order walked from the other end: `a desc nulls last` becomes `a asc nulls first`. */
function reversed(term: OrderTerm): OrderTerm {
  return { column: term.column, descending: !term.descending, nullsFirst: !term.nullsFirst };
}

export interface LiveCountKey {
  readonly tenantId: string;
  readonly policyId?: number;
  readonly customerId?: number;
}

/** The listings cover_live_counts can count: a policy's or customer's whole live portfolio, with no other filter. */
export function liveCountKey(filter: ListingFilter): LiveCountKey | null {
  if (filter.listing !== 'portfolio' && filter.listing !== 'bulk') return null;
  if (filter.listing === 'portfolio' && (filter.from || filter.to)) return null;
  const narrowed = [filter.buyerId, filter.coverType, filter.decisionCode, filter.customerRefNumber].some((value) => value !== undefined);
  if (narrowed || (filter.policyId === undefined && filter.customerId === undefined)) return null;
  return { tenantId: filter.tenantId, policyId: filter.policyId, customerId: filter.customerId };
}

/** Above this many +1/−1 rows for a key beyond one per (policy, bucket), a count folds them. */
export const LIVE_COUNT_FOLD_AT = 32;

/** A cover_live_counts row counts the live versions of one bucket of coverIds: `cover_id >> COVER_ID_BUCKET_BITS` (migration 0031). */
export const COVER_ID_BUCKET_BITS = 10;

/**
 * cover_listed_counts' two spans (migration 0035): a row counts the live versions whose listing time lies in one bucket of
 * `floor(epoch seconds of listed_at) >> span` seconds; a coarse bucket holds 2^(COARSE − FINE) fine ones.
 */
export const LISTED_FINE_BITS = 10;
export const LISTED_COARSE_BITS = 20;

/**
 * The number of live versions of a policy or customer: the sum of its cover_live_counts rows (see schema.ts), and how
 * many rows it summed beyond one per (policy, bucket) (`surplus`: rows a fold would merge).
 */
export function liveCountColumns(liveAs: string): string {
  return `coalesce(sum(live), 0)::bigint AS ${liveAs}, (count(*) - count(DISTINCT (policy_id, bucket)))::int AS surplus`;
}

/** The number of live versions of a policy or customer (see liveCountColumns); folds its rows when they pile up. */
export async function countLive(executor: Executor, key: LiveCountKey): Promise<number> {
  const { where, values } = liveCountWhere(key);
  const [summed] = await executeRaw(executor, `SELECT ${liveCountColumns('live')} FROM cover_live_counts WHERE ${where}`, values) as { live: number | string; surplus: number }[];
  if (Number(summed?.surplus ?? 0) > LIVE_COUNT_FOLD_AT) await foldLiveCounts(executor, key);
  return Number(summed?.live ?? 0);
}

/**
 * Replaces a key's rows by one row per (policy, customer, bucket) holding their sum (none where it is 0), in one
 * statement, in cover_live_counts and cover_listed_counts (per span) alike. Rows another fold holds are skipped, not
 * waited for: each row is folded by exactly one statement, so the sums stay exact and two folds never wait on or
 * deadlock with each other. Rows of writers not yet committed are not seen and stay.
 */
export async function foldLiveCounts(executor: Executor, key: LiveCountKey): Promise<void> {
  const { where, values } = liveCountWhere(key);
  await executeRaw(executor, `WITH gone AS (
      DELETE FROM cover_live_counts WHERE ctid = ANY(ARRAY(SELECT ctid FROM cover_live_counts WHERE ${where} FOR UPDATE SKIP LOCKED))
      RETURNING tenant_id, policy_id, customer_id, bucket, live),
    folded AS (
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live)
      SELECT tenant_id, policy_id, customer_id, bucket, sum(live)::bigint FROM gone GROUP BY tenant_id, policy_id, customer_id, bucket
      HAVING sum(live) <> 0),
    listed_gone AS (
      DELETE FROM cover_listed_counts WHERE ctid = ANY(ARRAY(SELECT ctid FROM cover_listed_counts WHERE ${where} FOR UPDATE SKIP LOCKED))
      RETURNING tenant_id, policy_id, customer_id, span, bucket, live)
    INSERT INTO cover_listed_counts (tenant_id, policy_id, customer_id, span, bucket, live)
    SELECT tenant_id, policy_id, customer_id, span, bucket, sum(live)::bigint FROM listed_gone GROUP BY tenant_id, policy_id, customer_id, span, bucket
    HAVING sum(live) <> 0`, values);
}

function liveCountWhere(key: LiveCountKey): { where: string; values: unknown[] } {
  const values: unknown[] = [key.tenantId];
  const conditions = ['tenant_id = $1'];
  if (key.policyId !== undefined) conditions.push(`policy_id = $${values.push(key.policyId)}`);
  if (key.customerId !== undefined) conditions.push(`customer_id = $${values.push(key.customerId)}`);
  return { where: conditions.join(' AND '), values };
}

/** For changeType: which of these (policy, buyer) positions had a decision before `from`. */
export async function positionsDecidedBefore(executor: Executor, tenantId: string, coverIds: readonly number[], from: Date): Promise<Set<string>> {
  if (coverIds.length === 0) return new Set();
  const rows = await executeRaw(executor,
    `SELECT DISTINCT o.policy_id, o.buyer_id FROM cover_versions v JOIN cover_versions o
       ON o.tenant_id = v.tenant_id AND o.policy_id = v.policy_id AND o.buyer_id = v.buyer_id
     WHERE v.tenant_id = $1 AND v.cover_id = ANY($2::bigint[]) AND o.decision_date < $3`,
    [tenantId, `{${coverIds.join(',')}}`, from.toISOString()]) as { policy_id: number | string; buyer_id: number | string }[];
  return new Set(rows.map((row) => `${row.policy_id}:${row.buyer_id}`));
}

export async function referredQueue(executor: Executor, tenantId: string, limit: number): Promise<CoverVersionRow[]> {
  return executor.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), eq(coverVersions.coverStatus, 'REFERRED'), isNull(coverVersions.historicCode)))
    .orderBy(asc(coverVersions.applicationDate), asc(coverVersions.coverId)).limit(limit);
}

export async function liveVersionsOnBuyers(executor: Executor, tenantId: string, buyerIds: readonly number[]): Promise<CoverVersionRow[]> {
  if (buyerIds.length === 0) return [];
  return executor.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), inArray(coverVersions.buyerId, [...buyerIds]), isNull(coverVersions.historicCode)));
}

export async function buyerIdsWithLiveCover(executor: Executor, tenantId: string, customerId: number | undefined): Promise<number[]> {
  const rows = await executor.selectDistinct({ buyerId: coverVersions.buyerId }).from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), isNull(coverVersions.historicCode),
      customerId === undefined ? undefined : eq(coverVersions.customerId, customerId)))
    .limit(UNPAGED_LISTING_LIMIT);
  return rows.map((row) => Number(row.buyerId));
}

// --- a first application in one statement (see apply-for-cover-in-one-statement.ts) ---------------------------

/**
 * The next coverId, from the identity sequence named in its migration: `pg_get_serial_sequence` would look the
 * sequence up in the catalogues on every call (about 15 µs of PostgreSQL CPU, against 1 µs for the named sequence).
 */
const NEXT_COVER_ID_SQL = `nextval('cover_versions_cover_id_seq'::regclass)`;

const APPLICATION_SNAPSHOT: FastStatement = {
  name: 'cover_application_snapshot',
  text: `SELECT ${NEXT_COVER_ID_SQL} AS next_cover_id,
      p.policy_id, p.tenant_id, p.customer_id, p.status, p.currency, p.start_date, p.expiry_date, p.insured_percentage,
      p.discretionary_limit, p.max_extension_days, p.credit_check_amount, p.auto_decision_max, p.allowed_buyer_countries, p.created_at,
      b.country, b.registry_id, b.name, b.rating, b.updated_at AS buyer_updated_at, e.exposure, e.open_claims,
      EXISTS (SELECT 1 FROM cover_versions v WHERE v.tenant_id = $1::uuid AND v.policy_id = $2::bigint AND v.buyer_id = $3::bigint
        AND ${LIVE_ON_POSITION_SQL}) AS live_position
    FROM (SELECT 1) AS one
    LEFT JOIN cover_policies p ON p.tenant_id = $1::uuid AND p.policy_id = $2::bigint
    LEFT JOIN LATERAL (SELECT rb.country, rb.registry_id, rb.name, rb.rating, rb.updated_at FROM risk_buyer_numbers n
      JOIN risk_buyers rb ON rb.country = n.country AND rb.registry_id = n.registry_id WHERE n.buyer_id = $3::bigint LIMIT 1) AS b ON true
    LEFT JOIN risk_exposure e ON e.book_id = $4::uuid AND e.country = b.country AND e.registry_id = b.registry_id`,
};

interface ApplicationSnapshotRow {
  next_cover_id: string | number;
  policy_id: string | number | null; tenant_id: string; customer_id: string | number; status: PolicyRow['status']; currency: string;
  start_date: string; expiry_date: string; insured_percentage: number; discretionary_limit: string | number; max_extension_days: number;
  credit_check_amount: string | number; auto_decision_max: string | number; allowed_buyer_countries: string[] | null; created_at: Date | string;
  country: string | null; registry_id: string; name: string; rating: number; buyer_updated_at: Date | string;
  exposure: string | number | null; open_claims: string | number | null; live_position: boolean;
}

/** What a first application on (policy, buyer) rests on, read without locks; `coverId` is reserved for it. */
export interface ApplicationSnapshot {
  readonly coverId: number;
  readonly policy: PolicyRow | null;
  readonly buyer: { country: string; registryId: string; name: string; rating: number; updatedAt: Date } | null;
  /** The buyer's exposure row; null when the buyer is new to the book. */
  readonly exposure: { exposure: number; openClaims: number } | null;
  readonly livePosition: boolean;
}

export async function readApplicationSnapshot(executor: Executor, tenantId: string, policyId: number, buyerId: number, bookId: string): Promise<ApplicationSnapshot> {
  const [row] = await fastRows<ApplicationSnapshotRow>(executor, APPLICATION_SNAPSHOT, [tenantId, policyId, buyerId, bookId]);
  if (!row) throw new Error('the application snapshot returned no row');
  return snapshotOf(row);
}

export interface SnapshotRequest {
  readonly tenantId: string;
  readonly policyId: number;
  readonly buyerId: number;
  readonly bookId: string;
}

// The same reads as APPLICATION_SNAPSHOT for every application of a batch (application-batches.ts). Each lookup is a
// LATERAL subquery with a LIMIT, so it stays an index probe per item whatever the planner guesses of the batch's size.
const BATCH_APPLICATION_SNAPSHOT: FastStatement = {
  name: 'cover_batch_application_snapshot',
  text: `SELECT r.n, ${NEXT_COVER_ID_SQL} AS next_cover_id,
      p.policy_id, p.tenant_id, p.customer_id, p.status, p.currency, p.start_date, p.expiry_date, p.insured_percentage,
      p.discretionary_limit, p.max_extension_days, p.credit_check_amount, p.auto_decision_max, p.allowed_buyer_countries, p.created_at,
      b.country, b.registry_id, b.name, b.rating, b.buyer_updated_at, e.exposure, e.open_claims, live.one IS NOT NULL AS live_position
    FROM jsonb_to_recordset($1::jsonb) AS r(n integer, tenant_id uuid, policy_id bigint, buyer_id bigint, book_id uuid)
    LEFT JOIN LATERAL (SELECT * FROM cover_policies WHERE tenant_id = r.tenant_id AND policy_id = r.policy_id LIMIT 1) p ON true
    LEFT JOIN LATERAL (SELECT rb.country, rb.registry_id, rb.name, rb.rating, rb.updated_at AS buyer_updated_at FROM risk_buyer_numbers n
      JOIN risk_buyers rb ON rb.country = n.country AND rb.registry_id = n.registry_id WHERE n.buyer_id = r.buyer_id LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT exposure, open_claims FROM risk_exposure
      WHERE book_id = r.book_id AND country = b.country AND registry_id = b.registry_id LIMIT 1) e ON true
    LEFT JOIN LATERAL (SELECT 1 AS one FROM cover_versions v WHERE v.tenant_id = r.tenant_id AND v.policy_id = r.policy_id
      AND v.buyer_id = r.buyer_id AND ${LIVE_ON_POSITION_SQL} LIMIT 1) live ON true`,
};

/** readApplicationSnapshot for many applications in one statement; one snapshot per request, in their order. */
export async function readApplicationSnapshots(executor: Executor, requests: readonly SnapshotRequest[]): Promise<ApplicationSnapshot[]> {
  const input = requests.map((request, n) => ({ n, tenant_id: request.tenantId, policy_id: request.policyId, buyer_id: request.buyerId, book_id: request.bookId }));
  const rows = await fastRows<ApplicationSnapshotRow & { n: number; buyer_updated_at: Date | string }>(executor, BATCH_APPLICATION_SNAPSHOT, [JSON.stringify(input)]);
  const snapshots: ApplicationSnapshot[] = new Array(requests.length);
  for (const row of rows) snapshots[row.n] = snapshotOf(row);
  if (snapshots.some((snapshot) => snapshot === undefined) || rows.length !== requests.length) throw new Error('the batch snapshot missed an application');
  return snapshots;
}

function snapshotOf(row: ApplicationSnapshotRow): ApplicationSnapshot {
  return {
    coverId: Number(row.next_cover_id),
    policy: row.policy_id === null ? null : policyOf(row),
    buyer: row.country === null ? null : { country: row.country, registryId: row.registry_id, name: row.name, rating: Number(row.rating), updatedAt: new Date(row.buyer_updated_at) },
    exposure: row.exposure === null ? null : { exposure: Number(row.exposure), openClaims: Number(row.open_claims) },
    livePosition: row.live_position,
  };
}

function policyOf(row: ApplicationSnapshotRow): PolicyRow {
  return {
    policyId: Number(row.policy_id), tenantId: row.tenant_id, customerId: Number(row.customer_id), status: row.status, currency: row.currency,
    startDate: row.start_date, expiryDate: row.expiry_date, insuredPercentage: Number(row.insured_percentage),
    discretionaryLimit: Number(row.discretionary_limit), maxExtensionDays: Number(row.max_extension_days),
    creditCheckAmount: Number(row.credit_check_amount), autoDecisionMax: Number(row.auto_decision_max),
    allowedBuyerCountries: row.allowed_buyer_countries, createdAt: new Date(row.created_at),
  };
}

/** The columns a first application writes (the others keep their defaults). */
const APPLICATION_COLUMNS = `cover_id, tenant_id, customer_id, policy_id, buyer_id, buyer_country, buyer_registry_id, book_id,
      buyer_rating_at_application, cover_type, currency, requested_amount, customer_ref_number, application_date, effect_from_date,
      updated_at, cover_status, decision_code, neutral_code, referral_reason, first_amount, second_amount, second_expiry_date,
      conditions, decision_date, exposure_held`;

const INSERT_VERSION: FastStatement = {
  name: 'cover_insert_version',
  text: `INSERT INTO cover_versions (${APPLICATION_COLUMNS})
    OVERRIDING SYSTEM VALUE VALUES ($1::bigint, $2::uuid, $3::bigint, $4::bigint, $5::bigint, $6::text, $7::text, $8::uuid, $9::integer,
      $10::text, $11::text, $12::bigint, $13::text, $14::timestamptz, $15::text, $16::timestamptz, $17::text, $18::text, $19::text,
      $20::text, $21::bigint, $22::bigint, $23::text, $24::jsonb, $25::timestamptz, $26::bigint)`,
};

/** A new version with its id already reserved (readApplicationSnapshot), as a write for fastGuardedWriteAll. */
export function insertVersionWrite(coverId: number, v: NewCoverVersion): FastWrite {
  const time = (date: Date | null | undefined) => (date ? date.toISOString() : null);
  return {
    statement: INSERT_VERSION,
    values: [
      coverId, v.tenantId, v.customerId, v.policyId, v.buyerId, v.buyerCountry, v.buyerRegistryId, v.bookId, v.buyerRatingAtApplication,
      v.coverType, v.currency, v.requestedAmount, v.customerRefNumber ?? null, time(v.applicationDate), v.effectFromDate, time(v.updatedAt),
      v.coverStatus, v.decisionCode ?? null, v.neutralCode, v.referralReason ?? null, v.firstAmount ?? 0, v.secondAmount ?? 0,
      v.secondExpiryDate ?? null, JSON.stringify(v.conditions ?? []), time(v.decisionDate), v.exposureHeld ?? 0,
    ],
  };
}

// --- many first applications in one statement (use-cases/apply-batch.ts) -------------------------------------

// One guard per buyer: the buyer's exposure row, locked FOR UPDATE SKIP LOCKED only while exposure and open claims are
// still those read (a buyer new to the book: while it still has no row, which the statement then inserts) and the
// rating too; the buyer's applications of the batch are written together when its guard holds, none otherwise.
// A row another transaction has locked is skipped, not waited for (its applications are tried again).
const FIRST_APPLICATIONS: FastStatement = {
  name: 'cover_first_applications',
  text: `WITH g AS (
      SELECT g.* FROM jsonb_to_recordset($1::jsonb)
        AS g(k integer, book_id uuid, country text, registry_id text, exposure bigint, open_claims integer, rating integer, delta bigint)
      WHERE EXISTS (SELECT 1 FROM risk_buyers b WHERE b.country = g.country AND b.registry_id = g.registry_id AND b.rating = g.rating)
    ),
    locked AS (
      SELECT g.k, g.delta, e.book_id, e.country, e.registry_id FROM g
      CROSS JOIN LATERAL (SELECT book_id, country, registry_id FROM risk_exposure
        WHERE book_id = g.book_id AND country = g.country AND registry_id = g.registry_id
          AND exposure = g.exposure AND open_claims = g.open_claims
        FOR UPDATE SKIP LOCKED) e
      WHERE g.exposure IS NOT NULL
    ),
    held AS (
      UPDATE risk_exposure e SET exposure = e.exposure + l.delta FROM locked l
      WHERE e.book_id = l.book_id AND e.country = l.country AND e.registry_id = l.registry_id
      RETURNING l.k
    ),
    opened AS (
      INSERT INTO risk_exposure (book_id, country, registry_id, exposure)
      SELECT book_id, country, registry_id, delta FROM g WHERE exposure IS NULL
      ON CONFLICT (book_id, country, registry_id) DO NOTHING
      RETURNING book_id, country, registry_id
    ),
    written AS (
      SELECT k FROM held
      UNION ALL SELECT g.k FROM g JOIN opened o ON o.book_id = g.book_id AND o.country = g.country AND o.registry_id = g.registry_id
    ),
    kept AS (SELECT m.cover_id FROM jsonb_to_recordset($2::jsonb) AS m(k integer, cover_id bigint) WHERE m.k IN (SELECT k FROM written)),
    versions AS (
      INSERT INTO cover_versions (${APPLICATION_COLUMNS}) OVERRIDING SYSTEM VALUE
      SELECT ${APPLICATION_COLUMNS} FROM jsonb_populate_recordset(NULL::cover_versions, $3::jsonb) WHERE cover_id IN (SELECT cover_id FROM kept)
    ),
    events AS (${eventRowsInsertSql(4, 'SELECT cover_id::text FROM kept')}),
    audit AS (
      INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, request_id, details, at)
      SELECT a.tenant_id, a.actor_type, a.actor_id, a.action, a.entity_type, a.entity_id, a.request_id, a.details, a.at
      FROM jsonb_to_recordset($5::jsonb)
        AS a(tenant_id uuid, actor_type text, actor_id text, action text, entity_type text, entity_id text, request_id text, details jsonb, at timestamptz)
      WHERE a.entity_id IN (SELECT cover_id::text FROM kept)
    )
    SELECT k FROM written`,
};

/** A buyer's share of a batch: its exposure row as read (null: no row yet) and what the batch adds to it. */
export interface BuyerGuard {
  readonly bookId: string;
  readonly country: string;
  readonly registryId: string;
  readonly read: { readonly exposure: number; readonly openClaims: number } | null;
  readonly rating: number;
  readonly delta: number;
}

/** One application of the batch: its reserved coverId, the version, and its event and audit rows. */
export interface FirstApplicationWrite {
  /** Index of its buyer's guard. */
  readonly guard: number;
  readonly coverId: number;
  readonly values: NewCoverVersion;
  readonly event: Record<string, unknown>;
  readonly audit: Record<string, unknown>;
}

/**
 * Writes first applications buyer by buyer in one statement; answers the indexes of the guards that held (their
 * applications are written; the others' are not). Guards are locked in the order given: sort them.
 */
export async function writeFirstApplications(executor: Executor, guards: readonly BuyerGuard[], writes: readonly FirstApplicationWrite[]): Promise<Set<number>> {
  const rows = await fastRows<{ k: number }>(executor, FIRST_APPLICATIONS, [
    JSON.stringify(guards.map((guard, k) => ({
      k, book_id: guard.bookId, country: guard.country, registry_id: guard.registryId, exposure: guard.read?.exposure ?? null,
      open_claims: guard.read?.openClaims ?? 0, rating: guard.rating, delta: guard.delta,
    }))),
    JSON.stringify(writes.map((write) => ({ k: write.guard, cover_id: write.coverId }))),
    JSON.stringify(writes.map((write) => versionRecord(write.coverId, write.values))),
    JSON.stringify(writes.map((write, n) => ({ n, ...write.event }))),
    JSON.stringify(writes.map((write) => write.audit)),
  ]);
  return new Set(rows.map((row) => Number(row.k)));
}

/** A first application's version with the table's column names (what jsonb_populate_recordset reads). */
function versionRecord(coverId: number, v: NewCoverVersion): Record<string, unknown> {
  return {
    cover_id: coverId, tenant_id: v.tenantId, customer_id: v.customerId, policy_id: v.policyId, buyer_id: v.buyerId, buyer_country: v.buyerCountry,
    buyer_registry_id: v.buyerRegistryId, book_id: v.bookId, buyer_rating_at_application: v.buyerRatingAtApplication, cover_type: v.coverType,
    currency: v.currency, requested_amount: v.requestedAmount, customer_ref_number: v.customerRefNumber ?? null, application_date: v.applicationDate,
    effect_from_date: v.effectFromDate, updated_at: v.updatedAt, cover_status: v.coverStatus, decision_code: v.decisionCode ?? null,
    neutral_code: v.neutralCode, referral_reason: v.referralReason ?? null, first_amount: v.firstAmount ?? 0, second_amount: v.secondAmount ?? 0,
    second_expiry_date: v.secondExpiryDate ?? null, conditions: v.conditions ?? [], decision_date: v.decisionDate ?? null, exposure_held: v.exposureHeld ?? 0,
  };
}
