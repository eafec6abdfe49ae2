import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * Non-payment cases (spec §6.2). Money in minor units of the case currency, dates as `YYYY-MM-DD` text. The `*_due_at`
 * columns are the timers of §6.7 in tenant time: the sweeps (sweeps.ts) fire each once and clear it in the same
 * transaction; reads fire the due ones of the case first (lazy evaluation).
 */
export const nonpaymentCases = pgTable('nonpayment_cases', {
  caseNumber: bigint('case_number', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 1 }),
  /** No foreign key: the tenant comes from the unit of work that loaded it, and tenants are never deleted (migration 0046). */
  tenantId: uuid('tenant_id').notNull(),
  customerId: bigint('customer_id', { mode: 'number' }).notNull(),
  policyId: bigint('policy_id', { mode: 'number' }).notNull(),
  buyerId: bigint('buyer_id', { mode: 'number' }).notNull(),
  buyerName: text('buyer_name').notNull(),
  customerRefNumber: text('customer_ref_number'),
  caseType: text('case_type', { enum: ['COLLECTION', 'MONITOR', 'CLAIM_COLLECTION', 'CLAIM_MONITOR'] }).notNull(),
  caseStatus: text('case_status', { enum: ['SUBMITTED', 'OPEN', 'CLOSED', 'REJECTED'] }).notNull(),
  collectionPhase: text('collection_phase', { enum: ['AMICABLE', 'LEGAL', 'INSOLVENCY'] }),
  claimStatus: text('claim_status', { enum: ['NOT_CLAIMED', 'SUBMITTED', 'AWAITING_DOCUMENTS', 'IN_ASSESSMENT', 'APPROVED', 'DECLINED', 'PAID'] }).notNull(),
  claimCause: text('claim_cause', { enum: ['PROTRACTED_DEFAULT', 'INSOLVENCY'] }),
  closureReason: text('closure_reason', { enum: ['PAID_BY_DEBTOR', 'INDEMNIFIED', 'WITHDRAWN', 'UNRECOVERABLE', 'CLAIM_DECLINED'] }),
  rejectionReason: text('rejection_reason'),
  claimDeclineReason: text('claim_decline_reason'),
  currency: text('currency').notNull(),
  totalInvoiced: money('total_invoiced').notNull(),
  totalCredited: money('total_credited').notNull(),
  totalPaid: money('total_paid').notNull(),
  outstandingAmount: money('outstanding_amount').notNull(),
  oldestDueDate: text('oldest_due_date').notNull(),
  firstInvoiceDate: text('first_invoice_date').notNull(),
  notifiedOn: text('notified_on').notNull(),
  insolvencyDate: text('insolvency_date'),
  dateOfLoss: text('date_of_loss'),
  lossDateReached: boolean('loss_date_reached').notNull().default(false),
  claimAmount: money('claim_amount'),
  claimSubmittedOn: text('claim_submitted_on'),
  documents: jsonb('documents').$type<{ name: string; url: string }[]>().notNull().default([]),
  approvedAmount: money('approved_amount'),
  approvedOn: text('approved_on'),
  indemnityPercentage: integer('indemnity_percentage'),
  indemnityAmount: money('indemnity_amount'),
  /** The indemnity calculation (domain/indemnity.ts) the approval was made on, as recorded then. */
  indemnityCalculation: jsonb('indemnity_calculation').$type<Record<string, unknown>>(),
  assessmentOverdue: boolean('assessment_overdue').notNull().default(false),
  paymentPlan: jsonb('payment_plan').$type<{ instalments: { dueDate: string; amount: number }[] }>(),
  debtorContact: jsonb('debtor_contact').$type<Record<string, string>>(),
  /** The §6.4 checks with their reasons, as recorded when they ran (null until then). */
  eligibility: jsonb('eligibility').$type<{ checkedOn: string; checks: { check: string; passed: boolean; reason: string }[]; claimRefusal: string | null; coverAtFirstInvoice: number }>(),
  lateNotification: boolean('late_notification').notNull().default(false),
  eligibilityDueAt: ts('eligibility_due_at'),
  documentsDueAt: ts('documents_due_at'),
  assessmentDueAt: ts('assessment_due_at'),
  lossDueAt: ts('loss_due_at'),
  paymentDueAt: ts('payment_due_at'),
  legalDueAt: ts('legal_due_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (table) => [
  // Only one SUBMITTED or OPEN case per (policy, buyer) (spec §6.3), even under concurrent creation.
  uniqueIndex('nonpayment_cases_one_open').on(table.tenantId, table.policyId, table.buyerId)
    .where(sql`${table.caseStatus} in ('SUBMITTED', 'OPEN')`),
  index('nonpayment_cases_customer').on(table.tenantId, table.customerId, table.caseNumber),
  index('nonpayment_cases_policy').on(table.tenantId, table.policyId, table.caseNumber),
  index('nonpayment_cases_eligibility_due').on(table.eligibilityDueAt).where(sql`${table.eligibilityDueAt} is not null`),
  index('nonpayment_cases_documents_due').on(table.documentsDueAt).where(sql`${table.documentsDueAt} is not null`),
  index('nonpayment_cases_assessment_due').on(table.assessmentDueAt).where(sql`${table.assessmentDueAt} is not null`),
  index('nonpayment_cases_loss_due').on(table.lossDueAt).where(sql`${table.lossDueAt} is not null`),
  index('nonpayment_cases_payment_due').on(table.paymentDueAt).where(sql`${table.paymentDueAt} is not null`),
  index('nonpayment_cases_legal_due').on(table.legalDueAt).where(sql`${table.legalDueAt} is not null`),
]);

/*
 * The rows a case owns (transactions, notes, history, letters, recoveries, its claim hold) are keyed by their case and
 * reach their tenant through it: their `tenant_id` (every row carries it, DESIGN.md) has no foreign key of its own
 * (issue 14: each check locks the one tenant row all of a tenant's writes share). Transactions, notes, history and
 * letters are read by their case: their primary key (tenant, case, number) is that index, one index to write per row
 * instead of two. Transactions, notes and letters have no foreign key to their case either (migration 0046): each is
 * written only with its case (in the statement that inserts the case, guarded by it) or under the case's lock or
 * version guard, and cases are never deleted, so the check (one lookup and key-share lock of the case per row, ten
 * per creation) guarded nothing; it was about a sixth of a creation's PostgreSQL CPU.
 */
export const nonpaymentTransactions = pgTable('nonpayment_case_transactions', {
  transactionNumber: bigint('transaction_number', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 1 }),
  tenantId: uuid('tenant_id').notNull(),
  caseNumber: bigint('case_number', { mode: 'number' }).notNull(),
  transactionType: text('transaction_type', { enum: ['INVOICE', 'CREDIT_NOTE', 'PAYMENT'] }).notNull(),
  documentNumber: text('document_number').notNull(),
  documentDate: text('document_date').notNull(),
  dueDate: text('due_date'),
  period: text('period'),
  grossAmount: money('gross_amount').notNull(),
  netAmount: money('net_amount'),
  outstandingAmount: money('outstanding_amount').notNull(),
  description: text('description'),
  createdAt: ts('created_at').notNull(),
}, (table) => [primaryKey({ name: 'nonpayment_case_transactions_pkey', columns: [table.tenantId, table.caseNumber, table.transactionNumber] })]);

export const nonpaymentNotes = pgTable('nonpayment_case_notes', {
  noteNumber: bigint('note_number', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 1 }),
  tenantId: uuid('tenant_id').notNull(),
  caseNumber: bigint('case_number', { mode: 'number' }).notNull(),
  text: text('text').notNull(),
  category: text('category', { enum: ['GENERAL', 'DEBTOR_CONTACT', 'PAYMENT_PLAN', 'DISPUTE'] }).notNull(),
  author: text('author', { enum: ['CUSTOMER', 'ATRADIUS'] }).notNull(),
  createdAt: ts('created_at').notNull(),
}, (table) => [primaryKey({ name: 'nonpayment_case_notes_pkey', columns: [table.tenantId, table.caseNumber, table.noteNumber] })]);

/**
 * Recoveries on a case after its indemnity was paid (issue 14 point 7): each split insurer/insured by splitRecovery on
 * the running total. One row per source payment (`source_event_id`, the servicing payment event), so a reaction
 * delivered twice records the split once.
 */
export const nonpaymentRecoveries = pgTable('nonpayment_recoveries', {
  recoveryNumber: bigint('recovery_number', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 1 }),
  tenantId: uuid('tenant_id').notNull(),
  caseNumber: bigint('case_number', { mode: 'number' }).notNull().references(() => nonpaymentCases.caseNumber),
  sourceEventId: bigint('source_event_id', { mode: 'number' }).notNull(),
  amount: money('amount').notNull(),
  insurerShare: money('insurer_share').notNull(),
  insuredShare: money('insured_share').notNull(),
  insurerTotal: money('insurer_total').notNull(),
  recordedAt: ts('recorded_at').notNull(),
}, (table) => [
  uniqueIndex('nonpayment_recoveries_source').on(table.tenantId, table.sourceEventId),
  index('nonpayment_recoveries_case').on(table.tenantId, table.caseNumber, table.recoveryNumber),
]);

/**
 * The claim cases that currently hold an open claim on their buyer's exposure row (risk), which makes the buyer
 * uninsurable on every face (Credable refuses, Cover refers) until the case closes. A row is inserted when the hold is
 * taken and deleted when it is released, so a reaction delivered twice moves the counter once.
 */
export const nonpaymentClaimHolds = pgTable('nonpayment_claim_holds', {
  tenantId: uuid('tenant_id').notNull(),
  caseNumber: bigint('case_number', { mode: 'number' }).primaryKey().references(() => nonpaymentCases.caseNumber),
  heldAt: ts('held_at').notNull(),
}, (table) => [index('nonpayment_claim_holds_tenant').on(table.tenantId)]);
