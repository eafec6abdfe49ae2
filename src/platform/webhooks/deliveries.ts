import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { webhookDeliveries } from '../db/schema.js';

/** A tenant's most recent webhook deliveries, for integrators debugging their endpoint. */
export async function recentDeliveries(executor: Executor, tenantId: string, limit: number) {
  return executor.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, tenantId)).orderBy(desc(webhookDeliveries.createdAt)).limit(limit);
}
