import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { exposureHeldColumn, lifecycleColumns, premiumColumns, timestamptz as ts } from '../../platform/db/columns.js';
import { tenantIdColumn } from '../../platform/db/schema.js';

/**
 * Credable Connect quote requests: pending → priced (e-mailed, holding exposure) or declined; priced → purchased
 * (a cover for ±15 days around the purchase, still holding exposure) or expired; purchased → ended. Money in minor
 * units, dates as `YYYY-MM-DD` text.
 */
export const connectQuoteRequests = pgTable('connect_quote_requests', {
  id: text('id').primaryKey(),
  tenantId: tenantIdColumn(),
  bookId: uuid('book_id').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  sellerCountry: text('seller_country').notNull(),
  sellerEmail: text('seller_email').notNull(),
  /** As sent (echoed); `language` is the one communication uses. */
  sellerLanguage: text('seller_language'),
  language: text('language').notNull(),
  sellerFirstName: text('seller_first_name'),
  sellerLastName: text('seller_last_name'),
  buyerIdentifier: text('buyer_identifier').notNull(),
  buyerCountry: text('buyer_country').notNull(),
  invoiceAmount: bigint('invoice_amount', { mode: 'number' }).notNull(),
  /** `invoice_amount` as the client sent it, echoed on the wire (null for rows stored before it was kept). */
  invoiceAmountText: text('invoice_amount_text'),
  invoiceCurrency: text('invoice_currency').notNull(),
  invoicePaymentTerms: integer('invoice_payment_terms').notNull(),
  invoiceNumber: text('invoice_number'),
  invoiceIssueDate: text('invoice_issue_date'),
  invoiceDueDate: text('invoice_due_date'),
  invoiceReference: text('invoice_reference'),
  /** The code as sent (echoed) and the percentage it carried when the request was made. */
  discountCode: text('discount_code'),
  discountPercent: text('discount_percent'),
  newUser: boolean('new_user').notNull(),
  status: text('status').notNull(),
  declineRule: text('decline_rule'),
  ...premiumColumns(),
  exposureHeld: exposureHeldColumn(),
  /** SHA-256 of the purchase link's token; the token itself is only in the e-mail. */
  purchaseTokenHash: text('purchase_token_hash'),
  pricedAt: ts('priced_at'),
  expiresAt: ts('expires_at'),
  purchasedAt: ts('purchased_at'),
  coverFrom: text('cover_from'),
  coverTo: text('cover_to'),
  /** The deadline is the next timer: purchase window end, or end of the cover's exposure (domain/connect-state.ts). */
  ...lifecycleColumns(),
}, (table) => [
  uniqueIndex('connect_quote_requests_token').on(table.purchaseTokenHash).where(sql`${table.purchaseTokenHash} is not null`),
  index('connect_quote_requests_deadline').on(table.deadlineAt).where(sql`${table.deadlineAt} is not null`),
  index('connect_quote_requests_seller').on(table.tenantId, table.sellerCountry, table.sellerIdentifier),
  index('connect_quote_requests_pending').on(table.createdAt).where(sql`${table.status} = 'pending'`),
  // The seller dashboard's sign-in finds a seller by the address its covers were bought with.
  index('connect_quote_requests_seller_email').on(sql`lower(${table.sellerEmail})`).where(sql`${table.status} in ('purchased', 'ended')`),
]);

/** A seller's identity confirmation (KYC) by its representative; one per seller and tenant, done once. */
export const connectSellers = pgTable('connect_sellers', {
  tenantId: tenantIdColumn(),
  sellerCountry: text('seller_country').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  representativeName: text('representative_name').notNull(),
  personalNumber: text('personal_number').notNull(),
  email: text('email').notNull(),
  authorityConfirmed: boolean('authority_confirmed').notNull(),
  quoteRequestId: text('quote_request_id').notNull(),
  ip: text('ip'),
  kycCompletedAt: ts('kyc_completed_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.sellerCountry, table.sellerIdentifier] }),
  // The seller dashboard's sign-in finds a seller by its representative's address.
  index('connect_sellers_email').on(sql`lower(${table.email})`),
]);

/** What the seller owes for a purchase, as recorded by the payment provider it chose (one per quote request). */
export const connectPayments = pgTable('connect_payments', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  quoteRequestId: text('quote_request_id').notNull(),
  provider: text('provider').notNull(),
  status: text('status').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  reference: text('reference').notNull(),
  dueDate: text('due_date'),
  createdAt: ts('created_at').notNull(),
}, (table) => [uniqueIndex('connect_payments_quote_request').on(table.quoteRequestId)]);
