// Staff API: the underwriting queue (referred quotes), pending claims, buyer exposure, staff credentials.
// Every decision runs through runMutation (one transaction, idempotency) and writes its own audit row.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.js';
import { recordStaffRead } from '../../platform/audit/staff-read.js';
import type { Executor } from '../../platform/db/database.js';
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { mailMessageRoutes } from '../../platform/mail/routes.js';
import { formatDecimalAmount } from '../../platform/money.js';
import { bookFor, capacityFor, findRegisteredBuyer, normaliseRegistryId, readExposure, remainingCapacity } from '../../risk/api.js';
import { claimCaseOfQuote } from '../../cases/api.js';
import {
  type InsuranceContext, type InsuranceError, type QuoteRow, decideClaim, decideReferral, isInsuranceFailure, listPendingClaims,
  listReferredQuotes, renderQuote,
} from '../../insurance/api.js';
import { STAFF_ROLES, type StaffRole } from '../face.js';
import { createStaffCredential } from '../store.js';

export function requireRole(request: FastifyRequest, roles: readonly StaffRole[]): void {
  const actor = requireActor(request);
  if (actor.scopes.includes('admin') || roles.some((role) => actor.scopes.includes(role))) return;
  throw new ApiError('forbidden', `This needs the ${[...roles, 'admin'].join(' or ')} role`, { code: 'missing_role' });
}

const idParams = z.object({ id: z.string().min(1).max(64) });
const referralBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('offer'), premium: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/).optional(), comment: z.string().max(2000).optional() }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().min(1).max(2000) }),
]);
const claimBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), reason: z.string().max(2000).optional() }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().min(1).max(2000) }),
]);
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const staffBody = z.strictObject({ roles: z.array(z.enum(STAFF_ROLES)).min(1).max(3), label: z.string().min(1).max(200) });
const buyerParams = z.object({ country: z.string().regex(/^[A-Z]{2}$/), identifier: z.string().min(1).max(64) });

const INVALID_PREMIUM: FieldIssue = { path: ['premium'], code: 'invalid', message: 'A positive amount with at most 2 decimals is required.' };

/** The insurance module's refusals of a staff decision, in the platform's `{"error":{code,message,issues?}}` body. */
function staffError(error: InsuranceError): ApiError {
  switch (error.kind) {
    case 'not_found':
      return new ApiError('not_found', 'Not Found.');
    case 'not_referred':
      return new ApiError('invalid_state', `Quote ${error.quoteId} is not waiting for an underwriter (status ${error.status})`, { code: 'not_referred' });
    case 'no_pending_claim':
      return new ApiError('invalid_state', `Quote ${error.quoteId} has no pending claim (status ${error.status})`, { code: 'no_pending_claim' });
    case 'invalid_premium':
      return new ApiError('validation', 'Invalid premium', { issues: [INVALID_PREMIUM] });
    case 'cannot_price':
      return new ApiError('invalid_state', 'The invoice currency has no FX rate', { code: 'cannot_price' });
    case 'capacity_exhausted':
      return new ApiError('invalid_state', 'The buyer has no capacity left for this invoice; decline the quote instead', { code: 'capacity_exhausted' });
    // Client-facing refusals: no staff route leads to them.
    case 'invalid_input':
    case 'duplicate_invoice':
    case 'action_not_allowed':
    case 'not_signable':
      return new ApiError('invalid_state', 'The quote does not allow this now.', { code: error.kind });
  }
}

async function inStaffTerms<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isInsuranceFailure(error)) throw staffError(error.error);
    throw error;
  }
}

/** `executor` must be the mutation's transaction inside runMutation (PGlite has one connection). */
async function staffQuoteView(executor: Executor, row: QuoteRow, ctx: InsuranceContext) {
  return {
    product: row.product,
    quote: await renderQuote(executor, row, ctx),
    referred: row.referred,
    underwriting_rule: row.underwritingRule,
    suggested_premium: row.suggestedPremium === null ? null : formatDecimalAmount(row.suggestedPremium, row.invoiceCurrency),
    claim: row.claimKind === null ? null : {
      kind: row.claimKind, bankruptcy_date: row.bankruptcyDate, comment: row.claimComment,
      claimed_at: row.claimedAt?.toISOString() ?? null, decision_reason: row.claimDecisionReason,
      case_id: await claimCaseOfQuote(executor, row.tenantId, row.id),
    },
    created_at: row.createdAt.toISOString(),
  };
}

export function staffRoutes(ctx: InsuranceContext) {
  return async (scope: FastifyInstance): Promise<void> => {
    const db = scope.platform.db;

    /** A work queue: the oldest `limit` quotes of the tenant waiting for `role`. */
    const queue = (path: string, role: StaffRole, list: typeof listReferredQuotes, entityType: 'quote' | 'claim') =>
      scope.get(path, { schema: { querystring: listQuery } }, async (request) => {
        requireRole(request, [role]);
        const { tenant } = requireActor(request);
        const { limit } = request.query as z.infer<typeof listQuery>;
        const rows = await list(db, tenant.id, limit);
        await recordStaffRead(request, { entityType, entityIds: rows.map((row) => row.id) });
        return { data: await Promise.all(rows.map((row) => staffQuoteView(db, row, ctx))) };
      });

    queue('/quotes/referred', 'underwriter', listReferredQuotes, 'quote');

    scope.post('/quotes/:id/decision', { schema: { params: idParams, body: referralBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireRole(request, ['underwriter']);
        const { id } = request.params as z.infer<typeof idParams>;
        const body = request.body as z.infer<typeof referralBody>;
        const row = await inStaffTerms(() => decideReferral(uow, id, body, ctx));
        return { status: 200, body: await staffQuoteView(uow.tx, row, ctx) };
      }));

    queue('/claims/pending', 'claims_handler', listPendingClaims, 'claim');

    scope.post('/claims/:id/decision', { schema: { params: idParams, body: claimBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireRole(request, ['claims_handler']);
        const { id } = request.params as z.infer<typeof idParams>;
        const caseId = await claimCaseOfQuote(uow.tx, uow.tenant.id, id);
        // A claim that opened a claim case is decided on the case (POST /backoffice/v1/cases/{caseId}/claim/decision).
        if (caseId !== null) throw new ApiError('invalid_state', `Quote ${id}'s claim is decided on its claim case ${caseId}`, { code: 'decided_on_case' });
        const row = await inStaffTerms(() => decideClaim(uow, id, request.body as z.infer<typeof claimBody>, ctx));
        return { status: 200, body: await staffQuoteView(uow.tx, row, ctx) };
      }));

    scope.get('/buyers/:country/:identifier/exposure', { schema: { params: buyerParams } }, async (request) => {
      requireRole(request, ['underwriter', 'claims_handler']);
      const { tenant } = requireActor(request);
      const params = request.params as z.infer<typeof buyerParams>;
      const identifier = normaliseRegistryId(params.country, params.identifier);
      if (!identifier.ok) throw new ApiError('validation', 'Invalid identifier', { issues: [{ path: ['identifier'], code: 'invalid', message: 'Not a valid registry identifier for the country' }] });
      const { registryId } = identifier.value;
      const policy = ctx.config.underwriting;
      const buyer = await findRegisteredBuyer(db, params.country, registryId);
      const rating = buyer?.rating ?? policy.unratedBuyerRating;
      const exposure = await readExposure(db, bookFor(tenant), params.country, registryId);
      await recordStaffRead(request, { entityType: 'buyer', entityIds: [`${params.country}:${registryId}`] });
      const capacity = capacityFor(rating, policy.capacity);
      const currency = policy.capacity.baseCurrency;
      return {
        country: params.country, registry_id: registryId, name: buyer?.name ?? null, rating, registered: buyer !== null,
        currency, capacity: formatDecimalAmount(capacity, currency), exposure: formatDecimalAmount(exposure.exposure, currency),
        available: formatDecimalAmount(remainingCapacity(capacity, exposure.exposure), currency), open_claims: exposure.openClaims,
      };
    });

    await mailMessageRoutes({
      tags: ['Back office'],
      authorize: (request) => requireRole(request, ['underwriter', 'claims_handler']),
      onRead: (request, messageIds) => recordStaffRead(request, { entityType: 'mail_message', entityIds: messageIds }),
    })(scope);

    scope.post('/staff-credentials', { schema: { body: staffBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireRole(request, ['admin']);
        const body = request.body as z.infer<typeof staffBody>;
        const { credentialId: id, apiKey } = await createStaffCredential(uow.tx, { tenantId: uow.tenant.id, roles: body.roles, label: body.label, now: uow.now });
        await recordAudit(uow, { action: 'staff_credential.created', entityType: 'credential', entityId: id, details: { roles: body.roles, label: body.label } });
        return { status: 201, body: { credentialId: id, roles: body.roles, label: body.label, apiKey, authorization: `Bearer ${apiKey}` } };
      }, { shownOnce: ['apiKey', 'authorization'] }));
  };
}
