import { fastRows, type FastStatement, type FastWrite } from '../db/fast-query.js';
import type { UnitOfWork, WriteOrigin } from '../unit-of-work.js';

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

/** The audit row of a change (column names), for writes that insert many changes' rows at once; marks the unit audited like auditWrite. */
export function auditRow(uow: WriteOrigin, entry: AuditEntry) {
  uow.audited = true;
  return {
    tenant_id: uow.tenant.id, actor_type: uow.actor.type, actor_id: uow.actor.id, action: entry.action, entity_type: entry.entityType,
    entity_id: entry.entityId, request_id: uow.requestId ?? null, details: entry.details ?? null, at: uow.now,
  };
}

/**
 * The write `recordAudit` does, to send together with other writes of the transaction (fastWriteAll). It marks the
 * unit audited: send it in the same transaction, or fail it.
 */
export function auditWrite(uow: WriteOrigin, entry: AuditEntry): FastWrite {
  const row = auditRow(uow, entry);
  return {
    statement: INSERT_AUDIT,
    values: [
      row.tenant_id, row.actor_type, row.actor_id, row.action, row.entity_type, row.entity_id, row.request_id,
      row.details === null ? null : JSON.stringify(row.details), row.at,
    ],
  };
}

/** Writes the audit row of a mutation in its transaction: tenant, actor, action, entity, request id and time. */
export async function recordAudit(uow: UnitOfWork, entry: AuditEntry): Promise<void> {
  const write = auditWrite(uow, entry);
  await fastRows(uow.tx, write.statement, write.values);
}
