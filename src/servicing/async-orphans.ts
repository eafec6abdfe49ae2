// An async request whose job ended without an outcome: the worker was killed during the job's last attempt, so
// pg-boss failed the job without our handler recording anything, and the request would stay QUEUED for ever.
// This sweep finds QUEUED requests with no live job (created, retry or active) and records them FAILED, with the
// failure event, so the client learns of it like any other failure.
import type { Platform } from '../platform/services.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { orphanedJobSweep } from '../platform/sweeper/tenant-sweeps.js';
import { type AsyncRequestError, failAsyncRequest } from './use-cases/fail-async-request.js';
import { ASYNC_QUEUE } from './use-cases/queue-async-request.js';

export const ORPHANED_REQUEST_ERROR: AsyncRequestError = {
  status: 500,
  error: 'InternalServerError',
  message: 'The queued request ended without a result. Nothing of it was written; send it again.',
};

interface OrphanedRequest {
  tenant_id: string;
  job_id: string;
  operation: string;
  request_id: string | null;
}

export function orphanedAsyncRequestSweep(platform: Platform, batchSize = 100): Sweep<OrphanedRequest> {
  return orphanedJobSweep<OrphanedRequest>({
    name: 'servicing-async-orphans',
    batchSize,
    actorId: 'servicing-async',
    from: 'servicing_async_requests r',
    alias: 'r',
    columns: 'r.tenant_id, r.job_id, r.operation, r.request_id',
    waiting: `r.status = 'QUEUED'`,
    queue: ASYNC_QUEUE,
    dataKey: 'asyncRequestId',
    idSql: 'r.job_id',
    orderBy: 'r.requested_at',
    requestIdOf: (row) => row.request_id ?? undefined,
    async fireRow(uow, row) {
      platform.logger.warn({ asyncRequestId: row.job_id, tenantId: uow.tenant.id }, 'async request without a live job recorded as FAILED');
      await failAsyncRequest(uow, { id: row.job_id, name: row.operation, error: ORPHANED_REQUEST_ERROR });
    },
  });
}
