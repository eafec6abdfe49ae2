// An async request whose job ended without an outcome: the worker was killed during the job's last attempt, so
// pg-boss failed the job without our handler recording anything, and the request would stay QUEUED for ever.
// This sweep finds QUEUED requests with no live job (created, retry or active) and records them FAILED, with the
// failure event, so the client learns of it like any other failure.
import type { Transaction } from '../platform/db/database.js';
import { executeRaw } from '../platform/db/database.js';
import { noLiveJobSql } from '../platform/jobs/live-jobs.js';
import { clockFor, type Platform } from '../platform/services.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { findTenant } from '../platform/tenants/service.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
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
  return {
    name: 'servicing-async-orphans',
    batchSize,
    async claimDue(tx, _now, limit) {
      return await executeRaw(tx, `
        SELECT r.tenant_id, r.job_id, r.operation, r.request_id FROM servicing_async_requests r
        WHERE r.status = 'QUEUED' AND ${noLiveJobSql('$1', 'asyncRequestId', 'r.job_id')}
        ORDER BY r.requested_at
        LIMIT $2
        FOR UPDATE OF r SKIP LOCKED`, [ASYNC_QUEUE, limit]) as OrphanedRequest[];
    },
    async fire(tx, rows) {
      for (const row of rows) await failOrphan(platform, tx, row);
    },
  };
}

async function failOrphan(platform: Platform, tx: Transaction, row: OrphanedRequest): Promise<void> {
  const tenant = await findTenant(tx, row.tenant_id);
  if (!tenant) return;
  const clock = clockFor(platform, tenant);
  const uow: UnitOfWork = {
    tx, tenant, clock, now: clock.now(), actor: { type: 'system', id: 'servicing-async' }, requestId: row.request_id ?? undefined, audited: false,
  };
  platform.logger.warn({ asyncRequestId: row.job_id, tenantId: tenant.id }, 'async request without a live job recorded as FAILED');
  await failAsyncRequest(uow, { id: row.job_id, name: row.operation, error: ORPHANED_REQUEST_ERROR });
}
