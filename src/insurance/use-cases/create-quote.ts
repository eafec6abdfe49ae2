// POST /quotes/ (Reinsure and Insure), in two forms: createQuote inside the caller's transaction, and
// tryCreateQuoteInBatch without one, which the route tries first (see docs/architecture.md, "Path without a transaction").
import { type AuditEntry, auditWrite } from '../../platform/audit/record.js';
import { fastGuardedWriteAll, fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import { type NewEvent, eventsWrite } from '../../platform/events/append.js';
import type { SingleStatementWork, UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import {
  type BookDecision, type BookInput, bookFor, decideOnBook, decideOnSnapshot, invoiceTenorDays, openExposure,
} from '../../risk/api.js';
import type { InsuranceContext } from '../context.js';
import { fail } from '../domain/errors.js';
import type { Product } from '../domain/products.js';
import type { QuoteRequest } from '../domain/quote-request.js';
import { type QuoteStatus, isTerminal } from '../domain/quote-state.js';
import { newQuoteId } from '../ids.js';
import { quoteBatchesFor } from '../quote-batches.js';
import { applyDueTimers, deadlineAt, statusEvent } from '../quote-status.js';
import { type QuoteRow, insertQuoteWrite, lockLiveQuotesForInvoice } from '../store.js';

/** Refuses a second live quote for the invoice, then underwrites against the buyer's locked exposure. */
export async function createQuote(uow: UnitOfWork, product: Product, request: QuoteRequest, ctx: InsuranceContext): Promise<QuoteRow> {
  for (const existing of await lockLiveQuotesForInvoice(uow.tx, uow.tenant.id, product, request.invoiceReference)) {
    const current = await applyDueTimers(uow, existing, ctx);
    if (!isTerminal(current.status as QuoteStatus)) fail({ kind: 'duplicate_invoice' });
  }
  const bookId = bookFor(uow.tenant);
  const decided = await decideOnBook(uow.tx, bookId, bookInputOf(request), ctx.config.underwriting);
  const quote = newQuote(uow, product, bookId, request, decided, ctx);
  const writes = newQuoteWrites(uow, quote);
  // The quote, the capacity it takes, its events and the audit row go to the database as one statement (fastWriteAll).
  await refusingDuplicateInvoice(fastWriteAll(uow.tx, decided.hold ? [decided.hold, ...writes] : writes));
  return quote.row;
}

/**
 * createQuote without a transaction, for the common case: no live quote for the invoice. Reads that fact and the
 * buyer's exposure and rating, underwrites on that snapshot, and writes the quote, its events and audit row in one
 * more statement; an offer takes the buyer's capacity there by compare-and-set. Both statements are shared with the
 * other quotes being created at the same moment (quoteBatchesFor). Answers null, having written nothing, when a live
 * quote exists for the invoice (it may be an offer whose validity ended) or a concurrent quote took the capacity
 * first: the caller then runs createQuote in a transaction.
 */
export async function tryCreateQuoteInBatch(
  work: SingleStatementWork, product: Product, request: QuoteRequest, ctx: InsuranceContext,
): Promise<QuoteRow | null> {
  const bookId = bookFor(work.tenant);
  const batches = quoteBatchesFor(work.db);
  const snapshot = await batches.snapshot({
    tenantId: work.tenant.id, product, invoiceReference: request.invoiceReference, bookId,
    country: request.buyer.country, registryId: request.buyer.registryId,
  });
  if (snapshot.liveQuoteForInvoice) return null;
  // A buyer new to the book has nothing held and no open claim as of the snapshot; an offer opens its exposure row.
  const exposure = snapshot.exposure ?? { exposure: 0, openClaims: 0 };
  const decided = decideOnSnapshot(bookId, snapshot.buyer, exposure, bookInputOf(request), ctx.config.underwriting);
  if (decided.hold && snapshot.exposure === null) await openExposure(work.db, bookId, request.buyer.country, request.buyer.registryId);
  const quote = newQuote(work, product, bookId, request, decided, ctx);
  const outcome = await batches.write({ origin: work, ...quote, hold: decided.capacityHold });
  if (outcome === 'alone') return writeNewQuoteAlone(work, quote, decided.hold);
  return outcome === 'written' ? quote.row : null;
}

function bookInputOf(request: QuoteRequest): BookInput {
  return {
    seller: request.seller, buyer: request.buyer, amount: request.invoiceAmount, currency: request.invoiceAmountCurrency,
    tenorDays: invoiceTenorDays(request.invoiceIssueDate, request.invoiceDueDate), discount: null,
  };
}

/** A new quote written in a statement of its own (its batch failed as a whole); null when its capacity hold fails. */
async function writeNewQuoteAlone(work: SingleStatementWork, quote: NewQuote, hold: FastWrite | null): Promise<QuoteRow | null> {
  const writes = newQuoteWrites(work, quote);
  if (!hold) {
    await refusingDuplicateInvoice(fastWriteAll(work.db, writes));
    return quote.row;
  }
  return (await refusingDuplicateInvoice(fastGuardedWriteAll(work.db, hold, writes))) ? quote.row : null;
}

interface NewQuote {
  readonly row: QuoteRow;
  readonly events: readonly NewEvent[];
  readonly audit: AuditEntry;
}

/** A new quote's writes: its row, its events and its audit row (not the capacity hold). */
function newQuoteWrites(origin: WriteOrigin, quote: NewQuote): FastWrite[] {
  return [insertQuoteWrite(quote.row), eventsWrite(origin, quote.events), auditWrite(origin, quote.audit)];
}

/** The new quote for an underwriting decision: its row, its status events and its audit entry (not the capacity hold). */
function newQuote(
  origin: WriteOrigin, product: Product, bookId: string, request: QuoteRequest, decided: BookDecision, ctx: InsuranceContext,
): NewQuote {
  const { decision, held, hold } = decided;
  const row: QuoteRow = {
    id: newQuoteId(), tenantId: origin.tenant.id, product, bookId,
    userReference: request.userReference, sellerReference: request.sellerReference,
    sellerIdentifier: request.seller.registryId, sellerCountry: request.seller.country,
    buyerReference: request.buyerReference, buyerIdentifier: request.buyer.registryId, buyerCountry: request.buyer.country,
    invoiceReference: request.invoiceReference, invoiceAmount: request.invoiceAmount, invoiceAmountText: request.invoiceAmountText,
    invoiceCurrency: request.invoiceAmountCurrency,
    invoiceIssueDate: request.invoiceIssueDate, invoiceDueDate: request.invoiceDueDate,
    premiumAmount: null, premiumCurrency: null, suggestedPremium: null,
    status: 'quote.pending', reason: null, referred: false, underwritingRule: null, exposureHeld: 0,
    claimKind: null, bankruptcyDate: null, claimComment: null, claimDecisionReason: null,
    signerEmail: null, signerFirstName: null, signerLastName: null,
    offeredAt: null, activatedAt: null, claimedAt: null, closedAt: null, deadlineAt: null,
    version: 1, createdAt: origin.now, updatedAt: origin.now,
  };
  if (decision.kind === 'offer' && hold) {
    Object.assign(row, {
      status: 'quote.offered', premiumAmount: decision.premium.premium, premiumCurrency: decision.premium.currency,
      exposureHeld: held, offeredAt: origin.now,
    });
  } else if (decision.kind === 'refer') {
    Object.assign(row, { referred: true, underwritingRule: decision.reason, suggestedPremium: decision.suggestedPremium.premium });
  } else {
    Object.assign(row, {
      status: 'quote.rejected', reason: 'insurance_unavailable', closedAt: origin.now,
      underwritingRule: decision.kind === 'unavailable' ? decision.rule : 'cannot_price',
    });
  }
  row.deadlineAt = deadlineAt(row, ctx.config);
  return {
    row,
    events: [
      statusEvent({ ...row, status: 'quote.pending', reason: null }, null),
      ...(row.status !== 'quote.pending' ? [statusEvent(row, 'quote.pending')] : []),
    ],
    audit: {
      action: 'quote.created', entityType: 'quote', entityId: row.id,
      details: { product, decision: decision.kind, rule: row.underwritingRule, status: row.status },
    },
  };
}

function pgErrorCode(error: unknown): string | undefined {
  const candidate = (error as { cause?: { code?: string }; code?: string });
  return candidate?.cause?.code ?? candidate?.code;
}

/** The only unique constraint a new quote's writes can break: a live quote for the invoice appeared concurrently. */
async function refusingDuplicateInvoice<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (pgErrorCode(error) === '23505') fail({ kind: 'duplicate_invoice' });
    throw error;
  }
}
