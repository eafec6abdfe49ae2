import { and, eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { clockFor, type Platform } from '../platform/services.js';
import { findTenant } from '../platform/tenants/service.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { executeOperation, OPERATIONS, parseBody, type OperationQuery } from './operations.js';
import { servicingAsyncRequests } from './schema.js';

/*
 * `async=true` (spec §1.3, A6): the request is stored as one pg-boss job in the request's own transaction and
 * answered at once. The job runs the same operation in its own transaction, which first inserts a processed
 * marker keyed by the job id: a job retried after a crash (its work committed, its completion not) finds the
 * marker and does nothing, so the work is done exactly once.
 */

export const ASYNC_QUEUE = 'servicing.async-request';

export interface AsyncRequestJob {
  tenantId: string;
  operation: string;
  body: unknown;
  query: OperationQuery;
  requestId: string;
}

export function asyncRequestHandler(platform: Platform) {
  return async (job: PgBoss.JobWithMetadata<AsyncRequestJob>): Promise<void> => {
    const { tenantId, operation: name, body, query, requestId } = job.data;
    const operation = OPERATIONS.get(name);
    const tenant = await findTenant(platform.db, tenantId);
    if (!operation || !tenant) {
      platform.logger.error({ jobId: job.id, operation: name }, 'servicing async job for an unknown operation or tenant');
      return;
    }
    const clock = clockFor(platform, tenant);
    await platform.db.transaction(async (tx) => {
      const now = clock.now();
      const marker = await tx.insert(servicingAsyncRequests)
        .values({ tenantId, jobId: job.id, operation: name, processedAt: now })
        .onConflictDoNothing()
        .returning({ jobId: servicingAsyncRequests.jobId });
      if (marker.length === 0) return;
      const uow: UnitOfWork = { tx, tenant, clock, now, actor: { type: 'system', id: 'servicing-async' }, requestId, audited: false };
      const started = Date.now();
      const results = await executeOperation(uow, operation, parseBody(operation, body), query);
      await tx.update(servicingAsyncRequests).set({ result: results, durationMs: Date.now() - started })
        .where(and(eq(servicingAsyncRequests.tenantId, tenantId), eq(servicingAsyncRequests.jobId, job.id)));
    });
  };
}
