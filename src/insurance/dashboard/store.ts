// The seller dashboard's queries: sign-in links, sessions and link requests, and the seller's own insurance. Every
// query of a seller's data names the tenant and the seller (country and identifier) first.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../platform/db/database.js';
import { mailMessages } from '../../platform/db/schema.js';
import { connectPayments, connectQuoteRequests, connectSellers } from '../connect/schema.js';
import { insuranceQuotes } from '../schema.js';
import { sellerSessions, sellerSignInLinks, sellerSignInRequests } from './schema.js';

export type SignInLinkRow = typeof sellerSignInLinks.$inferSelect;
export type SellerSessionRow = typeof sellerSessions.$inferSelect;

/** A Connect seller in one tenant. */
export interface SellerRef {
  readonly tenantId: string;
  readonly sellerCountry: string;
  readonly sellerIdentifier: string;
}

const COVER_STATUSES = ['purchased', 'ended'];

/**
 * The sellers `email` (lower-cased) belongs to, in any tenant: the representative who confirmed the seller's identity,
 * or the address a cover of the seller was bought with. At most `limit`, in a stable order.
 */
export async function findSellersByEmail(executor: Executor, email: string, limit: number): Promise<SellerRef[]> {
  const byRepresentative = executor.selectDistinct({
    tenantId: connectSellers.tenantId, sellerCountry: connectSellers.sellerCountry, sellerIdentifier: connectSellers.sellerIdentifier,
  }).from(connectSellers).where(sql`lower(${connectSellers.email}) = ${email}`);
  const byPurchase = executor.selectDistinct({
    tenantId: connectQuoteRequests.tenantId, sellerCountry: connectQuoteRequests.sellerCountry, sellerIdentifier: connectQuoteRequests.sellerIdentifier,
  }).from(connectQuoteRequests)
    .where(and(sql`lower(${connectQuoteRequests.sellerEmail}) = ${email}`, inArray(connectQuoteRequests.status, COVER_STATUSES)));
  const rows = await byRepresentative.union(byPurchase);
  return rows.sort((a, b) => `${a.tenantId}${a.sellerCountry}${a.sellerIdentifier}`.localeCompare(`${b.tenantId}${b.sellerCountry}${b.sellerIdentifier}`))
    .slice(0, limit);
}

/** The language of the seller's latest Connect request (what Connect writes to the seller in), if any. */
export async function latestSellerLanguage(executor: Executor, seller: SellerRef): Promise<string | undefined> {
  const [row] = await executor.select({ language: connectQuoteRequests.language }).from(connectQuoteRequests)
    .where(sellerRequests(seller)).orderBy(desc(connectQuoteRequests.createdAt)).limit(1);
  return row?.language;
}

function sellerRequests(seller: SellerRef) {
  return and(
    eq(connectQuoteRequests.tenantId, seller.tenantId), eq(connectQuoteRequests.sellerCountry, seller.sellerCountry),
    eq(connectQuoteRequests.sellerIdentifier, seller.sellerIdentifier),
  );
}

function sellerQuotes(seller: SellerRef) {
  return and(
    eq(insuranceQuotes.tenantId, seller.tenantId), eq(insuranceQuotes.sellerCountry, seller.sellerCountry),
    eq(insuranceQuotes.sellerIdentifier, seller.sellerIdentifier),
  );
}

/** Serialises requests for one address (a transaction-scoped advisory lock), so the limit counts exactly. */
export async function lockAddress(tx: Transaction, emailHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`seller-sign-in:${emailHash}`}, 0))`);
}

/** Records a request for a link and forgets the address's requests older than `forgetBefore`; returns how many remain. */
export async function recordSignInRequest(tx: Transaction, emailHash: string, now: Date, forgetBefore: Date): Promise<number> {
  await tx.delete(sellerSignInRequests).where(and(eq(sellerSignInRequests.emailHash, emailHash), lt(sellerSignInRequests.requestedAt, forgetBefore)));
  await tx.insert(sellerSignInRequests).values({ emailHash, requestedAt: now });
  const [row] = await tx.select({ count: sql<number>`count(*)::int` }).from(sellerSignInRequests)
    .where(and(eq(sellerSignInRequests.emailHash, emailHash), gte(sellerSignInRequests.requestedAt, forgetBefore)));
  return Number(row?.count ?? 0);
}

export async function insertSignInLink(tx: Transaction, row: typeof sellerSignInLinks.$inferInsert): Promise<void> {
  await tx.insert(sellerSignInLinks).values(row);
}

export async function findSignInLink(executor: Executor, tokenHash: string): Promise<SignInLinkRow | undefined> {
  const [row] = await executor.select().from(sellerSignInLinks).where(eq(sellerSignInLinks.tokenHash, tokenHash));
  return row;
}

export async function lockSignInLink(tx: Transaction, tokenHash: string): Promise<SignInLinkRow | undefined> {
  const [row] = await tx.select().from(sellerSignInLinks).where(eq(sellerSignInLinks.tokenHash, tokenHash)).for('update');
  return row;
}

export async function markSignInLinkUsed(tx: Transaction, id: string, at: Date): Promise<void> {
  await tx.update(sellerSignInLinks).set({ usedAt: at }).where(eq(sellerSignInLinks.id, id));
}

export async function insertSession(tx: Transaction, row: typeof sellerSessions.$inferInsert): Promise<void> {
  await tx.insert(sellerSessions).values(row);
}

export async function findSession(executor: Executor, idHash: string): Promise<SellerSessionRow | undefined> {
  const [row] = await executor.select().from(sellerSessions).where(eq(sellerSessions.idHash, idHash));
  return row;
}

export async function touchSession(executor: Executor, idHash: string, at: Date): Promise<void> {
  await executor.update(sellerSessions).set({ lastSeenAt: at }).where(eq(sellerSessions.idHash, idHash));
}

export async function endSession(executor: Executor, idHash: string, at: Date): Promise<void> {
  await executor.update(sellerSessions).set({ endedAt: at }).where(eq(sellerSessions.idHash, idHash));
}

export type ConnectCoverRow = typeof connectQuoteRequests.$inferSelect;
export type QuoteCoverRow = typeof insuranceQuotes.$inferSelect;
export type PaymentRow = typeof connectPayments.$inferSelect;

/** The seller's Connect purchases (bought or ended), newest first. */
export async function listConnectCovers(executor: Executor, seller: SellerRef, limit: number): Promise<ConnectCoverRow[]> {
  return executor.select().from(connectQuoteRequests)
    .where(and(sellerRequests(seller), inArray(connectQuoteRequests.status, COVER_STATUSES)))
    .orderBy(desc(connectQuoteRequests.purchasedAt), asc(connectQuoteRequests.id)).limit(limit);
}

export async function findConnectCover(executor: Executor, seller: SellerRef, id: string): Promise<ConnectCoverRow | undefined> {
  const [row] = await executor.select().from(connectQuoteRequests)
    .where(and(sellerRequests(seller), eq(connectQuoteRequests.id, id), inArray(connectQuoteRequests.status, COVER_STATUSES)));
  return row;
}

/** The seller's Reinsure and Insure invoices that became covers (activated at some point), newest first. */
export async function listQuoteCovers(executor: Executor, seller: SellerRef, limit: number): Promise<QuoteCoverRow[]> {
  return executor.select().from(insuranceQuotes)
    .where(and(sellerQuotes(seller), isNotNull(insuranceQuotes.activatedAt)))
    .orderBy(desc(insuranceQuotes.activatedAt), asc(insuranceQuotes.id)).limit(limit);
}

export async function findQuoteCover(executor: Executor, seller: SellerRef, id: string): Promise<QuoteCoverRow | undefined> {
  const [row] = await executor.select().from(insuranceQuotes)
    .where(and(sellerQuotes(seller), eq(insuranceQuotes.id, id), isNotNull(insuranceQuotes.activatedAt)));
  return row;
}

export async function paymentsFor(executor: Executor, tenantId: string, requestIds: string[]): Promise<PaymentRow[]> {
  if (requestIds.length === 0) return [];
  return executor.select().from(connectPayments)
    .where(and(eq(connectPayments.tenantId, tenantId), inArray(connectPayments.quoteRequestId, requestIds)));
}

/** The stored receipt e-mail of a Connect purchase (the latest, should there be several). */
export async function findReceiptMail(executor: Executor, tenantId: string, requestId: string, kind: string) {
  const [row] = await executor.select({ id: mailMessages.id, eml: mailMessages.eml, subject: mailMessages.subject, createdAt: mailMessages.createdAt })
    .from(mailMessages)
    .where(and(
      eq(mailMessages.tenantId, tenantId), eq(mailMessages.relatedType, 'quote_request'), eq(mailMessages.relatedId, requestId),
      eq(mailMessages.kind, kind),
    ))
    .orderBy(desc(mailMessages.createdAt)).limit(1);
  return row;
}
