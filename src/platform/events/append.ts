import { events } from '../db/schema.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface NewEvent {
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** Appends events in the transaction of the change they describe; the webhook dispatcher picks them up after commit. */
export async function appendEvents(uow: UnitOfWork, newEvents: NewEvent[]): Promise<number[]> {
  if (newEvents.length === 0) return [];
  const rows = await uow.tx
    .insert(events)
    .values(newEvents.map((event) => ({ ...event, tenantId: uow.tenant.id, occurredAt: uow.now, requestId: uow.requestId ?? null })))
    .returning({ id: events.id });
  return rows.map((row) => row.id);
}

export async function appendEvent(uow: UnitOfWork, event: NewEvent): Promise<number> {
  const [id] = await appendEvents(uow, [event]);
  return id as number;
}
