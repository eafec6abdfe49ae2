import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { webhookEndpoints } from '../db/schema.js';
import { endpointWantsEvent } from '../webhooks/endpoints.js';
import { isWantedByReactions } from './reactions.js';

/**
 * Which of `types` must go through the dispatcher: those a module's event reaction wants, and those at least one
 * enabled webhook endpoint of the tenant subscribes to (one read of its endpoints, skipped when reactions want all).
 */
export async function subscribedEventTypes(db: Executor, tenantId: string, types: readonly string[]): Promise<string[]> {
  if (types.every(isWantedByReactions)) return [...types];
  const endpoints = await db.select({ eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)));
  return types.filter((type) => isWantedByReactions(type) || endpoints.some((endpoint) => endpointWantsEvent(endpoint.eventTypes, type)));
}
