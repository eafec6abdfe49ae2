import { recordAudit } from '../../platform/audit/record.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { addDays } from '../../platform/dates.js';
import type { CoverContext } from '../context.js';
import { demoPolicyTerms, demoSekPolicyTerms } from '../domain/policy-terms.js';
import { insertDemoCustomerOnce, insertPolicy } from '../store.js';
import { todayOf } from './shared.js';

/**
 * A sandbox tenant's first look at its policies gives it a demo customer with two live policies, EUR (the guides'
 * first calls) and SEK (Credable's invoices), so they work without staff set-up. Created once; live tenants get customers and policies from staff only.
 */
export async function provisionSandboxPortfolio(uow: UnitOfWork, ctx: CoverContext): Promise<void> {
  if (uow.tenant.mode !== 'sandbox') return;
  const customerId = await insertDemoCustomerOnce(uow.tx, uow.tenant.id, uow.now);
  if (customerId === null) return;
  const today = todayOf(uow, ctx);
  const policy = await insertPolicy(uow.tx, { tenantId: uow.tenant.id, customerId, status: 'live', ...demoPolicyTerms(today, addDays(today, 365)), allowedBuyerCountries: null, createdAt: uow.now });
  const sekPolicy = await insertPolicy(uow.tx, { tenantId: uow.tenant.id, customerId, status: 'live', ...demoSekPolicyTerms(today, addDays(today, 365)), allowedBuyerCountries: null, createdAt: uow.now });
  await recordAudit(uow, { action: 'cover.sandbox_portfolio_created', entityType: 'cover_customer', entityId: String(customerId), details: { policyId: policy.policyId, sekPolicyId: sekPolicy.policyId } });
}
