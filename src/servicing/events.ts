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

/**
 * `claimCreatedEvent`'s data built in SQL, for the events a claims insert appends itself (store/claims.ts): the SQL
 * expressions of the instant as ISO text (`nowIso`) and of the claim's reference, its receeve reference and its
 * stored document (`amount`, `currency`, `currentDueDate`, as the claim has them). The message id is a new random
 * UUID, as `randomUUID()` gives; jsonb orders the keys, so the stored data is the same.
 */
export function claimCreatedEventDataSql(columns: { nowIso: string; claimRef: string; receeveClaimRef: string; data: string }): string {
  return `jsonb_build_object('messageId', gen_random_uuid()::text, 'timestamp', ${columns.nowIso}, 'details', jsonb_build_object(
      'messageType', '${CLAIM_CREATED}', 'claimRef', ${columns.claimRef}, 'receeveClaimRef', ${columns.receeveClaimRef},
      'amount', ${columns.data}->'amount', 'currency', ${columns.data}->'currency', 'dueDate', ${columns.data}->'currentDueDate'))`;
}

/**
 * Whether `event` is exactly what `claimCreatedEventDataSql` builds for the claim `row` at `nowIso` (but its message
 * id): the test before a batch lets its insert append its ClaimCreated events.
 */
export function isClaimCreatedEventOf(
  event: NewEvent, nowIso: string, row: { claimReference: string; receeveClaimRef: string; data: Record<string, unknown> },
): boolean {
  if (event.type !== CLAIM_CREATED || event.entityType !== 'servicing_claim' || event.entityId !== row.claimReference) return false;
  const envelope = event.data as { messageId?: unknown; timestamp?: unknown; details?: Record<string, unknown> };
  const details = envelope.details;
  if (envelope.timestamp !== nowIso || typeof envelope.messageId !== 'string' || details === undefined) return false;
  return Object.keys(envelope).length === 3 && Object.keys(details).length === 6 && details.messageType === CLAIM_CREATED
    && details.claimRef === row.claimReference && details.receeveClaimRef === row.receeveClaimRef
    && typeof details.amount === 'number' && details.amount === row.data.amount
    && typeof details.currency === 'string' && details.currency === row.data.currency
    && typeof details.dueDate === 'string' && details.dueDate === row.data.currentDueDate;
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
