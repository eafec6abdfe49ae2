import { and, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../platform/db/database.js';
import { connectPayments, connectQuoteRequests, connectSellers } from './schema.js';

export type ConnectRequestRow = typeof connectQuoteRequests.$inferSelect;
export type ConnectSellerRow = typeof connectSellers.$inferSelect;
export type ConnectPaymentRow = typeof connectPayments.$inferSelect;

export async function findConnectRequest(executor: Executor, tenantId: string, id: string): Promise<ConnectRequestRow | undefined> {
  const [row] = await executor.select().from(connectQuoteRequests)
    .where(and(eq(connectQuoteRequests.tenantId, tenantId), eq(connectQuoteRequests.id, id)));
  return row;
}

export async function lockConnectRequest(tx: Transaction, tenantId: string, id: string): Promise<ConnectRequestRow | undefined> {
  const [row] = await tx.select().from(connectQuoteRequests)
    .where(and(eq(connectQuoteRequests.tenantId, tenantId), eq(connectQuoteRequests.id, id))).for('update');
  return row;
}

/** The purchase pages know only the link's token; the row found names the tenant. */
export async function lockConnectRequestByToken(tx: Transaction, tokenHash: string): Promise<ConnectRequestRow | undefined> {
  const [row] = await tx.select().from(connectQuoteRequests)
    .where(eq(connectQuoteRequests.purchaseTokenHash, tokenHash)).for('update');
  return row;
}

/** The language of the request behind a purchase token, read without a lock (for pages shown without the offer). */
export async function findConnectLanguageByToken(executor: Executor, tokenHash: string): Promise<string | undefined> {
  const [row] = await executor.select({ language: connectQuoteRequests.language }).from(connectQuoteRequests)
    .where(eq(connectQuoteRequests.purchaseTokenHash, tokenHash));
  return row?.language;
}

export async function findConnectSeller(
  executor: Executor, tenantId: string, country: string, identifier: string,
): Promise<ConnectSellerRow | undefined> {
  const [row] = await executor.select().from(connectSellers).where(and(
    eq(connectSellers.tenantId, tenantId), eq(connectSellers.sellerCountry, country), eq(connectSellers.sellerIdentifier, identifier),
  ));
  return row;
}

export async function findConnectPayment(executor: Executor, tenantId: string, quoteRequestId: string): Promise<ConnectPaymentRow | undefined> {
  const [row] = await executor.select().from(connectPayments)
    .where(and(eq(connectPayments.tenantId, tenantId), eq(connectPayments.quoteRequestId, quoteRequestId)));
  return row;
}
