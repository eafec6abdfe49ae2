import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { servicingAsyncRequests } from '../schema.js';

/** Queries of the servicing async requests (one row per `async=true` request); every one takes the tenant id first. */

export type AsyncRequestRow = typeof servicingAsyncRequests.$inferSelect;

/** Inserts a QUEUED request; returns its new id. */
export async function insertQueuedRequest(
  db: Executor, tenantId: string, input: { operation: string; requestId: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await db.insert(servicingAsyncRequests).values({
    tenantId, jobId: id, operation: input.operation, status: 'QUEUED', requestId: input.requestId, requestedAt: input.now,
  });
  return id;
}

export async function findAsyncRequestRow(db: Executor, tenantId: string, id: string): Promise<AsyncRequestRow | undefined> {
  const [row] = await db.select().from(servicingAsyncRequests)
    .where(and(eq(servicingAsyncRequests.tenantId, tenantId), eq(servicingAsyncRequests.jobId, id))).limit(1);
  return row;
}

/**
 * Moves a request from QUEUED to `status` (inserting the row for a job that carries no id); true exactly once per
 * id, false when the request had already left QUEUED.
 */
export async function finishQueuedRequest(
  db: Executor, tenantId: string,
  input: { id: string; operation: string; status: 'SUCCEEDED' | 'FAILED'; now: Date; error?: Record<string, unknown> },
): Promise<boolean> {
  const outcome = { status: input.status, processedAt: input.now, ...(input.error === undefined ? {} : { error: input.error }) };
  const finished = await db.insert(servicingAsyncRequests)
    .values({ tenantId, jobId: input.id, operation: input.operation, ...outcome })
    .onConflictDoUpdate({
      target: [servicingAsyncRequests.tenantId, servicingAsyncRequests.jobId],
      set: outcome,
      setWhere: sql`${servicingAsyncRequests.status} = 'QUEUED'`,
    })
    .returning({ jobId: servicingAsyncRequests.jobId });
  return finished.length > 0;
}

/** Stores the per-item results of a request and how long it ran. */
export async function saveAsyncResult(db: Executor, tenantId: string, id: string, result: unknown, durationMs: number): Promise<void> {
  await db.update(servicingAsyncRequests).set({ result, durationMs })
    .where(and(eq(servicingAsyncRequests.tenantId, tenantId), eq(servicingAsyncRequests.jobId, id)));
}
