import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isBusinessDate } from '../../platform/dates.js';
import { FileTooLargeError, type FileStore, type StoredBlob } from '../../platform/files/file-store.js';
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { requireActor, runMutation, type MutationResult } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { recordTriggerExecutions } from '../../servicing/api.js';
import type { DebtorRecordError } from '../domain/debtor-record-errors.js';
import type { InstalmentPlanDefinition } from '../domain/instalments/definitions.js';
import { MANDATE_PROVIDERS, type MandateInput } from '../domain/mandates/mandate.js';
import type { PlanRow } from '../store/instalment-plans.js';
import { uploadFile } from '../use-cases/files/upload-file.js';
import { computeInstalmentPlanDefinition } from '../use-cases/instalments/compute-instalment-plan-definition.js';
import { createInstalmentPlan } from '../use-cases/instalments/create-instalment-plan.js';
import { listInstalmentPlanDefinitions, listInstalmentPlans } from '../use-cases/instalments/list-instalment-plans.js';
import { updateInstalmentPlan } from '../use-cases/instalments/update-instalment-plan.js';
import { createAccountMandates } from '../use-cases/mandates/create-account-mandates.js';
import { deleteAccountMandates } from '../use-cases/mandates/delete-account-mandates.js';
import { getAccountMandates } from '../use-cases/mandates/get-account-mandates.js';
import { createPromisesToPay } from '../use-cases/promises/create-promises-to-pay.js';
import { GENERIC_SUCCESS, type ItemOutcome } from '../use-cases/support/item-results.js';

/*
 * The Receeve debtor-record routes under /v1/{clientId}/… (spec §3.7–§3.10: #30, #32–#40), on the same face as
 * servicing's routes (its auth, its `{error, message}` bodies). This file only translates: query and body
 * validation (a schema violation is a whole-request 400, A4), the batch answers, the wire shapes of plans and
 * definitions, and the domain errors of the non-batched instalment endpoints as 400 (A50).
 * Decision: `async=true` is accepted and the request processed before answering, so the answer carries the result.
 */

const tags = ['Debt servicing'];
const REFERENCE = z.string().min(1).max(500);
const amountSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
const dateSchema = z.string().refine(isBusinessDate, 'must be a date (YYYY-MM-DD)');
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

const batchQuery = z.looseObject({
  triggerName: z.string().min(1).max(500).optional(),
  async: booleanQuery.optional(),
  sequential: booleanQuery.optional(),
});

export interface DebtorRecordRoutesOptions {
  files: FileStore;
  /** Largest upload in bytes (spec #35: default 10 MiB). */
  maxFileBytes: number;
  allowedContentTypes: readonly string[];
}

function issuesOf(error: z.ZodError, location: FieldIssue['location']): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)), code: issue.code, message: issue.message, location,
  }));
}

function parse<T extends z.ZodType>(schema: T, raw: unknown, location: 'body' | 'query'): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation', location === 'body' ? 'Invalid request body' : 'Invalid request parameters', { issues: issuesOf(parsed.error, location) });
}

function requireParams(query: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((name) => typeof query[name] !== 'string' || query[name] === '');
  if (missing.length > 0) throw new ApiError('bad_request', `Missing required request parameters: [${missing.join(', ')}]`);
}

/** A body that is an array, or one object taken as a one-element array (A14). */
const arrayOrSingle = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item).min(1).max(1000), item]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

const promiseBody = z.record(REFERENCE, z.object({ amount: amountSchema, currency: currencySchema, dueDate: dateSchema }))
  .refine((body) => Object.keys(body).length >= 1 && Object.keys(body).length <= 1000, 'must hold 1 to 1000 claims');

const looseText = z.union([z.string(), z.number()]).transform(String);
const representation = z.union([
  z.looseObject({ holderName: z.string().optional(), bankName: z.string(), accountNumber: looseText }),
  z.looseObject({
    cardIssuer: z.string(), lastDigits: looseText, holderName: z.string().optional(), expiryMonth: looseText.optional(),
    expiryYear: looseText.optional(), bankName: z.string().optional(),
  }),
]);
const mandateItem = z.object({
  mandateId: REFERENCE, accountReference: REFERENCE, providerName: z.enum(MANDATE_PROVIDERS), debtorReference: REFERENCE,
  productReferences: z.array(REFERENCE).max(100), mandateRepresentation: representation.optional(), clientIpAddress: z.string().min(1).max(100).optional(),
}).refine((item) => !item.providerName.startsWith('paylandsen') || item.clientIpAddress !== undefined, {
  message: 'clientIpAddress is required for paylandsenBizum and paylandsenCards', path: ['clientIpAddress'],
});
const mandateDeleteItem = z.object({ accountReference: REFERENCE, mandateId: REFERENCE });

const computeBody = z.looseObject({
  instalmentPlanDefinitionId: REFERENCE, accountReference: REFERENCE.optional(),
  externalClaimReferences: z.array(REFERENCE).max(1000).optional(), formData: z.record(z.string(), z.unknown()).optional(),
});
const createPlanBody = z.object({ instalmentPlanDefinitionId: REFERENCE, accountReference: REFERENCE.optional() });
const isoDateTime = z.string().max(40);
const instalmentInput = z.object({
  id: REFERENCE, dueDate: dateSchema, startDate: dateSchema.optional(), amount: amountSchema, paidAmount: amountSchema.optional(),
  currency: currencySchema, status: z.enum(['CREATED', 'RESOLVED', 'INVALIDATED', 'STARTED', 'CANCELLED']),
  createdAt: isoDateTime.optional(), updatedAt: isoDateTime.optional(),
});
const transactionInput = z.object({
  id: REFERENCE, amount: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), context: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime.optional(), updatedAt: isoDateTime.optional(), type: z.enum(['payment', 'chargeback']).optional(),
});
const updatePlanBody = z.object({
  instalmentPlanId: z.string().min(1).max(100),
  instalmentPlan: z.object({
    meta: z.record(z.string(), z.unknown()).optional(), currency: currencySchema.optional(),
    status: z.enum(['ACTIVE', 'RESOLVED', 'INVALIDATED', 'CANCELLED']).optional(),
    instalments: z.array(instalmentInput).max(500).optional(), transactions: z.array(transactionInput).max(1000).optional(),
  }),
  context: z.record(z.string(), z.unknown()).optional(),
});

const jsonText = <T extends z.ZodType>(schema: T) => z.string().max(10_000).transform((text, ctx): z.infer<T> => {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be JSON text of the documented shape' });
  return z.NEVER;
});
const cursor = z.string().regex(/^p\d{1,9}$/, 'is not a paginationId of this API').transform((text) => Number(text.slice(1)));
const listQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  paginationId: cursor.optional(),
  fields: z.string().max(1000).transform((text) => text.split(',').map((field) => field.trim()).filter((field) => field !== '')).optional(),
  triggerName: z.string().min(1).max(500).optional(),
};
const definitionsQuery = z.looseObject({
  ...listQuery, filters: jsonText(z.object({ enabled: z.boolean().optional(), types: z.array(z.string()).optional() })).optional(),
});
const plansQuery = z.looseObject({
  ...listQuery, accountReference: REFERENCE,
  filters: jsonText(z.object({ status: z.array(z.string()).optional(), id: z.array(z.string()).optional() })).optional(),
});

/** Only the listed keys of each result (spec #36 `fields`). */
function project(items: readonly Record<string, unknown>[], fields: string[] | undefined): Record<string, unknown>[] {
  if (!fields) return [...items];
  return items.map((item) => Object.fromEntries(fields.filter((field) => field in item).map((field) => [field, item[field]])));
}

function pageAnswer(results: Record<string, unknown>[], next: number | undefined) {
  return {
    success: true, messages: [GENERIC_SUCCESS], messageIds: [randomUUID()],
    data: { results, ...(next === undefined ? {} : { paginationId: `p${next}` }) },
  };
}

function single(data: unknown) {
  return { success: true, messages: [GENERIC_SUCCESS], messageIds: [randomUUID()], data };
}

/** A plan as InstalmentPlanV2 (the transactions reported through #39 are kept, not shown: the schema has no field). */
export function renderPlan(row: PlanRow): Record<string, unknown> {
  const { transactions: _transactions, ...plan } = row.plan;
  return plan;
}

function renderDefinition(definition: InstalmentPlanDefinition): Record<string, unknown> {
  return { ...definition };
}

function refused(error: DebtorRecordError): ApiError {
  return new ApiError('bad_request', error.message);
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth += 1) {
    if (current.code === '23505') return true;
    current = current.cause as typeof current;
  }
  return false;
}

interface WorkOutcome {
  body: unknown;
  claims?: string[];
  accounts?: string[];
}

/** Runs a writing request (Idempotency-Key, one transaction), then records `triggerName` on the claims and accounts it touched. */
async function mutate(
  request: FastifyRequest, reply: FastifyReply, operation: string, work: (uow: UnitOfWork) => Promise<WorkOutcome>,
): Promise<FastifyReply> {
  const query = parse(batchQuery, request.query ?? {}, 'query');
  return runMutation(request, reply, async (uow): Promise<MutationResult> => {
    let outcome: WorkOutcome;
    try {
      outcome = await work(uow);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError('conflict', 'A concurrent request changed the same records; retry the request');
      throw error;
    }
    if (query.triggerName && ((outcome.claims?.length ?? 0) > 0 || (outcome.accounts?.length ?? 0) > 0)) {
      await recordTriggerExecutions(uow.tx, uow.tenant.id, {
        triggerName: query.triggerName, operation, requestId: uow.requestId ?? null,
        claimReferences: outcome.claims ?? [], accountReferences: outcome.accounts ?? [], now: uow.now,
      });
    }
    return { status: 200, body: outcome.body };
  });
}

const succeededKeys = (results: Record<string, ItemOutcome>) => Object.entries(results).filter(([, result]) => result.success).map(([key]) => key);

interface ReceivedUpload {
  fields: { accountId: string; documentType?: string; externalClaimRef?: string; productReference?: string };
  blob: StoredBlob;
  contentType: string;
  fileName: string;
}

const uploadFields = z.object({
  accountId: REFERENCE, documentType: z.string().min(1).max(200).optional(), externalClaimRef: REFERENCE.optional(), productReference: REFERENCE.optional(),
});

function uploadError(error: unknown, maxFileBytes: number): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof FileTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE') {
    return new ApiError('bad_request', `Invalid request body: the file is larger than ${maxFileBytes} bytes`);
  }
  if (code.startsWith('FST_')) return new ApiError('bad_request', `Invalid request body: ${(error as Error).message}`);
  return error;
}

/**
 * Reads the multipart body part by part: the file streams straight into the file store (hashed on the way, never
 * held whole), the fields are collected. A missing file or accountId, a second file, a type not allowed or a file
 * over the limit is a whole-request 400 (spec #35 proposals).
 */
async function receiveUpload(request: FastifyRequest, options: DebtorRecordRoutesOptions): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw new ApiError('bad_request', 'Invalid request body: upload_files takes multipart/form-data');
  const fields: Record<string, string> = {};
  let file: Omit<ReceivedUpload, 'fields'> | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw new ApiError('bad_request', 'Invalid request body: exactly one file part named "file" is allowed');
      }
      const contentType = part.mimetype.toLowerCase();
      if (!options.allowedContentTypes.includes(contentType)) {
        part.file.resume();
        throw new ApiError('bad_request', `Invalid request body: files of type ${contentType} are not accepted (allowed: ${options.allowedContentTypes.join(', ')})`);
      }
      const blob = await options.files.put(part.file, { maxBytes: options.maxFileBytes });
      if (part.file.truncated) throw new FileTooLargeError(options.maxFileBytes);
      file = { blob, contentType, fileName: (part.filename || 'file').slice(0, 255) };
    }
  } catch (error) {
    throw uploadError(error, options.maxFileBytes);
  }
  if (!file) throw new ApiError('bad_request', 'Missing required request parameters: [file]');
  if (!fields.accountId) throw new ApiError('bad_request', 'Missing required request parameters: [accountId]');
  return { fields: parse(uploadFields, fields, 'body'), ...file };
}

export function receeveDebtorRecordRoutes(options: DebtorRecordRoutesOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerFace(app, receeveFace, { prefix: '/v1' }, async (scope) => {
      const timeZone = scope.platform.config.BUSINESS_TIME_ZONE;
      await scope.register(multipart, { limits: { fileSize: options.maxFileBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } });

      scope.post('/:clientId/create_promises_to_pay', { schema: { tags, summary: 'create_promises_to_pay' } }, async (request, reply) => {
        const body = parse(promiseBody, request.body, 'body');
        return mutate(request, reply, 'create_promises_to_pay', async (uow) => {
          const results = await createPromisesToPay(uow, { timeZone }, body);
          return { body: results, claims: succeededKeys(results) };
        });
      });

      scope.post('/:clientId/create_account_mandates', { schema: { tags, summary: 'create_account_mandates' } }, async (request, reply) => {
        const items = parse(arrayOrSingle(mandateItem), request.body, 'body') as MandateInput[];
        return mutate(request, reply, 'create_account_mandates', async (uow) => {
          const results = await createAccountMandates(uow, items);
          return { body: results, accounts: succeededKeys(results) };
        });
      });

      scope.post('/:clientId/delete_account_mandates', { schema: { tags, summary: 'delete_account_mandates' } }, async (request, reply) => {
        const items = parse(arrayOrSingle(mandateDeleteItem), request.body, 'body');
        return mutate(request, reply, 'delete_account_mandates', async (uow) => {
          const results = await deleteAccountMandates(uow, items);
          return { body: results, accounts: succeededKeys(results) };
        });
      });

      scope.get('/:clientId/get_account_mandates', { schema: { tags, summary: 'get_account_mandates' } }, async (request) => {
        const query = (request.query ?? {}) as Record<string, unknown>;
        requireParams(query, ['accountReference']);
        const rows = await getAccountMandates(scope.platform.db, requireActor(request).tenant.id, String(query.accountReference));
        return rows.map((row) => ({
          mandateId: row.mandateId, accountReference: row.accountReference, providerName: row.providerName, debtorReference: row.debtorReference,
          productReferences: row.productReferences, ...(row.mandateRepresentation ? { mandateRepresentation: row.mandateRepresentation } : {}),
        }));
      });

      scope.post('/:clientId/upload_files', { schema: { tags, summary: 'upload_files' } }, async (request, reply) => {
        const upload = await receiveUpload(request, options);
        // The request's fingerprint for Idempotency-Key: its fields and the stored file's hash.
        (request as { body: unknown }).body = { ...upload.fields, file: upload.blob.sha256 };
        return mutate(request, reply, 'upload_files', async (uow) => {
          const results = await uploadFile(uow, { ...upload.fields, blob: upload.blob, contentType: upload.contentType, fileName: upload.fileName });
          return { body: results, accounts: succeededKeys(results) };
        });
      });

      scope.get('/:clientId/instalment_plan_definitions', { schema: { tags, summary: 'instalment_plan_definitions' } }, async (request) => {
        const query = parse(definitionsQuery, request.query ?? {}, 'query');
        const page = await listInstalmentPlanDefinitions(scope.platform.db, requireActor(request).tenant.id, {
          enabled: query.filters?.enabled, types: query.filters?.types, after: query.paginationId ?? 0, limit: query.limit,
        });
        return pageAnswer(project(page.results.map(renderDefinition), query.fields), page.next);
      });

      scope.post('/:clientId/compute_instalment_plan_definition', { schema: { tags, summary: 'compute_instalment_plan_definition' } }, async (request, reply) => {
        const body = parse(computeBody, request.body, 'body');
        return mutate(request, reply, 'compute_instalment_plan_definition', async (uow) => {
          const computed = await computeInstalmentPlanDefinition(uow, { timeZone }, body);
          if (!computed.ok) throw refused(computed.error);
          const context = (computed.value.context ?? {}) as { externalClaimReferences?: string[] };
          return { body: single(computed.value), claims: context.externalClaimReferences ?? [] };
        });
      });

      scope.post('/:clientId/create_instalment_plan', { schema: { tags, summary: 'create_instalment_plan' } }, async (request, reply) => {
        const body = parse(createPlanBody, request.body, 'body');
        return mutate(request, reply, 'create_instalment_plan', async (uow) => {
          const created = await createInstalmentPlan(uow, { timeZone }, body);
          if (!created.ok) throw refused(created.error);
          return { body: single(renderPlan(created.value)), claims: created.value.claimReferences };
        });
      });

      scope.post('/:clientId/update_instalment_plan', { schema: { tags, summary: 'update_instalment_plan' } }, async (request, reply) => {
        const body = parse(updatePlanBody, request.body, 'body');
        return mutate(request, reply, 'update_instalment_plan', async (uow) => {
          const updated = await updateInstalmentPlan(uow, { timeZone }, body);
          if (!updated.ok) throw refused(updated.error);
          return { body: { success: true, message: 'Instalment plan updated successfully' }, claims: updated.value.claimReferences };
        });
      });

      scope.get('/:clientId/instalment_plans', { schema: { tags, summary: 'instalment_plans' } }, async (request) => {
        requireParams((request.query ?? {}) as Record<string, unknown>, ['accountReference']);
        const query = parse(plansQuery, request.query ?? {}, 'query');
        const page = await listInstalmentPlans(scope.platform.db, requireActor(request).tenant.id, query.accountReference, {
          status: query.filters?.status, ids: query.filters?.id, after: query.paginationId ?? 0, limit: query.limit,
        });
        return pageAnswer(project(page.results.map(renderPlan), query.fields), page.next);
      });
    });
  };
}
