// The snapshot reads of first applications arriving at the same moment (POST /covers without a transaction), read in
// batches (see Coalescer and insurance/quote-batches.ts): one statement reads every snapshot of a batch, so under
// load the round trip and executor start are paid once per batch; a lone application is read at once.
import { Coalescer } from '../platform/db/coalescer.js';
import type { Executor } from '../platform/db/database.js';
import { type ApplicationSnapshot, readApplicationSnapshot, readApplicationSnapshots, type SnapshotRequest } from './store.js';

const MAX_BATCH = 64;
/** One batch at a time: the applications that arrive while it runs make the next one (insurance measured this best). */
const MAX_IN_FLIGHT = 1;

const batchesByDatabase = new WeakMap<Executor, Coalescer<SnapshotRequest, ApplicationSnapshot>>();

/** A batch whose statement fails is read item by item, so an error reaches only the application it is about. */
async function readBatch(executor: Executor, requests: readonly SnapshotRequest[]): Promise<ApplicationSnapshot[]> {
  try {
    return await readApplicationSnapshots(executor, requests);
  } catch (error) {
    if (requests.length === 1) throw error;
    return Promise.all(requests.map((request) => readApplicationSnapshot(executor, request.tenantId, request.policyId, request.buyerId, request.bookId)));
  }
}

/** The snapshot of one application, read together with the others of its moment on the same database. */
export function readSnapshotInBatch(executor: Executor, request: SnapshotRequest): Promise<ApplicationSnapshot> {
  let batches = batchesByDatabase.get(executor);
  if (!batches) {
    batches = new Coalescer((requests: readonly SnapshotRequest[]) => readBatch(executor, requests), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT });
    batchesByDatabase.set(executor, batches);
  }
  return batches.submit(request);
}
