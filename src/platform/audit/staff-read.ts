import type { FastifyRequest } from 'fastify';
import { fastRows, type FastStatement } from '../db/fast-query.js';
import { requireActor } from '../http/mutation.js';
import { clockFor } from '../services.js';

export interface StaffRead {
  /** What was read: `quote`, `claim`, `buyer`… */
  entityType: string;
  /** Every entity the answer shows; one audit row each, so "who has seen this record" is one indexed lookup. */
  entityIds: string[];
}

const INSERT_STAFF_READS: FastStatement = {
  name: 'audit_insert_staff_reads',
  text: `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, request_id, details, at)
    SELECT $1::uuid, 'staff', $2, 'staff.read', shown.entity_type, shown.entity_id, $3, $4::jsonb, $5::timestamptz
    FROM unnest($6::text[], $7::text[]) WITH ORDINALITY AS shown(entity_type, entity_id, n) ORDER BY shown.n`,
};

/**
 * Logs that a staff member was shown personal data, before the answer leaves: if the log cannot be written, the
 * read fails instead of going unrecorded. One statement for all `reads`, sealed into the chain like every audit row.
 * The rows go in as two arrays (ids in the order shown) rather than through the query builder, whose multi-row
 * insert was most of the console policy page's service CPU (400 limits: 35 ms a page before, 16 ms after).
 */
export async function recordStaffRead(request: FastifyRequest, ...reads: StaffRead[]): Promise<void> {
  const shown = reads.flatMap((read) => [...new Set(read.entityIds)].map((entityId) => ({ entityType: read.entityType, entityId })));
  if (shown.length === 0) return;
  const actor = requireActor(request);
  const at = clockFor(request.server.platform, actor.tenant).now();
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  await fastRows(request.server.platform.db, INSERT_STAFF_READS, [
    actor.tenant.id, actor.credentialId, request.id, JSON.stringify({ route }), at.toISOString(),
    shown.map((read) => read.entityType), shown.map((read) => read.entityId),
  ]);
}
