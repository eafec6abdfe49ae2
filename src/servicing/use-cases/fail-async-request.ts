import { appendEvent } from '../../platform/events/append.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { ASYNC_FAILED, asyncRequestEvent } from '../events.js';
import { finishQueuedRequest } from '../store/async-requests.js';

/** A whole-request error as recorded on a failed async request: the Receeve error body with its HTTP status. */
export interface AsyncRequestError {
  status: number;
  error: string;
  message: string;
}

/**
 * Marks an async request FAILED with a whole-request error (creating its row for a job that carries no id) and appends
 * `event.asyncRequest.failed.v1`, in `uow`'s transaction; false when the request had already finished.
 */
export async function failAsyncRequest(
  uow: UnitOfWork, request: { id: string; name: string; error: AsyncRequestError },
): Promise<boolean> {
  const failed = await finishQueuedRequest(uow.tx, uow.tenant.id, {
    id: request.id, operation: request.name, status: 'FAILED', now: uow.now, error: { ...request.error },
  });
  if (!failed) return false;
  await appendEvent(uow, asyncRequestEvent(uow.now, ASYNC_FAILED, request.id, { operation: request.name, status: 'FAILED', error: request.error }));
  return true;
}
