import type { JobQueue } from '../../platform/jobs/queue.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { insertQueuedRequest } from '../store/async-requests.js';
import type { BatchOptions } from './support/servicing-request.js';

/*
 * `async=true` (spec §1.3, A6; Receeve documents only "added to the queue without expecting the response").
 * The request gets an async request id, carried as the messageId of every item of the queued answer, and a QUEUED
 * row, both in the request's own transaction together with one pg-boss job. The job runs the same operation in
 * its own transaction (process-async-request.ts), so the work is done exactly once.
 */

export const ASYNC_QUEUE = 'servicing.async-request';

export interface AsyncRequestJob {
  tenantId: string;
  operation: string;
  /** The request body as received; the job parses it as the synchronous request would. */
  body: unknown;
  query: BatchOptions;
  requestId: string;
  /** The id the queued answer carried (absent on jobs queued before async outcomes were recorded). */
  asyncRequestId?: string;
}

/** Records the queued request and its job in the request's transaction; returns the async request id. */
export async function queueAsyncRequest(
  uow: UnitOfWork, jobs: JobQueue, request: { operation: string; body: unknown; query: BatchOptions; requestId: string },
): Promise<string> {
  const asyncRequestId = await insertQueuedRequest(uow.tx, uow.tenant.id, { operation: request.operation, requestId: request.requestId, now: uow.now });
  const job: AsyncRequestJob = { tenantId: uow.tenant.id, ...request, asyncRequestId };
  await jobs.enqueue(uow.tx, ASYNC_QUEUE, [job]);
  return asyncRequestId;
}
