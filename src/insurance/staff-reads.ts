// Reads for the staff console's buyer file: the single-invoice covers (quotes) on one buyer across the tenant's sellers.
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { insuranceQuotes } from './schema.js';
import type { QuoteRow } from './store.js';

/** The tenant's quotes on a buyer (ISO country and registry identifier as the quote names them), newest first. */
export async function quotesOnBuyer(executor: Executor, tenantId: string, country: string, identifier: string, limit: number): Promise<QuoteRow[]> {
  return executor.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.buyerCountry, country), eq(insuranceQuotes.buyerIdentifier, identifier)))
    .orderBy(desc(insuranceQuotes.createdAt)).limit(limit);
}
