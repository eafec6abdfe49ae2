import { recordAudit } from '../../../platform/audit/record.js';
import { retryOnConflict } from '../../../platform/db/retry-on-conflict.js';
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { systemActor, unitOfWork } from '../../../platform/unit-of-work.js';
import type { SellerSession } from '../session.js';
import { endSession } from '../store.js';

/** Ends the seller's session: its id never opens a page again. */
export async function signOut(platform: Platform, session: SellerSession): Promise<void> {
  await retryOnConflict(() => platform.db.transaction(async (tx) => {
    const tenant = await findTenant(tx, session.tenantId);
    if (!tenant) return;
    const uow = unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('seller-dashboard') });
    await endSession(tx, session.idHash, uow.now);
    await recordAudit(uow, {
      action: 'seller_dashboard.signed_out', entityType: 'seller_session', entityId: session.idHash.slice(0, 16),
      details: { seller_country: session.sellerCountry, seller_identifier: session.sellerIdentifier },
    });
  }));
}
