import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { webhookEndpoints } from '../db/schema.js';
import { endpointWantsEvent } from '../webhooks/endpoints.js';

/** Which of `types` at least one enabled webhook endpoint of the tenant subscribes to (one read of its endpoints). */
export async function subscribedEventTypes(db: Executor, tenantId: string, types: readonly string[]): Promise<string[]> {
  const endpoints = await db.select({ eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)));
  return types.filter((type) => endpoints.some((endpoint) => endpointWantsEvent(endpoint.eventTypes, type)));
}
