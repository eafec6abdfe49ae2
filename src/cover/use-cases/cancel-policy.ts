import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverError } from '../domain/errors.js';
import { coverVersions } from '../schema.js';
import { findPolicy, type PolicyRow, updatePolicy } from '../store.js';
import { endVersion, recordChange } from './shared.js';

/** Back office: a cancelled policy ends every live cover on it (historic PCLD) and gives their capacity back. */
export async function cancelPolicy(uow: UnitOfWork, policyId: number): Promise<Result<{ policy: PolicyRow; ended: number }, CoverError>> {
  const policy = await findPolicy(uow.tx, uow.tenant.id, policyId);
  if (!policy) return err({ code: 'POLICY_FORBIDDEN' });
  if (policy.status === 'cancelled') return err({ code: 'INVALID_STATE', status: 'cancelled' });
  // Buyers in key order, the order in which every other change locks their exposure rows.
  const live = await uow.tx.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, uow.tenant.id), eq(coverVersions.policyId, policyId), isNull(coverVersions.historicCode)))
    .orderBy(asc(coverVersions.buyerCountry), asc(coverVersions.buyerRegistryId), asc(coverVersions.coverId)).for('update');
  for (const version of live) {
    const ended = await endVersion(uow, version, 'PCLD', { effectiveToDate: version.effectiveToDate, pendingProcess: null });
    await recordChange(uow, 'cover.changed', 'cover.policy_cancelled', ended);
  }
  const updated = await updatePolicy(uow.tx, uow.tenant.id, policyId, { status: 'cancelled' });
  await recordAudit(uow, { action: 'cover.policy_cancelled', entityType: 'cover_policy', entityId: String(policyId), details: { endedCovers: live.length } });
  return ok({ policy: updated as PolicyRow, ended: live.length });
}
