import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { tenants } from '../../platform/db/schema.js';

/*
 * Collections' debtor records (Receeve #30, #32–#40): promises to pay, mandates, uploaded files, instalment plans
 * and the tenant's settings for them. Every table starts with tenant_id and every index leads with it. Deadlines
 * (`deadline_at`) are in tenant time, swept as the cover deadlines are.
 */

/** A tenant's bounds for promises and its instalment-plan definitions (absent: the built-in defaults). */
export const collectionsSettings = pgTable('collections_settings', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id).primaryKey(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/** Promises to pay; at most one `open` per claim (a new one marks the old `replaced`). */
export const collectionsPromises = pgTable('collections_promises', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  claimReference: text('claim_reference').notNull(),
  accountReference: text('account_reference'),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  dueDate: text('due_date').notNull(),
  status: text('status', { enum: ['open', 'kept', 'broken', 'replaced'] }).notNull(),
  /** The claim's outstanding balance when the promise was made: what was paid since is measured against it. */
  baselineOutstanding: bigint('baseline_outstanding', { mode: 'number' }).notNull(),
  /** Open promises: the start of the day after dueDate (tenant time), when the sweep decides kept or broken. */
  deadlineAt: timestamptz('deadline_at'),
  createdAt: timestamptz('created_at').notNull(),
  resolvedAt: timestamptz('resolved_at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  uniqueIndex('collections_promises_open_claim').on(table.tenantId, table.claimReference).where(sql`${table.status} = 'open'`),
  index('collections_promises_claim').on(table.tenantId, table.claimReference, table.createdAt),
  index('collections_promises_deadline').on(table.deadlineAt).where(sql`${table.deadlineAt} is not null`),
]);

/** Mandates; the mandate reference is unique per creditor (tenant) for ever, so a deleted one keeps its row. */
export const collectionsMandates = pgTable('collections_mandates', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  mandateId: text('mandate_id').notNull(),
  /** Creation order, for listing. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  accountReference: text('account_reference').notNull(),
  providerName: text('provider_name').notNull(),
  debtorReference: text('debtor_reference').notNull(),
  productReferences: jsonb('product_references').$type<string[]>().notNull(),
  mandateRepresentation: jsonb('mandate_representation').$type<Record<string, unknown>>(),
  clientIpAddress: text('client_ip_address'),
  createdAt: timestamptz('created_at').notNull(),
  deletedAt: timestamptz('deleted_at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.mandateId] }),
  index('collections_mandates_account').on(table.tenantId, table.accountReference, table.seq),
]);

/** Uploaded files: metadata here, the bytes in the content-addressed file store under their sha256. */
export const collectionsFiles = pgTable('collections_files', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  sha256: text('sha256').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  contentType: text('content_type').notNull(),
  fileName: text('file_name').notNull(),
  accountReference: text('account_reference').notNull(),
  claimReference: text('claim_reference'),
  productReference: text('product_reference'),
  documentType: text('document_type'),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('collections_files_account').on(table.tenantId, table.accountReference, table.createdAt),
]);

/** Computed instalment-plan definitions (#37), kept until their TTL for create_instalment_plan (#38). */
export const collectionsInstalmentComputations = pgTable('collections_instalment_computations', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  /** The computed definition as #37 answered it. */
  computed: jsonb('computed').$type<Record<string, unknown>>().notNull(),
  /** What #38 needs beyond the wire: the schedule, the scope and its balances. */
  schedule: jsonb('schedule').$type<Record<string, unknown>>().notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [primaryKey({ columns: [table.tenantId, table.id] })]);

/** Instalment plans (#38–#40): the wire plan in `plan`, the standing the sweep keeps in the columns. */
export const collectionsInstalmentPlans = pgTable('collections_instalment_plans', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  accountReference: text('account_reference').notNull(),
  claimReferences: jsonb('claim_references').$type<string[]>().notNull(),
  status: text('status').notNull(),
  plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
  standing: text('standing', { enum: ['in_good_standing', 'missed', 'broken'] }).notNull(),
  /** The scope's outstanding balance when the plan was made: payments since count toward its instalments. */
  baselineOutstanding: bigint('baseline_outstanding', { mode: 'number' }).notNull(),
  /** Ids of the instalments whose miss was already announced (instalment.missed fires once per instalment). */
  missedInstalments: jsonb('missed_instalments').$type<string[]>().notNull(),
  deadlineAt: timestamptz('deadline_at'),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('collections_instalment_plans_account').on(table.tenantId, table.accountReference, table.seq),
  index('collections_instalment_plans_deadline').on(table.deadlineAt).where(sql`${table.deadlineAt} is not null`),
]);
