import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Executor } from '../platform/db/database.js';
import { appendEvent } from '../platform/events/append.js';
import { ApiError } from '../platform/http/api-error.js';
import { toApiError } from '../platform/http/error-mapping.js';
import { receeveFace } from '../platform/http/faces/receeve.js';
import { clockFor, type Platform } from '../platform/services.js';
import { findTenant } from '../platform/tenants/service.js';
import type { Tenant } from '../platform/tenants/tenant.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { ItemResult } from './context.js';
import { executeOperation, OPERATIONS, parseBody, type OperationQuery } from './operations.js';
import { servicingAsyncRequests } from './schema.js';

/*
 * `async=true` (spec §1.3, A6; Receeve documents only "added to the queue without expecting the response").
 * The request gets an async request id, carried as the messageId of every item of the queued answer, and a QUEUED
 * row, both in the request's own transaction together with one pg-boss job. The job runs the same operation in
 * its own transaction, which first claims the row (QUEUED → SUCCEEDED, or inserts it for a job that carries no
 * id): a job retried after a crash (work committed, completion not) finds it claimed and does nothing, so the
 * work is done exactly once. The outcome is recorded durably and announced as an event in the same transaction:
 * - SUCCEEDED: the per-item results on the row; `event.asyncRequest.completed.v1` with counts and failed items.
 * - FAILED: a whole-request error (the batch refused as a whole at execution time, e.g. sums out of range, or the
 *   job's last retry failing) as the Receeve error body `{status, error, message}`; `event.asyncRequest.failed.v1`.
 *   A refusal (4xx other than 409) is final at once; anything else is retried by pg-boss and recorded as FAILED
 *   when the last attempt fails.
 * Both events are ordinary event rows, so webhooks deliver them signed and get_events lists them; the row is read
 * back with GET /v1/{clientId}/get_async_request?requestId=….
 */

export const ASYNC_QUEUE = 'servicing.async-request';
export const ASYNC_COMPLETED = 'event.asyncRequest.completed.v1';
export const ASYNC_FAILED = 'event.asyncRequest.failed.v1';

export interface AsyncRequestJob {
  tenantId: string;
  operation: string;
  body: unknown;
  query: OperationQuery;
  requestId: string;
  /** The id the queued answer carried (absent on jobs queued before async outcomes were recorded). */
  asyncRequestId?: string;
}

export interface AsyncRequestError {
  status: number;
  error: string;
  message: string;
}

/** Records a queued async request in the request's transaction; returns its id. */
export async function recordQueuedRequest(
  tx: Executor, input: { tenantId: string; operation: string; requestId: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await tx.insert(servicingAsyncRequests).values({
    tenantId: input.tenantId, jobId: id, operation: input.operation, status: 'QUEUED', requestId: input.requestId, requestedAt: input.now,
  });
  return id;
}

/** The async request as `get_async_request` shows it, or undefined. */
export async function findAsyncRequest(db: Executor, tenantId: string, id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select().from(servicingAsyncRequests)
    .where(and(eq(servicingAsyncRequests.tenantId, tenantId), eq(servicingAsyncRequests.jobId, id))).limit(1);
  if (!row) return undefined;
  return {
    requestId: row.jobId,
    operation: row.operation,
    status: row.status,
    ...(row.requestedAt ? { requestedAt: row.requestedAt.toISOString() } : {}),
    ...(row.processedAt ? { processedAt: row.processedAt.toISOString() } : {}),
    ...(row.status === 'SUCCEEDED' ? { results: row.result } : {}),
    ...(row.status === 'FAILED' ? { error: row.error } : {}),
  };
}

/** The Receeve error body of a whole-request error, with its HTTP status. */
export function asyncRequestError(error: unknown): AsyncRequestError {
  const apiError = toApiError(error);
  const formatted = receeveFace.formatError(apiError, undefined as never);
  const body = formatted.body as { error: string; message: string };
  // An unexpected error is not described to the client (as a synchronous 500 is not).
  const message = apiError.kind === 'internal' ? 'Internal error occurred while processing the request' : body.message;
  return { status: formatted.status, error: body.error, message };
}

/** A refusal that no retry can change (a 4xx other than a conflict). */
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && error.statusCode < 500 && error.statusCode !== 409;
}

function envelope(now: Date, details: Record<string, unknown>): Record<string, unknown> {
  return { messageId: randomUUID(), timestamp: now.toISOString(), details };
}

export function asyncRequestHandler(platform: Platform) {
  return async (job: PgBoss.JobWithMetadata<AsyncRequestJob>): Promise<void> => {
    const { tenantId, operation: name, requestId } = job.data;
    const id = job.data.asyncRequestId ?? job.id;
    const tenant = await findTenant(platform.db, tenantId);
    if (!tenant) {
      platform.logger.error({ jobId: job.id, operation: name }, 'servicing async job for an unknown tenant');
      return;
    }
    try {
      await processRequest(platform, tenant, id, job.data);
    } catch (error) {
      const lastAttempt = job.retryCount >= job.retryLimit;
      if (!isFinal(error) && !lastAttempt) throw error;
      if (!isFinal(error)) platform.logger.error({ err: error, jobId: job.id, operation: name }, 'servicing async request failed on its last attempt');
      await recordFailure(platform, tenant, { id, name, requestId, error: asyncRequestError(error) });
    }
  };
}

async function processRequest(platform: Platform, tenant: Tenant, id: string, job: AsyncRequestJob): Promise<void> {
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => {
    const now = clock.now();
    if (!(await claim(tx, tenant.id, id, job.operation, now))) return;
    const operation = OPERATIONS.get(job.operation);
    if (!operation) throw new ApiError('bad_request', `Unknown operation ${job.operation}`);
    const uow: UnitOfWork = { tx, tenant, clock, now, actor: { type: 'system', id: 'servicing-async' }, requestId: job.requestId, audited: false };
    const started = performance.now();
    const results = await executeOperation(uow, operation, parseBody(operation, job.body), job.query);
    await tx.update(servicingAsyncRequests).set({ result: results, durationMs: Math.round(performance.now() - started) })
      .where(and(eq(servicingAsyncRequests.tenantId, tenant.id), eq(servicingAsyncRequests.jobId, id)));
    await appendEvent(uow, {
      type: ASYNC_COMPLETED, entityType: 'servicing_async_request', entityId: id,
      data: envelope(now, { messageType: ASYNC_COMPLETED, requestId: id, operation: job.operation, status: 'SUCCEEDED', ...summary(results) }),
    });
  });
}

/** Claims the request for processing: true exactly once per id (a QUEUED row, or no row for jobs without an id). */
async function claim(tx: Executor, tenantId: string, id: string, operation: string, now: Date): Promise<boolean> {
  const claimed = await tx.insert(servicingAsyncRequests)
    .values({ tenantId, jobId: id, operation, status: 'SUCCEEDED', processedAt: now })
    .onConflictDoUpdate({
      target: [servicingAsyncRequests.tenantId, servicingAsyncRequests.jobId],
      set: { status: 'SUCCEEDED', processedAt: now },
      setWhere: sql`${servicingAsyncRequests.status} = 'QUEUED'`,
    })
    .returning({ jobId: servicingAsyncRequests.jobId });
  return claimed.length > 0;
}

function summary(results: Record<string, ItemResult>): Record<string, unknown> {
  const failedItems: Record<string, string[]> = {};
  let succeeded = 0;
  for (const [key, result] of Object.entries(results)) {
    if (result.success) succeeded += 1;
    else failedItems[key] = result.messages;
  }
  return { items: Object.keys(results).length, succeeded, failed: Object.keys(results).length - succeeded, failedItems };
}

/**
 * Marks an async request FAILED with a whole-request error (creating its row for a job that carries no id) and appends
 * the failure event, in `uow`'s transaction; false when the request had already finished.
 */
export async function failAsyncRequest(
  uow: UnitOfWork, request: { id: string; name: string; error: AsyncRequestError },
): Promise<boolean> {
  const failed = await uow.tx.insert(servicingAsyncRequests)
    .values({ tenantId: uow.tenant.id, jobId: request.id, operation: request.name, status: 'FAILED', error: request.error, processedAt: uow.now })
    .onConflictDoUpdate({
      target: [servicingAsyncRequests.tenantId, servicingAsyncRequests.jobId],
      set: { status: 'FAILED', error: request.error, processedAt: uow.now },
      setWhere: sql`${servicingAsyncRequests.status} = 'QUEUED'`,
    })
    .returning({ jobId: servicingAsyncRequests.jobId });
  if (failed.length === 0) return false;
  await appendEvent(uow, {
    type: ASYNC_FAILED, entityType: 'servicing_async_request', entityId: request.id,
    data: envelope(uow.now, { messageType: ASYNC_FAILED, requestId: request.id, operation: request.name, status: 'FAILED', error: request.error }),
  });
  return true;
}

/** Records a whole-request failure in its own transaction (the work's transaction rolled back), unless already finished. */
async function recordFailure(
  platform: Platform, tenant: Tenant, request: { id: string; name: string; requestId: string; error: AsyncRequestError },
): Promise<void> {
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => {
    const uow: UnitOfWork = { tx, tenant, clock, now: clock.now(), actor: { type: 'system', id: 'servicing-async' }, requestId: request.requestId, audited: false };
    await failAsyncRequest(uow, request);
  });
}
