import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../db/database.js';
import { events, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Sweep } from '../sweeper/sweeper.js';
import { endpointWantsEvent } from './endpoints.js';
import { enqueueReactionJobs, type EventReaction } from '../events/reactions.js';

export const DELIVER_QUEUE = 'webhook.deliver';

interface PendingEvent {
  id: number;
  tenantId: string;
  type: string;
}

/**
 * Fans committed events out to their tenants' endpoints (one delivery row and one delivery job per match) and to
 * the modules' event reactions (one job per reaction that wants the event), in the transaction that marks them
 * dispatched: each event is handed on exactly once.
 */
export function webhookDispatchSweep(jobs: JobQueue, reactions: readonly EventReaction[] = [], batchSize = 500): Sweep<PendingEvent> {
  return {
    name: 'webhook-dispatch',
    batchSize,
    async claimDue(tx, _now, limit) {
      return tx
        .select({ id: events.id, tenantId: events.tenantId, type: events.type })
        .from(events)
        .where(eq(events.dispatchPending, true))
        .orderBy(events.id)
        .limit(limit)
        .for('update', { skipLocked: true });
    },
    async fire(tx, pending, now) {
      const deliveries = await matchEndpoints(tx, pending, now);
      if (deliveries.length > 0) {
        await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing();
        await jobs.enqueue(tx, DELIVER_QUEUE, deliveries.map((delivery) => ({ deliveryId: delivery.id })));
      }
      await enqueueReactionJobs(tx, jobs, reactions, pending);
      await tx
        .update(events)
        .set({ dispatchPending: false })
        .where(inArray(events.id, pending.map((event) => event.id)));
    },
  };
}

async function matchEndpoints(tx: Transaction, pending: PendingEvent[], now: Date) {
  const tenantIds = [...new Set(pending.map((event) => event.tenantId))];
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.tenantId, tenantIds), eq(webhookEndpoints.enabled, true)));
  return pending.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.tenantId === event.tenantId && endpointWantsEvent(endpoint.eventTypes, event.type))
      .map((endpoint) => ({
        id: randomUUID(),
        tenantId: event.tenantId,
        endpointId: endpoint.id,
        eventId: event.id,
        status: 'pending' as const,
        attempts: 0,
        createdAt: now,
      })),
  );
}
