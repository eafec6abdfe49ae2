// What the signed-in seller may see: their own Connect purchases and, from the same tenant, their Reinsure and Insure
// invoices that became covers (where claims are made). Every read names the session's tenant and seller, so another
// seller's invoice, in this tenant or another, reads as missing. Due timers are applied to what is shown (a cover
// past its end shows as ended before the sweep has written it), without writing.
import type { Executor } from '../../../platform/db/database.js';
import { type BusinessDate, businessDateAt } from '../../../platform/dates.js';
import type { MinorUnits } from '../../../platform/money.js';
import { findRegisteredBuyers } from '../../../risk/api.js';
import { RECEIPT_MAIL_KIND } from '../../connect/mail.js';
import type { InsuranceContext } from '../../context.js';
import { type ConnectStatus, dueConnectTimer } from '../../domain/connect-state.js';
import type { Product } from '../../domain/products.js';
import { claimWindowLastDay } from '../../domain/quote-state.js';
import { evaluateTimers, type TimedQuote } from '../../domain/quote-timers.js';
import { MAX_COVERS_LISTED } from '../rules.js';
import type { SellerSession } from '../session.js';
import {
  type ConnectCoverRow, type PaymentRow, type QuoteCoverRow, findConnectCover, findQuoteCover, findReceiptMail, listConnectCovers,
  listQuoteCovers, paymentsFor,
} from '../store.js';

export type CoverProduct = 'connect' | Product;

export interface SellerClaim {
  readonly claimedOn: BusinessDate;
  /** `claim.pending`, `claim.approved`, `claim.rejected`, or `claim.withdrawn` (settled while the claim was pending). */
  readonly state: string;
}

export interface SellerCover {
  readonly id: string;
  readonly product: CoverProduct;
  readonly invoiceNumber: string | null;
  readonly buyerCountry: string;
  readonly buyerIdentifier: string;
  readonly buyerName: string | null;
  readonly invoiceAmount: MinorUnits;
  readonly currency: string;
  readonly issueDate: BusinessDate | null;
  readonly dueDate: BusinessDate | null;
  readonly status: string;
  readonly reason: string | null;
  readonly coverFrom: BusinessDate | null;
  readonly coverTo: BusinessDate | null;
  readonly premium: MinorUnits | null;
  readonly premiumCurrency: string | null;
  readonly boughtOn: BusinessDate | null;
  readonly payment: PaymentRow | null;
  readonly claim: SellerClaim | null;
}

export interface SellerReceipt {
  readonly cover: SellerCover;
  readonly mailId: string;
  readonly sentAt: Date;
  readonly eml: string;
}

function connectCover(row: ConnectCoverRow, payment: PaymentRow | undefined, now: Date, ctx: InsuranceContext): SellerCover {
  const due = dueConnectTimer({ ...row, status: row.status as ConnectStatus }, now, {
    claimWindowDays: ctx.config.timers.claimWindowDays, timeZone: ctx.config.timers.timeZone,
  });
  return {
    id: row.id, product: 'connect', invoiceNumber: row.invoiceNumber ?? row.invoiceReference, buyerCountry: row.buyerCountry,
    buyerIdentifier: row.buyerIdentifier, buyerName: null, invoiceAmount: row.invoiceAmount, currency: row.invoiceCurrency,
    issueDate: row.invoiceIssueDate, dueDate: row.invoiceDueDate, status: due?.next ?? row.status, reason: null,
    coverFrom: row.coverFrom, coverTo: row.coverTo, premium: row.premiumAmount, premiumCurrency: row.premiumCurrency,
    boughtOn: row.purchasedAt ? businessDateAt(row.purchasedAt, ctx.config.timers.timeZone) : null, payment: payment ?? null, claim: null,
  };
}

function claimOf(status: string, claimedAt: Date | null, timeZone: string): SellerClaim | null {
  if (claimedAt === null) return null;
  const state = status.startsWith('claim.') ? status : 'claim.withdrawn';
  return { claimedOn: businessDateAt(claimedAt, timeZone), state };
}

function quoteCover(row: QuoteCoverRow, now: Date, ctx: InsuranceContext): SellerCover {
  const { timers } = ctx.config;
  const shown = evaluateTimers(row as unknown as TimedQuote, now, timers).quote;
  return {
    id: row.id, product: row.product, invoiceNumber: row.invoiceReference, buyerCountry: row.buyerCountry,
    buyerIdentifier: row.buyerIdentifier, buyerName: null, invoiceAmount: row.invoiceAmount, currency: row.invoiceCurrency,
    issueDate: row.invoiceIssueDate, dueDate: row.invoiceDueDate, status: shown.status, reason: shown.reason,
    coverFrom: row.activatedAt ? businessDateAt(row.activatedAt, timers.timeZone) : null,
    coverTo: claimWindowLastDay(row.invoiceDueDate, timers.claimWindowDays), premium: row.premiumAmount, premiumCurrency: row.premiumCurrency,
    boughtOn: row.activatedAt ? businessDateAt(row.activatedAt, timers.timeZone) : null, payment: null,
    claim: claimOf(shown.status, row.claimedAt, timers.timeZone),
  };
}

/** The buyers' registered names, read in one statement for all the covers' buyers. */
async function withBuyerNames(executor: Executor, covers: SellerCover[]): Promise<SellerCover[]> {
  const keyOf = (country: string, identifier: string) => `${country}:${identifier}`;
  const wanted = new Map(covers.map((cover) => [keyOf(cover.buyerCountry, cover.buyerIdentifier), { country: cover.buyerCountry, registryId: cover.buyerIdentifier }]));
  const names = new Map((await findRegisteredBuyers(executor, [...wanted.values()])).map((buyer) => [keyOf(buyer.country, buyer.registryId), buyer.name]));
  return covers.map((cover) => ({ ...cover, buyerName: names.get(keyOf(cover.buyerCountry, cover.buyerIdentifier)) ?? null }));
}

/** The seller's insured invoices, newest cover first (at most MAX_COVERS_LISTED of each kind). */
export async function listSellerCovers(executor: Executor, session: SellerSession, ctx: InsuranceContext): Promise<SellerCover[]> {
  const connectCovers = async () => {
    const requests = await listConnectCovers(executor, session, MAX_COVERS_LISTED);
    const payments = new Map((await paymentsFor(executor, session.tenantId, requests.map((row) => row.id))).map((p) => [p.quoteRequestId, p]));
    return requests.map((row) => connectCover(row, payments.get(row.id), session.now, ctx));
  };
  // The two kinds are independent reads: on a pool they run at once (PGlite's one connection queues them).
  const [connect, quotes] = await Promise.all([connectCovers(), listQuoteCovers(executor, session, MAX_COVERS_LISTED)]);
  const covers = [
    ...connect,
    ...quotes.map((row) => quoteCover(row, session.now, ctx)),
  ].sort((a, b) => (b.boughtOn ?? '').localeCompare(a.boughtOn ?? '') || a.id.localeCompare(b.id));
  return withBuyerNames(executor, covers);
}

/** One insured invoice of the seller; null when it is not theirs (or not an insured invoice). */
export async function readSellerCover(executor: Executor, session: SellerSession, id: string, ctx: InsuranceContext): Promise<SellerCover | null> {
  const request = await findConnectCover(executor, session, id);
  if (request) {
    const [payment] = await paymentsFor(executor, session.tenantId, [request.id]);
    return (await withBuyerNames(executor, [connectCover(request, payment, session.now, ctx)]))[0] ?? null;
  }
  const quote = await findQuoteCover(executor, session, id);
  return quote ? ((await withBuyerNames(executor, [quoteCover(quote, session.now, ctx)]))[0] ?? null) : null;
}

/** The receipt e-mail of one of the seller's Connect purchases, as stored; null when there is none. */
export async function readSellerReceipt(executor: Executor, session: SellerSession, id: string, ctx: InsuranceContext): Promise<SellerReceipt | null> {
  const cover = await readSellerCover(executor, session, id, ctx);
  if (!cover || cover.product !== 'connect') return null;
  const mail = await findReceiptMail(executor, session.tenantId, cover.id, RECEIPT_MAIL_KIND);
  return mail ? { cover, mailId: mail.id, sentAt: mail.createdAt, eml: mail.eml } : null;
}
