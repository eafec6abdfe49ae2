import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { events } from '../db/schema.js';

/** A tenant's events in commit-id order after a cursor, optionally of one type. */
export async function readEventFeed(executor: Executor, tenantId: string, query: { afterId: number; limit: number; type?: string }) {
  const filters = [eq(events.tenantId, tenantId), gt(events.id, query.afterId)];
  if (query.type) filters.push(eq(events.type, query.type));
  return executor.select().from(events).where(and(...filters)).orderBy(asc(events.id)).limit(query.limit);
}
