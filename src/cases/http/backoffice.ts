// Staff routes for claims handling on the back-office face (`/backoffice/v1/cases/…`, platform error shape; issue 14
// point 6): the queue of claims waiting for a person, documents received, the liability decision (approve with the
// amount, or decline with a reason), the indemnity payment. Each decision runs through runMutation (one transaction,
// Idempotency-Key) and the use case writes the case history, the `claim.status_changed` / `case.status_changed`
// events (webhooks) and the audit row with the staff member as actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordStaffRead } from '../../platform/audit/staff-read.js';
import { ApiError, type ApiErrorKind } from '../../platform/http/api-error.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { formatDecimalAmount, MoneyError, parseDecimalAmount } from '../../platform/money.js';
import type { Result } from '../../platform/result.js';
import { clockFor } from '../../platform/services.js';
import type { CasesContext } from '../context.js';
import { CASE_ENTITY, caseIdOf, caseNumberOf } from '../domain/codes.js';
import type { Executor } from '../../platform/db/database.js';
import type { CaseError } from '../domain/errors.js';
import { type CaseRow, findCase } from '../store.js';
import { decideClaim } from '../use-cases/decide-claim.js';
import { claimsQueue, type QueuedClaim } from '../use-cases/staff/claims-queue.js';
import { confirmDocuments } from '../use-cases/staff/confirm-documents.js';
import { type LimitReview, limitReviews } from '../use-cases/staff/limit-reviews.js';
import { recordIndemnityPayment } from '../use-cases/staff/record-indemnity-payment.js';

const TAGS = ['Back office: non-payment claims'];
const CLAIM_ROLES = ['claims_handler'] as const;
const LIMIT_REVIEW_ROLES = ['underwriter', 'claims_handler'] as const;

function requireRole(request: FastifyRequest, roles: readonly string[]): void {
  const actor = requireActor(request);
  if (actor.scopes.includes('admin') || roles.some((role) => actor.scopes.includes(role))) return;
  throw new ApiError('forbidden', `This needs the ${roles.join(' or ')} or admin role`, { code: 'missing_role' });
}

function requireClaimsRole(request: FastifyRequest): void {
  requireRole(request, CLAIM_ROLES);
}

const KIND: Record<CaseError['code'], ApiErrorKind> = {
  REQUIRED: 'validation', INVALID_VALUE: 'validation', INVALID_DATE: 'unprocessable', INVALID_AMOUNT: 'validation',
  CASE_NOT_FOUND: 'not_found', LETTER_NOT_FOUND: 'not_found', CUSTOMER_FORBIDDEN: 'not_found', POLICY_FORBIDDEN: 'not_found', NO_COVER: 'unprocessable',
  POLICY_NOT_LIVE: 'unprocessable', INVALID_STATE: 'invalid_state', OPEN_CASE_EXISTS: 'conflict', CLAIM_BELOW_THRESHOLD: 'unprocessable',
  INVALID_TRANSITION: 'invalid_state',
};

function messageOf(error: CaseError): string {
  switch (error.code) {
    case 'CASE_NOT_FOUND': return 'Not Found.';
    case 'INVALID_STATE': return `Action not allowed in status ${error.status}`;
    case 'INVALID_TRANSITION': return `Action not allowed in status ${error.from}`;
    case 'INVALID_VALUE': case 'INVALID_DATE': return error.detail;
    default: return error.code;
  }
}

/** The use case's refusal in the platform's `{"error":{code,message,issues?}}` body; nothing was written. */
function unwrap(result: Result<CaseRow, CaseError>): CaseRow {
  if (result.ok) return result.value;
  const { error } = result;
  const field = 'field' in error ? error.field.replace(/^\//, '') : undefined;
  throw new ApiError(KIND[error.code], messageOf(error), {
    code: error.code.toLowerCase(),
    ...(field && KIND[error.code] === 'validation' ? { issues: [{ path: [field], code: 'invalid', message: messageOf(error) }] } : {}),
  });
}

/** The approved amount in minor units of the case's currency; more decimals than it has are refused, not rounded. */
async function approvedMinorUnits(amount: string | number, executor: Executor, tenantId: string, caseId: string): Promise<number> {
  const caseNumber = caseNumberOf(caseId);
  const row = caseNumber === null ? null : await findCase(executor, tenantId, caseNumber);
  if (!row) throw new ApiError('not_found', 'Not Found.', { code: 'case_not_found' });
  try {
    return parseDecimalAmount(amount, row.currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new ApiError('validation', 'Invalid approvedAmount', { issues: [{ path: ['approvedAmount'], code: 'invalid', message: error.message }] });
  }
}

const money = (amount: number | null, currency: string) => (amount === null ? null : formatDecimalAmount(amount, currency));

/** The claim as a claims handler sees it. */
function staffClaimView(row: CaseRow) {
  return {
    caseId: caseIdOf(row.caseNumber), caseType: row.caseType, caseStatus: row.caseStatus, claimStatus: row.claimStatus,
    claimCause: row.claimCause, closureReason: row.closureReason, customerId: row.customerId, policyId: String(row.policyId),
    buyerId: row.buyerId, buyerName: row.buyerName, currencyCode: row.currency,
    outstandingAmount: money(row.outstandingAmount, row.currency), claimAmount: money(row.claimAmount, row.currency),
    approvedAmount: money(row.approvedAmount, row.currency), indemnityPercentage: row.indemnityPercentage,
    indemnityAmount: money(row.indemnityAmount, row.currency), dateOfLoss: row.dateOfLoss, claimDeclineReason: row.claimDeclineReason,
    documents: row.documents, assessmentOverdue: row.assessmentOverdue,
  };
}

function queueEntry(entry: QueuedClaim) {
  return {
    ...staffClaimView(entry.row),
    waitingSince: entry.waitingSince.toISOString(), waitedSeconds: entry.waitedSeconds,
    deadline: entry.deadline?.toISOString() ?? null, secondsToDeadline: entry.secondsToDeadline,
    overdue: entry.secondsToDeadline !== null && entry.secondsToDeadline < 0,
  };
}

/** A buyer with an open claim whose limits are still live: what to reduce or withdraw, and how (Cover API). */
function limitReviewEntry(review: LimitReview) {
  const { row } = review;
  return {
    caseId: review.caseId, caseType: row.caseType, caseStatus: row.caseStatus, claimStatus: row.claimStatus, customerId: row.customerId,
    policyId: String(row.policyId), buyerId: row.buyerId, buyerName: row.buyerName, outstandingAmount: money(row.outstandingAmount, row.currency),
    currencyCode: row.currency, claimOpenedAt: review.claimOpenedAt.toISOString(),
    liveCovers: review.liveCovers.map((cover) => ({
      coverId: String(cover.coverId), coverType: cover.coverType, amount: money(cover.granted, cover.currency), currencyCode: cover.currency, effectFromDate: cover.effectFromDate,
    })),
    prompt: `Reduce or withdraw the limits on ${row.buyerName}: claim case ${review.caseId} is open on this buyer`,
  };
}

const queueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const caseParams = z.object({ caseId: z.string().min(1).max(40) });
const amountText = z.union([z.number().positive(), z.string().regex(/^\d{1,13}(\.\d{1,3})?$/)]);
const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), approvedAmount: amountText }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
]);
const paymentBody = z.strictObject({ paymentReference: z.string().trim().min(1).max(100) });
const emptyBody = z.strictObject({}).optional();

export function casesBackofficeRoutes(ctx: CasesContext) {
  return async (scope: FastifyInstance): Promise<void> => {
    const db = scope.platform.db;

    scope.get('/cases/claims-queue', { schema: { tags: TAGS, querystring: queueQuery } }, async (request) => {
      requireClaimsRole(request);
      const { tenant } = requireActor(request);
      const { limit } = request.query as z.infer<typeof queueQuery>;
      const entries = await claimsQueue(db, tenant.id, clockFor(request.server.platform, tenant).now(), limit);
      await recordStaffRead(request, { entityType: CASE_ENTITY, entityIds: entries.map((entry) => entry.caseId) });
      return { data: entries.map(queueEntry) };
    });

    scope.get('/cases/limit-reviews', { schema: { tags: TAGS, summary: 'Buyers with an open claim case whose limits are still live', querystring: queueQuery } }, async (request) => {
      requireRole(request, LIMIT_REVIEW_ROLES);
      const { tenant } = requireActor(request);
      const { limit } = request.query as z.infer<typeof queueQuery>;
      const reviews = await limitReviews(db, tenant.id, limit);
      await recordStaffRead(request, { entityType: CASE_ENTITY, entityIds: reviews.map((review) => review.caseId) });
      return { data: reviews.map(limitReviewEntry) };
    });

    scope.post('/cases/:caseId/claim/documents-received', { schema: { tags: TAGS, params: caseParams, body: emptyBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireClaimsRole(request);
        const { caseId } = request.params as z.infer<typeof caseParams>;
        return { status: 200, body: { data: staffClaimView(unwrap(await confirmDocuments(uow, ctx, caseId))) } };
      }));

    scope.post('/cases/:caseId/claim/decision', { schema: { tags: TAGS, params: caseParams, body: decisionBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireClaimsRole(request);
        const { caseId } = request.params as z.infer<typeof caseParams>;
        const body = request.body as z.infer<typeof decisionBody>;
        if (body.decision === 'decline') {
          return { status: 200, body: { data: staffClaimView(unwrap(await decideClaim(uow, ctx, caseId, { outcome: 'DECLINED', reason: body.reason }))) } };
        }
        const current = unwrap(await decideClaim(uow, ctx, caseId, { outcome: 'APPROVED', approvedAmount: await approvedMinorUnits(body.approvedAmount, uow.tx, uow.tenant.id, caseId) }));
        return { status: 200, body: { data: staffClaimView(current) } };
      }));

    scope.post('/cases/:caseId/claim/indemnity-payment', { schema: { tags: TAGS, params: caseParams, body: paymentBody } }, (request, reply) =>
      runMutation(request, reply, async (uow) => {
        requireClaimsRole(request);
        const { caseId } = request.params as z.infer<typeof caseParams>;
        const { paymentReference } = request.body as z.infer<typeof paymentBody>;
        return { status: 200, body: { data: staffClaimView(unwrap(await recordIndemnityPayment(uow, ctx, caseId, paymentReference))) } };
      }));
  };
}
