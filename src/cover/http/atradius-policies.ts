// Policy details (`/credit-insurance/policy-management/v1`, spec §2): the caller's policies. Decision: `GET /policies`
// (not in the real API) lists the tenant's customers and policies, so an integrator can find the ids to use; in a
// sandbox tenant the first call creates the demo customer and its live policy.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/http/mutation.js';
import { clockFor } from '../../platform/services.js';
import { unitOfWork } from '../../platform/unit-of-work.js';
import { businessDateAt } from '../../platform/dates.js';
import type { CoverContext } from '../context.js';
import { formatCoverAmount } from '../domain/amounts.js';
import { findPolicy, listCustomersWithPolicies, type PolicyRow } from '../store.js';
import { policyIsLive } from '../use-cases/shared.js';
import { provisionSandboxPortfolio } from '../use-cases/provision-sandbox-portfolio.js';
import { integerParameter, onlyQuery, queryError, throwCoverError } from './atradius-wire.js';

const TAGS = ['Policy details (Atradius-style)'];

export function renderPolicy(policy: PolicyRow, today: string) {
  const money = (value: number) => formatCoverAmount(value, policy.currency);
  return {
    policyId: String(policy.policyId), customerId: policy.customerId,
    policyStatus: policy.status === 'live' && !policyIsLive(policy, today) ? 'expired' : policy.status,
    policyStartDate: policy.startDate, policyExpiryDate: policy.expiryDate, policyCurrency: policy.currency,
    insuredPercentage: policy.insuredPercentage, discretionaryLimitAmount: money(policy.discretionaryLimit),
    maximumExtensionPeriodDays: policy.maxExtensionDays, creditCheckAmount: money(policy.creditCheckAmount),
    automaticDecisionMaximumAmount: money(policy.autoDecisionMax),
  };
}

async function ensureSandboxPortfolio(request: FastifyRequest, ctx: CoverContext): Promise<void> {
  const actor = requireActor(request);
  if (actor.tenant.mode !== 'sandbox') return;
  const platform = request.server.platform;
  await platform.db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant: actor.tenant, clock: clockFor(platform, actor.tenant), actor: { type: 'credential', id: actor.credentialId }, requestId: request.id });
    await provisionSandboxPortfolio(uow, ctx);
  });
}

function todayFor(request: FastifyRequest, ctx: CoverContext): string {
  return businessDateAt(clockFor(request.server.platform, requireActor(request).tenant).now(), ctx.timeZone);
}

export function policyRoutes(ctx: CoverContext) {
  return async (scope: FastifyInstance) => {
    scope.get('/policies/details', { schema: { tags: TAGS, summary: 'Details of one policy' }, preValidation: onlyQuery('policyId') }, async (request) => {
      const query = request.query as Record<string, unknown>;
      if (query.policyId === undefined) queryError(400, 'REQUIRED', 'policyId is required', 'policyId');
      const policyId = integerParameter(query.policyId, 'policyId') as number;
      await ensureSandboxPortfolio(request, ctx);
      const policy = await findPolicy(request.server.platform.db, requireActor(request).tenant.id, policyId);
      if (!policy) throwCoverError({ code: 'POLICY_FORBIDDEN' });
      return { data: renderPolicy(policy, todayFor(request, ctx)) };
    });
    scope.get('/policies', { schema: { tags: TAGS, summary: 'The tenant\'s customers and their policies' }, preValidation: onlyQuery() }, async (request) => {
      await ensureSandboxPortfolio(request, ctx);
      const today = todayFor(request, ctx);
      const customers = await listCustomersWithPolicies(request.server.platform.db, requireActor(request).tenant.id);
      return {
        data: customers.map(({ customer, policies }) => ({
          customerId: customer.customerId, customerName: customer.name, policies: policies.map((policy) => renderPolicy(policy, today)),
        })),
      };
    });
  };
}
