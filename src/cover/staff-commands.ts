// The operator's commands on customers and policies (`tradecredit customer …`, `tradecredit policy …`): each opens
// one transaction with a `system:cli` actor, runs the same use case as the back-office route, and answers a policy in
// the policy-management shape or the reason it was refused, worded for a person at a terminal.
import type { TenantSetup } from '../platform/module.js';
import { MoneyError, parseDecimalAmount } from '../platform/money.js';
import { businessDateAt } from '../platform/dates.js';
import { type Result, err, ok } from '../platform/result.js';
import type { Tenant } from '../platform/tenants/tenant.js';
import { systemActor, unitOfWork, type UnitOfWork } from '../platform/unit-of-work.js';
import { clockFor } from '../platform/services.js';
import type { CoverError } from './domain/errors.js';
import { STAFF_POLICY_DEFAULTS, type PolicyChanges } from './domain/policy-terms.js';
import { renderPolicy } from './http/atradius-policies.js';
import { wireError } from './http/atradius-wire.js';
import { findPolicy, listCustomersWithPolicies, type PolicyRow } from './store.js';
import { cancelPolicy } from './use-cases/cancel-policy.js';
import { changePolicy } from './use-cases/change-policy.js';
import { type CustomerContact, createCustomer, createPolicy } from './use-cases/create-policy.js';

/** Amounts as the operator types them: decimal text in the policy currency ("5000", "7000.50"). */
export interface StaffPolicyTerms {
  customerId: number;
  currency: string;
  /** Today (business date) when not given. */
  startDate?: string;
  expiryDate: string;
  insuredPercentage?: number;
  discretionaryLimit?: string;
  maxExtensionDays?: number;
  creditCheckAmount?: string;
  autoDecisionMax?: string;
  allowedBuyerCountries?: string[];
}

export type StaffPolicyChanges = Partial<Pick<StaffPolicyTerms, 'expiryDate' | 'insuredPercentage' | 'discretionaryLimit' | 'maxExtensionDays' | 'creditCheckAmount' | 'autoDecisionMax' | 'allowedBuyerCountries'>>;

type Outcome<T> = Result<T, string>;
type RenderedPolicy = ReturnType<typeof renderPolicy>;

class AmountRefused extends Error {}

async function inTransaction<T>(setup: TenantSetup, tenant: Tenant, work: (uow: UnitOfWork) => Promise<Result<T, CoverError>>): Promise<Outcome<T>> {
  try {
    const result = await setup.db.transaction(async (tx) => {
      const outcome = await work(unitOfWork({ tx, tenant, clock: clockFor(setup, tenant), actor: systemActor('cli') }));
      if (!outcome.ok) throw new Refused(outcome.error);
      return outcome.value;
    });
    return ok(result);
  } catch (error) {
    if (error instanceof Refused) return err(refusalText(error.refusal));
    if (error instanceof AmountRefused) return err(error.message);
    throw error;
  }
}

/** Carries a refusal out of the transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly refusal: CoverError) {
    super(refusal.code);
  }
}

function refusalText(error: CoverError): string {
  if (error.code === 'POLICY_FORBIDDEN') return 'The tenant has no such policy';
  if (error.code === 'CUSTOMER_FORBIDDEN') return 'The tenant has no such customer';
  return wireError(error).entry.detail;
}

function minor(value: string | undefined, currency: string, option: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDecimalAmount(value, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw new AmountRefused(`${option} must be an amount in ${currency} such as 5000 or 7000.50, not ${JSON.stringify(value)}`);
    throw error;
  }
}

/** The tenant's business date (a sandbox's test clock included). */
function today(setup: TenantSetup, tenant: Tenant): string {
  return businessDateAt(clockFor(setup, tenant).now(), setup.businessTimeZone);
}

export async function createCustomerAsStaff(setup: TenantSetup, tenant: Tenant, name: string, contact: CustomerContact = {}): Promise<Outcome<{ customerId: number; name: string; email: string | null; country: string | null }>> {
  return inTransaction(setup, tenant, (uow) => createCustomer(uow, name, contact));
}

export async function createPolicyAsStaff(setup: TenantSetup, tenant: Tenant, terms: StaffPolicyTerms): Promise<Outcome<RenderedPolicy>> {
  const defaults = STAFF_POLICY_DEFAULTS;
  const created = await inTransaction(setup, tenant, (uow) => createPolicy(uow, terms.customerId, {
    currency: terms.currency, startDate: terms.startDate ?? today(setup, tenant), expiryDate: terms.expiryDate,
    insuredPercentage: terms.insuredPercentage ?? defaults.insuredPercentage, maxExtensionDays: terms.maxExtensionDays ?? defaults.maxExtensionDays,
    discretionaryLimit: minor(terms.discretionaryLimit ?? defaults.discretionaryLimit, terms.currency, '--discretionary-limit') as number,
    creditCheckAmount: minor(terms.creditCheckAmount ?? defaults.creditCheckAmount, terms.currency, '--credit-check-amount') as number,
    autoDecisionMax: minor(terms.autoDecisionMax ?? defaults.autoDecisionMax, terms.currency, '--auto-decision-max') as number,
    allowedBuyerCountries: terms.allowedBuyerCountries ?? null,
  }));
  return created.ok ? ok(renderPolicy(created.value, today(setup, tenant))) : created;
}

export async function listPoliciesAsStaff(setup: TenantSetup, tenant: Tenant) {
  const customers = await listCustomersWithPolicies(setup.db, tenant.id);
  return customers.map(({ customer, policies }) => ({ customerId: customer.customerId, name: customer.name, policies: policies.map((policy) => renderPolicy(policy, today(setup, tenant))) }));
}

export async function changePolicyAsStaff(setup: TenantSetup, tenant: Tenant, policyId: number, changes: StaffPolicyChanges): Promise<Outcome<RenderedPolicy>> {
  const changed = await inTransaction(setup, tenant, async (uow) => {
    const policy = await findPolicy(uow.tx, tenant.id, policyId);
    if (!policy) return err({ code: 'POLICY_FORBIDDEN' } as const);
    return changePolicy(uow, policyId, policyChanges(changes, policy));
  });
  return changed.ok ? ok(renderPolicy(changed.value, today(setup, tenant))) : changed;
}

function policyChanges(changes: StaffPolicyChanges, policy: PolicyRow): PolicyChanges {
  return {
    expiryDate: changes.expiryDate, insuredPercentage: changes.insuredPercentage, maxExtensionDays: changes.maxExtensionDays,
    discretionaryLimit: minor(changes.discretionaryLimit, policy.currency, '--discretionary-limit'),
    creditCheckAmount: minor(changes.creditCheckAmount, policy.currency, '--credit-check-amount'),
    autoDecisionMax: minor(changes.autoDecisionMax, policy.currency, '--auto-decision-max'),
    allowedBuyerCountries: changes.allowedBuyerCountries,
  };
}

export async function cancelPolicyAsStaff(setup: TenantSetup, tenant: Tenant, policyId: number): Promise<Outcome<RenderedPolicy & { endedCovers: number }>> {
  const cancelled = await inTransaction(setup, tenant, (uow) => cancelPolicy(uow, policyId));
  return cancelled.ok ? ok({ ...renderPolicy(cancelled.value.policy, today(setup, tenant)), endedCovers: cancelled.value.ended }) : cancelled;
}
