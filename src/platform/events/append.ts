import { fastRows, type FastStatement, type FastWrite } from '../db/fast-query.js';
import type { UnitOfWork, WriteOrigin } from '../unit-of-work.js';

export interface NewEvent {
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

// One fixed statement for any number of events (a JSON array in one parameter), rows in array order.
const INSERT_EVENTS: FastStatement = {
  name: 'events_append',
  text: `INSERT INTO events (tenant_id, type, entity_type, entity_id, data, occurred_at, request_id)
    SELECT $1::uuid, e.type, e.entity_type, e.entity_id, e.data, $2::timestamptz, $3::text
    FROM jsonb_to_recordset($4::jsonb) AS e(type text, entity_type text, entity_id text, data jsonb)
    RETURNING id`,
};

/** An event as the row it becomes (column names), for writes that insert many changes' events at once. */
export function eventRows(origin: WriteOrigin, newEvents: readonly NewEvent[]) {
  return newEvents.map((event) => ({
    tenant_id: origin.tenant.id, type: event.type, entity_type: event.entityType, entity_id: event.entityId, data: event.data,
    occurred_at: origin.now, request_id: origin.requestId ?? null,
  }));
}

/** The write `appendEvents` does, to send together with other writes of the transaction (fastWriteAll). */
export function eventsWrite(uow: WriteOrigin, newEvents: readonly NewEvent[]): FastWrite {
  return {
    statement: INSERT_EVENTS,
    values: [
      uow.tenant.id, uow.now, uow.requestId ?? null,
      JSON.stringify(newEvents.map((event) => ({ type: event.type, entity_type: event.entityType, entity_id: event.entityId, data: event.data }))),
    ],
  };
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
