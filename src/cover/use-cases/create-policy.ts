import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { DEFAULT_FX_RATES } from '../../risk/api.js';
import type { CoverError } from '../domain/errors.js';
import { checkPolicyTerms, type PolicyTermsInput } from '../domain/policy-terms.js';
import { findCustomer, insertCustomer, insertPolicy, type PolicyRow } from '../store.js';

/** Back office: a new policyholder (customerId). */
export async function createCustomer(uow: UnitOfWork, name: string): Promise<Result<{ customerId: number; name: string }, CoverError>> {
  const customer = await insertCustomer(uow.tx, { tenantId: uow.tenant.id, name, createdAt: uow.now });
  await recordAudit(uow, { action: 'cover.customer_created', entityType: 'cover_customer', entityId: String(customer.customerId), details: { name } });
  return ok({ customerId: customer.customerId, name: customer.name });
}

/** Back office: a live policy for one of the tenant's customers; its currency must be one the book can convert. */
export async function createPolicy(uow: UnitOfWork, customerId: number, terms: PolicyTermsInput): Promise<Result<PolicyRow, CoverError>> {
  const customer = await findCustomer(uow.tx, uow.tenant.id, customerId);
  if (!customer) return err({ code: 'CUSTOMER_FORBIDDEN' });
  const checked = checkPolicyTerms(terms, Object.keys(DEFAULT_FX_RATES.rates));
  if (!checked.ok) return checked;
  const policy = await insertPolicy(uow.tx, {
    tenantId: uow.tenant.id, customerId, status: 'live', ...checked.value,
    allowedBuyerCountries: checked.value.allowedBuyerCountries ? [...checked.value.allowedBuyerCountries] : null, createdAt: uow.now,
  });
  await recordAudit(uow, { action: 'cover.policy_created', entityType: 'cover_policy', entityId: String(policy.policyId), details: { customerId } });
  return ok(policy);
}
