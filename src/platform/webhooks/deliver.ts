import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { events, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import type { JobHandler } from '../jobs/queue.js';
import { SIGNATURE_HEADER, signPayload } from './signature.js';

export const DELIVERY_TIMEOUT_MS = 10_000;

/** The JSON every endpoint receives. */
export function webhookPayload(event: typeof events.$inferSelect) {
  return {
    id: `evt_${event.id}`,
    type: event.type,
    createdAt: event.occurredAt.toISOString(),
    entity: { type: event.entityType, id: event.entityId },
    data: event.data,
  };
}

/** Posts one delivery; a failure is recorded and thrown so pg-boss retries it with backoff, until its retries run out. */
export function deliverWebhook(db: Database, clock: Clock, logger: Logger): JobHandler<{ deliveryId: string }> {
  return async (job) => {
    const [found] = await db
      .select({ delivery: webhookDeliveries, event: events, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, job.data.deliveryId))
      .limit(1);
    if (!found || found.delivery.status === 'delivered') return;
    if (!found.endpoint.enabled) {
      await db.update(webhookDeliveries).set({ status: 'failed', lastError: 'endpoint disabled' }).where(eq(webhookDeliveries.id, found.delivery.id));
      return;
    }
    const body = JSON.stringify(webhookPayload(found.event));
    const outcome = await post(found.endpoint.url, body, signPayload(found.endpoint.signingSecret, Math.floor(clock.now().getTime() / 1000), body), found.event.id);
    const lastAttempt = job.retryCount >= job.retryLimit;
    await db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: outcome.status ?? null,
        lastError: outcome.ok ? null : outcome.error,
        status: outcome.ok ? 'delivered' : lastAttempt ? 'failed' : 'pending',
        deliveredAt: outcome.ok ? clock.now() : null,
      })
      .where(eq(webhookDeliveries.id, found.delivery.id));
    if (!outcome.ok) {
      logger.warn({ deliveryId: found.delivery.id, status: outcome.status, error: outcome.error }, 'webhook delivery failed');
      if (!lastAttempt) throw new Error(`webhook delivery failed: ${outcome.error}`);
    }
  };
}

async function post(url: string, body: string, signature: string, eventId: number) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, 'Tradecredit-Event-Id': `evt_${eventId}` },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: 'manual',
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true as const, status: response.status };
    return { ok: false as const, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false as const, status: undefined, error: (error as Error).message.slice(0, 500) };
  }
}
