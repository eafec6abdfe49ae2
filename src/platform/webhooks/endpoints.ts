import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { webhookEndpoints } from '../db/schema.js';
import { randomHex } from '../auth/secrets.js';
import { recordAudit } from '../audit/record.js';
import type { UnitOfWork } from '../unit-of-work.js';

export const MAX_ENDPOINTS_PER_TENANT = 20;
export const ALL_EVENTS = '*';

export interface WebhookEndpoint {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: Date;
}

export type EndpointError = { code: 'too_many_endpoints'; message: string };

function present(row: typeof webhookEndpoints.$inferSelect): WebhookEndpoint {
  return { id: row.id, url: row.url, eventTypes: row.eventTypes, enabled: row.enabled, createdAt: row.createdAt };
}

/** Registers an endpoint; the signing secret is returned this once. */
export async function createWebhookEndpoint(
  uow: UnitOfWork,
  input: { url: string; eventTypes: string[] },
): Promise<{ endpoint: WebhookEndpoint; signingSecret: string } | EndpointError> {
  const existing = await listWebhookEndpoints(uow.tx, uow.tenant.id);
  if (existing.length >= MAX_ENDPOINTS_PER_TENANT) {
    return { code: 'too_many_endpoints', message: `A tenant may have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints` };
  }
  const signingSecret = `whsec_${randomHex(24)}`;
  const [row] = await uow.tx
    .insert(webhookEndpoints)
    .values({
      id: randomUUID(),
      tenantId: uow.tenant.id,
      url: input.url,
      signingSecret,
      eventTypes: input.eventTypes.length > 0 ? [...new Set(input.eventTypes)] : [ALL_EVENTS],
      enabled: true,
      createdAt: uow.now,
    })
    .returning();
  const endpoint = present(row as typeof webhookEndpoints.$inferSelect);
  await recordAudit(uow, { action: 'webhook_endpoint.created', entityType: 'webhook_endpoint', entityId: endpoint.id, details: { url: endpoint.url } });
  return { endpoint, signingSecret };
}

export async function listWebhookEndpoints(executor: Executor, tenantId: string): Promise<WebhookEndpoint[]> {
  const rows = await executor
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)))
    .orderBy(asc(webhookEndpoints.createdAt));
  return rows.map(present);
}

/** Disables an endpoint (its delivery history stays); false when the tenant has no such enabled endpoint. */
export async function disableWebhookEndpoint(uow: UnitOfWork, endpointId: string): Promise<boolean> {
  const rows = await uow.tx
    .update(webhookEndpoints)
    .set({ enabled: false })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.tenantId, uow.tenant.id), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) return false;
  await recordAudit(uow, { action: 'webhook_endpoint.disabled', entityType: 'webhook_endpoint', entityId: endpointId });
  return true;
}

export function endpointWantsEvent(eventTypes: string[], type: string): boolean {
  return eventTypes.some((pattern) => pattern === ALL_EVENTS || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}
