import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../platform/events/append.js';

/*
 * The servicing module's events. The two Receeve event types (spec §5) and the outcomes of async requests; the
 * stored event data is the wire envelope {messageId, timestamp, details}.
 */
export const CLAIM_CREATED = 'event.claim.created.v1';
export const CLAIM_PAYMENT_PROCESSING = 'event.claimDebtPayment.processing.v1';
export const SERVICING_EVENT_TYPES = [CLAIM_CREATED, CLAIM_PAYMENT_PROCESSING] as const;
export const ASYNC_COMPLETED = 'event.asyncRequest.completed.v1';
export const ASYNC_FAILED = 'event.asyncRequest.failed.v1';

function envelope(nowIso: string, details: Record<string, unknown>): Record<string, unknown> {
  return { messageId: randomUUID(), timestamp: nowIso, details };
}

function claimEvent(nowIso: string, claimRef: string, details: Record<string, unknown>): NewEvent {
  return { type: details.messageType as string, entityType: 'servicing_claim', entityId: claimRef, data: envelope(nowIso, details) };
}

export function claimCreatedEvent(
  nowIso: string,
  claim: { claimRef: string; receeveClaimRef: string; amount: number; currency: string; dueDate: string },
): NewEvent {
  return claimEvent(nowIso, claim.claimRef, { messageType: CLAIM_CREATED, ...claim });
}

export function claimPaymentEvent(
  nowIso: string,
  payment: { claimRef: string; receeveClaimRef: string; providerName: string; amount: number; currency: string; trackingId: string; paymentReference?: string },
): NewEvent {
  const { paymentReference, ...rest } = payment;
  return claimEvent(nowIso, payment.claimRef, { messageType: CLAIM_PAYMENT_PROCESSING, ...rest, ...(paymentReference === undefined ? {} : { paymentReference }) });
}

/** An async request's outcome (completed or failed), keyed by its id. */
export function asyncRequestEvent(now: Date, type: typeof ASYNC_COMPLETED | typeof ASYNC_FAILED, requestId: string, details: Record<string, unknown>): NewEvent {
  return {
    type, entityType: 'servicing_async_request', entityId: requestId,
    data: envelope(now.toISOString(), { messageType: type, requestId, ...details }),
  };
}

/** `<claimRef>-<currentDueDate at creation>` (spec §5, A22). */
export function receeveClaimRef(claimReference: string, currentDueDate: string): string {
  return `${claimReference}-${currentDueDate}`;
}
