import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import type { Product } from './domain/products.js';
import { insurancePolicySignatures, insuranceQuotes } from './schema.js';

export type QuoteRow = typeof insuranceQuotes.$inferSelect;
export type NewQuoteRow = typeof insuranceQuotes.$inferInsert;

export const LIVE_STATUSES = ['quote.pending', 'quote.offered', 'activation.pending', 'cover.activated', 'claim.pending'] as const;

export async function findQuote(executor: Executor, tenantId: string, product: Product, id: string): Promise<QuoteRow | undefined> {
  const [row] = await executor.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.product, product), eq(insuranceQuotes.id, id)));
  return row;
}

/** Any product of the tenant (the back office and the sign page see both). */
export async function findTenantQuote(executor: Executor, tenantId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await executor.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.id, id)));
  return row;
}

export async function lockQuote(tx: Transaction, tenantId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await tx.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.id, id))).for('update');
  return row;
}

export async function lockLiveQuotesForInvoice(
  tx: Transaction, tenantId: string, product: Product, invoiceReference: string,
): Promise<QuoteRow[]> {
  return tx.select().from(insuranceQuotes).where(and(
    eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.product, product),
    eq(insuranceQuotes.invoiceReference, invoiceReference), inArray(insuranceQuotes.status, [...LIVE_STATUSES]),
  )).for('update');
}

export async function isSellerSigned(
  executor: Executor, tenantId: string, country: string, identifier: string, policyVersion: string,
): Promise<boolean> {
  const rows = await executor.select({ id: insurancePolicySignatures.id }).from(insurancePolicySignatures).where(and(
    eq(insurancePolicySignatures.tenantId, tenantId), eq(insurancePolicySignatures.sellerCountry, country),
    eq(insurancePolicySignatures.sellerIdentifier, identifier), eq(insurancePolicySignatures.policyVersion, policyVersion),
  )).limit(1);
  return rows.length > 0;
}

export interface PolicySignature {
  readonly tenantId: string;
  readonly sellerCountry: string;
  readonly sellerIdentifier: string;
  readonly policyVersion: string;
  /** The Insure quote or Connect quote request the seller signed from. */
  readonly quoteId: string;
  readonly name: string;
  readonly email: string;
  readonly ip: string | null;
  readonly signedAt: Date;
}

/** Records a seller's signature of a policy version; a seller signs each version once (a repeat changes nothing). */
export async function recordPolicySignature(executor: Executor, signature: PolicySignature): Promise<void> {
  await executor.insert(insurancePolicySignatures).values({ id: randomUUID(), ...signature }).onConflictDoNothing();
}
