// The Cover API (`/credit-insurance/cover-management/v1`, spec §5): routes, zod schemas, rendering of cover versions
// and the answers of each use case on the Atradius wire.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendJsonListTexts } from '../../platform/http/json-bytes.js';
import { requireActor, runMutation, runOptimisticMutation, type MutationResult } from '../../platform/http/mutation.js';
import { clockFor } from '../../platform/services.js';
import type { Result } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { NumberedBuyer } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { formatCoverAmount } from '../domain/amounts.js';
import { COVER_TYPES, DECISION_CODES, PENDING_PROCESSES, type PendingProcess } from '../domain/codes.js';
import { alpha3Of } from '../domain/countries.js';
import type { CoverError } from '../domain/errors.js';
import type { CoverVersionRow, Listing, ListingFilter } from '../store.js';
import { applyForCover } from '../use-cases/apply-for-cover.js';
import { tryApplyForCoverInOneStatement } from '../use-cases/apply-for-cover-in-one-statement.js';
import { applyBatch as applyApplications } from '../use-cases/apply-batch.js';
import { applyDueChangesFor } from '../use-cases/apply-due-changes.js';
import { cancelCover } from '../use-cases/cancel-cover.js';
import { convertIndication } from '../use-cases/convert-indication.js';
import { getCover, listCovers } from '../use-cases/list-covers.js';
import { isLivePortfolioPage, listLivePortfolio } from '../use-cases/list-live-portfolio.js';
import { reduceCover } from '../use-cases/reduce-cover.js';
import { supersedeCover } from '../use-cases/supersede-cover.js';
import { updateCoverReference } from '../use-cases/update-cover-reference.js';
import {
  dateParameter, integerParameter, onlyQuery, pageMeta, pageParameters, queryError,
  ratingClassOf, throwCoverError, uniqueIdentifiersOf, wireError, type WireErrorEntry,
} from './atradius-wire.js';
import { type ChangeType, coverJsonText, type RenderableVersion } from './cover-json-text.js';

const TAGS = ['Cover API (Atradius-style)'];
const ACTION_SUCCESSFUL = 'Action successful';
const ACTION_REFUSED = 'Action has been refused.';
export const MAX_BATCH_APPLICATIONS = 100;

// --- schemas ---------------------------------------------------------------------------------------------------

/** Ids come as numbers, or as numeric strings from clients that quote everything (spec §9-13). */
const idValue = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const amountValue = z.union([z.number(), z.string().max(40)]);

export const applicationBody = z.object({
  customerId: idValue,
  policyId: idValue,
  buyerId: idValue,
  coverType: z.enum(COVER_TYPES),
  currencyCode: z.string().regex(/^[A-Z]{3}$/).optional(),
  creditLimitAmount: amountValue.optional(),
  effectFromDate: z.string().max(40).optional(),
  customerRefNumber: z.string().max(35).optional(),
  tradingExperience: z.object({
    monthsTrading: z.number().int().min(0).max(2400).optional(),
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
    annualTurnover: amountValue.optional(),
    paymentBehaviour: z.string().max(200).optional(),
  }).optional(),
  buyerContact: z.object({ name: z.string().max(200).optional(), email: z.string().max(254).optional(), phone: z.string().max(40).optional() }).optional(),
});

const modifyBody = z.object({
  customerId: idValue.optional(),
  policyId: idValue,
  buyerId: idValue,
  coverId: idValue.optional(),
  coverType: z.enum(COVER_TYPES).optional(),
  action: z.enum(['supersede', 'reduce', 'cancel', 'update-reference']),
  currencyCode: z.string().regex(/^[A-Z]{3}$/).optional(),
  creditLimitAmount: amountValue.optional(),
  effectFromDate: z.string().max(40).optional(),
  customerRefNumber: z.string().max(35).optional(),
});

const batchBody = z.object({ applications: z.array(z.unknown()).min(1).max(MAX_BATCH_APPLICATIONS) });
const coverTypeBody = z.object({ coverType: z.literal('credit-limit'), effectFromDate: z.string().max(40).optional() });
const coverIdParams = z.object({ coverId: z.string().max(20) });

const writeReply = z.object({ data: z.array(z.object({ coverId: z.number().int(), response: z.string() })) });

// --- rendering -------------------------------------------------------------------------------------------------


function amount(row: Pick<CoverVersionRow, 'currency'>, value: number): string {
  return formatCoverAmount(value, row.currency);
}

function conditionsOf(row: Pick<CoverVersionRow, 'conditions'>) {
  return row.conditions.map((c) => ({ conditionCode: c.code, conditionType: c.type, conditionDescription: c.description, conditionCategoryDescription: c.category }));
}

const iso = (date: Date | string) => (typeof date === 'string' ? date : date.toISOString());

/** A cover on the wire. Listing pages write the same JSON as text (coverJsonText, tested against this one). */
export function renderCover(row: RenderableVersion, buyer: Pick<NumberedBuyer, 'name' | 'rating'> | undefined, changeType: ChangeType | null = null) {
  const total = row.firstAmount + row.secondAmount;
  const decided = row.coverStatus === 'DECISION';
  const pending = row.pendingProcess as PendingProcess | null;
  return {
    coverId: row.coverId, customerId: row.customerId, policyId: String(row.policyId), buyerId: row.buyerId,
    buyerName: buyer?.name ?? null, uniqueIdentifiers: uniqueIdentifiersOf(row.buyerRegistryId), buyerCountryCode: alpha3Of(row.buyerCountry),
    coverType: row.coverType, coverStatus: row.coverStatus,
    decisionCode: row.decisionCode, decisionTypeDescription: row.decisionCode ? DECISION_CODES[row.decisionCode as keyof typeof DECISION_CODES] : null,
    neutralDecisionCode: row.neutralCode, historicCode: row.historicCode,
    pendingProcessIndicator: pending, pendingProcessStatus: pending ? PENDING_PROCESSES[pending] : null,
    pendingProcessEffectiveDate: row.pendingEffectiveDate,
    pendingDecisionAmtInPolicyCurrency: pending && row.pendingAmount !== null && pending !== 'C' ? amount(row, row.pendingAmount) : null,
    pendingDecisionConditions: pending === 'B' ? conditionsOf({ conditions: row.pendingConditions ?? [] }) : null,
    pendingPolicyId: pending === 'T' && row.pendingPolicyId !== null ? String(row.pendingPolicyId) : null,
    customerRefNumber: row.customerRefNumber, policyCurrencyCode: row.currency, userCurrencyCode: row.currency,
    creditLimitApplicationAmountInPolicyCurrency: amount(row, row.requestedAmount),
    creditLimitApplicationAmountInUserCurrency: amount(row, row.requestedAmount),
    totalDecision: decided
      ? { decisionAmtInPolicyCurrency: amount(row, total), decisionAmtInUserCurrency: amount(row, total), decisionConditions: conditionsOf(row) }
      : null,
    firstAmtDecision: decided
      ? { decisionAmtInPolicyCurrency: amount(row, row.firstAmount), decisionAmtInUserCurrency: amount(row, row.firstAmount), decisionExpiryDate: null, decisionConditions: [] }
      : null,
    secondAmtDecision: decided && row.secondAmount > 0
      ? { decisionAmtInPolicyCurrency: amount(row, row.secondAmount), decisionAmtInUserCurrency: amount(row, row.secondAmount), decisionExpiryDate: row.secondExpiryDate, decisionConditions: [] }
      : null,
    decisionConditions: conditionsOf(row),
    applicationDate: iso(row.applicationDate), decisionDate: row.decisionDate === null ? null : iso(row.decisionDate),
    effectFromDate: row.effectFromDate, effectiveToDate: row.effectiveToDate, withdrawalDate: row.withdrawalDate,
    currentBuyerRating: buyer ? String(buyer.rating) : null, currentBuyerRatingClass: buyer ? ratingClassOf(buyer.rating) : null,
    notes: row.notes, changeType,
  };
}

function changeTypeOf(row: Pick<CoverVersionRow, 'coverStatus' | 'policyId' | 'buyerId' | 'previousCoverId'>, decidedBefore: ReadonlySet<string> | null): ChangeType {
  if (row.coverStatus === 'REFERRED') return 'PENDING';
  if (decidedBefore) return decidedBefore.has(`${row.policyId}:${row.buyerId}`) ? 'UPDATED' : 'NEW';
  return row.previousCoverId === null ? 'NEW' : 'UPDATED';
}

// --- routes ----------------------------------------------------------------------------------------------------

function unwrap<T>(result: Result<T, CoverError>): T {
  if (!result.ok) throwCoverError(result.error);
  return result.value;
}

function written(row: Pick<CoverVersionRow, 'coverId'>, status: number, response = ACTION_SUCCESSFUL): MutationResult {
  return { status, body: { data: [{ coverId: row.coverId, response }] } };
}

function appliedStatus(row: Pick<CoverVersionRow, 'coverStatus'>): number {
  return row.coverStatus === 'REFERRED' ? 202 : 201;
}

const LISTING_QUERY = ['customerId', 'policyId', 'buyerId', 'coverType', 'fromDate', 'toDate', 'decisionCode', 'customerRefNumber', 'page', 'pageSize', 'after'];
const DEFAULT_DECISION_WINDOW_DAYS = 30;

function listingFilter(request: FastifyRequest, listing: Listing): ListingFilter {
  const query = request.query as Record<string, unknown>;
  const actor = requireActor(request);
  const customerId = integerParameter(query.customerId, 'customerId');
  const policyId = integerParameter(query.policyId, 'policyId');
  if (customerId === undefined && policyId === undefined) queryError(400, 'REQUIRED', 'customerId or policyId is required', 'customerId');
  const coverType = textParameter(query.coverType, 'coverType');
  if (coverType !== undefined && !(COVER_TYPES as readonly string[]).includes(coverType)) queryError(400, 'INVALID_VALUE', `coverType must be one of ${COVER_TYPES.join(', ')}`, 'coverType');
  const decisionCode = textParameter(query.decisionCode, 'decisionCode');
  if (decisionCode !== undefined && !Object.hasOwn(DECISION_CODES, decisionCode)) queryError(400, 'INVALID_VALUE', 'decisionCode is not a known decision code', 'decisionCode');
  let from = listing === 'bulk' ? undefined : dateParameter(query.fromDate, 'fromDate');
  if (listing === 'decisions' && from === undefined) {
    from = new Date(clockFor(request.server.platform, actor.tenant).now().getTime() - DEFAULT_DECISION_WINDOW_DAYS * 86_400_000);
  }
  // [X] keyset paging: `after` = the coverId of the previous page's last item; it replaces `page`.
  const after = integerParameter(query.after, 'after');
  if (after !== undefined && query.page !== undefined) queryError(400, 'INVALID_VALUE', 'page and after cannot be combined', 'after');
  const page = after === undefined ? pageParameters(query, listing === 'bulk') : { page: 1, pageSize: pageParameters(query, false)?.pageSize ?? 100 };
  const changeType = listing === 'decisions' ? textParameter(query.changeType, 'changeType') : undefined;
  if (changeType !== undefined && changeType !== 'NEW' && changeType !== 'UPDATED') queryError(400, 'INVALID_VALUE', 'changeType must be NEW or UPDATED', 'changeType');
  return {
    tenantId: actor.tenant.id, listing, customerId, policyId, buyerId: integerParameter(query.buyerId, 'buyerId'),
    coverType, decisionCode, customerRefNumber: textParameter(query.customerRefNumber, 'customerRefNumber'),
    from, to: dateParameter(query.toDate, 'toDate'), page, ...(after === undefined ? {} : { after }), ...(changeType ? { changeType: changeType as 'NEW' | 'UPDATED' } : {}),
  };
}

function textParameter(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) queryError(400, 'INVALID_VALUE', `${name} must be a non-empty text of at most 100 characters`, name);
  return value;
}

/** Scheduled changes already due on the tenant's clock take effect before it reads (applyDueChangesFor). */
async function catchUp(request: FastifyRequest, ctx: CoverContext): Promise<void> {
  const actor = requireActor(request);
  await applyDueChangesFor(request.server.platform.db, actor.tenant, clockFor(request.server.platform, actor.tenant), ctx);
}

async function answerListing(request: FastifyRequest, reply: FastifyReply, listing: Listing, ctx: CoverContext) {
  const filter = listingFilter(request, listing);
  if (isLivePortfolioPage(filter)) return answerLivePortfolio(request, reply, filter, ctx);
  await catchUp(request, ctx);
  const page = unwrap(await listCovers(request.server.platform.db, filter));
  const withChange = listing === 'portfolio' || listing === 'decisions' || listing === 'bulk';
  const data = page.rows.map((row) => coverJsonText(row, page.buyers.get(row.buyerId), withChange ? changeTypeOf(row, page.decidedBefore) : null));
  if (!filter.page || page.totalItems === null) return sendJsonListTexts(reply, 'data', data);
  return sendJsonListTexts(reply, 'data', data, { meta: listingMeta(filter, page.totalItems) });
}

/** answerListing for a page of a policy's or customer's whole live portfolio (isLivePortfolioPage), read in one statement. */
async function answerLivePortfolio(request: FastifyRequest, reply: FastifyReply, filter: ListingFilter, ctx: CoverContext) {
  const now = clockFor(request.server.platform, requireActor(request).tenant).now();
  const page = unwrap(await listLivePortfolio(request.server.platform.db, filter, now, () => catchUp(request, ctx)));
  const data = page.rows.map(({ version, buyer }) => coverJsonText(version, buyer, changeTypeOf(version, null)));
  return sendJsonListTexts(reply, 'data', data, { meta: listingMeta(filter, page.totalItems) });
}

/** A paged listing's meta: the page's number, or the coverId a keyset page starts after. */
function listingMeta(filter: ListingFilter, totalItems: number) {
  if (filter.after === undefined) return pageMeta(filter.page!, totalItems);
  const { pageSize, totalPages } = pageMeta(filter.page!, totalItems);
  return { after: filter.after, pageSize, totalItems, totalPages };
}

function coverIdOf(request: FastifyRequest): number {
  const raw = (request.params as { coverId: string }).coverId;
  if (!/^\d{1,15}$/.test(raw)) throwCoverError({ code: 'COVER_NOT_FOUND' });
  return Number(raw);
}

export function coverRoutes(ctx: CoverContext) {
  return async (scope: FastifyInstance) => {
    scope.post('/covers', {
      schema: { tags: TAGS, summary: 'Submit a first-time application (201 decided, 202 referred)', body: applicationBody, response: { 201: writeReply, 202: writeReply } },
      preValidation: onlyQuery(),
    }, (request, reply) => runOptimisticMutation(request, reply, async (work) => {
      const row = await tryApplyForCoverInOneStatement(work, ctx, request.body as z.infer<typeof applicationBody>);
      return row && written(row, appliedStatus(row));
    }, async (uow) => {
      const row = unwrap(await applyForCover(uow, ctx, request.body as z.infer<typeof applicationBody>));
      return written(row, appliedStatus(row));
    }));

    scope.post('/covers/batch', {
      schema: { tags: TAGS, summary: `Submit up to ${MAX_BATCH_APPLICATIONS} applications; 207 with one result per item`, body: batchBody },
      preValidation: onlyQuery(),
    }, (request, reply) => runMutation(request, reply, async (uow) => ({ status: 207, body: { data: await applyBatch(uow, ctx, (request.body as z.infer<typeof batchBody>).applications) } })));

    scope.put('/covers', {
      schema: { tags: TAGS, summary: 'Modify a cover: supersede, reduce, cancel or update-reference', body: modifyBody, response: { 200: writeReply, 201: writeReply, 202: writeReply } },
      preValidation: onlyQuery(),
    }, (request, reply) => runMutation(request, reply, async (uow) => modify(uow, ctx, request.body as z.infer<typeof modifyBody>)));

    const convert = (request: FastifyRequest, reply: FastifyReply) => runMutation(request, reply, async (uow) => {
      const row = unwrap(await convertIndication(uow, ctx, coverIdOf(request), (request.body as z.infer<typeof coverTypeBody>).effectFromDate));
      const buyers = await getCover(uow.tx, uow.tenant.id, row.coverId);
      return { status: 200, body: { data: renderCover(row, buyers.ok ? buyers.value.buyers.get(row.buyerId) : undefined) } };
    });
    const convertSchema = { tags: TAGS, summary: 'Convert an indication to a credit limit (at once, or pending V until a later effectFromDate)', params: coverIdParams, body: coverTypeBody };
    scope.put('/covers/:coverId/cover-type', { schema: convertSchema, preValidation: onlyQuery() }, convert);
    scope.patch('/covers/:coverId/cover-type', { schema: convertSchema, preValidation: onlyQuery() }, convert);

    const listings: [string, Listing, string][] = [
      ['/covers', 'portfolio', 'Live portfolio: new, updated and pending covers'],
      ['/covers/decisions', 'decisions', 'Decided covers (default: the last 30 days)'],
      ['/covers/applications', 'applications', 'Referred applications awaiting an underwriter'],
      ['/covers/historic', 'historic', 'Ended versions with their historic code'],
      ['/covers/bulk', 'bulk', 'The live portfolio, paged (page and pageSize required)'],
    ];
    for (const [path, listing, summary] of listings) {
      const allowed = listing === 'decisions' ? [...LISTING_QUERY, 'changeType'] : LISTING_QUERY;
      scope.get(path, { schema: { tags: TAGS, summary }, preValidation: onlyQuery(...allowed) }, (request, reply) => answerListing(request, reply, listing, ctx));
    }

    scope.get('/covers/:coverId', { schema: { tags: TAGS, summary: 'One cover version', params: coverIdParams }, preValidation: onlyQuery() }, async (request) => {
      await catchUp(request, ctx);
      const found = unwrap(await getCover(request.server.platform.db, requireActor(request).tenant.id, coverIdOf(request)));
      return { data: renderCover(found.row, found.buyers.get(found.row.buyerId)) };
    });
  };
}

async function modify(uow: UnitOfWork, ctx: CoverContext, body: z.infer<typeof modifyBody>): Promise<MutationResult> {
  switch (body.action) {
    case 'supersede': {
      const row = unwrap(await supersedeCover(uow, ctx, body));
      return row.decisionCode === 'DC05' ? written(row, 200, ACTION_REFUSED) : written(row, appliedStatus(row));
    }
    case 'reduce': return written(unwrap(await reduceCover(uow, ctx, body)), 201);
    case 'cancel': return written(unwrap(await cancelCover(uow, ctx, body)), 200);
    case 'update-reference': return written(unwrap(await updateCoverReference(uow, ctx, body)), 200);
  }
}

type BatchItem =
  | { index: number; httpStatus: number; coverId: number; response: string }
  | { index: number; httpStatus: number; errors: WireErrorEntry[] };

/** Every application on its own: one item's failure leaves the others' results standing (spec §5.7). */
async function applyBatch(uow: UnitOfWork, ctx: CoverContext, applications: unknown[]): Promise<BatchItem[]> {
  const parsed = applications.map((raw) => applicationBody.safeParse(raw));
  const valid = parsed.flatMap((item, index) => (item.success ? [{ index, input: item.data }] : []));
  const outcomes = await applyApplications(uow, ctx, valid.map((item) => item.input));
  const outcomeOf = new Map(valid.map((item, n) => [item.index, outcomes[n]!]));
  return parsed.map((item, index): BatchItem => {
    if (!item.success) return { index, httpStatus: 400, errors: item.error.issues.slice(0, 20).map((issue) => validationEntry(index, issue)) };
    const applied = outcomeOf.get(index)!;
    if (applied.ok) {
      uow.audited = true;
      return { index, httpStatus: appliedStatus(applied.value), coverId: applied.value.coverId, response: ACTION_SUCCESSFUL };
    }
    const { status, entry } = wireError(applied.error, `/${index}`);
    return { index, httpStatus: status, errors: [entry] };
  });
}

function validationEntry(index: number, issue: z.core.$ZodIssue): WireErrorEntry {
  const field = issue.path.map(String).join('/');
  const required = issue.code === 'invalid_type' && issue.input === undefined;
  return {
    status: '400', code: required ? 'REQUIRED' : 'INVALID_VALUE', title: 'Bad Request',
    detail: required ? `${issue.path.map(String).join('.')} is required` : `${issue.path.map(String).join('.') || 'item'}: ${issue.message}`,
    source: { pointer: `/${index}${field ? `/${field}` : ''}` },
  };
}

