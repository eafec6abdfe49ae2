import { fastRows, type FastStatement } from '../db/fast-query.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

const INSERT_AUDIT: FastStatement = {
  name: 'audit_record',
  text: `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, request_id, details, at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
};

/** Writes the audit row of a mutation in its transaction: tenant, actor, action, entity, request id and time. */
export async function recordAudit(uow: UnitOfWork, entry: AuditEntry): Promise<void> {
  await fastRows(uow.tx, INSERT_AUDIT, [
    uow.tenant.id, uow.actor.type, uow.actor.id, entry.action, entry.entityType, entry.entityId, uow.requestId ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details), uow.now,
  ]);
  uow.audited = true;
}
