import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { DEFAULT_FX_RATES } from '../../risk/api.js';
import type { CoverError } from '../domain/errors.js';
import { checkPolicyTerms, type PolicyChanges } from '../domain/policy-terms.js';
import { lockPolicy, type PolicyRow, updatePolicy } from '../store.js';

/**
 * Back office: new terms for a live policy (expiry, discretionary limit, credit-check amount, …). Covers already
 * decided keep their amounts; the new terms apply to the applications that follow.
 */
export async function changePolicy(uow: UnitOfWork, policyId: number, changes: PolicyChanges): Promise<Result<PolicyRow, CoverError>> {
  const policy = await lockPolicy(uow.tx, uow.tenant.id, policyId);
  if (!policy) return err({ code: 'POLICY_FORBIDDEN' });
  if (policy.status === 'cancelled') return err({ code: 'INVALID_STATE', status: 'cancelled' });
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as PolicyChanges;
  if (Object.keys(defined).length === 0) return err({ code: 'REQUIRED', field: 'a term to change' });
  const checked = checkPolicyTerms({ ...policy, ...defined }, Object.keys(DEFAULT_FX_RATES.rates));
  if (!checked.ok) return checked;
  const { allowedBuyerCountries, ...terms } = defined;
  const set = { ...terms, ...(allowedBuyerCountries === undefined ? {} : { allowedBuyerCountries: allowedBuyerCountries ? [...allowedBuyerCountries] : null }) };
  const updated = await updatePolicy(uow.tx, uow.tenant.id, policyId, set);
  const before = Object.fromEntries(Object.keys(defined).map((key) => [key, policy[key as keyof PolicyRow]]));
  await recordAudit(uow, { action: 'cover.policy_changed', entityType: 'cover_policy', entityId: String(policyId), details: { before, after: defined } });
  return ok(updated as PolicyRow);
}
