// Decision: one transition table holds every row of spec §6.2 plus the underwriting referral (pending → pending, marked
// referred) and the underwriter's decisions; guards are named conditions; claim/settle/bankruptcy_claim from
// cover.activated require the claim window (today ≤ due + window) even if the caller forgot to evaluate timers.
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import {
  CLIENT_ACTIONS, type ClientAction, PRODUCTS, type Product, productOffers, sellerCountsAsSigned,
} from './products.js';

export const QUOTE_STATUSES = [
  'quote.pending', 'quote.offered', 'activation.pending', 'cover.activated', 'quote.rejected',
  'claim.pending', 'claim.rejected', 'claim.approved', 'cover.settled',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly QuoteStatus[] = ['quote.rejected', 'claim.rejected', 'claim.approved', 'cover.settled'];

export const STATUS_REASONS = {
  'quote.rejected': ['insurance_unavailable', 'offer_rejected', 'quote_expired'],
  'cover.settled': ['invoice_paid', 'claim_cancelled', 'claim_period_expired'],
} as const;
export type RejectionReason = (typeof STATUS_REASONS)['quote.rejected'][number];
export type SettlementReason = (typeof STATUS_REASONS)['cover.settled'][number];
export type StatusReason = RejectionReason | SettlementReason;

/** Events raised by the service itself, the back office, the sign page or a timer — never by an API client. */
export const SYSTEM_EVENTS = [
  'underwriting_offer', 'underwriting_refer', 'underwriting_decline', 'underwriter_offer', 'underwriter_decline',
  'policy_signed', 'offer_expired', 'claim_window_closed', 'claim_approved', 'claim_rejected',
] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];
export type QuoteEvent = ClientAction | SystemEvent;
export const QUOTE_EVENTS: readonly QuoteEvent[] = [...CLIENT_ACTIONS, ...SYSTEM_EVENTS];

export type Guard = 'seller_signed' | 'seller_unsigned' | 'referred' | 'not_referred' | 'within_claim_window';

export interface Transition {
  readonly from: QuoteStatus;
  readonly event: QuoteEvent;
  readonly to: QuoteStatus;
  readonly reason: StatusReason | null;
  readonly products: readonly Product[];
  readonly guard: Guard | null;
  /** Row of spec §6.2 (or "X" for our additions). */
  readonly specRow: string;
}

const BOTH = PRODUCTS;
const INSURE: readonly Product[] = ['insure'];
const REINSURE: readonly Product[] = ['reinsure'];

function row(
  specRow: string, from: QuoteStatus, event: QuoteEvent, to: QuoteStatus,
  reason: StatusReason | null, products: readonly Product[], guard: Guard | null = null,
): Transition {
  return { specRow, from, event, to, reason, products, guard };
}

export const TRANSITIONS: readonly Transition[] = [
  row('2', 'quote.pending', 'underwriting_offer', 'quote.offered', null, BOTH, 'not_referred'),
  row('X', 'quote.pending', 'underwriting_refer', 'quote.pending', null, BOTH, 'not_referred'),
  row('3', 'quote.pending', 'underwriting_decline', 'quote.rejected', 'insurance_unavailable', BOTH, 'not_referred'),
  row('X', 'quote.pending', 'underwriter_offer', 'quote.offered', null, BOTH, 'referred'),
  row('X', 'quote.pending', 'underwriter_decline', 'quote.rejected', 'insurance_unavailable', BOTH, 'referred'),
  row('4', 'quote.offered', 'activate', 'cover.activated', null, BOTH, 'seller_signed'),
  row('5', 'quote.offered', 'activate', 'activation.pending', null, INSURE, 'seller_unsigned'),
  row('6', 'quote.offered', 'sign_and_activate', 'activation.pending', null, INSURE, 'seller_unsigned'),
  row('6', 'quote.offered', 'sign_and_activate', 'cover.activated', null, INSURE, 'seller_signed'),
  row('7', 'activation.pending', 'policy_signed', 'cover.activated', null, INSURE),
  row('8', 'quote.offered', 'reject', 'quote.rejected', 'offer_rejected', BOTH),
  row('9', 'quote.offered', 'offer_expired', 'quote.rejected', 'quote_expired', BOTH),
  row('10', 'activation.pending', 'offer_expired', 'quote.rejected', 'quote_expired', INSURE),
  row('11', 'cover.activated', 'settle', 'cover.settled', 'invoice_paid', BOTH, 'within_claim_window'),
  row('12', 'cover.activated', 'claim', 'claim.pending', null, BOTH, 'within_claim_window'),
  row('12', 'cover.activated', 'bankruptcy_claim', 'claim.pending', null, REINSURE, 'within_claim_window'),
  row('13', 'cover.activated', 'claim_window_closed', 'cover.settled', 'claim_period_expired', BOTH),
  row('14', 'claim.pending', 'settle', 'cover.settled', 'claim_cancelled', BOTH),
  row('15', 'claim.pending', 'claim_approved', 'claim.approved', null, BOTH),
  row('16', 'claim.pending', 'claim_rejected', 'claim.rejected', null, BOTH),
];

export interface QuoteState {
  readonly status: QuoteStatus;
  readonly reason: StatusReason | null;
  /** Underwriting referred the quote; it waits in quote.pending for an underwriter. */
  readonly referred: boolean;
}

export interface TransitionContext {
  readonly product: Product;
  /** The seller has signed the current policy version (only read by products with policy signing). */
  readonly sellerSigned: boolean;
  readonly today: BusinessDate;
  readonly invoiceDueDate: BusinessDate;
  readonly claimWindowDays: number;
}

export type TransitionError =
  | { readonly code: 'invalid_action'; readonly action: ClientAction; readonly status: QuoteStatus }
  | { readonly code: 'action_not_in_product'; readonly action: ClientAction; readonly product: Product }
  | { readonly code: 'invalid_transition'; readonly event: SystemEvent; readonly status: QuoteStatus };

export function isQuoteStatus(value: string): value is QuoteStatus {
  return (QUOTE_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: QuoteStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Spec §6.1: "pending" statuses are exactly those ending in `.pending`. */
export function isPendingStatus(status: QuoteStatus): boolean {
  return status.endsWith('.pending');
}

export function isClientAction(event: QuoteEvent): event is ClientAction {
  return (CLIENT_ACTIONS as readonly string[]).includes(event);
}

/** Last business date on which a claim (or settle) is accepted: the due date plus the claim window, inclusive. */
export function claimWindowLastDay(invoiceDueDate: BusinessDate, claimWindowDays: number): BusinessDate {
  return addDays(invoiceDueDate, claimWindowDays);
}

export function isWithinClaimWindow(today: BusinessDate, invoiceDueDate: BusinessDate, claimWindowDays: number): boolean {
  return compareDates(today, claimWindowLastDay(invoiceDueDate, claimWindowDays)) <= 0;
}

export function guardHolds(guard: Guard | null, state: QuoteState, ctx: TransitionContext): boolean {
  switch (guard) {
    case null: return true;
    case 'seller_signed': return sellerCountsAsSigned(ctx.product, ctx.sellerSigned);
    case 'seller_unsigned': return !sellerCountsAsSigned(ctx.product, ctx.sellerSigned);
    case 'referred': return state.referred;
    case 'not_referred': return !state.referred;
    case 'within_claim_window': return isWithinClaimWindow(ctx.today, ctx.invoiceDueDate, ctx.claimWindowDays);
  }
}

/** The table row that applies, if any. At most one row matches for any state, event and context. */
export function findTransition(state: QuoteState, event: QuoteEvent, ctx: TransitionContext): Transition | null {
  return TRANSITIONS.find((t) => t.from === state.status && t.event === event && t.products.includes(ctx.product)
    && guardHolds(t.guard, state, ctx)) ?? null;
}

/** Applies `event` to `state`: the next state, or a typed refusal (HTTP 409 for client actions). */
export function transition(state: QuoteState, event: QuoteEvent, ctx: TransitionContext): Result<QuoteState, TransitionError> {
  if (isClientAction(event) && !productOffers(ctx.product, event)) {
    return err({ code: 'action_not_in_product', action: event, product: ctx.product });
  }
  const found = findTransition(state, event, ctx);
  if (!found) return err(refusal(state.status, event));
  return ok({ status: found.to, reason: found.reason, referred: found.to === 'quote.pending' });
}

function refusal(status: QuoteStatus, event: QuoteEvent): TransitionError {
  if (!isClientAction(event)) return { code: 'invalid_transition', event, status };
  return { code: 'invalid_action', action: event, status };
}

