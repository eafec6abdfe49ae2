// Staff routes for credit cover on the back-office face (`/backoffice/v1/cover/…`, platform error shape): the referral
// queue and its decisions, insurer reduction/withdrawal notices, customers and policies, covers at risk.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, type ApiErrorKind } from '../../platform/http/api-error.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { clockFor } from '../../platform/services.js';
import { parseDecimalAmount, MoneyError } from '../../platform/money.js';
import type { Result } from '../../platform/result.js';
import { isBusinessDate } from '../../platform/dates.js';
import type { CoverContext } from '../context.js';
import type { CoverError } from '../domain/errors.js';
import { findPolicy, findVersion, referredQueue } from '../store.js';
import { cancelPolicy } from '../use-cases/cancel-policy.js';
import { createCustomer, createPolicy } from '../use-cases/create-policy.js';
import { changePolicy } from '../use-cases/change-policy.js';
import { STAFF_POLICY_DEFAULTS } from '../domain/policy-terms.js';
import { decideReferral, UNDERWRITER_DECISIONS } from '../use-cases/decide-referral.js';
import { giveInsurerNotice } from '../use-cases/give-insurer-notice.js';
import { reactivateCover } from '../use-cases/reactivate-cover.js';
import { postponeInsurerNotice } from '../use-cases/postpone-insurer-notice.js';
import { reviseCoverTerms } from '../use-cases/revise-cover-terms.js';
import { transferCovers } from '../use-cases/transfer-covers.js';
import { buyersOf } from '../use-cases/list-covers.js';
import { coversAtRisk } from '../use-cases/covers-at-risk.js';
import { renderCover } from './atradius-cover.js';
import { wireError } from './atradius-wire.js';
import { listCustomersWithPolicies } from '../store.js';
import { renderPolicy } from './atradius-policies.js';
import { businessDateAt } from '../../platform/dates.js';

const TAGS = ['Back office: credit cover'];

function requireRole(request: FastifyRequest, roles: readonly string[]): void {
  const actor = requireActor(request);
  if (actor.scopes.includes('admin') || roles.some((role) => actor.scopes.includes(role))) return;
  throw new ApiError('forbidden', `This needs the ${[...roles, 'admin'].join(' or ')} role`, { code: 'missing_role' });
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = { 400: 'bad_request', 403: 'forbidden', 404: 'not_found', 409: 'invalid_state', 422: 'unprocessable' };

function refuse(error: CoverError): never {
  const { status, entry } = wireError(error);
  throw new ApiError(KIND_BY_STATUS[status] ?? 'bad_request', entry.detail, { code: error.code.toLowerCase() });
}

function unwrap<T>(result: Result<T, CoverError>): T {
  if (result.ok) return result.value;
  return refuse(result.error);
}

const amountText = z.union([z.number().nonnegative(), z.string().regex(/^\d{1,13}(\.\d{1,2})?$/)]);
const condition = z.strictObject({ code: z.string().min(1).max(20), type: z.string().min(1).max(40), category: z.string().min(1).max(100), description: z.string().min(1).max(500) });
const decisionBody = z.strictObject({
  decision: z.enum([...UNDERWRITER_DECISIONS, 'RCLA']),
  amount: amountText.optional(),
  secondAmount: amountText.optional(),
  secondExpiryDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD').optional(),
  conditions: z.array(condition).max(20).optional(),
  notes: z.string().max(2000).optional(),
});
const noticeBody = z.strictObject({ newAmount: amountText, noticeDays: z.number().int().min(0).max(365).optional(), notes: z.string().max(2000).optional() });
const postponeBody = z.strictObject({ effectiveDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD'), notes: z.string().max(2000).optional() });
const reactivateBody = z.strictObject({ effectiveDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD').optional(), notes: z.string().max(2000).optional() });
const revisedTermsBody = z.strictObject({
  conditions: z.array(condition).max(20),
  effectiveDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD').optional(),
});
const transferBody = z.strictObject({
  toPolicyId: z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/).transform(Number)]),
  effectiveDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD').optional(),
});
const customerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Where its Non-Payments correspondence letters are e-mailed; without one they are stored and listed only. */
  email: z.string().trim().email().max(254).optional(),
  /** ISO alpha-2 country: SE writes its letters in Swedish, any other in English. */
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
});
const policyBody = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  startDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD'),
  expiryDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD'),
  insuredPercentage: z.number().int().min(1).max(100).default(STAFF_POLICY_DEFAULTS.insuredPercentage),
  discretionaryLimit: amountText.default(STAFF_POLICY_DEFAULTS.discretionaryLimit),
  maxExtensionDays: z.number().int().min(0).max(365).default(STAFF_POLICY_DEFAULTS.maxExtensionDays),
  creditCheckAmount: amountText.default(STAFF_POLICY_DEFAULTS.creditCheckAmount),
  autoDecisionMax: amountText.default(STAFF_POLICY_DEFAULTS.autoDecisionMax),
  allowedBuyerCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).nullable().default(null),
});
const policyChangeBody = z.strictObject({
  expiryDate: z.string().refine(isBusinessDate, 'must be YYYY-MM-DD').optional(),
  insuredPercentage: z.number().int().min(1).max(100).optional(),
  discretionaryLimit: amountText.optional(),
  maxExtensionDays: z.number().int().min(0).max(365).optional(),
  creditCheckAmount: amountText.optional(),
  autoDecisionMax: amountText.optional(),
  allowedBuyerCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).nullable().optional(),
}).refine((body) => Object.keys(body).length > 0, 'give at least one term to change');
const coverParams = z.object({ coverId: z.string().regex(/^\d{1,15}$/) });
const customerParams = z.object({ customerId: z.string().regex(/^\d{1,15}$/) });
const policyParams = z.object({ policyId: z.string().regex(/^\d{1,15}$/) });
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

function minor(value: string | number, currency: string, field: string): number {
  try {
    return parseDecimalAmount(value, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw new ApiError('validation', `${field} is not a valid amount`, { issues: [{ path: [field], code: 'invalid', message: 'not a valid amount', location: 'body' }] });
    throw error;
  }
}

export function coverBackofficeRoutes(ctx: CoverContext) {
  return async (scope: FastifyInstance): Promise<void> => {
    const db = scope.platform.db;

    scope.get('/cover/referrals', { schema: { tags: TAGS, summary: 'Referred cover applications, oldest first, with the time each has waited', querystring: limitQuery } }, async (request) => {
      requireRole(request, ['underwriter']);
      const actor = requireActor(request);
      const now = clockFor(request.server.platform, actor.tenant).now();
      const rows = await referredQueue(db, actor.tenant.id, (request.query as z.infer<typeof limitQuery>).limit);
      const buyers = await buyersOf(db, rows);
      return {
        data: rows.map((row) => ({
          cover: renderCover(row, buyers.get(row.buyerId)), referralReason: row.referralReason, supersedes: row.openSupersede ? row.previousCoverId : null,
          waitedSeconds: Math.max(0, Math.floor((now.getTime() - row.applicationDate.getTime()) / 1000)),
        })),
      };
    });

    scope.post('/cover/referrals/:coverId/decision', { schema: { tags: TAGS, summary: 'Decide a referred application', params: coverParams, body: decisionBody } }, (request, reply) => {
      requireRole(request, ['underwriter']);
      return runMutation(request, reply, async (uow) => {
        const coverId = Number((request.params as z.infer<typeof coverParams>).coverId);
        const body = request.body as z.infer<typeof decisionBody>;
        const version = await findVersion(uow.tx, uow.tenant.id, coverId);
        if (!version) throw new ApiError('not_found', 'Cover not found');
        const row = unwrap(await decideReferral(uow, ctx, coverId, {
          decision: body.decision, firstAmount: body.amount === undefined ? version.requestedAmount : minor(body.amount, version.currency, 'amount'),
          secondAmount: body.secondAmount === undefined ? 0 : minor(body.secondAmount, version.currency, 'secondAmount'),
          secondExpiryDate: body.secondExpiryDate ?? null, conditions: body.conditions ?? [], notes: body.notes ?? null,
        }));
        const buyers = await buyersOf(uow.tx, [row]);
        return { status: 200, body: { data: renderCover(row, buyers.get(row.buyerId)) } };
      });
    });

    scope.post('/cover/covers/:coverId/notice', { schema: { tags: TAGS, summary: 'Insurer reduction (newAmount > 0) or withdrawal (0) with advance notice', params: coverParams, body: noticeBody } }, (request, reply) => {
      requireRole(request, ['underwriter']);
      return runMutation(request, reply, async (uow) => {
        const coverId = Number((request.params as z.infer<typeof coverParams>).coverId);
        const body = request.body as z.infer<typeof noticeBody>;
        const version = await findVersion(uow.tx, uow.tenant.id, coverId);
        if (!version) throw new ApiError('not_found', 'Cover not found');
        const row = unwrap(await giveInsurerNotice(uow, ctx, coverId, {
          newAmount: minor(body.newAmount, version.currency, 'newAmount'), ...(body.notes ? { notes: body.notes } : {}),
          ...(body.noticeDays === undefined ? {} : { noticeDays: body.noticeDays }),
        }));
        const buyers = await buyersOf(uow.tx, [row]);
        return { status: 200, body: { data: renderCover(row, buyers.get(row.buyerId)) } };
      });
    });

    scope.post('/cover/covers/:coverId/notice/postpone', { schema: { tags: TAGS, summary: 'Postpone an insurer reduction or withdrawal notice to a later date (pending P)', params: coverParams, body: postponeBody } }, (request, reply) => {
      requireRole(request, ['underwriter']);
      return runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof postponeBody>;
        const row = unwrap(await postponeInsurerNotice(uow, ctx, Number((request.params as z.infer<typeof coverParams>).coverId), body));
        const buyers = await buyersOf(uow.tx, [row]);
        return { status: 200, body: { data: renderCover(row, buyers.get(row.buyerId)) } };
      });
    });

    scope.post('/cover/covers/:coverId/reactivate', { schema: { tags: TAGS, summary: 'Reactivate a cancelled, withdrawn or expired decision: limit re-issued (DC11), pending R until effectiveDate', params: coverParams, body: reactivateBody } }, (request, reply) => {
      requireRole(request, ['underwriter']);
      return runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof reactivateBody>;
        const row = unwrap(await reactivateCover(uow, ctx, Number((request.params as z.infer<typeof coverParams>).coverId), body));
        const buyers = await buyersOf(uow.tx, [row]);
        return { status: 201, body: { data: renderCover(row, buyers.get(row.buyerId)) } };
      });
    });

    scope.post('/cover/policies/:policyId/revised-terms', { schema: { tags: TAGS, summary: 'Batch change of conditions on a policy\'s covers: DC10 at once, or pending B until effectiveDate', params: policyParams, body: revisedTermsBody } }, (request, reply) => {
      requireRole(request, ['underwriter']);
      return runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof revisedTermsBody>;
        const result = unwrap(await reviseCoverTerms(uow, ctx, Number((request.params as z.infer<typeof policyParams>).policyId), body));
        return { status: 200, body: { data: result } };
      });
    });

    scope.post('/cover/policies/:policyId/transfer', { schema: { tags: TAGS, summary: 'Move a policy\'s covers to another policy of the customer: re-issued there (DC11), or pending T until effectiveDate', params: policyParams, body: transferBody } }, (request, reply) => {
      requireRole(request, ['admin']);
      return runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof transferBody>;
        const result = unwrap(await transferCovers(uow, ctx, Number((request.params as z.infer<typeof policyParams>).policyId), body));
        return { status: 200, body: { data: result } };
      });
    });

    scope.get('/cover/at-risk', { schema: { tags: TAGS, summary: 'Live covers whose buyer rating worsened since underwriting (for review)', querystring: limitQuery } }, async (request) => {
      requireRole(request, ['underwriter']);
      const rows = await coversAtRisk(db, requireActor(request).tenant.id, (request.query as z.infer<typeof limitQuery>).limit);
      return { data: rows.map(({ row, buyer }) => ({ cover: renderCover(row, buyer), ratingAtApplication: row.buyerRatingAtApplication, ratingNow: buyer.rating })) };
    });

    scope.post('/cover/policies/:policyId/cancel', { schema: { tags: TAGS, summary: 'Cancel a policy: every live cover on it ends (PCLD)', params: policyParams } }, (request, reply) => {
      requireRole(request, ['admin']);
      return runMutation(request, reply, async (uow) => {
        const { policy, ended } = unwrap(await cancelPolicy(uow, Number((request.params as z.infer<typeof policyParams>).policyId)));
        return { status: 200, body: { data: { ...renderPolicy(policy, businessDateAt(uow.now, ctx.timeZone)), endedCovers: ended } } };
      });
    });

    scope.patch('/cover/policies/:policyId', { schema: { tags: TAGS, summary: 'Change a live policy\'s terms (expiry, limits); decided covers keep their amounts', params: policyParams, body: policyChangeBody } }, (request, reply) => {
      requireRole(request, ['admin']);
      return runMutation(request, reply, async (uow) => {
        const policyId = Number((request.params as z.infer<typeof policyParams>).policyId);
        const body = request.body as z.infer<typeof policyChangeBody>;
        const policyBefore = await findPolicy(uow.tx, uow.tenant.id, policyId);
        if (!policyBefore) refuse({ code: 'POLICY_FORBIDDEN' });
        const money = (value: string | number | undefined, field: string) => (value === undefined ? undefined : minor(value, policyBefore.currency, field));
        const policy = unwrap(await changePolicy(uow, policyId, {
          expiryDate: body.expiryDate, insuredPercentage: body.insuredPercentage, maxExtensionDays: body.maxExtensionDays,
          discretionaryLimit: money(body.discretionaryLimit, 'discretionaryLimit'), creditCheckAmount: money(body.creditCheckAmount, 'creditCheckAmount'),
          autoDecisionMax: money(body.autoDecisionMax, 'autoDecisionMax'), allowedBuyerCountries: body.allowedBuyerCountries,
        }));
        return { status: 200, body: { data: renderPolicy(policy, businessDateAt(uow.now, ctx.timeZone)) } };
      });
    });

    scope.get('/cover/customers', { schema: { tags: TAGS, summary: 'Customers and their policies' } }, async (request) => {
      requireRole(request, ['underwriter']);
      const actor = requireActor(request);
      const today = businessDateAt(clockFor(request.server.platform, actor.tenant).now(), ctx.timeZone);
      const customers = await listCustomersWithPolicies(db, actor.tenant.id);
      return { data: customers.map(({ customer, policies }) => ({ customerId: customer.customerId, name: customer.name, email: customer.email, country: customer.country, policies: policies.map((policy) => renderPolicy(policy, today)) })) };
    });

    scope.post('/cover/customers', { schema: { tags: TAGS, summary: 'Create a policyholder', body: customerBody } }, (request, reply) => {
      requireRole(request, ['admin']);
      const body = request.body as z.infer<typeof customerBody>;
      return runMutation(request, reply, async (uow) => ({ status: 201, body: { data: unwrap(await createCustomer(uow, body.name, { email: body.email, country: body.country })) } }));
    });

    scope.post('/cover/customers/:customerId/policies', { schema: { tags: TAGS, summary: 'Create a live policy for a customer', params: customerParams, body: policyBody } }, (request, reply) => {
      requireRole(request, ['admin']);
      return runMutation(request, reply, async (uow) => {
        const body = request.body as z.infer<typeof policyBody>;
        const money = (value: string | number, field: string) => minor(value, body.currency, field);
        const policy = unwrap(await createPolicy(uow, Number((request.params as z.infer<typeof customerParams>).customerId), {
          currency: body.currency, startDate: body.startDate, expiryDate: body.expiryDate, insuredPercentage: body.insuredPercentage,
          discretionaryLimit: money(body.discretionaryLimit, 'discretionaryLimit'), maxExtensionDays: body.maxExtensionDays,
          creditCheckAmount: money(body.creditCheckAmount, 'creditCheckAmount'), autoDecisionMax: money(body.autoDecisionMax, 'autoDecisionMax'),
          allowedBuyerCountries: body.allowedBuyerCountries,
        }));
        return { status: 201, body: { data: renderPolicy(policy, businessDateAt(uow.now, ctx.timeZone)) } };
      });
    });
  };
}
