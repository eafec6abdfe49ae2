import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { listCustomersWithPolicies } from '../store.js';
import { provisionSandboxPortfolio } from './provision-sandbox-portfolio.js';

export interface TenantPortfolio {
  customers: { customerId: number; name: string; policyIds: string[] }[];
}

/**
 * A new tenant: a sandbox gets its demo customer and live policy now (so its credential sheet can name them), and the
 * answer is every customer and policy id the Cover and Non-Payments clients of the tenant put in their requests.
 */
export async function setUpNewTenant(uow: UnitOfWork, ctx: CoverContext): Promise<TenantPortfolio> {
  await provisionSandboxPortfolio(uow, ctx);
  const customers = await listCustomersWithPolicies(uow.tx, uow.tenant.id);
  return {
    customers: customers.map(({ customer, policies }) => ({
      customerId: customer.customerId, name: customer.name, policyIds: policies.map((policy) => String(policy.policyId)),
    })),
  };
}
