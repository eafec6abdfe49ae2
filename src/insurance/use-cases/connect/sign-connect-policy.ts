import { recordAudit } from '../../../platform/audit/record.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { ConnectRequestRow } from '../../connect/store.js';
import type { SignatureForm } from '../../domain/connect-kyc.js';
import { currentPolicy } from '../../policy.js';
import { recordPolicySignature } from '../../store.js';

/** The seller signs the current policy version on the purchase page (new sellers, and returning ones after a new version). */
export async function signConnectPolicy(uow: UnitOfWork, row: ConnectRequestRow, form: SignatureForm, ip: string | null): Promise<void> {
  const version = currentPolicy().version;
  await recordPolicySignature(uow.tx, {
    tenantId: uow.tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier, policyVersion: version,
    quoteId: row.id, name: form.name, email: form.email, ip, signedAt: uow.now,
  });
  await recordAudit(uow, {
    action: 'quote_request.policy_signed', entityType: 'quote_request', entityId: row.id,
    details: { policyVersion: version, name: form.name, email: form.email, ip },
  });
}
