import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../platform/db/schema.js';

/*
 * Debt-servicing tables (Receeve face). Every table starts with tenant_id and every index leads with it.
 * Decisions: an account's debtors, products and scores are small lists read and written with the account, so they
 * live in jsonb on the account row (the account row is also the lock every account use case takes FOR UPDATE);
 * ledger entries are one immutable row each; claims (managed and unmanaged) share one table keyed by
 * claimReference (unique per client, spec §1.9), with the ledger-derived or client-set document in `data`.
 * Only the accounts and the async requests carry a foreign key to tenants: every other table's rows are written by a
 * request of an authenticated tenant, which is never deleted, and each key leads with tenant_id, so the check
 * (about seven a ledger write, each a FOR KEY SHARE lock on the one tenant row every concurrent write of the tenant
 * shares) bought nothing (issue 12; as the cases module's children, migration 0038).
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull();

export const servicingAccounts = pgTable('servicing_accounts', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  accountReference: text('account_reference').notNull(),
  currency: text('currency').notNull(),
  paymentReference: text('payment_reference'),
  portfolioReference: text('portfolio_reference'),
  meta: jsonb('meta').$type<Record<string, unknown>>(),
  scores: jsonb('scores').$type<Record<string, unknown>[]>().notNull(),
  debtors: jsonb('debtors').$type<Record<string, unknown>[]>().notNull(),
  products: jsonb('products').$type<Record<string, unknown>[]>().notNull(),
  /** Number of ledger entries, the next entry's sequence number. */
  ledgerCount: integer('ledger_count').notNull().default(0),
  /** Money paid beyond every item, kept for the account (the ledger's running state, as servicing_ledger_items). */
  ledgerCredit: bigint('ledger_credit', { mode: 'number' }).notNull().default(0),
  /**
   * Whether servicing_ledger_items and servicing_ledger_settlements hold this account's ledger state. Accounts
   * whose ledger was written before they existed get it built from the whole ledger on their next ledger write.
   */
  ledgerStateBuilt: boolean('ledger_state_built').notNull().default(false),
  createdAt: at('created_at'),
  updatedAt: at('updated_at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.accountReference] }),
  // The console's recently changed accounts (staff-reads.ts), newest first, without sorting every account of the tenant.
  index('servicing_accounts_updated').on(table.tenantId, table.updatedAt),
]);

export const servicingLedgerEntries = pgTable('servicing_ledger_entries', {
  tenantId: uuid('tenant_id').notNull(),
  accountReference: text('account_reference').notNull(),
  /** Insertion order within the account (0-based). */
  seq: integer('seq').notNull(),
  ledgerEntryReference: text('ledger_entry_reference').notNull(),
  /** The entry as submitted (the wire `LedgerEntry`, without accountReference). */
  entry: jsonb('entry').$type<Record<string, unknown>>().notNull(),
  /** Effective `createdAt` (epoch ms): as sent, or the server time when the entry was added. */
  createdAtMs: bigint('created_at_ms', { mode: 'number' }).notNull(),
  createdAt: at('created_at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.accountReference, table.seq] }),
  uniqueIndex('servicing_ledger_entries_ref').on(table.tenantId, table.accountReference, table.ledgerEntryReference),
  // Chargebacks on a payment, read to check a new one stays within what the payment still carries.
  index('servicing_ledger_entries_chargeback_target')
    .on(table.tenantId, table.accountReference, sql`(${table.entry}->'context'->>'ledgerEntryReference')`)
    .where(sql`${table.entry} ? 'chargebackDetails'`),
]);

/** Entries per stored page of an account's rendered ledger (servicing_ledger_pages). */
export const LEDGER_PAGE_ENTRIES = 100;

/**
 * An account's ledger as get_account shows it, rendered once: page p holds the JSON text (`entry::text`, joined by
 * ", ") of the entries with seq in [p × LEDGER_PAGE_ENTRIES, (p + 1) × LEDGER_PAGE_ENTRIES). Only complete pages are
 * stored, written by the ledger write that completes them; entries never change, so a page never does either.
 * get_account reads the pages and renders only the entries after the last one (store/ledger-entries.ts).
 */
export const servicingLedgerPages = pgTable('servicing_ledger_pages', {
  tenantId: uuid('tenant_id').notNull(),
  accountReference: text('account_reference').notNull(),
  page: integer('page').notNull(),
  entries: text('entries').notNull(),
}, (table) => [primaryKey({ columns: [table.tenantId, table.accountReference, table.page] })]);

/**
 * The ledger's running state, one row per item an entry raised (invoice principal, invoice fee, account-level fee
 * or adjustment) with its open amount now, updated under the account lock as entries are appended, so that a
 * write reads the items it touches rather than replaying the account's history (spec §4.1; ledger-replay.ts).
 * An invoice principal also carries the stamp of the Adjustment that last set its currentDueDate.
 */
export const servicingLedgerItems = pgTable('servicing_ledger_items', {
  tenantId: uuid('tenant_id').notNull(),
  accountReference: text('account_reference').notNull(),
  ledgerEntryReference: text('ledger_entry_reference').notNull(),
  kind: text('kind', { enum: ['INVOICE_PRINCIPAL', 'INVOICE_FEE', 'ACCOUNT_ITEM'] }).notNull(),
  sourceType: text('source_type', { enum: ['INVOICE', 'FEE', 'ADJUSTMENT'] }).notNull(),
  invoiceReference: text('invoice_reference'),
  feeType: text('fee_type'),
  productReference: text('product_reference'),
  createdAtMs: bigint('created_at_ms', { mode: 'number' }).notNull(),
  sequence: integer('sequence').notNull(),
  openAmount: bigint('open_amount', { mode: 'number' }).notNull(),
  dueDate: text('due_date'),
  dueCreatedAtMs: bigint('due_created_at_ms', { mode: 'number' }),
  dueSequence: integer('due_sequence'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.accountReference, table.ledgerEntryReference] }),
  index('servicing_ledger_items_invoice').on(table.tenantId, table.accountReference, table.invoiceReference)
    .where(sql`${table.invoiceReference} is not null`),
  index('servicing_ledger_items_open').on(table.tenantId, table.accountReference).where(sql`${table.openAmount} > 0`),
]);

/** What each Payment entry settled, part by part (null item = account credit), net of chargebacks since. */
export const servicingLedgerSettlements = pgTable('servicing_ledger_settlements', {
  tenantId: uuid('tenant_id').notNull(),
  accountReference: text('account_reference').notNull(),
  paymentReference: text('payment_reference').notNull(),
  position: integer('position').notNull(),
  itemReference: text('item_reference'),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  /**
   * When the payment was booked (its ledger entry's created_at), set when the part is first written: the recovery
   * curves (report-queries.ts) date a settlement by it without joining the payment's entry.
   */
  paidAt: at('paid_at'),
  /**
   * For a part that settled an invoice principal, when the invoice was placed (its entry's and its managed claim's
   * created_at), else null; and the account's currency. The recovery curves (report-queries.ts) group settlements by
   * them without joining claims, entries or accounts.
   */
  placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }),
  currency: text('currency'),
}, (table) => [primaryKey({ columns: [table.tenantId, table.accountReference, table.paymentReference, table.position] })]);

export const servicingClaims = pgTable('servicing_claims', {
  tenantId: uuid('tenant_id').notNull(),
  claimReference: text('claim_reference').notNull(),
  accountReference: text('account_reference'),
  /** Ledger-managed (created by an Invoice entry) or set through the claim endpoints. */
  managed: boolean('managed').notNull(),
  status: text('status', { enum: ['ACTIVE', 'RESOLVED'] }).notNull(),
  resolutionReason: text('resolution_reason'),
  /** Managed claims only: a resolve_claims reason that ledger activity never undoes (spec §4.3). */
  explicitResolution: text('explicit_resolution'),
  linkGroupId: uuid('link_group_id'),
  debtorReference: text('debtor_reference'),
  /** `<claimRef>-<currentDueDate at creation>` (spec §5). */
  receeveClaimRef: text('receeve_claim_ref').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  /** Creation order, for listing and the pagination cursor. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  journey: text('journey', { enum: ['RUNNING', 'PAUSED', 'STOPPED'] }).notNull().default('RUNNING'),
  createdAt: at('created_at'),
  updatedAt: at('updated_at'),
  /**
   * When the claim last became RESOLVED (null while ACTIVE): set by the writes in store/claims.ts from the status they
   * write, kept while it stays RESOLVED, cleared when it is reopened. The reports' as-of ageing reads it.
   */
  resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  /**
   * Managed claims only (null otherwise): the invoice principal as booked (its Invoice entry's amount) and the
   * account's currency, written with the claim; the recovery curves' placed side reads them without a join.
   */
  placedPrincipal: bigint('placed_principal', { mode: 'number' }),
  placedCurrency: text('placed_currency'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.claimReference] }),
  index('servicing_claims_account').on(table.tenantId, table.accountReference, table.seq),
  // No index on the debtor (migration 0049): a claim's (debtor, account) is in servicing_account_debtors, which
  // get_debtor_accounts_and_claims reads, and the one query by debtor names the account too (claim-keys test).
  index('servicing_claims_link_group').on(table.tenantId, table.linkGroupId).where(sql`${table.linkGroupId} is not null`),
]);

/** Debtor references per account, for get_debtor_accounts_and_claims (kept in step with the account's debtors). */
export const servicingAccountDebtors = pgTable('servicing_account_debtors', {
  tenantId: uuid('tenant_id').notNull(),
  debtorReference: text('debtor_reference').notNull(),
  accountReference: text('account_reference').notNull(),
}, (table) => [primaryKey({ columns: [table.tenantId, table.debtorReference, table.accountReference] })]);

/** Custom-trigger executions recorded by `triggerName` (spec A7): no other effect. */
export const servicingTriggerExecutions = pgTable('servicing_trigger_executions', {
  tenantId: uuid('tenant_id').notNull(),
  id: bigserial('id', { mode: 'number' }).notNull(),
  claimReference: text('claim_reference').notNull(),
  triggerName: text('trigger_name').notNull(),
  operation: text('operation').notNull(),
  requestId: text('request_id'),
  at: at('at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('servicing_trigger_executions_claim').on(table.tenantId, table.claimReference),
]);

/**
 * An `async=true` request and its outcome. Written QUEUED in the request's own transaction (keyed by the async
 * request id the answer carries), then claimed by its job in the job's transaction (exactly once) and finished
 * SUCCEEDED with the per-item results, or FAILED with the whole-request error `{status, error, message}`.
 * `job_id` holds the async request id (or the pg-boss job id for jobs that carry none).
 */
export const servicingAsyncRequests = pgTable('servicing_async_requests', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  jobId: text('job_id').notNull(),
  operation: text('operation').notNull(),
  status: text('status', { enum: ['QUEUED', 'SUCCEEDED', 'FAILED'] }).notNull().default('SUCCEEDED'),
  requestId: text('request_id'),
  requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }),
  result: jsonb('result'),
  error: jsonb('error'),
  processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }),
  durationMs: bigint('duration_ms', { mode: 'number' }),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.jobId] }),
  index('servicing_async_requests_queued').on(table.requestedAt).where(sql`${table.status} = 'QUEUED'`),
]);

/**
 * What the ledger expects to receive and when (an instalment plan's instalments, added by collections through
 * servicing's api): not ledger entries, so they never move a balance; `source` names what created them (e.g.
 * `instalment_plan:<id>`) and cancelling the source cancels them together.
 */
export const servicingLedgerExpectations = pgTable('servicing_ledger_expectations', {
  tenantId: uuid('tenant_id').notNull(),
  accountReference: text('account_reference').notNull(),
  expectationReference: text('expectation_reference').notNull(),
  source: text('source').notNull(),
  dueDate: text('due_date').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  status: text('status', { enum: ['OPEN', 'CANCELLED'] }).notNull(),
  createdAt: at('created_at'),
  updatedAt: at('updated_at'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.accountReference, table.expectationReference] }),
  index('servicing_ledger_expectations_source').on(table.tenantId, table.source),
]);

/**
 * Structured payment references that name the invoices a payment pays (a transfer the debtor prepared on the
 * landing page, added by collections through servicing's api): match_account_payment quoting the reference pays
 * these invoices first. The reference is stored compact and upper case, unique per tenant.
 */
export const servicingPaymentTargets = pgTable('servicing_payment_targets', {
  tenantId: uuid('tenant_id').notNull(),
  paymentReference: text('payment_reference').notNull(),
  accountReference: text('account_reference').notNull(),
  invoiceReferences: jsonb('invoice_references').$type<string[]>().notNull(),
  createdAt: at('created_at'),
}, (table) => [primaryKey({ columns: [table.tenantId, table.paymentReference] })]);
