// The Non-Payments API (`/credit-insurance/non-payment-management/v1`, spec §6): routes, zod schemas, rendering of
// cases and their parts, and the mapping of Non-Payments domain errors to the Atradius `errors[]` body (§4, §7).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor, runMutation, runOptimisticMutation, type MutationResult } from '../../platform/http/mutation.js';
import { businessDateAt } from '../../platform/dates.js';
import { formatDecimalAmount, type MinorUnits } from '../../platform/money.js';
import type { Result } from '../../platform/result.js';
import { clockFor } from '../../platform/services.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import {
  AtradiusWireError, type WireErrorEntry, dateParameter, errorEntry, integerParameter, onlyQuery, pageMeta, pageParameters, queryError,
} from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import {
  CASE_STATUSES, CASE_TYPES, CLAIM_CAUSES, CLAIM_STATUSES, NOTE_CATEGORIES, REQUESTED_CASE_TYPES, TRANSACTION_TYPES, caseIdOf, letterIdOf,
} from '../domain/codes.js';
import type { CaseError } from '../domain/errors.js';
import type { CaseEventRow, CaseRow, NoteRow, RecoveryRow, TransactionRow } from '../store.js';
import { recoveryDocumentNumber } from '../reactions/collections.js';
import { addNote } from '../use-cases/add-notes.js';
import { addTransactions } from '../use-cases/add-transactions.js';
import { createCase } from '../use-cases/create-case.js';
import { tryCreateCaseInOneStatement } from '../use-cases/create-case-in-one-statement.js';
import { caseDetails, catchUpCase, catchUpTenant, caseLetter, listCases, type Reader } from '../use-cases/read-cases.js';
import { letterFileName } from '../letters/email.js';
import type { LetterContent } from '../letters/content.js';
import type { LetterRow } from '../letters-store.js';
import { submitClaim } from '../use-cases/submit-claim.js';
import { trySubmitClaimInOneStatement } from '../use-cases/submit-claim-in-one-statement.js';
import { letterDocument } from '../use-cases/letter-document.js';

const TAGS = ['Non-Payments API (Atradius-style)'];
const ACTION_SUCCESSFUL = 'Action successful';
export const MAX_BATCH_CASES = 100;
export const MAX_TRANSACTIONS_PER_REQUEST = 500;

// --- schemas ---------------------------------------------------------------------------------------------------

/** Ids come as numbers, or as numeric strings from clients that quote everything (spec §9-13). */
const idValue = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const amountValue = z.union([z.number(), z.string().max(40)]);
const dateText = z.string().max(40);

const transactionBody = z.object({
  transactionType: z.enum(TRANSACTION_TYPES),
  documentNumber: z.string().min(1).max(35),
  documentDate: dateText,
  dueDate: dateText.optional(),
  period: z.string().max(7).optional(),
  grossAmount: amountValue,
  netAmount: amountValue.optional(),
  outstandingAmount: amountValue.optional(),
  description: z.string().max(500).optional(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/).optional(),
});
const noteBody = z.object({ text: z.string().min(1).max(4000), category: z.enum(NOTE_CATEGORIES).optional() });
const documentBody = z.object({ name: z.string().min(1).max(200), url: z.string().min(1).max(2000) });

export const caseBody = z.object({
  customerId: idValue,
  policyId: idValue,
  buyerId: idValue,
  caseType: z.enum(REQUESTED_CASE_TYPES),
  customerRefNumber: z.string().max(35).optional(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  claimCause: z.enum(CLAIM_CAUSES).optional(),
  insolvencyDate: dateText.optional(),
  claimAmount: amountValue.optional(),
  transactions: z.array(transactionBody).min(1).max(MAX_TRANSACTIONS_PER_REQUEST),
  notes: z.array(noteBody).max(50).optional(),
  documents: z.array(documentBody).max(50).optional(),
  paymentPlan: z.object({ instalments: z.array(z.object({ dueDate: dateText, amount: amountValue })).min(1).max(120) }).optional(),
  debtorContact: z.object({
    name: z.string().max(200).optional(), email: z.string().max(254).optional(), phone: z.string().max(40).optional(), address: z.string().max(500).optional(),
  }).optional(),
});
const transactionsBody = z.object({ transactions: z.array(transactionBody).min(1).max(MAX_TRANSACTIONS_PER_REQUEST) });
const claimBody = z.object({
  claimCause: z.enum(CLAIM_CAUSES),
  insolvencyDate: dateText.optional(),
  claimAmount: amountValue.optional(),
  documents: z.array(documentBody).max(50).optional(),
});
const batchBody = z.object({ cases: z.array(z.unknown()).min(1).max(MAX_BATCH_CASES) });
const caseIdParams = z.object({ caseId: z.string().max(40) });
const letterParams = z.object({ caseId: z.string().max(40), letterId: z.string().max(40) });

// --- errors ----------------------------------------------------------------------------------------------------

const AMOUNT_RULE = 'Amounts must be greater than zero with at most 2 decimals';

const lastSegment = (pointer: string) => pointer.split('/').filter(Boolean).pop() ?? 'body';

/** Status and `errors[]` entry of a Non-Payments domain error (spec §7); `prefix` points into a batch item. */
export function caseWireError(error: CaseError, prefix = ''): { status: number; entry: WireErrorEntry } {
  const make = (status: number, code: string, detail: string, pointer?: string) =>
    ({ status, entry: errorEntry(status, code, detail, pointer === undefined ? undefined : { pointer: `${prefix}${pointer}` }) });
  switch (error.code) {
    case 'REQUIRED': return make(400, 'REQUIRED', `${lastSegment(error.field)} is required`, error.field);
    case 'INVALID_VALUE': return make(400, 'INVALID_VALUE', error.detail, error.field);
    case 'INVALID_DATE': return make(400, 'INVALID_DATE', error.detail, error.field);
    case 'INVALID_AMOUNT': return make(400, 'INVALID_AMOUNT', AMOUNT_RULE, error.field);
    case 'CASE_NOT_FOUND': return make(404, 'NOT_FOUND', 'Case not found');
    case 'LETTER_NOT_FOUND': return make(404, 'NOT_FOUND', 'Letter not found');
    case 'CUSTOMER_FORBIDDEN': return make(403, 'FORBIDDEN', 'The client may not use this customerId', '/customerId');
    case 'POLICY_FORBIDDEN': return make(403, 'FORBIDDEN', 'The client may not use this policyId', '/policyId');
    case 'NO_COVER': return make(422, 'NO_COVER', 'No cover found for this buyer');
    case 'POLICY_NOT_LIVE': return make(422, 'POLICY_NOT_LIVE', 'Policy is not live');
    case 'INVALID_STATE': return make(409, 'INVALID_STATE', `Action not allowed in status ${error.status}`);
    case 'OPEN_CASE_EXISTS': return make(409, 'CASE_EXISTS', `An open case already exists for this policy and buyer${error.caseId ? ` (${error.caseId})` : ''}; add further invoices through /cases/{caseId}/transactions`);
    case 'CLAIM_BELOW_THRESHOLD': return make(422, 'CLAIM_THRESHOLD', 'The outstanding amount is not above the policy claim threshold');
    case 'INVALID_TRANSITION': return make(409, 'INVALID_STATE', `Action not allowed in status ${error.from}`);
  }
}

function unwrap<T>(result: Result<T, CaseError>): T {
  if (result.ok) return result.value;
  const { status, entry } = caseWireError(result.error);
  throw new AtradiusWireError(status, [entry]);
}

// --- rendering -------------------------------------------------------------------------------------------------

const amount = (value: MinorUnits | null, currency: string) => (value === null ? null : formatDecimalAmount(value, currency));

export function renderCase(row: CaseRow, timeZone: string) {
  const businessDateOf = (date: Date | null) => (date ? businessDateAt(date, timeZone) : null);
  const money = (value: MinorUnits | null) => amount(value, row.currency);
  return {
    caseId: caseIdOf(row.caseNumber), customerId: row.customerId, policyId: String(row.policyId), buyerId: row.buyerId, buyerName: row.buyerName,
    customerRefNumber: row.customerRefNumber, caseType: row.caseType, caseStatus: row.caseStatus, collectionPhase: row.collectionPhase,
    claimStatus: row.claimStatus, claimCause: row.claimCause, closureReason: row.closureReason, rejectionReason: row.rejectionReason,
    claimDeclineReason: row.claimDeclineReason, currencyCode: row.currency,
    totalInvoiced: money(row.totalInvoiced), totalCredited: money(row.totalCredited), totalPaid: money(row.totalPaid), outstandingAmount: money(row.outstandingAmount),
    oldestDueDate: row.oldestDueDate, dateOfLoss: row.dateOfLoss, insolvencyDate: row.insolvencyDate,
    claimAmount: money(row.claimAmount), approvedAmount: money(row.approvedAmount), indemnityPercentage: row.indemnityPercentage, indemnityAmount: money(row.indemnityAmount),
    lateNotification: row.lateNotification, indemnityCalculation: renderCalculation(row),
    eligibility: row.eligibility
      ? { checkedOn: row.eligibility.checkedOn, checks: row.eligibility.checks, claimRefusal: row.eligibility.claimRefusal, coverAtFirstInvoice: money(row.eligibility.coverAtFirstInvoice) }
      : null,
    deadlines: {
      documentsDueDate: businessDateOf(row.documentsDueAt), assessmentDueDate: businessDateOf(row.assessmentDueAt),
      indemnityPaymentDate: businessDateOf(row.paymentDueAt), legalPhaseDate: businessDateOf(row.legalDueAt), assessmentOverdue: row.assessmentOverdue,
    },
    paymentPlan: row.paymentPlan ? { instalments: row.paymentPlan.instalments.map((i) => ({ dueDate: i.dueDate, amount: money(i.amount) })) } : null,
    debtorContact: row.debtorContact, documents: row.documents,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

/** The figures of the indemnity calculation recorded on approval (domain/indemnity.ts), amounts on the wire. */
function renderCalculation(row: CaseRow) {
  const calc = row.indemnityCalculation as Record<string, number | string> | null;
  if (!calc) return null;
  const money = (key: string) => amount(Number(calc[key]), row.currency);
  return {
    calculatedOn: calc.calculatedOn, dateOfLoss: calc.dateOfLoss, outstandingAmount: money('outstandingAmount'), eligibleLoss: money('eligibleLoss'),
    limitInForce: money('limitInForce'), insuredLoss: money('insuredLoss'), insuredPercentage: String(calc.insuredPercentage),
    indemnityAmount: money('indemnityAmount'), retainedByInsured: money('retainedByInsured'),
  };
}

export function renderTransaction(row: TransactionRow, currency: string) {
  return {
    transactionId: `TX-${row.transactionNumber}`, transactionType: row.transactionType, documentNumber: row.documentNumber,
    documentDate: row.documentDate, dueDate: row.dueDate, period: row.period, grossAmount: amount(row.grossAmount, currency),
    netAmount: amount(row.netAmount, currency), outstandingAmount: amount(row.outstandingAmount, currency), description: row.description,
    createdAt: row.createdAt.toISOString(),
  };
}

export function renderNote(row: NoteRow) {
  return { noteId: `NOTE-${row.noteNumber}`, text: row.text, category: row.category, author: row.author, createdAt: row.createdAt.toISOString() };
}

export const NON_PAYMENTS_BASE = '/credit-insurance/non-payment-management/v1';

/**
 * A letter on the wire (spec §6.2 Letter); `documentUrl` is its PDF, rendered from the content fixed at issue (the
 * same bytes on every fetch). `mailed`: its e-mail is in the outbox (the letter sweep queues it moments after issue).
 */
export function renderLetter(row: LetterRow, caseId: string, publicBaseUrl: string) {
  const letterId = letterIdOf(row.letterNumber);
  return {
    letterId, letterType: row.letterType, language: row.language, subject: row.subject, body: row.body, issuedAt: row.issuedAt.toISOString(),
    documentUrl: `${publicBaseUrl}${NON_PAYMENTS_BASE}/cases/${caseId}/letters/${letterId}/document`, mailed: row.mailMessageId !== null,
  };
}

/**
 * The recoveries after indemnity and their split (decision: a Non-Payments client sees them where it already reads the
 * case, embedded in the details and as the sub-list /cases/{caseId}/recoveries, like CESCE's `recoveries`
 * resource; each names the PAYMENT transaction it came as). `recoverySplit` sums them: what the insured keeps and
 * what it owes the insurer.
 */
export function renderRecoveries(rows: readonly RecoveryRow[], transactions: readonly TransactionRow[], currency: string) {
  const transactionOf = new Map(transactions.map((t) => [t.documentNumber, t]));
  return rows.map((row) => {
    const transaction = transactionOf.get(recoveryDocumentNumber(row.sourceEventId));
    return {
      recoveryId: `REC-${row.recoveryNumber}`, transactionId: transaction ? `TX-${transaction.transactionNumber}` : null,
      documentNumber: recoveryDocumentNumber(row.sourceEventId), amount: amount(row.amount, currency), insurerShare: amount(row.insurerShare, currency),
      insuredShare: amount(row.insuredShare, currency), insurerTotal: amount(row.insurerTotal, currency), recordedAt: row.recordedAt.toISOString(),
    };
  });
}

export function renderRecoverySplit(rows: readonly RecoveryRow[], currency: string) {
  const total = (pick: (row: RecoveryRow) => number) => amount(rows.reduce((sum, row) => sum + pick(row), 0), currency);
  return { recoveredAfterIndemnity: total((r) => r.amount), insurerShare: total((r) => r.insurerShare), insuredShare: total((r) => r.insuredShare) };
}

function renderEvent(row: CaseEventRow) {
  return { eventType: row.eventType, from: row.fromStatus, to: row.toStatus, at: row.at.toISOString() };
}

// --- routes ----------------------------------------------------------------------------------------------------

function readerOf(request: FastifyRequest): Reader {
  const actor = requireActor(request);
  return { tenant: actor.tenant, clock: clockFor(request.server.platform, actor.tenant), actor: { type: 'credential', id: actor.credentialId }, requestId: request.id };
}

const caseIdOfRequest = (request: FastifyRequest) => (request.params as { caseId: string }).caseId;

async function detailsOf(request: FastifyRequest, ctx: CasesContext) {
  const reader = readerOf(request);
  const caseId = caseIdOfRequest(request);
  await catchUpCase(request.server.platform.db, reader, ctx, caseId);
  return unwrap(await caseDetails(request.server.platform.db, reader.tenant.id, caseId));
}

async function letterOf(request: FastifyRequest, ctx: CasesContext): Promise<{ caseId: string; letter: LetterRow }> {
  const reader = readerOf(request);
  const { caseId, letterId } = request.params as { caseId: string; letterId: string };
  await catchUpCase(request.server.platform.db, reader, ctx, caseId);
  return { caseId, letter: unwrap(await caseLetter(request.server.platform.db, reader.tenant.id, caseId, letterId)) };
}

const LISTING_QUERY = ['customerId', 'policyId', 'buyerId', 'caseType', 'caseStatus', 'claimStatus', 'openOnly', 'fromDate', 'customerRefNumber', 'page', 'pageSize'];

function enumParameter<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) queryError(400, 'INVALID_VALUE', `${name} must be one of ${allowed.join(', ')}`, name);
  return value as T;
}

function listingFilter(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  const customerId = integerParameter(query.customerId, 'customerId');
  const policyId = integerParameter(query.policyId, 'policyId');
  if (customerId === undefined && policyId === undefined) queryError(400, 'REQUIRED', 'customerId or policyId is required', 'customerId');
  const openOnly = enumParameter(query.openOnly, 'openOnly', ['true', 'false']);
  const reference = query.customerRefNumber;
  if (reference !== undefined && (typeof reference !== 'string' || reference.length === 0 || reference.length > 35)) {
    queryError(400, 'INVALID_VALUE', 'customerRefNumber must be 1 to 35 characters', 'customerRefNumber');
  }
  return {
    tenantId: requireActor(request).tenant.id, customerId, policyId, buyerId: integerParameter(query.buyerId, 'buyerId'),
    caseType: enumParameter(query.caseType, 'caseType', CASE_TYPES), caseStatus: enumParameter(query.caseStatus, 'caseStatus', CASE_STATUSES),
    claimStatus: enumParameter(query.claimStatus, 'claimStatus', CLAIM_STATUSES), openOnly: openOnly === 'true',
    updatedSince: dateParameter(query.fromDate, 'fromDate'), customerRefNumber: reference as string | undefined, page: pageParameters(query, false),
  };
}

function written<T extends object>(status: number, items: T[]): MutationResult {
  return { status, body: { data: items.map((item) => ({ ...item, response: ACTION_SUCCESSFUL })) } };
}

export function nonPaymentRoutes(ctx: CasesContext) {
  return async (scope: FastifyInstance) => {
    scope.get('/cases', { schema: { tags: TAGS, summary: 'List cases (filters; optional paging)' }, preValidation: onlyQuery(...LISTING_QUERY) }, async (request) => {
      const filter = listingFilter(request);
      await catchUpTenant(request.server.platform.db, readerOf(request), ctx);
      const listing = await listCases(request.server.platform.db, filter);
      const data = listing.rows.map((row) => renderCase(row, ctx.timeZone));
      return filter.page && listing.totalItems !== null ? { data, meta: pageMeta(filter.page, listing.totalItems) } : { data };
    });

    scope.post('/cases', {
      schema: { tags: TAGS, summary: 'Create a non-payment case (201, SUBMITTED; the eligibility check follows at once)', body: caseBody },
      preValidation: onlyQuery(),
    }, (request, reply) => {
      const created = (row: CaseRow) => ({ status: 201, body: { data: renderCase(row, ctx.timeZone) } });
      const input = request.body as z.infer<typeof caseBody>;
      return runOptimisticMutation(request, reply,
        async (work) => {
          const row = await tryCreateCaseInOneStatement(work, ctx, input);
          return row ? created(row) : null;
        },
        async (uow) => created(unwrap(await createCase(uow, ctx, input))));
    });

    scope.post('/cases/batch', {
      schema: { tags: TAGS, summary: `Create up to ${MAX_BATCH_CASES} cases; 207 with one result per item`, body: batchBody },
      preValidation: onlyQuery(),
    }, (request, reply) => runMutation(request, reply, async (uow) => ({ status: 207, body: { data: await createBatch(uow, ctx, (request.body as z.infer<typeof batchBody>).cases) } })));

    scope.get('/cases/:caseId', { schema: { tags: TAGS, summary: 'Case details with transactions, notes, letters and events', params: caseIdParams }, preValidation: onlyQuery() }, async (request) => {
      const details = await detailsOf(request, ctx);
      return {
        data: {
          ...renderCase(details.row, ctx.timeZone),
          transactions: details.transactions.map((t) => renderTransaction(t, details.row.currency)),
          notes: details.notes.map(renderNote), events: details.events.map(renderEvent),
          letters: details.letters.map((l) => renderLetter(l, caseIdOf(details.row.caseNumber), request.server.platform.config.publicBaseUrl)),
          recoverySplit: renderRecoverySplit(details.recoveries, details.row.currency),
          recoveries: renderRecoveries(details.recoveries, details.transactions, details.row.currency),
        },
      };
    });

    scope.get('/cases/:caseId/transactions', { schema: { tags: TAGS, summary: 'The case\'s transactions', params: caseIdParams }, preValidation: onlyQuery() }, async (request) => {
      const details = await detailsOf(request, ctx);
      return { data: details.transactions.map((t) => renderTransaction(t, details.row.currency)) };
    });

    scope.get('/cases/:caseId/recoveries', {
      schema: { tags: TAGS, summary: 'The recoveries after indemnity, each split insurer/insured', params: caseIdParams }, preValidation: onlyQuery(),
    }, async (request) => {
      const details = await detailsOf(request, ctx);
      return { data: renderRecoveries(details.recoveries, details.transactions, details.row.currency) };
    });

    scope.get('/cases/:caseId/letters', { schema: { tags: TAGS, summary: 'The case\'s correspondence letters, oldest first', params: caseIdParams }, preValidation: onlyQuery() }, async (request) => {
      const details = await detailsOf(request, ctx);
      return { data: details.letters.map((l) => renderLetter(l, caseIdOf(details.row.caseNumber), request.server.platform.config.publicBaseUrl)) };
    });

    scope.get('/cases/:caseId/letters/:letterId', { schema: { tags: TAGS, summary: 'One correspondence letter', params: letterParams }, preValidation: onlyQuery() }, async (request) => {
      const { caseId, letter } = await letterOf(request, ctx);
      return { data: renderLetter(letter, caseId, request.server.platform.config.publicBaseUrl) };
    });

    scope.get('/cases/:caseId/letters/:letterId/document', {
      schema: { tags: TAGS, summary: 'The letter\'s PDF document (application/pdf): the bytes stored when it was rendered, or the same rendered on demand until then', params: letterParams }, preValidation: onlyQuery(),
    }, async (request, reply) => {
      const { letter } = await letterOf(request, ctx);
      const fileName = letterFileName(letter.content as unknown as LetterContent);
      const document = await letterDocument(letter);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName}"`)
        .header('x-content-sha256', document.sha256).send(document.pdf);
    });

    scope.get('/cases/:caseId/notes', { schema: { tags: TAGS, summary: 'The case\'s notes', params: caseIdParams }, preValidation: onlyQuery() }, async (request) => {
      return { data: (await detailsOf(request, ctx)).notes.map(renderNote) };
    });

    scope.post('/cases/:caseId/notes', {
      schema: { tags: TAGS, summary: 'Add a note (not on a CLOSED or REJECTED case)', params: caseIdParams, body: noteBody },
      preValidation: onlyQuery(),
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const added = unwrap(await addNote(uow, ctx, caseIdOfRequest(request), request.body as z.infer<typeof noteBody>));
      return written(201, [{ caseId: caseIdOf(added.row.caseNumber), ...renderNote(added.note) }]);
    }));

    scope.post('/cases/:caseId/transactions', {
      schema: { tags: TAGS, summary: 'Add 1–500 transactions (while SUBMITTED or OPEN)', params: caseIdParams, body: transactionsBody },
      preValidation: onlyQuery(),
    }, (request, reply) => runMutation(request, reply, async (uow) => {
      const added = unwrap(await addTransactions(uow, ctx, caseIdOfRequest(request), (request.body as z.infer<typeof transactionsBody>).transactions));
      return written(201, added.added.map((t) => ({ caseId: caseIdOf(added.row.caseNumber), ...renderTransaction(t, added.row.currency) })));
    }));

    scope.post('/cases/:caseId/claim', {
      schema: { tags: TAGS, summary: 'Submit a claim on an OPEN collection or monitor case (202)', params: caseIdParams, body: claimBody },
      preValidation: onlyQuery(),
    }, (request, reply) => {
      const claimed = (row: CaseRow) => ({ status: 202, body: { data: renderCase(row, ctx.timeZone) } });
      const input = request.body as z.infer<typeof claimBody>;
      return runOptimisticMutation(request, reply,
        async (work) => {
          const row = await trySubmitClaimInOneStatement(work, ctx, caseIdOfRequest(request), input);
          return row ? claimed(row) : null;
        },
        async (uow) => claimed(unwrap(await submitClaim(uow, ctx, caseIdOfRequest(request), input))),
        // The attempt reads its snapshot and writes through work.db only: its two statements share one checkout.
        { oneConnection: true });
    });
  };
}

type BatchItem =
  | { index: number; httpStatus: number; caseId: string; response: string }
  | { index: number; httpStatus: number; errors: WireErrorEntry[] };

/** Carries a refusal out of its savepoint, so the savepoint rolls back. */
class ItemRefused extends Error {
  constructor(readonly caseError: CaseError) {
    super(caseError.code);
  }
}

/** Each case in its own savepoint: one item's failure leaves the others' results standing (spec §6.1, like §5.7). */
async function createBatch(uow: UnitOfWork, ctx: CasesContext, items: unknown[]): Promise<BatchItem[]> {
  const results: BatchItem[] = [];
  for (const [index, raw] of items.entries()) {
    const parsed = caseBody.safeParse(raw);
    if (!parsed.success) {
      results.push({ index, httpStatus: 400, errors: parsed.error.issues.slice(0, 20).map((issue) => validationEntry(index, issue, raw)) });
      continue;
    }
    try {
      const row = await uow.tx.transaction(async (savepoint) => {
        const created = await createCase({ ...uow, tx: savepoint }, ctx, parsed.data);
        if (!created.ok) throw new ItemRefused(created.error);
        return created.value;
      });
      uow.audited = true;
      results.push({ index, httpStatus: 201, caseId: caseIdOf(row.caseNumber), response: ACTION_SUCCESSFUL });
    } catch (error) {
      if (!(error instanceof ItemRefused)) throw error;
      const { status, entry } = caseWireError(error.caseError, `/${index}`);
      results.push({ index, httpStatus: status, errors: [entry] });
    }
  }
  return results;
}

/** A missing field is REQUIRED (whatever zod calls it: a union reports `invalid_union`), anything else INVALID_VALUE. */
function validationEntry(index: number, issue: z.core.$ZodIssue, item: unknown): WireErrorEntry {
  const field = issue.path.map(String).join('/');
  const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined), item);
  const required = value === undefined && issue.path.length > 0;
  const name = issue.path.map(String).join('.');
  return {
    status: '400', code: required ? 'REQUIRED' : 'INVALID_VALUE', title: 'Bad Request',
    detail: required ? `${name} is required` : `${name || 'item'}: ${issue.message}`,
    source: { pointer: `/${index}${field ? `/${field}` : ''}` },
  };
}
