// One function per use case, each inside the caller's transaction (UnitOfWork): lock the quote, apply any due timer,
// ask the domain for the transition, write the row, move the buyer's exposure, append the event and the audit row.
// Quote creation and client actions also have a form without a transaction (tryCreateQuoteInBatch,
// tryPerformActionInOneStatement) that the routes try first: see docs/architecture.md, "Path without a transaction".
import { type AuditEntry, auditWrite } from '../platform/audit/record.js';
import type { Executor, Transaction } from '../platform/db/database.js';
import { fastGuardedWriteAll, fastWriteAll, type FastWrite } from '../platform/db/fast-query.js';
import { type NewEvent, eventsWrite } from '../platform/events/append.js';
import { ApiError, type FieldIssue } from '../platform/http/api-error.js';
import { formatDecimalAmount, parseDecimalAmount } from '../platform/money.js';
import { clockFor, type Platform } from '../platform/services.js';
import type { Tenant } from '../platform/tenants/tenant.js';
import type { SingleStatementWork, UnitOfWork, WriteOrigin } from '../platform/unit-of-work.js';
import { addDays, businessDateAt, startOfBusinessDay } from '../platform/dates.js';
import {
  adjustExposure, adjustExposureWrite, type BookDecision, bookFor, type BookInput, capacityFor, decideOnBook,
  decideOnSnapshot, findRegisteredBuyer, fitsCapacity, holdsExposure, invoiceTenorDays, lockExposure, openExposure,
  toBaseCurrency,
} from '../risk/api.js';
import { validateBankruptcyClaimBody, validateSignAndActivateBody } from '../insurance/domain/action-validation.js';
import type { FieldErrors } from './domain/drf-errors.js';
import type { ClientAction, Product } from './domain/products.js';
import { actionsFor, linksFor, renderActions, renderLinks } from './domain/quote-actions.js';
import {
  type QuoteEvent, type QuoteState, type QuoteStatus, type StatusReason, isTerminal, transition,
} from './domain/quote-state.js';
import { type TimedQuote, deadlineFor, evaluateTimers } from './domain/quote-timers.js';
import { DUPLICATE_INVOICE_ERROR, validateQuoteRequest } from './domain/quote-validation.js';
import type { InsuranceConfig } from './config.js';
import { newQuoteId } from './ids.js';
import { quoteBatchesFor } from './quote-batches.js';
import { currentPolicy } from './policy.js';
import {
  type NewQuoteRow, type QuoteRow, findQuote, insertQuoteWrite, isSellerSigned, lockLiveQuotesForInvoice, lockQuote,
  recordPolicySignature, updateQuoteIfUnchangedGuard, updateQuoteWrite,
} from './store.js';

export interface InsuranceContext {
  readonly config: InsuranceConfig;
  readonly publicBaseUrl: string;
}

export function validationError(errors: FieldErrors): ApiError {
  const issues: FieldIssue[] = Object.entries(errors).flatMap(([field, list]) =>
    list.map((error) => ({ path: [field], code: error.code, message: error.message })));
  return new ApiError('validation', 'Invalid input', { issues });
}

const notFound = () => new ApiError('not_found', 'Not Found.');

export function stateOf(row: QuoteRow): QuoteState {
  return { status: row.status as QuoteStatus, reason: row.reason as StatusReason | null, referred: row.referred };
}

function timedOf(row: QuoteRow): TimedQuote {
  return { ...stateOf(row), product: row.product, offeredAt: row.offeredAt, invoiceDueDate: row.invoiceDueDate };
}

/** The instant the quote's running timer fires, in tenant time (null when none runs). */
export function deadlineAt(row: QuoteRow, config: InsuranceConfig): Date | null {
  return timerDeadline(timedOf(row), config);
}

export function timerDeadline(quote: TimedQuote, config: InsuranceConfig): Date | null {
  const deadline = deadlineFor(quote, config.timers);
  if (deadline === null) return null;
  if (deadline.kind === 'offer_validity') return deadline.expiresAt;
  return startOfBusinessDay(addDays(deadline.lastDay, 1), config.timers.timeZone);
}

/** Writes a status change with its exposure movement, timestamps, next deadline, event and audit row. */
async function changeStatus(
  uow: UnitOfWork, row: QuoteRow, next: QuoteState, event: QuoteEvent, patch: Partial<NewQuoteRow>, ctx: InsuranceContext,
  details: Record<string, unknown> = {},
): Promise<QuoteRow> {
  const { changed, writes } = statusChange(uow, row, next, event, patch, ctx, details);
  // The row, the exposure movement, the event and the audit row go to the database as one statement (fastWriteAll).
  await fastWriteAll(uow.tx, [updateQuoteWrite(changed), ...writes]);
  return changed;
}

/** A status change as the row it leaves and the writes that go with it (exposure movement, event, audit row), but not the row's update. */
function statusChange(
  origin: WriteOrigin, row: QuoteRow, next: QuoteState, event: QuoteEvent, patch: Partial<NewQuoteRow>, ctx: InsuranceContext,
  details: Record<string, unknown>,
): { changed: QuoteRow; writes: FastWrite[] } {
  const from = row.status as QuoteStatus;
  const to = next.status;
  const exposureDelta = holdsExposure(from) && !holdsExposure(to) ? -row.exposureHeld : 0;
  const claimsDelta = (to === 'claim.pending' && from !== 'claim.pending' ? 1 : 0)
    + (from === 'claim.pending' && (to === 'cover.settled' || to === 'claim.rejected') ? -1 : 0);
  const writes: FastWrite[] = [];
  if (exposureDelta !== 0 || claimsDelta !== 0) {
    writes.push(adjustExposureWrite(row.bookId, row.buyerCountry, row.buyerIdentifier, { exposure: exposureDelta, openClaims: claimsDelta }));
  }
  const changed: QuoteRow = {
    ...row,
    ...patch,
    status: to,
    reason: next.reason,
    referred: next.referred,
    exposureHeld: exposureDelta !== 0 ? 0 : (patch.exposureHeld ?? row.exposureHeld),
    offeredAt: patch.offeredAt ?? row.offeredAt,
    activatedAt: to === 'cover.activated' && from !== 'cover.activated' ? origin.now : row.activatedAt,
    claimedAt: to === 'claim.pending' && from !== 'claim.pending' ? origin.now : row.claimedAt,
    closedAt: isTerminal(to) ? origin.now : row.closedAt,
    version: row.version + 1,
    updatedAt: origin.now,
  } as QuoteRow;
  changed.deadlineAt = deadlineAt(changed, ctx.config);
  writes.push(
    eventsWrite(origin, [statusEvent(changed, from)]),
    auditWrite(origin, { action: `quote.${event}`, entityType: 'quote', entityId: row.id, details: { from, to, reason: next.reason, ...details } }),
  );
  return { changed, writes };
}

function statusEvent(row: QuoteRow, previous: string | null): NewEvent {
  return {
    type: 'quote.status_changed', entityType: 'quote', entityId: row.id,
    data: { id: row.id, product: row.product, status: { code: row.status, reason: row.reason }, previous_status: previous },
  };
}

/** Applies a due timer (offer expiry, automatic settlement) to a locked row; returns the row as it now stands. */
export async function applyDueTimers(uow: UnitOfWork, row: QuoteRow, ctx: InsuranceContext): Promise<QuoteRow> {
  const evaluation = evaluateTimers(timedOf(row), uow.now, ctx.config.timers);
  if (evaluation.fired === null) return row;
  return changeStatus(uow, row, evaluation.quote, evaluation.fired, {}, ctx);
}

function pgErrorCode(error: unknown): string | undefined {
  const candidate = (error as { cause?: { code?: string }; code?: string });
  return candidate?.cause?.code ?? candidate?.code;
}

type QuoteRequest = Extract<ReturnType<typeof validateQuoteRequest>, { ok: true }>['value'];

function validatedQuoteRequest(origin: WriteOrigin, body: unknown, ctx: InsuranceContext): QuoteRequest {
  const validated = validateQuoteRequest(body, businessDateAt(origin.now, ctx.config.timers.timeZone));
  if (!validated.ok) throw validationError(validated.error);
  return validated.value;
}

function bookInputOf(request: QuoteRequest): BookInput {
  return {
    seller: request.seller, buyer: request.buyer, amount: request.invoiceAmount, currency: request.invoiceAmountCurrency,
    tenorDays: invoiceTenorDays(request.invoiceIssueDate, request.invoiceDueDate), discount: null,
  };
}

/** POST /quotes/: validate, refuse a second live quote for the invoice, underwrite against the buyer's locked exposure. */
export async function createQuote(uow: UnitOfWork, product: Product, body: unknown, ctx: InsuranceContext): Promise<QuoteRow> {
  const request = validatedQuoteRequest(uow, body, ctx);
  for (const existing of await lockLiveQuotesForInvoice(uow.tx, uow.tenant.id, product, request.invoiceReference)) {
    const current = await applyDueTimers(uow, existing, ctx);
    if (!isTerminal(current.status as QuoteStatus)) throw validationError({ invoice_reference: [DUPLICATE_INVOICE_ERROR] });
  }
  const bookId = bookFor(uow.tenant);
  const decided = await decideOnBook(uow.tx, bookId, bookInputOf(request), ctx.config.underwriting);
  const quote = newQuote(uow, product, bookId, request, decided, ctx);
  const writes = newQuoteWrites(uow, quote);
  const { row } = quote;
  // The quote, the capacity it takes, its events and the audit row go to the database as one statement (fastWriteAll).
  await refusingDuplicateInvoice(fastWriteAll(uow.tx, decided.hold ? [decided.hold, ...writes] : writes));
  return row;
}

/**
 * POST /quotes/ without a transaction, for the common case: no live quote for the invoice. Reads that fact and the
 * buyer's exposure and rating, underwrites on that snapshot, and writes the quote, its events and audit row in one
 * more statement; an offer takes the buyer's capacity there by compare-and-set. Both statements are shared with the
 * other quotes being created at the same moment (quoteBatchesFor). Answers null, having written nothing, when a live
 * quote exists for the invoice (it may be an offer whose validity ended) or a concurrent quote took the capacity
 * first: the caller then runs createQuote in a transaction.
 */
export async function tryCreateQuoteInBatch(
  work: SingleStatementWork, product: Product, body: unknown, ctx: InsuranceContext,
): Promise<QuoteRow | null> {
  const request = validatedQuoteRequest(work, body, ctx);
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
    invoiceReference: request.invoiceReference, invoiceAmount: request.invoiceAmount, invoiceCurrency: request.invoiceAmountCurrency,
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

/** The only unique constraint a new quote's writes can break: a live quote for the invoice appeared concurrently. */
async function refusingDuplicateInvoice<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw validationError({ invoice_reference: [DUPLICATE_INVOICE_ERROR] });
    throw error;
  }
}

async function sellerSigned(executor: Executor, row: QuoteRow): Promise<boolean> {
  if (row.product !== 'insure') return true;
  return isSellerSigned(executor, row.tenantId, row.sellerCountry, row.sellerIdentifier, currentPolicy().version);
}

/** A client action (activate, reject, settle, claim, sign_and_activate, bankruptcy_claim) on a quote of `product`. */
export async function performAction(
  uow: UnitOfWork, product: Product, id: string, action: ClientAction, body: unknown, ctx: InsuranceContext,
): Promise<QuoteRow> {
  const locked = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!locked || locked.product !== product) throw notFound();
  const today = businessDateAt(uow.now, ctx.config.timers.timeZone);
  const patch = actionPatch(action, body, today);
  const row = await applyDueTimers(uow, locked, ctx);
  const next = actionTransition(row, action, await sellerSigned(uow.tx, row), today, ctx);
  return changeStatus(uow, row, next, action, patch, ctx, actionDetails(action, patch));
}

/**
 * A client action without a transaction, for a quote with no timer due: reads the quote, decides, and writes the
 * change with its exposure movement, event and audit row in one statement, guarded by the version it read. Answers
 * null, having written nothing, when a timer is due or the quote changed meanwhile: the caller then runs
 * performAction in a transaction. Refusals (unknown quote, bad body, action not allowed) stand as of the read.
 */
export async function tryPerformActionInOneStatement(
  work: SingleStatementWork, product: Product, id: string, action: ClientAction, body: unknown, ctx: InsuranceContext,
): Promise<QuoteRow | null> {
  const row = await findQuote(work.db, work.tenant.id, product, id);
  if (!row) throw notFound();
  const today = businessDateAt(work.now, ctx.config.timers.timeZone);
  const patch = actionPatch(action, body, today);
  if (evaluateTimers(timedOf(row), work.now, ctx.config.timers).fired !== null) return null;
  const next = actionTransition(row, action, await sellerSigned(work.db, row), today, ctx);
  const { changed, writes } = statusChange(work, row, next, action, patch, ctx, actionDetails(action, patch));
  return (await fastGuardedWriteAll(work.db, updateQuoteIfUnchangedGuard(changed, row.version), writes)) ? changed : null;
}

/** The fields an action's body sets on the quote (validated; a bad body is a 400). */
function actionPatch(action: ClientAction, body: unknown, today: string): Partial<NewQuoteRow> {
  if (action === 'sign_and_activate') {
    const signer = validateSignAndActivateBody(body ?? {});
    if (!signer.ok) throw validationError(signer.error);
    return { signerEmail: signer.value.email, signerFirstName: signer.value.firstName, signerLastName: signer.value.lastName };
  }
  if (action === 'bankruptcy_claim') {
    const claim = validateBankruptcyClaimBody(body, today);
    if (!claim.ok) throw validationError(claim.error);
    return { claimKind: 'bankruptcy', bankruptcyDate: claim.value.bankruptcyDate, claimComment: claim.value.comment };
  }
  return action === 'claim' ? { claimKind: 'claim' } : {};
}

function actionDetails(action: ClientAction, patch: Partial<NewQuoteRow>): Record<string, unknown> {
  return action === 'bankruptcy_claim' ? { bankruptcyDate: patch.bankruptcyDate } : {};
}

/** The state the action leads to, or the 409 the client gets when the quote's status does not allow it. */
function actionTransition(row: QuoteRow, action: ClientAction, signed: boolean, today: string, ctx: InsuranceContext): QuoteState {
  const next = transition(stateOf(row), action, {
    product: row.product, sellerSigned: signed, today, invoiceDueDate: row.invoiceDueDate, claimWindowDays: ctx.config.timers.claimWindowDays,
  });
  if (next.ok) return next.value;
  const message = next.error.code === 'invalid_action' ? next.error.message
    : `Action "${action}" is not available in status "${row.status}".`;
  throw new ApiError('invalid_state', message, { code: 'invalid_action' });
}

function systemUnitOfWork(tx: Transaction, tenant: Tenant, now: Date, requestId?: string): UnitOfWork {
  return { tx, tenant, clock: { now: () => now }, now, actor: { type: 'system', id: 'insurance-timers' }, requestId, audited: false };
}

/** GET /quotes/{id}: the quote as it stands now; a due timer is applied (and persisted) before it is shown. */
export async function readQuote(
  platform: Platform, tenant: Tenant, product: Product, id: string, ctx: InsuranceContext, requestId?: string,
): Promise<QuoteRow> {
  const row = await findQuote(platform.db, tenant.id, product, id);
  if (!row) throw notFound();
  const now = clockFor(platform, tenant).now();
  if (evaluateTimers(timedOf(row), now, ctx.config.timers).fired === null) return row;
  return platform.db.transaction(async (tx) => {
    const locked = await lockQuote(tx, tenant.id, id);
    if (!locked) throw notFound();
    return applyDueTimers(systemUnitOfWork(tx, tenant, now, requestId), locked, ctx);
  });
}

export type WireQuote = Record<string, unknown>;

/** The Credable quote object (spec §5.4), fields in the seed's order. `asCreated` shows the create response (quote.pending). */
export async function renderQuote(executor: Executor, row: QuoteRow, ctx: InsuranceContext, asCreated = false): Promise<WireQuote> {
  const product = row.product;
  const status = (asCreated ? 'quote.pending' : row.status) as QuoteStatus;
  const signed = status === 'quote.offered' ? await sellerSigned(executor, row) : true;
  const apiBase = `${ctx.publicBaseUrl}/api/${product}/v2`;
  const showPremium = !asCreated && row.premiumAmount !== null;
  return {
    id: row.id,
    user_reference: row.userReference,
    seller_reference: row.sellerReference,
    seller_identifier: row.sellerIdentifier,
    seller_country: row.sellerCountry,
    buyer_reference: row.buyerReference,
    buyer_identifier: row.buyerIdentifier,
    buyer_country: row.buyerCountry,
    invoice_amount: formatDecimalAmount(row.invoiceAmount, row.invoiceCurrency),
    invoice_amount_currency: row.invoiceCurrency,
    invoice_reference: row.invoiceReference,
    invoice_issue_date: row.invoiceIssueDate,
    invoice_due_date: row.invoiceDueDate,
    premium_amount: showPremium ? formatDecimalAmount(row.premiumAmount as number, row.premiumCurrency as string) : null,
    premium_amount_currency: showPremium ? row.premiumCurrency : null,
    status: { code: status, reason: asCreated ? null : row.reason },
    actions: renderActions(actionsFor(status, product, { sellerSigned: signed, listBankruptcyAction: ctx.config.listBankruptcyAction }), apiBase, row.id),
    links: renderLinks(linksFor(status, product), ctx.publicBaseUrl, row.id),
  };
}

// ---- back office -------------------------------------------------------------------------------------------------

export type ReferralDecision = { readonly decision: 'offer'; readonly premium?: string } | { readonly decision: 'decline'; readonly reason?: string };

/** An underwriter offers (with the suggested or an own premium) or declines a referred quote. */
export async function decideReferral(uow: UnitOfWork, id: string, input: ReferralDecision, ctx: InsuranceContext): Promise<QuoteRow> {
  const row = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!row) throw notFound();
  const today = businessDateAt(uow.now, ctx.config.timers.timeZone);
  const tctx = { product: row.product, sellerSigned: true, today, invoiceDueDate: row.invoiceDueDate, claimWindowDays: ctx.config.timers.claimWindowDays };
  if (input.decision === 'decline') {
    const next = transition(stateOf(row), 'underwriter_decline', tctx);
    if (!next.ok) throw new ApiError('invalid_state', `Quote ${id} is not waiting for an underwriter (status ${row.status})`, { code: 'not_referred' });
    return changeStatus(uow, row, next.value, 'underwriter_decline', { underwritingRule: 'underwriter_declined' }, ctx, { reason: input.reason ?? null });
  }
  const next = transition(stateOf(row), 'underwriter_offer', tctx);
  if (!next.ok) throw new ApiError('invalid_state', `Quote ${id} is not waiting for an underwriter (status ${row.status})`, { code: 'not_referred' });
  let premium = row.suggestedPremium ?? 0;
  if (input.premium !== undefined) {
    try {
      premium = parseDecimalAmount(input.premium, row.invoiceCurrency);
    } catch {
      throw new ApiError('validation', 'Invalid premium', { issues: [{ path: ['premium'], code: 'invalid', message: 'A positive amount with at most 2 decimals is required.' }] });
    }
    if (premium <= 0) throw new ApiError('validation', 'Invalid premium', { issues: [{ path: ['premium'], code: 'invalid', message: 'A positive amount with at most 2 decimals is required.' }] });
  }
  const policy = ctx.config.underwriting;
  const base = toBaseCurrency(row.invoiceAmount, row.invoiceCurrency, policy.fx);
  if (!base.ok) throw new ApiError('invalid_state', 'The invoice currency has no FX rate', { code: 'cannot_price' });
  const exposure = await lockExposure(uow.tx, row.bookId, row.buyerCountry, row.buyerIdentifier);
  const buyer = await findRegisteredBuyer(uow.tx, row.buyerCountry, row.buyerIdentifier);
  const capacity = capacityFor(buyer?.rating ?? policy.unratedBuyerRating, policy.capacity);
  if (!fitsCapacity(exposure.exposure, base.value, capacity)) {
    throw new ApiError('invalid_state', 'The buyer has no capacity left for this invoice; decline the quote instead', { code: 'capacity_exhausted' });
  }
  await adjustExposure(uow.tx, row.bookId, row.buyerCountry, row.buyerIdentifier, { exposure: base.value });
  return changeStatus(uow, row, next.value, 'underwriter_offer', {
    premiumAmount: premium, premiumCurrency: row.invoiceCurrency, exposureHeld: base.value, offeredAt: uow.now,
  }, ctx, { premium });
}

export type ClaimDecision = { readonly decision: 'approve' | 'reject'; readonly reason?: string };

/** A claims handler approves or rejects a pending claim. */
export async function decideClaim(uow: UnitOfWork, id: string, input: ClaimDecision, ctx: InsuranceContext): Promise<QuoteRow> {
  const row = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!row) throw notFound();
  const event = input.decision === 'approve' ? 'claim_approved' : 'claim_rejected';
  const next = transition(stateOf(row), event, {
    product: row.product, sellerSigned: true, today: businessDateAt(uow.now, ctx.config.timers.timeZone),
    invoiceDueDate: row.invoiceDueDate, claimWindowDays: ctx.config.timers.claimWindowDays,
  });
  if (!next.ok) throw new ApiError('invalid_state', `Quote ${id} has no pending claim (status ${row.status})`, { code: 'no_pending_claim' });
  return changeStatus(uow, row, next.value, event, { claimDecisionReason: input.reason ?? null }, ctx, { reason: input.reason ?? null });
}

// ---- policy signing ---------------------------------------------------------------------------------------------

export interface Signature {
  readonly name: string;
  readonly email: string;
  readonly ip: string | null;
}

/** The seller signs the current policy on the sign page: the signature is recorded and activation.pending → cover.activated. */
export async function signPolicy(tx: Transaction, tenant: Tenant, quoteId: string, signature: Signature, now: Date, ctx: InsuranceContext): Promise<QuoteRow> {
  const uow: UnitOfWork = { tx, tenant, clock: { now: () => now }, now, actor: { type: 'system', id: `sign-page:${signature.email}` }, audited: false };
  const locked = await lockQuote(tx, tenant.id, quoteId);
  if (!locked) throw notFound();
  const row = await applyDueTimers(uow, locked, ctx);
  const next = transition(stateOf(row), 'policy_signed', {
    product: row.product, sellerSigned: true, today: businessDateAt(now, ctx.config.timers.timeZone),
    invoiceDueDate: row.invoiceDueDate, claimWindowDays: ctx.config.timers.claimWindowDays,
  });
  if (!next.ok) throw new ApiError('invalid_state', `This quote cannot be signed now (status ${row.status}).`, { code: 'invalid_action' });
  const policy = currentPolicy();
  await recordPolicySignature(tx, {
    tenantId: tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier,
    policyVersion: policy.version, quoteId: row.id, name: signature.name, email: signature.email, ip: signature.ip, signedAt: now,
  });
  return changeStatus(uow, row, next.value, 'policy_signed', {}, ctx, { policyVersion: policy.version, signer: signature });
}
