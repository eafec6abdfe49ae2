import { recordAudit } from '../../../platform/audit/record.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { connectSellers } from '../../connect/schema.js';
import type { ConnectRequestRow } from '../../connect/store.js';
import type { KycForm } from '../../domain/connect-kyc.js';

/** A new seller's identity confirmation, once per seller (the purchase page's first step). */
export async function completeKyc(uow: UnitOfWork, row: ConnectRequestRow, form: KycForm, ip: string | null): Promise<void> {
  await uow.tx.insert(connectSellers).values({
    tenantId: uow.tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier,
    representativeName: form.representativeName, personalNumber: form.personalNumber, email: form.email,
    authorityConfirmed: true, quoteRequestId: row.id, ip, kycCompletedAt: uow.now,
  }).onConflictDoNothing();
  await recordAudit(uow, {
    action: 'quote_request.kyc_completed', entityType: 'quote_request', entityId: row.id,
    details: { representative: form.representativeName, email: form.email, ip },
  });
}
