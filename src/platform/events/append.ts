import { fastRows, type FastStatement, type FastWrite } from '../db/fast-query.js';
import type { Executor } from '../db/database.js';
import type { UnitOfWork, WriteOrigin } from '../unit-of-work.js';
import { subscribedEventTypes } from './subscribed-types.js';

export interface NewEvent {
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/*
 * The one statement that appends events: any number of them as a JSON array in one parameter, rows in array order
 * (the function scan returns them so; no ORDER BY, so that fastGuardedWriteAll can make the write conditional).
 * Most writes carry events of one type: the first event's type and entity type are sent once ($5, $6), and a row
 * carries its own only where they differ. Each row is a keyless array, `[entity id, data]` or `[entity id, data,
 * type, entity type]` (row-arrays.ts: PostgreSQL parses no keys). `dispatch_pending` is true for every row unless the writer names the
 * types some webhook endpoint wants ($7); then a row of another type is written already dispatched.
 */
const INSERT_EVENTS: FastStatement = {
  name: 'events_append_rows',
  text: `INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, request_id, dispatch_pending)
    SELECT $1::uuid, coalesce(e->>2, $5::text), coalesce(e->>3, $6::text), e->>0, e->1, $2::timestamptz, $3::text,
      coalesce(coalesce(e->>2, $5::text) = ANY($7::text[]), true)
    FROM jsonb_array_elements($4::jsonb) AS a(e)
    RETURNING id`,
};

/** Events per statement: one jsonb parameter each, so a large batch never builds one huge payload. */
const EVENTS_PER_WRITE = 1000;

/** An event as the row it becomes (column names), for writes that insert many changes' events at once. */
export function eventRows(origin: WriteOrigin, newEvents: readonly NewEvent[]) {
  return newEvents.map((event) => ({
    tenant_id: origin.tenant.id, type: event.type, entity_type: event.entityType, entity_id: event.entityId, data: event.data,
    occurred_at: origin.now, request_id: origin.requestId ?? null,
  }));
}

/**
 * The same append for rows of many origins at once (a batch across tenants, a sweep firing many timers): the SQL of
 * a data-modifying CTE that inserts the rows of `eventRows` (each with its own tenant and time, numbered `n` for
 * their order) from the jsonb parameter `$<param>`, keeping only those whose entity id `keep` (an SQL set) holds.
 * Every insert into `events` is written here, so the table has one writer.
 */
export function eventRowsInsertSql(param: number, keep?: string): string {
  return `INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, request_id)
      SELECT e.tenant_id, e.type, e.entity_type, e.entity_id, e.data, e.occurred_at, e.request_id
      FROM jsonb_to_recordset($${param}::jsonb)
        AS e(n integer, tenant_id uuid, type text, entity_type text, entity_id text, data jsonb, occurred_at timestamptz, request_id text)
      ${keep ? `WHERE e.entity_id IN (${keep})` : ''}
      ORDER BY e.n`;
}

/** `eventRows` of many origins, numbered in order for `eventRowsInsertSql`. */
export function numberedEventRows(batches: readonly { origin: WriteOrigin; events: readonly NewEvent[] }[]): string {
  return JSON.stringify(batches.flatMap((batch) => eventRows(batch.origin, batch.events)).map((event, n) => ({ n, ...event })));
}

function chunkWrite(origin: WriteOrigin, chunk: readonly NewEvent[], pendingTypes: readonly string[] | null): FastWrite {
  const firstType = chunk[0]?.type ?? null;
  const firstEntityType = chunk[0]?.entityType ?? null;
  const payload = JSON.stringify(chunk.map((event) => {
    const sameType = event.type === firstType;
    if (sameType && event.entityType === firstEntityType) return [event.entityId, event.data];
    return [event.entityId, event.data, sameType ? null : event.type, event.entityType === firstEntityType ? null : event.entityType];
  }));
  return {
    statement: INSERT_EVENTS,
    values: [origin.tenant.id, origin.now.toISOString(), origin.requestId ?? null, payload, firstType, firstEntityType, pendingTypes],
  };
}

/**
 * The writes that append `newEvents` (one per 1,000 events), to send together with other writes of the
 * transaction (fastWriteAll). With `pendingTypes`, only events of those types wait for the webhook dispatcher.
 */
export function eventsWrites(
  origin: WriteOrigin, newEvents: readonly NewEvent[], options: { pendingTypes?: readonly string[] } = {},
): FastWrite[] {
  const writes: FastWrite[] = [];
  for (let offset = 0; offset < newEvents.length; offset += EVENTS_PER_WRITE) {
    writes.push(chunkWrite(origin, newEvents.slice(offset, offset + EVENTS_PER_WRITE), options.pendingTypes ?? null));
  }
  return writes;
}

/** The write `appendEvents` does for a handful of events, to send together with other writes (fastWriteAll). */
export function eventsWrite(origin: WriteOrigin, newEvents: readonly NewEvent[]): FastWrite {
  return chunkWrite(origin, newEvents, null);
}

/**
 * The writes of a request's events, each marked for dispatch only when an enabled webhook endpoint of the tenant
 * wants its type (one read of the endpoints). Decision: an event no endpoint subscribes to is written with
 * `dispatch_pending = false`, which is what the dispatcher would decide for it a moment later (it matches
 * endpoints at dispatch time); this spares the dispatcher rewriting every such row (a non-HOT update of the whole
 * event row, which cost about as much as inserting it). An endpoint registered while the request runs sees the
 * request's events only if its transaction committed before the request read the endpoints.
 */
export async function dispatchAwareEventsWrites(db: Executor, origin: WriteOrigin, newEvents: readonly NewEvent[]): Promise<FastWrite[]> {
  if (newEvents.length === 0) return [];
  const types = [...new Set(newEvents.map((event) => event.type))];
  return eventsWrites(origin, newEvents, { pendingTypes: await subscribedEventTypes(db, origin.tenant.id, types) });
}

/** Appends events in the transaction of the change they describe; the webhook dispatcher picks them up after commit. */
export async function appendEvents(uow: UnitOfWork, newEvents: NewEvent[]): Promise<number[]> {
  if (newEvents.length === 0) return [];
  const write = eventsWrite(uow, newEvents);
  const rows = await fastRows<{ id: number | string }>(uow.tx, write.statement, write.values);
  return rows.map((row) => Number(row.id));
}

export async function appendEvent(uow: UnitOfWork, event: NewEvent): Promise<number> {
  const [id] = await appendEvents(uow, [event]);
  return id as number;
}
