import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { bulkRowTenantIdColumn, tenants } from '../../platform/db/schema.js';

/*
 * The debtor landing page (Receeve #26, collections.md §4): the links handed out, the sessions a debtor opens by
 * answering the second factor, and every visit. Only hashes of links and sessions are stored: the random values
 * exist only in the URL and in the debtor's cookie.
 */

/** One link per get_landing_page_url call; revoked or expired links open nothing, a locked one waits for a new link. */
export const collectionsLandingLinks = pgTable('collections_landing_links', {
  tenantId: bulkRowTenantIdColumn(),
  id: uuid('id').notNull(),
  /** sha256 (hex) of the token in the URL. */
  tokenHash: text('token_hash').notNull(),
  /**
   * The token itself, kept only for links issued for the engine's messages so that later reminders can carry the
   * same link: each of those messages is stored as an .eml holding the same URL, so this exposes nothing more.
   * Null for get_landing_page_url's links, which exist only in the caller's answer.
   */
  messageToken: text('message_token'),
  claimReference: text('claim_reference').notNull(),
  accountReference: text('account_reference'),
  issuedAt: timestamptz('issued_at').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  revokedAt: timestamptz('revoked_at'),
  /** Wrong second-factor answers so far; at the limit the link locks for good. */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedAt: timestamptz('locked_at'),
}, (table) => [
  // The key is also the index a claim's links are read and revoked by; the one write by id (a second-factor
  // attempt) names the link's claim too. So a separate (tenant, id) key, one more index entry a step, is not kept
  // (migration 0048).
  primaryKey({ columns: [table.tenantId, table.claimReference, table.id] }),
  uniqueIndex('collections_landing_links_token').on(table.tokenHash),
]);

/** A debtor's session on one link, opened by a right second-factor answer (its value lives in an HttpOnly cookie). */
export const collectionsLandingSessions = pgTable('collections_landing_sessions', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  linkId: uuid('link_id').notNull(),
  sessionHash: text('session_hash').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  uniqueIndex('collections_landing_sessions_hash').on(table.sessionHash),
]);

/** Every request for the page behind a link (the event `landing_page.visited` carries the same facts). */
export const collectionsLandingVisits = pgTable('collections_landing_visits', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  linkId: uuid('link_id').notNull(),
  claimReference: text('claim_reference').notNull(),
  visitedAt: timestamptz('visited_at').notNull(),
  /** Whether the visitor had passed the second factor (saw the account) on this visit. */
  verified: boolean('verified').notNull(),
  userAgent: text('user_agent'),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('collections_landing_visits_link').on(table.tenantId, table.linkId, table.visitedAt),
  index('collections_landing_visits_claim').on(table.tenantId, table.claimReference).where(sql`${table.verified}`),
]);

/** Where the debtor pays by bank transfer: the creditor's account as the EPC QR code names it (one per tenant). */
export const collectionsLandingPayees = pgTable('collections_landing_payees', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id).primaryKey(),
  beneficiaryName: text('beneficiary_name').notNull(),
  iban: text('iban').notNull(),
  bic: text('bic'),
  updatedAt: timestamptz('updated_at').notNull(),
});

/** A bank transfer the debtor prepared on the page: the items chosen, their sum and the RF reference to quote. */
export const collectionsLandingPayments = pgTable('collections_landing_payments', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  reference: text('reference').notNull(),
  linkId: uuid('link_id').notNull(),
  accountReference: text('account_reference'),
  claimReferences: jsonb('claim_references').$type<string[]>().notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  uniqueIndex('collections_landing_payments_reference').on(table.tenantId, table.reference),
]);

/** A claim the debtor disputed on the page, with their reason and the document they uploaded; open until resolved. */
export const collectionsLandingDisputes = pgTable('collections_landing_disputes', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  id: uuid('id').notNull(),
  linkId: uuid('link_id').notNull(),
  claimReference: text('claim_reference').notNull(),
  accountReference: text('account_reference'),
  reason: text('reason').notNull(),
  /** The uploaded document (collections_files), when one was given. */
  fileId: uuid('file_id'),
  status: text('status', { enum: ['open', 'resolved'] }).notNull(),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('collections_landing_disputes_claim').on(table.tenantId, table.claimReference).where(sql`${table.status} = 'open'`),
]);
