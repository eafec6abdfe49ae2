import { appendEvent } from '../../platform/events/append.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { ASYNC_COMPLETED, asyncRequestEvent } from '../events.js';
import { finishQueuedRequest, saveAsyncResult } from '../store/async-requests.js';
import type { ItemResult } from './support/item-result.js';

/*
 * The job of an `async=true` request, in its own transaction: it first claims the row (QUEUED → SUCCEEDED, or
 * inserts it for a job that carries no id), so a job retried after a crash (work committed, completion not)
 * finds it claimed and does nothing. The per-item results go on the row and `event.asyncRequest.completed.v1`
 * announces counts and failed items in the same transaction.
 */
export async function processAsyncRequest(
  uow: UnitOfWork, request: { id: string; operation: string }, run: () => Promise<Record<string, ItemResult>>,
): Promise<void> {
  const claimed = await finishQueuedRequest(uow.tx, uow.tenant.id, { id: request.id, operation: request.operation, status: 'SUCCEEDED', now: uow.now });
  if (!claimed) return;
  const started = performance.now();
  const results = await run();
  await saveAsyncResult(uow.tx, uow.tenant.id, request.id, results, Math.round(performance.now() - started));
  await appendEvent(uow, asyncRequestEvent(uow.now, ASYNC_COMPLETED, request.id, { operation: request.operation, status: 'SUCCEEDED', ...summary(results) }));
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
