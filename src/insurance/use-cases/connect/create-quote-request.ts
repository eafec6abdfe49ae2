import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { bookFor } from '../../../risk/api.js';
import { CONNECT_PRICING_QUEUE, type ConnectContext, type PricingJob } from '../../context.js';
import { connectEvent } from '../../connect/status.js';
import { connectQuoteRequests } from '../../connect/schema.js';
import { type ConnectRequestRow, findConnectSeller } from '../../connect/store.js';
import type { ConnectQuoteRequest } from '../../domain/connect-request.js';
import { newQuoteId } from '../../ids.js';

/**
 * POST /connect/v1/quote-requests/: store the request as pending and enqueue its pricing in the same
 * transaction. `new_user` is decided now: a seller that has not completed identity confirmation before is new.
 */
export async function createConnectRequest(uow: UnitOfWork, request: ConnectQuoteRequest, ctx: ConnectContext): Promise<ConnectRequestRow> {
  const seller = await findConnectSeller(uow.tx, uow.tenant.id, request.sellerCountry, request.sellerIdentifier);
  const row: ConnectRequestRow = {
    id: newQuoteId(), tenantId: uow.tenant.id, bookId: bookFor(uow.tenant),
    sellerIdentifier: request.sellerIdentifier, sellerCountry: request.sellerCountry, sellerEmail: request.sellerEmail,
    sellerLanguage: request.sellerLanguage, language: request.language,
    sellerFirstName: request.sellerFirstName, sellerLastName: request.sellerLastName,
    buyerIdentifier: request.buyerIdentifier, buyerCountry: request.buyerCountry,
    invoiceAmount: request.invoiceAmount, invoiceAmountText: request.invoiceAmountText, invoiceCurrency: request.invoiceAmountCurrency,
    invoicePaymentTerms: request.invoicePaymentTerms,
    invoiceNumber: request.invoiceNumber, invoiceIssueDate: request.invoiceIssueDate, invoiceDueDate: request.invoiceDueDate,
    invoiceReference: request.invoiceReference,
    discountCode: request.discountCodeText,
    discountPercent: request.discount?.percent ?? null,
    newUser: seller === undefined, status: 'pending', declineRule: null,
    premiumAmount: null, premiumCurrency: null, exposureHeld: 0, purchaseTokenHash: null,
    pricedAt: null, expiresAt: null, purchasedAt: null, coverFrom: null, coverTo: null, closedAt: null, deadlineAt: null,
    version: 1, createdAt: uow.now, updatedAt: uow.now,
  };
  await uow.tx.insert(connectQuoteRequests).values(row);
  await appendEvent(uow, connectEvent(row, null));
  await recordAudit(uow, { action: 'quote_request.created', entityType: 'quote_request', entityId: row.id, details: { newUser: row.newUser } });
  await ctx.jobs.enqueue(uow.tx, CONNECT_PRICING_QUEUE, [{ tenantId: uow.tenant.id, id: row.id } satisfies PricingJob]);
  return row;
}
