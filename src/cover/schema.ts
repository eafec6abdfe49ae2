import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A tenant's policyholders (`customerId`). The sandbox demo customer is created on a sandbox tenant's first cover call. */
export const coverCustomers = pgTable('cover_customers', {
  customerId: bigint('customer_id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 10_000_001 }),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  name: text('name').notNull(),
  /** Where the Non-Payments correspondence letters are e-mailed; none: letters are stored and listed, not mailed. */
  email: text('email'),
  /** ISO alpha-2 country of the policyholder: the language of its letters (Swedish for SE, else English). */
  country: text('country'),
  demo: boolean('demo').notNull().default(false),
  createdAt: ts('created_at').notNull(),
}, (table) => [
  index('cover_customers_tenant').on(table.tenantId),
  uniqueIndex('cover_customers_one_demo').on(table.tenantId).where(sql`${table.demo}`),
]);

/** Policies of a customer; money in minor units of the policy currency, dates as `YYYY-MM-DD` text. */
export const coverPolicies = pgTable('cover_policies', {
  policyId: bigint('policy_id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 9_000_001 }),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  customerId: bigint('customer_id', { mode: 'number' }).notNull().references(() => coverCustomers.customerId),
  status: text('status', { enum: ['live', 'cancelled'] }).notNull(),
  currency: text('currency').notNull(),
  startDate: text('start_date').notNull(),
  expiryDate: text('expiry_date').notNull(),
  insuredPercentage: integer('insured_percentage').notNull(),
  discretionaryLimit: bigint('discretionary_limit', { mode: 'number' }).notNull(),
  maxExtensionDays: integer('max_extension_days').notNull(),
  creditCheckAmount: bigint('credit_check_amount', { mode: 'number' }).notNull(),
  autoDecisionMax: bigint('auto_decision_max', { mode: 'number' }).notNull(),
  /** ISO alpha-2 codes; null allows every country. */
  allowedBuyerCountries: text('allowed_buyer_countries').array(),
  createdAt: ts('created_at').notNull(),
}, (table) => [index('cover_policies_customer').on(table.tenantId, table.customerId)]);

/**
 * One row per cover version (`coverId`). A live version has no historic code; superseding, reducing or amending writes
 * a new version and ends the old one with its historic code, so the rows of a (policy, buyer) are its decision history.
 */
export const coverVersions = pgTable('cover_versions', {
  coverId: bigint('cover_id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 40_000_001 }),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  customerId: bigint('customer_id', { mode: 'number' }).notNull(),
  policyId: bigint('policy_id', { mode: 'number' }).notNull().references(() => coverPolicies.policyId),
  buyerId: bigint('buyer_id', { mode: 'number' }).notNull(),
  buyerCountry: text('buyer_country').notNull(),
  buyerRegistryId: text('buyer_registry_id').notNull(),
  bookId: uuid('book_id').notNull(),
  coverType: text('cover_type', { enum: ['credit-limit', 'credit-check', 'indication'] }).notNull(),
  coverStatus: text('cover_status', { enum: ['REFERRED', 'DECISION'] }).notNull(),
  decisionCode: text('decision_code'),
  neutralCode: text('neutral_code').notNull(),
  historicCode: text('historic_code'),
  pendingProcess: text('pending_process'),
  /** The date a scheduled change (cancellation, insurer reduction or withdrawal) takes effect, and its new amount. */
  pendingEffectiveDate: text('pending_effective_date'),
  pendingAmount: bigint('pending_amount', { mode: 'number' }),
  /** A scheduled batch change of conditions (B): the conditions the cover takes on its effective date. */
  pendingConditions: jsonb('pending_conditions').$type<{ code: string; type: string; category: string; description: string }[]>(),
  /** A scheduled transfer (T): the policy of the same customer the position moves to on its effective date. */
  pendingPolicyId: bigint('pending_policy_id', { mode: 'number' }),
  customerRefNumber: text('customer_ref_number'),
  currency: text('currency').notNull(),
  requestedAmount: bigint('requested_amount', { mode: 'number' }).notNull(),
  firstAmount: bigint('first_amount', { mode: 'number' }).notNull().default(0),
  secondAmount: bigint('second_amount', { mode: 'number' }).notNull().default(0),
  secondExpiryDate: text('second_expiry_date'),
  conditions: jsonb('conditions').$type<{ code: string; type: string; category: string; description: string }[]>().notNull().default([]),
  referralReason: text('referral_reason'),
  /** The buyer's registry rating when the application was underwritten (my-buyers' healthChange compares with it). */
  buyerRatingAtApplication: integer('buyer_rating_at_application').notNull(),
  notes: text('notes'),
  applicationDate: ts('application_date').notNull(),
  decisionDate: ts('decision_date'),
  /** The portfolio listing's sort key (spec §5.6: decision date, else application date), stored so an index serves it. */
  listedAt: ts('listed_at').generatedAlwaysAs(sql`coalesce(decision_date, application_date)`),
  effectFromDate: text('effect_from_date').notNull(),
  effectiveToDate: text('effective_to_date'),
  withdrawalDate: text('withdrawal_date'),
  endedAt: ts('ended_at'),
  /** Base-currency amount this version holds on the buyer's exposure row (0 when it holds none). */
  exposureHeld: bigint('exposure_held', { mode: 'number' }).notNull().default(0),
  /** Next timer (pending change, temporary part expiry) in tenant time; the sweep compares it with system time + the tenant's clock offset. */
  deadlineAt: ts('deadline_at'),
  /** A supersede application still referred: the version it supersedes stays live beside it until it is decided. */
  openSupersede: boolean('open_supersede').notNull().default(false),
  /** The version this one replaced (supersede, reduce, amend). */
  previousCoverId: bigint('previous_cover_id', { mode: 'number' }),
  updatedAt: ts('updated_at').notNull(),
}, (table) => [
  // First-time only: one live version per policy and buyer, even under concurrent applications.
  uniqueIndex('cover_versions_live_position').on(table.tenantId, table.policyId, table.buyerId)
    .where(sql`${table.historicCode} is null and not ${table.openSupersede}`),
  uniqueIndex('cover_versions_open_supersede').on(table.tenantId, table.policyId, table.buyerId)
    .where(sql`${table.historicCode} is null and ${table.openSupersede}`),
  index('cover_versions_policy').on(table.tenantId, table.policyId, table.coverId),
  index('cover_versions_customer').on(table.tenantId, table.customerId, table.coverId),
  // The live portfolio pages (`/covers` newest first, `/covers/bulk` by coverId) as index-only scans.
  index('cover_versions_live_policy').on(table.tenantId, table.policyId, table.coverId).where(sql`${table.historicCode} is null`),
  index('cover_versions_live_customer').on(table.tenantId, table.customerId, table.coverId).where(sql`${table.historicCode} is null`),
  index('cover_versions_listed_policy').on(table.tenantId, table.policyId, table.listedAt.desc(), table.coverId.desc()).where(sql`${table.historicCode} is null`),
  index('cover_versions_listed_customer').on(table.tenantId, table.customerId, table.listedAt.desc(), table.coverId.desc()).where(sql`${table.historicCode} is null`),
  index('cover_versions_referred').on(table.tenantId, table.applicationDate).where(sql`${table.coverStatus} = 'REFERRED' and ${table.historicCode} is null`),
  index('cover_versions_deadline').on(table.deadlineAt).where(sql`${table.deadlineAt} is not null`),
]);

/**
 * How many live versions (no historic code) each policy holds, for the paged listings' `totalItems` without counting
 * 100 000 index entries per page. A trigger on cover_versions (migration 0011) appends a +1 or −1 row whenever a
 * version becomes live or stops being live, so concurrent writers never wait on a shared counter row; `countLive`
 * in store.ts sums them and folds a key's rows into one per bucket when they pile up. Each row counts one bucket
 * of coverIds (`cover_id >> 10`, migration 0031): the running sum over a policy's buckets says in which range of
 * coverIds the n-th live cover lies, so an offset page of `/covers/bulk` starts its walk there, not at the first.
 */
export const coverLiveCounts = pgTable('cover_live_counts', {
  tenantId: uuid('tenant_id').notNull(),
  policyId: bigint('policy_id', { mode: 'number' }).notNull(),
  customerId: bigint('customer_id', { mode: 'number' }).notNull(),
  /** `cover_id >> COVER_ID_BUCKET_BITS` of the versions the row counts. */
  bucket: bigint('bucket', { mode: 'number' }).notNull(),
  live: bigint('live', { mode: 'number' }).notNull(),
}, (table) => [
  index('cover_live_counts_policy').on(table.tenantId, table.policyId, table.bucket),
  index('cover_live_counts_customer').on(table.tenantId, table.customerId, table.bucket),
]);

/**
 * The same counts by the newest-first listing's key (`listed_at`), so an offset page of `/covers` starts its walk in
 * the range of listing times holding its first cover instead of walking up to half the portfolio. Two spans of
 * `floor(epoch seconds of listed_at)`: `span` 20 rows count a bucket of 2^20 s (about 12 days), `span` 10 rows one of
 * 2^10 s (about 17 minutes); a page sums the coarse buckets of its key, then the fine ones inside the coarse bucket it
 * lands in, so it reads a few hundred count rows however old the portfolio is. The trigger of cover_live_counts
 * (migration 0035) appends a +1 or −1 row at each span whenever a version becomes live, stops being live or changes
 * its listing time, and the same folds merge them.
 */
export const coverListedCounts = pgTable('cover_listed_counts', {
  tenantId: uuid('tenant_id').notNull(),
  policyId: bigint('policy_id', { mode: 'number' }).notNull(),
  customerId: bigint('customer_id', { mode: 'number' }).notNull(),
  /** LISTED_FINE_BITS or LISTED_COARSE_BITS (store.ts): the bucket is `floor(extract(epoch from listed_at)) >> span`. */
  span: integer('span').notNull(),
  bucket: bigint('bucket', { mode: 'number' }).notNull(),
  live: bigint('live', { mode: 'number' }).notNull(),
}, (table) => [
  index('cover_listed_counts_policy').on(table.tenantId, table.policyId, table.span, table.bucket),
  index('cover_listed_counts_customer').on(table.tenantId, table.customerId, table.span, table.bucket),
]);
