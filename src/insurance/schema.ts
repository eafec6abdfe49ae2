import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { exposureHeldColumn, lifecycleColumns, premiumColumns, timestamptz as ts } from '../platform/db/columns.js';
import { tenantIdColumn } from '../platform/db/schema.js';

/** Reinsure and Insure quotes (one row per quote → cover → claim). Money in minor units; dates as `YYYY-MM-DD` text. */
export const insuranceQuotes = pgTable('insurance_quotes', {
  id: text('id').primaryKey(),
  tenantId: tenantIdColumn(),
  product: text('product', { enum: ['reinsure', 'insure'] }).notNull(),
  bookId: uuid('book_id').notNull(),
  userReference: text('user_reference').notNull(),
  sellerReference: text('seller_reference').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  sellerCountry: text('seller_country').notNull(),
  buyerReference: text('buyer_reference').notNull(),
  buyerIdentifier: text('buyer_identifier').notNull(),
  buyerCountry: text('buyer_country').notNull(),
  invoiceReference: text('invoice_reference').notNull(),
  invoiceAmount: bigint('invoice_amount', { mode: 'number' }).notNull(),
  /** `invoice_amount` as the client sent it, echoed on the wire (null for rows stored before it was kept). */
  invoiceAmountText: text('invoice_amount_text'),
  invoiceCurrency: text('invoice_currency').notNull(),
  invoiceIssueDate: text('invoice_issue_date').notNull(),
  invoiceDueDate: text('invoice_due_date').notNull(),
  ...premiumColumns(),
  /** Premium the automatic underwriting suggested for a referred quote (the underwriter may change it). */
  suggestedPremium: bigint('suggested_premium', { mode: 'number' }),
  status: text('status').notNull(),
  reason: text('reason'),
  referred: boolean('referred').notNull().default(false),
  underwritingRule: text('underwriting_rule'),
  exposureHeld: exposureHeldColumn(),
  claimKind: text('claim_kind'),
  bankruptcyDate: text('bankruptcy_date'),
  claimComment: text('claim_comment'),
  claimDecisionReason: text('claim_decision_reason'),
  signerEmail: text('signer_email'),
  signerFirstName: text('signer_first_name'),
  signerLastName: text('signer_last_name'),
  offeredAt: ts('offered_at'),
  activatedAt: ts('activated_at'),
  claimedAt: ts('claimed_at'),
  /** The deadline is the next timer: offer expiry or automatic settlement. */
  ...lifecycleColumns(),
}, (table) => [
  index('insurance_quotes_deadline').on(table.deadlineAt).where(sql`${table.deadlineAt} is not null`),
  uniqueIndex('insurance_quotes_live_invoice').on(table.tenantId, table.product, table.invoiceReference)
    .where(sql`${table.status} in ('quote.pending', 'quote.offered', 'activation.pending', 'cover.activated', 'claim.pending')`),
  // The back office's work queues (referred quotes, pending claims) only: a quote elsewhere in its life is not indexed.
  index('insurance_quotes_work_queue').on(table.tenantId, table.status)
    .where(sql`(${table.status} = 'quote.pending' and ${table.referred}) or ${table.status} = 'claim.pending'`),
  index('insurance_quotes_buyer').on(table.bookId, table.buyerCountry, table.buyerIdentifier),
  // The seller dashboard lists a seller's covers (quotes that were activated).
  index('insurance_quotes_seller_covers').on(table.tenantId, table.sellerCountry, table.sellerIdentifier)
    .where(sql`${table.activatedAt} is not null`),
]);

/** A seller's signature of one policy version (Insure); a new policy version requires signing again. */
export const insurancePolicySignatures = pgTable('insurance_policy_signatures', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  sellerCountry: text('seller_country').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  policyVersion: text('policy_version').notNull(),
  quoteId: text('quote_id'),
  name: text('name').notNull(),
  email: text('email').notNull(),
  ip: text('ip'),
  signedAt: ts('signed_at').notNull(),
}, (table) => [
  uniqueIndex('insurance_policy_signatures_seller').on(table.tenantId, table.sellerCountry, table.sellerIdentifier, table.policyVersion),
]);
