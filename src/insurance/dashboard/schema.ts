import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz as ts } from '../../platform/db/columns.js';
import { tenantIdColumn } from '../../platform/db/schema.js';

/**
 * A one-time sign-in link e-mailed to a Connect seller: the SHA-256 of its token (the token is only in the e-mail),
 * the seller it opens, when it stops working (tenant time) and when it was used. A used link never works again.
 */
export const sellerSignInLinks = pgTable('seller_sign_in_links', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  tokenHash: text('token_hash').notNull().unique(),
  sellerCountry: text('seller_country').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  email: text('email').notNull(),
  language: text('language').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull(),
});

/** A signed-in seller's browser session: the SHA-256 of the cookie's random id, the seller, and its idle and absolute ends. */
export const sellerSessions = pgTable('seller_sessions', {
  idHash: text('id_hash').primaryKey(),
  tenantId: tenantIdColumn(),
  sellerCountry: text('seller_country').notNull(),
  sellerIdentifier: text('seller_identifier').notNull(),
  email: text('email').notNull(),
  language: text('language').notNull(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  endedAt: ts('ended_at'),
});

/**
 * Requests for a sign-in link, by the SHA-256 of the lower-cased address whether or not it is known, so the per-address
 * limit answers a known and an unknown address alike. Not a tenant's row: an address is looked up across tenants.
 */
export const sellerSignInRequests = pgTable('seller_sign_in_requests', {
  emailHash: text('email_hash').notNull(),
  requestedAt: ts('requested_at').notNull(),
}, (table) => [index('seller_sign_in_requests_address').on(table.emailHash, table.requestedAt)]);
