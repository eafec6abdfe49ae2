import { auditLog } from '../db/schema.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Writes the audit row of a mutation in its transaction: tenant, actor, action, entity, request id and time. */
export async function recordAudit(uow: UnitOfWork, entry: AuditEntry): Promise<void> {
  await uow.tx.insert(auditLog).values({
    tenantId: uow.tenant.id,
    actorType: uow.actor.type,
    actorId: uow.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    requestId: uow.requestId ?? null,
    details: entry.details ?? null,
    at: uow.now,
  });
  uow.audited = true;
}
