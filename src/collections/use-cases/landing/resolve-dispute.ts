import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { DISPUTE_RESOLVED } from '../../landing/events.js';
import { findLandingDispute, type LandingDisputeRow, resolveOpenDispute } from '../../landing/store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ResolveDisputeOutcome = { kind: 'resolved'; dispute: LandingDisputeRow } | { kind: 'not_found' } | { kind: 'already_resolved' };

/**
 * The creditor closes a dispute the debtor opened on the page: `dispute.resolved` is appended and audited, and the
 * claim's journey, held while the dispute was open, goes on. Another tenant's dispute is unknown.
 */
export async function resolveDispute(uow: UnitOfWork, disputeId: string): Promise<ResolveDisputeOutcome> {
  if (!UUID.test(disputeId)) return { kind: 'not_found' };
  const resolved = await resolveOpenDispute(uow.tx, uow.tenant.id, disputeId);
  if (!resolved) return (await findLandingDispute(uow.tx, uow.tenant.id, disputeId)) ? { kind: 'already_resolved' } : { kind: 'not_found' };
  await appendEvent(uow, {
    type: DISPUTE_RESOLVED, entityType: 'claim', entityId: resolved.claimReference,
    data: { disputeId, claimReference: resolved.claimReference, accountReference: resolved.accountReference },
  });
  await recordAudit(uow, { action: 'collections.resolve_dispute', entityType: 'claim', entityId: resolved.claimReference, details: { disputeId } });
  return { kind: 'resolved', dispute: { ...resolved, status: 'resolved' } };
}

