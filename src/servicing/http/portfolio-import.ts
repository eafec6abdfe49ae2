import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { retryOnConflict } from '../../platform/db/retry-on-conflict.js';
import { ApiError } from '../../platform/http/api-error.js';
import { claimIdempotencyKey, storeIdempotentResponse, type IdempotencyClaim } from '../../platform/http/idempotency.js';
import { clockFor } from '../../platform/services.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { unitOfWork, type ActorRef } from '../../platform/unit-of-work.js';
import { runBatch } from '../use-cases/support/servicing-request.js';
import { OPERATION_OF, type PortfolioRecord, type PortfolioRecordKind, type RejectedRecord } from './portfolio-file.js';
import { asyncRequestError } from './receeve-async.js';
import { OPERATIONS } from './receeve-operations.js';
import { receeveError } from './receeve.js';

/*
 * One batch of a portfolio import, run as the Receeve endpoint runs it (create_accounts or create_claims through
 * runBatch: the same use case, events and audit row) in one transaction that also claims the batch's idempotency
 * key and stores its outcome. A batch sent again (an import resumed after a crash between the commit and the
 * checkpoint) replays the stored outcome and writes nothing: no claim is created twice and its failures read the
 * same. A batch the use case refuses as a whole (sums out of range) is split into one-record batches, so only the
 * records at fault fail.
 */

export const PORTFOLIO_IMPORT_SCOPE = 'servicing-import';
const IMPORT_ACTOR: ActorRef = { type: 'cli', id: 'servicing-import' };

export interface PortfolioBatch {
  /** Unique per import and batch (at most 255 characters): the idempotency key. */
  readonly key: string;
  /** A hash of the batch's text: the same key with other content is refused. */
  readonly fingerprint: string;
  readonly kind: PortfolioRecordKind;
  readonly records: readonly PortfolioRecord[];
}

export interface BatchOutcome {
  readonly imported: number;
  readonly failed: readonly RejectedRecord[];
  /** The batch had been imported before: nothing was written now. */
  readonly replayed: boolean;
}

/** The same batch key was used for other content: the file changed since the import began. */
export class PortfolioBatchConflict extends Error {}

export interface ImportServices {
  readonly db: Database;
  readonly clock: Clock;
}

export async function importPortfolioBatch(services: ImportServices, tenant: Tenant, batch: PortfolioBatch): Promise<BatchOutcome> {
  try {
    return await runBatchOnce(services, tenant, batch);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const message = asyncRequestError(error).message;
    if (batch.records.length === 1) return { imported: 0, failed: [rejection(batch.records[0]!, message)], replayed: false };
    return splitIntoSingles(services, tenant, batch);
  }
}

async function splitIntoSingles(services: ImportServices, tenant: Tenant, batch: PortfolioBatch): Promise<BatchOutcome> {
  let imported = 0;
  let replayed = true;
  const failed: RejectedRecord[] = [];
  for (const record of batch.records) {
    const single = { key: `${batch.key}/${record.line}`, fingerprint: `${batch.fingerprint}/${record.line}`, kind: batch.kind, records: [record] };
    const outcome = await importPortfolioBatch(services, tenant, single);
    imported += outcome.imported;
    failed.push(...outcome.failed);
    replayed &&= outcome.replayed;
  }
  return { imported, failed, replayed };
}

function runBatchOnce(services: ImportServices, tenant: Tenant, batch: PortfolioBatch): Promise<BatchOutcome> {
  const clock = clockFor(services, tenant);
  return retryOnConflict(() => services.db.transaction(async (tx) => {
    const claim: IdempotencyClaim = {
      tenantId: tenant.id, scope: PORTFOLIO_IMPORT_SCOPE, key: batch.key, requestHash: batch.fingerprint, now: services.clock.now(),
    };
    const replay = await claimKey(tx, claim, batch);
    if (replay) return { ...(JSON.parse(replay.body) as Omit<BatchOutcome, 'replayed'>), replayed: true };
    const uow = unitOfWork({ tx, tenant, clock, actor: IMPORT_ACTOR, requestId: batch.key });
    const definition = OPERATIONS.get(OPERATION_OF[batch.kind])!;
    const body = Object.fromEntries(batch.records.map((record) => [record.reference, record.item]));
    const results = await runBatch(uow, definition.name, definition.useCase, body, {});
    const failed: RejectedRecord[] = [];
    for (const record of batch.records) {
      const result = results[record.reference];
      if (result && !result.success) failed.push(rejection(record, result.messages.join('; ')));
    }
    const outcome = { imported: batch.records.length - failed.length, failed };
    await storeIdempotentResponse(tx, claim, { status: 200, body: JSON.stringify(outcome), contentType: 'application/json' });
    return { ...outcome, replayed: false };
  }));
}

async function claimKey(tx: Parameters<typeof claimIdempotencyKey>[0], claim: IdempotencyClaim, batch: PortfolioBatch) {
  try {
    return await claimIdempotencyKey(tx, claim);
  } catch (error) {
    if (error instanceof ApiError && error.options.code === 'idempotency_key_reused') {
      throw new PortfolioBatchConflict(
        `The batch starting at line ${batch.records[0]?.line} was imported before with other content: the file changed since this import began`,
      );
    }
    throw error;
  }
}

/** A whole-batch refusal that no retry changes (a 4xx other than a conflict), e.g. sums out of range. */
function isRefusal(error: unknown): boolean {
  const mapped = receeveError(error);
  return mapped instanceof ApiError && mapped.statusCode < 500 && mapped.statusCode !== 409 && mapped.options.code !== 'idempotency_key_reused';
}

function rejection(record: PortfolioRecord, message: string): RejectedRecord {
  return { line: record.line, reference: record.reference, message };
}
