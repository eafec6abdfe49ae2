import { recordAudit } from '../../../platform/audit/record.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { revokeClaimLinks } from '../../landing/store.js';

/** Revokes every live landing-page link of a claim (a link sent to the wrong person, a claim sold on); audited. */
export async function revokeLandingPageLinks(uow: UnitOfWork, claimReference: string): Promise<{ revoked: number }> {
  const revoked = await revokeClaimLinks(uow.tx, uow.tenant.id, claimReference, uow.now);
  await recordAudit(uow, { action: 'collections.revoke_landing_page_links', entityType: 'claim', entityId: claimReference, details: { revoked } });
  return { revoked };
}
