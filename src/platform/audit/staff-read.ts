import type { FastifyRequest } from 'fastify';
import { auditLog } from '../db/schema.js';
import { requireActor } from '../http/mutation.js';
import { clockFor } from '../services.js';

export interface StaffRead {
  /** What was read: `quote`, `claim`, `buyer`… */
  entityType: string;
  /** Every entity the answer shows; one audit row each, so "who has seen this record" is one indexed lookup. */
  entityIds: string[];
}

/**
 * Logs that a staff member was shown personal data, before the answer leaves: if the log cannot be written, the
 * read fails instead of going unrecorded. One statement for all `reads`, sealed into the chain like every audit row.
 */
export async function recordStaffRead(request: FastifyRequest, ...reads: StaffRead[]): Promise<void> {
  const shown = reads.flatMap((read) => [...new Set(read.entityIds)].map((entityId) => ({ entityType: read.entityType, entityId })));
  if (shown.length === 0) return;
  const actor = requireActor(request);
  const at = clockFor(request.server.platform, actor.tenant).now();
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  await request.server.platform.db.insert(auditLog).values(shown.map(({ entityType, entityId }) => ({
    tenantId: actor.tenant.id, actorType: 'staff', actorId: actor.credentialId, action: 'staff.read',
    entityType, entityId, requestId: request.id, details: { route }, at,
  })));
}
