import { sql } from 'drizzle-orm';
import { bigint, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Decision: the buyer registry is global (no tenant_id): it is reference data about companies, like a credit-bureau
 * feed, shared by every client; the demo set is inserted by the migration and `tradecredit buyers import` updates it.
 */
export const riskBuyers = pgTable('risk_buyers', {
  country: text('country').notNull(),
  registryId: text('registry_id').notNull(),
  name: text('name').notNull(),
  rating: smallint('rating').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
}, (table) => [primaryKey({ columns: [table.country, table.registryId] })]);

/**
 * Insured exposure per buyer and book, in the base currency (minor units). Decision: live tenants share one book
 * (LIVE_BOOK_ID: "across all clients"); each sandbox tenant has its own book (book_id = tenant id), so integrators
 * can neither exhaust nor observe each other's capacity. The row is locked FOR UPDATE whenever an offer takes capacity.
 */
export const riskExposure = pgTable('risk_exposure', {
  bookId: uuid('book_id').notNull(),
  country: text('country').notNull(),
  registryId: text('registry_id').notNull(),
  exposure: bigint('exposure', { mode: 'number' }).notNull().default(0),
  /** Pending or approved claims on the buyer in this book (underwriting declines new cover while > 0). */
  openClaims: integer('open_claims').notNull().default(0),
}, (table) => [primaryKey({ columns: [table.bookId, table.country, table.registryId] })]);

export const LIVE_BOOK_ID = '00000000-0000-0000-0000-000000000000';
