import { bigint, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The public number of a registry buyer (the Atradius-style `buyerId`, an integer). Decision: numbers are global like
 * the registry itself, handed out on first use (a search by identifier, a migration backfill) and never reused.
 */
export const riskBuyerNumbers = pgTable('risk_buyer_numbers', {
  buyerId: bigint('buyer_id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 11_000_001 }),
  country: text('country').notNull(),
  registryId: text('registry_id').notNull(),
}, (table) => [uniqueIndex('risk_buyer_numbers_identifier').on(table.country, table.registryId)]);
