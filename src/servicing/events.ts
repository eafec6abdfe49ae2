import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../platform/events/append.js';
import type { ServicingContext } from './context.js';

/** The two Receeve event types (spec §5); the stored event data is the wire envelope {messageId, timestamp, details}. */
export const CLAIM_CREATED = 'event.claim.created.v1';
export const CLAIM_PAYMENT_PROCESSING = 'event.claimDebtPayment.processing.v1';
export const SERVICING_EVENT_TYPES = [CLAIM_CREATED, CLAIM_PAYMENT_PROCESSING] as const;

function envelope(ctx: ServicingContext, claimRef: string, details: Record<string, unknown>): NewEvent {
  return {
    type: details.messageType as string,
    entityType: 'servicing_claim',
    entityId: claimRef,
    data: { messageId: randomUUID(), timestamp: ctx.nowIso, details },
  };
}

export function claimCreatedEvent(
  ctx: ServicingContext,
  claim: { claimRef: string; receeveClaimRef: string; amount: number; currency: string; dueDate: string },
): NewEvent {
  return envelope(ctx, claim.claimRef, { messageType: CLAIM_CREATED, ...claim });
}

export function claimPaymentEvent(
  ctx: ServicingContext,
  payment: { claimRef: string; receeveClaimRef: string; providerName: string; amount: number; currency: string; trackingId: string; paymentReference?: string },
): NewEvent {
  const { paymentReference, ...rest } = payment;
  return envelope(ctx, payment.claimRef, { messageType: CLAIM_PAYMENT_PROCESSING, ...rest, ...(paymentReference === undefined ? {} : { paymentReference }) });
}

/** `<claimRef>-<currentDueDate at creation>` (spec §5, A22). */
export function receeveClaimRef(claimReference: string, currentDueDate: string): string {
  return `${claimReference}-${currentDueDate}`;
}
