import type { Executor } from '../../platform/db/database.js';
import { readEventsBetween } from '../../platform/events/feed.js';

const DAY_MS = 86_400_000;

/** get_events (spec #27): one type (with or without `.v1`), one UTC day, 1-based pages. */
export async function getEvents(
  db: Executor, tenantId: string, query: { eventType: string; date: string; limit: number; page: number },
): Promise<{ events: unknown[]; limit: number; page: number; numberOfPages: number }> {
  const types = query.eventType.endsWith('.v1') ? [query.eventType] : [query.eventType, `${query.eventType}.v1`];
  const from = new Date(`${query.date}T00:00:00.000Z`);
  const found = await readEventsBetween(db, tenantId, {
    types, from, to: new Date(from.getTime() + DAY_MS), limit: query.limit, offset: (query.page - 1) * query.limit,
  });
  return { events: found.data, limit: query.limit, page: query.page, numberOfPages: Math.ceil(found.total / query.limit) };
}
