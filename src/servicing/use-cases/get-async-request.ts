import type { Executor } from '../../platform/db/database.js';
import { findAsyncRequestRow, type AsyncRequestRow } from '../store/async-requests.js';

/** The outcome of an `async=true` request, by the id its queued answer carried (ids longer than 100 never exist). */
export async function getAsyncRequest(db: Executor, tenantId: string, id: string): Promise<AsyncRequestRow | undefined> {
  return id.length <= 100 ? findAsyncRequestRow(db, tenantId, id) : undefined;
}
