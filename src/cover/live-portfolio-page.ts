// A page of a policy's or customer's whole live portfolio (`GET /covers` and `/covers/bulk` with paging and no other
// filter, the listings integrators poll) in one statement: the caller's right to the policy or customer, the total
// from cover_live_counts, whether scheduled changes are due, the page's ids walked in the listing's index (an offset
// page of `/covers/bulk` from the bucket of coverIds its first cover lies in, one of `/covers` from the bucket of
// listing times its first cover lies in, cover_listed_counts)
// and the page's rows with their buyers, timestamps already in the wire's form (the head's figures in a first row of
// their own, every row as an array).
import type { Executor } from '../platform/db/database.js';
import { fastArrayRows, type FastStatement } from '../platform/db/fast-query.js';
import { isRating, type NumberedBuyer } from '../risk/api.js';
import { COVER_ID_BUCKET_BITS, LISTED_COARSE_BITS, LISTED_FINE_BITS, type CoverVersionRow } from './store.js';

export type LivePortfolioListing = 'portfolio' | 'bulk';

export interface LivePortfolioRequest {
  readonly tenantId: string;
  readonly listing: LivePortfolioListing;
  readonly policyId?: number;
  readonly customerId?: number;
  readonly pageSize: number;
  /** 0-based offset of the page (offset paging), or the coverId the page starts after (keyset paging). */
  readonly start: { readonly offset: number } | { readonly after: number };
  /** The tenant's clock: changes with a deadline at or before it are due. */
  readonly now: Date;
}

/** A version as the wire renders it: the two instants already as ISO-8601 text. */
export type RenderedVersion = Pick<CoverVersionRow,
  | 'coverId' | 'customerId' | 'policyId' | 'buyerId' | 'buyerCountry' | 'buyerRegistryId' | 'coverType' | 'coverStatus' | 'decisionCode'
  | 'neutralCode' | 'historicCode' | 'pendingProcess' | 'pendingEffectiveDate' | 'pendingAmount' | 'pendingConditions' | 'pendingPolicyId'
  | 'customerRefNumber' | 'currency' | 'requestedAmount' | 'firstAmount' | 'secondAmount' | 'secondExpiryDate' | 'conditions'
  | 'effectFromDate' | 'effectiveToDate' | 'withdrawalDate' | 'notes' | 'previousCoverId'> & {
  readonly applicationDate: string;
  readonly decisionDate: string | null;
};

export interface LivePortfolioPage {
  /** The policy's customer (null: no such policy of the tenant); undefined when no policy was asked for. */
  readonly policyCustomerId: number | null | undefined;
  /** Whether the customer is the tenant's; undefined when no customer was asked for. */
  readonly customerKnown: boolean | undefined;
  readonly totalItems: number;
  /** How many cover_live_counts rows the total summed beyond one per (policy, bucket) (many: fold them). */
  readonly surplusRows: number;
  /** Scheduled changes are due: apply them and read again. */
  readonly due: boolean;
  readonly rows: { readonly version: RenderedVersion; readonly buyer: Pick<NumberedBuyer, 'name' | 'rating'> | undefined }[];
}

const statements = new Map<string, FastStatement>();

export async function readLivePortfolioPage(executor: Executor, request: LivePortfolioRequest): Promise<LivePortfolioPage> {
  const keyset = 'after' in request.start;
  const statement = statementFor(request.listing, request.policyId !== undefined, request.customerId !== undefined, keyset);
  const start = 'after' in request.start ? request.start.after : request.start.offset;
  const rows = await fastArrayRows(executor, statement, [
    request.tenantId, request.policyId ?? null, request.customerId ?? null, request.now.toISOString(), start, request.pageSize,
  ]);
  const head = rows[0];
  if (!head) throw new Error('the live portfolio page returned no row');
  const [policyCustomer, customerKnown, total, surplus, due] = head as [Id | null, boolean | null, Id, Id, boolean];
  return {
    policyCustomerId: request.policyId === undefined ? undefined : orNull(policyCustomer),
    customerKnown: request.customerId === undefined ? undefined : customerKnown === true,
    totalItems: Number(total),
    surplusRows: Number(surplus),
    due,
    rows: rows.slice(1).map(pageRow),
  };
}

const ORDERS: Record<LivePortfolioListing, { forward: string; backward: string; keys: string[]; after: '<' | '>' }> = {
  portfolio: {
    forward: 'listed_at desc nulls last, cover_id desc nulls last', backward: 'listed_at asc nulls first, cover_id asc nulls first',
    keys: ['listed_at', 'cover_id'], after: '<',
  },
  bulk: { forward: 'cover_id asc nulls last', backward: 'cover_id desc nulls first', keys: ['cover_id'], after: '>' },
};

/**
 * Parameters: $1 tenant, $2 policy, $3 customer, $4 now, $5 offset (or the coverId to start after), $6 page size.
 * The page's walk comes from pageIds; the head row comes out even when the page is empty.
 *
 * Decision: the clock, the page size and the offset reach the plan only through subqueries (`(SELECT $6::bigint)`),
 * so a plan made for given values is priced as the generic one. With them visible, each custom plan looked cheaper
 * (a known LIMIT of 100, no deadline due at `now`) and PostgreSQL planned every execution again: 0.6–0.9 ms of
 * planning for a page that executes in about as much (measured with the bench's 100 000-cover policy).
 */
function statementFor(listing: LivePortfolioListing, byPolicy: boolean, byCustomer: boolean, keyset: boolean): FastStatement {
  const name = `cover_live_page_${listing}_${byPolicy ? 'p' : ''}${byCustomer ? 'c' : ''}_${keyset ? 'after' : 'offset'}`;
  const cached = statements.get(name);
  if (cached) return cached;
  const scope = [byPolicy ? 'policy_id = $2::bigint' : '', byCustomer ? 'customer_id = $3::bigint' : ''].filter(Boolean).join(' AND ');
  const order = ORDERS[listing];
  const { walk, ctes, counts } = pageIds(listing, scope, keyset, byCustomer && !byPolicy);
  const versions = versionsInIndex(listing, walk, rowsScope(listing, byPolicy, byCustomer));
  const text = `WITH ${counts},
    head AS (
      SELECT ${byPolicy ? '(SELECT customer_id FROM cover_policies WHERE tenant_id = $1::uuid AND policy_id = $2::bigint)' : 'NULL::bigint'} AS policy_customer,
        ${byCustomer ? 'EXISTS (SELECT 1 FROM cover_customers WHERE tenant_id = $1::uuid AND customer_id = $3::bigint)' : 'NULL::boolean'} AS customer_known,
        $2::bigint AS asked_policy, $3::bigint AS asked_customer,
        ${BUCKETS_COUNT_COLUMNS},
        EXISTS (SELECT 1 FROM cover_versions WHERE tenant_id = $1::uuid AND deadline_at IS NOT NULL AND deadline_at <= (SELECT $4::timestamptz)) AS due
      FROM buckets
    )${ctes},
    page AS (
      SELECT v.*, b.name AS buyer_name, b.rating AS buyer_rating FROM (${versions}) AS v
      LEFT JOIN LATERAL (SELECT rb.name, rb.rating FROM risk_buyer_numbers n JOIN risk_buyers rb ON rb.country = n.country AND rb.registry_id = n.registry_id
        WHERE n.buyer_id = v.buyer_id LIMIT 1) b ON true
    )
    SELECT ${ANSWER_COLUMNS} FROM (
      SELECT 0 AS part, ${HEAD_COLUMNS.map((column) => `head.${column}`).join(', ')}, ${PAGE_COLUMNS.map((column) => `NULL AS ${column}`).join(', ')}, NULL::timestamptz AS listed_at FROM head
      UNION ALL
      SELECT 1, ${HEAD_COLUMNS.map(() => 'NULL').join(', ')}, ${PAGE_COLUMNS.map((column) => `page.${column}`).join(', ')}, page.listed_at FROM page
    ) AS answer
    ORDER BY part, ${order.forward.replaceAll('listed_at', 'answer.listed_at').replaceAll('cover_id', 'answer.cover_id')}`;
  const statement = { name, text };
  statements.set(name, statement);
  return statement;
}

/**
 * Where the page's walk of the listing's index starts (`walk`), and the CTEs it reads (after `head`). A keyset page starts after the given
 * cover. An offset page of `/covers/bulk` starts in the bucket of coverIds holding its first cover: the first bucket
 * whose running sum of live versions (cover_live_counts, as of the same snapshot) exceeds the offset, skipping the
 * ones of that bucket before it (fewer than 2^COVER_ID_BUCKET_BITS). An offset page of `/covers` (newest first)
 * does the same with cover_listed_counts in two steps: the coarse bucket of listing times holding its first cover
 * (running sum from the newest), then the fine bucket inside it, and walks the listing's index from the end of that
 * fine bucket, skipping the ones of the bucket before it. Every page reads its count rows once (`counts`, bucketsCte).
 */
function pageIds(listing: LivePortfolioListing, scope: string, keyset: boolean, acrossPolicies: boolean): { walk: Walk; ctes: string; counts: string } {
  const live = `FROM cover_versions WHERE tenant_id = $1::uuid AND ${scope} AND historic_code IS NULL`;
  const order = ORDERS[listing];
  if (keyset) {
    return {
      counts: liveBucketsCte(`cover_live_counts WHERE tenant_id = $1::uuid AND ${scope}`),
      ctes: '',
      walk: {
        live, where: `(${order.keys.join(', ')}) ${order.after} (SELECT ${order.keys.map((key) => `a.${key}`).join(', ')}
        FROM cover_versions a WHERE a.tenant_id = $1::uuid AND a.cover_id = $5::bigint)`,
      },
    };
  }
  if (listing === 'bulk') {
    // A policy's buckets are one row each already; a customer's are per policy, so they are summed per bucket first.
    const perBucket = acrossPolicies ? '(SELECT bucket, sum(live) AS live FROM buckets GROUP BY bucket) AS summed_buckets' : 'buckets';
    return {
      counts: liveBucketsCte(`cover_live_counts WHERE tenant_id = $1::uuid AND ${scope}`),
      ctes: `,
    start AS (
      SELECT bucket, $5::bigint - (running - live) AS skip
      FROM (SELECT bucket, live, sum(live) OVER (ORDER BY bucket) AS running FROM ${perBucket}) AS summed
      WHERE running > $5::bigint ORDER BY bucket LIMIT 1
    )`,
      walk: { live, where: `cover_id >= (SELECT bucket FROM start) << ${COVER_ID_BUCKET_BITS}`, skip: 'skip FROM start' },
    };
  }
  const listed = `FROM cover_listed_counts WHERE tenant_id = $1::uuid AND ${scope}`;
  const fineInCoarse = LISTED_COARSE_BITS - LISTED_FINE_BITS;
  return {
    counts: bucketsCte(`cover_listed_counts WHERE tenant_id = $1::uuid AND ${scope} AND span = ${LISTED_COARSE_BITS}`),
    ctes: `,
    coarse AS (
      SELECT bucket, $5::bigint - (running - live) AS skip
      FROM (SELECT bucket, live, sum(live) OVER (ORDER BY bucket DESC) AS running
        FROM (SELECT bucket, sum(live) AS live FROM buckets GROUP BY bucket) AS summed_buckets) AS summed
      WHERE running > $5::bigint ORDER BY bucket DESC LIMIT 1
    ),
    fine AS (
      SELECT bucket, (SELECT skip FROM coarse) - (running - live) AS skip
      FROM (SELECT bucket, live, sum(live) OVER (ORDER BY bucket DESC) AS running
        FROM (SELECT bucket, sum(live) AS live ${listed} AND span = ${LISTED_FINE_BITS}
          AND bucket >= (SELECT bucket FROM coarse) << ${fineInCoarse} AND bucket < ((SELECT bucket FROM coarse) + 1) << ${fineInCoarse}
          GROUP BY bucket) AS buckets) AS summed
      WHERE running > (SELECT skip FROM coarse) ORDER BY bucket DESC LIMIT 1
    )`,
    walk: {
      live, where: `listed_at < to_timestamp((((SELECT bucket FROM fine) + 1) << ${LISTED_FINE_BITS})::double precision)`, skip: 'skip FROM fine',
    },
  };
}

/** A walk of the live versions in the listing's order: from where (`where`), skipping `skip` (a subquery's select list) first. */
interface Walk {
  readonly live: string;
  readonly where: string;
  readonly skip?: string;
}

/**
 * Where the page's rows are read (`scope`, after the tenant) and in which order (`order`, the listing's).
 *
 * Decision: a `/covers/bulk` page reads its rows in the live index of its policy (or customer) by coverId, heap rows
 * and all, rather than its ids there and a primary-key probe per row (300 buffers a page, about 0.18 ms of PostgreSQL
 * CPU on the bench's 100,000-cover policy). The primary key gives coverId order too, and a generic plan priced
 * walking it with a filter cheaper (its heap order is perfect), which on a policy interleaved with others would read
 * everyone's covers in between. So the leading key is written as a range of one value and the walk ordered by it
 * and coverId: the same rows, an order only the live index gives (an equality would let the planner drop the
 * leading key from the order as a constant, and the primary key would serve it again).
 */
function rowsScope(listing: LivePortfolioListing, byPolicy: boolean, byCustomer: boolean): { scope: string; order: string } {
  const policy = 'policy_id = $2::bigint';
  const customer = 'customer_id = $3::bigint';
  if (listing === 'portfolio') return { scope: [byPolicy ? policy : '', byCustomer ? customer : ''].filter(Boolean).join(' AND '), order: ORDERS.portfolio.forward };
  if (byPolicy) {
    return { scope: ['policy_id BETWEEN $2::bigint AND $2::bigint', byCustomer ? customer : ''].filter(Boolean).join(' AND '), order: 'policy_id, cover_id' };
  }
  return { scope: 'customer_id BETWEEN $3::bigint AND $3::bigint', order: 'customer_id, cover_id' };
}

/**
 * The page's versions read in the listing's index, heap rows and all: an offset page first walks only the index to
 * its first cover's keys (an index-only scan over the skipped ones), then reads its rows from there (`rows`,
 * rowsScope).
 *
 * Decision: reading the page's ids and probing the primary key for each cost 100 more index descents (300 buffers)
 * a page.
 */
function versionsInIndex(listing: LivePortfolioListing, walk: Walk, rows: { scope: string; order: string }): string {
  const order = ORDERS[listing];
  const keys = order.keys.join(', ');
  const from = walk.skip
    ? `(${keys}) ${order.after}= (SELECT ${keys} ${walk.live} AND ${walk.where} ORDER BY ${order.forward} LIMIT 1 OFFSET (SELECT ${walk.skip}))`
    : walk.where;
  return `SELECT * FROM (SELECT ${VERSION_COLUMNS} FROM cover_versions WHERE tenant_id = $1::uuid AND ${rows.scope} AND historic_code IS NULL
      AND ${from} ORDER BY ${rows.order} LIMIT (SELECT $6::bigint)) AS walked
    LIMIT ${PAGE_SIZE_BOUND}`;
}

/**
 * A page's count rows of its key, read once, per (policy, bucket): `head` sums them for the total and what a fold
 * would merge (rows beyond one per (policy, bucket)), an offset page's walk sums them per bucket for its start. The
 * listing times' coarse rows count the same live versions as cover_live_counts (one trigger keeps both), so a
 * `/covers` offset page takes its total from them and reads no other count table.
 *
 * Decision: keyset pages too, rather than liveCountColumns' `count(DISTINCT (policy_id, bucket))`, whose comparison of
 * row values cost 0.1–0.2 ms of PostgreSQL CPU a page of the bench's 100,000-cover policy (99 count rows).
 */
function bucketsCte(from: string): string {
  return `buckets AS (SELECT policy_id, bucket, sum(live) AS live, count(*) AS row_count FROM ${from} GROUP BY policy_id, bucket)`;
}

/**
 * bucketsCte of cover_live_counts, whose rows count at most one bucket of 2^COVER_ID_BUCKET_BITS coverIds each, so
 * their values fit an int.
 *
 * Decision: summed as int (into a bigint) rather than as bigint (into a numeric), so the total and the offset page's
 * running sum are integer arithmetic: 0.05 ms less PostgreSQL CPU an offset page of the bench's 100,000-cover policy.
 */
function liveBucketsCte(from: string): string {
  return `buckets AS (SELECT policy_id, bucket, sum(live::int) AS live, count(*) AS row_count FROM ${from} GROUP BY policy_id, bucket)`;
}

/** liveCountColumns' total and surplus, from the `buckets` CTE. */
const BUCKETS_COUNT_COLUMNS = 'coalesce(sum(live), 0)::bigint AS total, (coalesce(sum(row_count), 0) - count(*))::int AS surplus';

/**
 * The largest page (the wire's MAX_PAGE_SIZE) as a constant bound on the page: a limit from a parameter or subquery
 * leaves the planner guessing a tenth of the portfolio, and a generic plan priced on that guess crosses PostgreSQL's
 * jit_above_cost, whose compilation then costs each page far more than reading it.
 */
const PAGE_SIZE_BOUND = 1000;

/** The version's columns the page carries out as stored. */
const STORED_COLUMNS = ['cover_id', 'customer_id', 'policy_id', 'buyer_id', 'buyer_country', 'buyer_registry_id', 'cover_type', 'cover_status',
  'decision_code', 'neutral_code', 'historic_code', 'pending_process', 'pending_effective_date', 'pending_amount', 'pending_conditions',
  'pending_policy_id', 'customer_ref_number', 'currency', 'requested_amount', 'first_amount', 'second_amount', 'second_expiry_date', 'conditions',
  'effect_from_date', 'effective_to_date', 'withdrawal_date', 'notes', 'previous_cover_id'];

/**
 * The version as the page reads it: its sort key too (only the statement orders by it), its instants as the text of
 * their UTC time (isoOfUtcText makes the wire's ISO-8601 of it).
 *
 * Decision: PostgreSQL's text of a timestamp rather than `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, whose format
 * is interpreted for each of the page's 200 values: 0.1 ms less PostgreSQL CPU a page of 100 (the service's slicing
 * of the text costs a few µs). Epoch milliseconds from `date_part` (a float) were as cheap but not exact, and from
 * `extract` (a numeric) only half as cheap, with a Date to format in the service.
 */
const VERSION_COLUMNS = `${STORED_COLUMNS.join(', ')}, listed_at,
  (application_date AT TIME ZONE 'UTC')::text AS application_date, (decision_date AT TIME ZONE 'UTC')::text AS decision_date`;

/** The head row's columns: the caller's rights, the total and whether changes are due (the statement's first row). */
const HEAD_COLUMNS = ['policy_customer', 'customer_known', 'total', 'surplus', 'due'];

/** What each row after the head carries out: the version but its sort key, and the buyer (in PageSqlRow's order). */
const PAGE_COLUMNS = [...STORED_COLUMNS, 'application_date', 'decision_date', 'buyer_name', 'buyer_rating'];

/**
 * Decision: the head's columns come once, in a row of their own, and the page's rows as arrays. Repeated on every row
 * and read into an object per row, they cost the driver 500 more values and 100 objects of 37 keys a page.
 */
const ANSWER_COLUMNS = [...HEAD_COLUMNS, ...PAGE_COLUMNS].join(', ');

type Id = string | number;

/** A page row as the driver gives it: the head's columns null, then PAGE_COLUMNS in order. */
type PageSqlRow = [
  ...head: [null, null, null, null, null],
  coverId: Id, customerId: Id, policyId: Id, buyerId: Id, buyerCountry: string, buyerRegistryId: string,
  coverType: CoverVersionRow['coverType'], coverStatus: CoverVersionRow['coverStatus'], decisionCode: string | null, neutralCode: string,
  historicCode: string | null, pendingProcess: string | null, pendingEffectiveDate: string | null, pendingAmount: Id | null,
  pendingConditions: CoverVersionRow['pendingConditions'], pendingPolicyId: Id | null, customerRefNumber: string | null, currency: string,
  requestedAmount: Id, firstAmount: Id, secondAmount: Id, secondExpiryDate: string | null, conditions: CoverVersionRow['conditions'],
  effectFromDate: string, effectiveToDate: string | null, withdrawalDate: string | null, notes: string | null, previousCoverId: Id | null,
  applicationDate: string, decisionDate: string | null, buyerName: string | null, buyerRating: Id | null,
];

const orNull = (value: Id | null) => (value === null ? null : Number(value));

function pageRow(answerRow: unknown[]): LivePortfolioPage['rows'][number] {
  const [, , , , , coverId, customerId, policyId, buyerId, buyerCountry, buyerRegistryId, coverType, coverStatus, decisionCode, neutralCode,
    historicCode, pendingProcess, pendingEffectiveDate, pendingAmount, pendingConditions, pendingPolicyId, customerRefNumber, currency,
    requestedAmount, firstAmount, secondAmount, secondExpiryDate, conditions, effectFromDate, effectiveToDate, withdrawalDate, notes,
    previousCoverId, applicationDate, decisionDate, buyerName, buyerRating] = answerRow as PageSqlRow;
  const rating = Number(buyerRating);
  return {
    version: {
      coverId: Number(coverId), customerId: Number(customerId), policyId: Number(policyId), buyerId: Number(buyerId),
      buyerCountry, buyerRegistryId, coverType, coverStatus, decisionCode, neutralCode, historicCode, pendingProcess,
      pendingEffectiveDate, pendingAmount: orNull(pendingAmount), pendingConditions, pendingPolicyId: orNull(pendingPolicyId),
      customerRefNumber, currency, requestedAmount: Number(requestedAmount), firstAmount: Number(firstAmount),
      secondAmount: Number(secondAmount), secondExpiryDate, conditions, effectFromDate, effectiveToDate, withdrawalDate, notes,
      previousCoverId: orNull(previousCoverId), applicationDate: isoOfUtcText(applicationDate)!, decisionDate: decisionDate === null ? null : isoOfUtcText(decisionDate),
    },
    buyer: buyerName !== null && isRating(rating) ? { name: buyerName, rating } : undefined,
  };
}

/**
 * The wire's ISO-8601 text of an instant (`Date.prototype.toISOString`: milliseconds, `Z`) from the text PostgreSQL
 * gives a `timestamp` of its UTC time: `YYYY-MM-DD HH:MM:SS`, then `.` and one to six digits of the second unless
 * they are all zero (DateStyle ISO, which the driver's own parsing of timestamps assumes too). Exactly what
 * `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` writes: the fraction cut (not rounded) to milliseconds, a year of five
 * digits kept, an era suffix (` BC`) dropped, null for an infinite instant.
 */
export function isoOfUtcText(text: string): string | null {
  if (text.length === 26 && text.charCodeAt(10) === SPACE) return `${text.slice(0, 10)}T${text.slice(11, 23)}Z`;
  const space = text.indexOf(' ');
  if (space < 0) return null;
  let fraction = '';
  if (text.charCodeAt(space + 9) === DOT) {
    for (let at = space + 10; fraction.length < 3 && at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code < ZERO || code > NINE) break;
      fraction += text[at];
    }
  }
  return `${text.slice(0, space)}T${text.slice(space + 1, space + 9)}.${fraction.padEnd(3, '0')}Z`;
}

const SPACE = 32;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
