import { and, asc, count, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { events } from '../db/schema.js';

/** A tenant's events in commit-id order after a cursor, optionally of one type. */
export async function readEventFeed(executor: Executor, tenantId: string, query: { afterId: number; limit: number; type?: string }) {
  const filters = [eq(events.tenantId, tenantId), gt(events.id, query.afterId)];
  if (query.type) filters.push(eq(events.type, query.type));
  return executor.select().from(events).where(and(...filters)).orderBy(asc(events.id)).limit(query.limit);
}

/** A page of a tenant's events of some types that occurred in [from, to), oldest first, with the total count. */
export async function readEventsBetween(
  executor: Executor, tenantId: string, query: { types: readonly string[]; from: Date; to: Date; limit: number; offset: number },
): Promise<{ data: unknown[]; total: number }> {
  const filter = and(eq(events.tenantId, tenantId), inArray(events.type, [...query.types]), gte(events.occurredAt, query.from), lt(events.occurredAt, query.to));
  const [total] = await executor.select({ value: count() }).from(events).where(filter);
  const rows = await executor.select({ data: events.data }).from(events).where(filter)
    .orderBy(asc(events.occurredAt), asc(events.id)).limit(query.limit).offset(query.offset);
  return { data: rows.map((row) => row.data), total: Number(total?.value ?? 0) };
}
