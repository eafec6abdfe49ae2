import type PgBoss from 'pg-boss';
import { ApiError } from '../../platform/http/api-error.js';
import { toApiError } from '../../platform/http/error-mapping.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { clockFor, type Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../../platform/unit-of-work.js';
import { failAsyncRequest, type AsyncRequestError } from '../use-cases/fail-async-request.js';
import { processAsyncRequest } from '../use-cases/process-async-request.js';
import type { AsyncRequestJob } from '../use-cases/queue-async-request.js';
import { OPERATIONS, parseBody, runOperation } from './receeve-operations.js';
import { receeveError } from './receeve.js';

/*
 * The pg-boss worker of `async=true` requests (queued by queue-async-request.ts): it parses the stored body and runs
 * the operation as the synchronous route would, inside process-async-request.ts's transaction. The outcome is
 * recorded durably and announced as an event in the same transaction:
 * - SUCCEEDED: the per-item results on the row; `event.asyncRequest.completed.v1` with counts and failed items.
 * - FAILED: a whole-request error (the batch refused as a whole at execution time, e.g. sums out of range, or the
 *   job's last retry failing) as the Receeve error body `{status, error, message}`; `event.asyncRequest.failed.v1`.
 *   A refusal (4xx other than 409) is final at once; anything else is retried by pg-boss and recorded as FAILED
 *   when the last attempt fails.
 * Both events are ordinary event rows, so webhooks deliver them signed and get_events lists them; the row is read
 * back with GET /v1/{clientId}/get_async_request?requestId=….
 */

const ASYNC_ACTOR = systemActor('servicing-async');

/** The Receeve error body of a whole-request error, with its HTTP status. */
export function asyncRequestError(error: unknown): AsyncRequestError {
  const apiError = toApiError(receeveError(error));
  const formatted = receeveFace.formatError(apiError, undefined as never);
  const body = formatted.body as { error: string; message: string };
  // An unexpected error is not described to the client (as a synchronous 500 is not).
  const message = apiError.kind === 'internal' ? 'Internal error occurred while processing the request' : body.message;
  return { status: formatted.status, error: body.error, message };
}

/** A refusal that no retry can change (a 4xx other than a conflict). */
function isFinal(error: unknown): boolean {
  const mapped = receeveError(error);
  return mapped instanceof ApiError && mapped.statusCode < 500 && mapped.statusCode !== 409;
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
      await processJob(platform, tenant, id, job.data);
    } catch (error) {
      const lastAttempt = job.retryCount >= job.retryLimit;
      if (!isFinal(error) && !lastAttempt) throw error;
      if (!isFinal(error)) platform.logger.error({ err: error, jobId: job.id, operation: name }, 'servicing async request failed on its last attempt');
      await recordFailure(platform, tenant, { id, name, requestId, error: asyncRequestError(error) });
    }
  };
}

async function processJob(platform: Platform, tenant: Tenant, id: string, job: AsyncRequestJob): Promise<void> {
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant, clock, actor: ASYNC_ACTOR, requestId: job.requestId });
    await processAsyncRequest(uow, { id, operation: job.operation }, () => {
      const definition = OPERATIONS.get(job.operation);
      if (!definition) throw new ApiError('bad_request', `Unknown operation ${job.operation}`);
      return runOperation(uow, definition, parseBody(definition, job.body), job.query);
    });
  });
}

/** Records a whole-request failure in its own transaction (the work's transaction rolled back), unless already finished. */
async function recordFailure(
  platform: Platform, tenant: Tenant, request: { id: string; name: string; requestId: string; error: AsyncRequestError },
): Promise<void> {
  const clock = clockFor(platform, tenant);
  await platform.db.transaction(async (tx) => {
    await failAsyncRequest(unitOfWork({ tx, tenant, clock, actor: ASYNC_ACTOR, requestId: request.requestId }), request);
  });
}
