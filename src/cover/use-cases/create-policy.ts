import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { DEFAULT_FX_RATES } from '../../risk/api.js';
import type { CoverError } from '../domain/errors.js';
import { checkPolicyTerms, type PolicyTermsInput } from '../domain/policy-terms.js';
import { findCustomer, insertCustomer, insertPolicy, type PolicyRow } from '../store.js';

/** Back office: a new policyholder (customerId). */
export interface CustomerContact {
  /** The address correspondence letters are e-mailed to. */
  readonly email?: string | undefined;
  /** ISO alpha-2 country (SE: letters in Swedish). */
  readonly country?: string | undefined;
}

export async function createCustomer(uow: UnitOfWork, name: string, contact: CustomerContact = {}): Promise<Result<{ customerId: number; name: string; email: string | null; country: string | null }, CoverError>> {
  const email = contact.email ?? null;
  const country = contact.country?.toUpperCase() ?? null;
  const customer = await insertCustomer(uow.tx, { tenantId: uow.tenant.id, name, email, country, createdAt: uow.now });
  await recordAudit(uow, { action: 'cover.customer_created', entityType: 'cover_customer', entityId: String(customer.customerId), details: { name, email, country } });
  return ok({ customerId: customer.customerId, name: customer.name, email: customer.email, country: customer.country });
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
