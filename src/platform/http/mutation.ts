import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record.js';
import type { Actor } from '../auth/actor.js';
import { clockFor } from '../services.js';
import { singleStatementWork, unitOfWork, type SingleStatementWork, type UnitOfWork } from '../unit-of-work.js';
import { ApiError } from './api-error.js';
import { firstHeader } from './face.js';
import {
  claimIdempotencyKey, requestFingerprint, storeIdempotentResponse, validateIdempotencyKey, type IdempotencyClaim,
} from './idempotency.js';
import { SECRET_WITHHELD_HEADER, withheldFields, withholdSecrets } from './shown-once.js';
import { isRetryableConflict, retryOnConflict } from '../db/retry-on-conflict.js';
import { onOneConnection } from '../db/database.js';
import './fastify-types.js';

export interface MutationResult {
  status: number;
  body: unknown;
  contentType?: string;
}

export interface MutationOptions {
  /** Top-level fields of the answer that carry a secret shown once: an Idempotency-Key replay answers null for them. */
  shownOnce?: readonly string[];
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new ApiError('missing_credentials', 'Authentication required');
  return request.actor;
}

/**
 * Runs a writing request as one transaction: idempotency key, the use case (state, events, audit) and the stored
 * response commit together or not at all. A use case that wrote no audit row gets a generic one. The stored response
 * never holds a `shownOnce` secret (see shown-once.ts).
 */
export async function runMutation(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (uow: UnitOfWork) => Promise<MutationResult>,
  options: MutationOptions = {},
): Promise<FastifyReply> {
  const actor = requireActor(request);
  const shownOnce = options.shownOnce ?? [];
  const platform = request.server.platform;
  const key = firstHeader(request.headers['idempotency-key']);
  const clock = clockFor(platform, actor.tenant);
  const outcome = await retryOnConflict(() => platform.db.transaction(async (tx) => {
    const now = clock.now();
    const claim: IdempotencyClaim | undefined =
      key === undefined
        ? undefined
        : {
            tenantId: actor.tenant.id,
            scope: request.face?.name ?? 'default',
            key: validateIdempotencyKey(key),
            requestHash: requestFingerprint(request.method, request.url, request.body),
            now: platform.clock.now(),
          };
    if (claim) {
      const replay = await claimIdempotencyKey(tx, claim);
      if (replay) return { replayed: true as const, status: replay.status, body: replay.body, contentType: replay.contentType };
    }
    const uow = unitOfWork({ tx, tenant: actor.tenant, clock, now, actor: { type: 'credential', id: actor.credentialId }, requestId: request.id });
    const result = await work(uow);
    if (!uow.audited) {
      await recordAudit(uow, { action: `${request.method} ${request.routeOptions.url ?? request.url}`, entityType: 'request', entityId: request.id });
    }
    const body = JSON.stringify(result.body);
    const contentType = result.contentType ?? 'application/json; charset=utf-8';
    if (claim) {
      const kept = shownOnce.length > 0 ? JSON.stringify(withholdSecrets(result.body, shownOnce)) : body;
      await storeIdempotentResponse(tx, claim, { status: result.status, body: kept, contentType });
    }
    return { replayed: false as const, status: result.status, body, contentType };
  }));
  if (outcome.replayed) {
    reply.header('Idempotent-Replayed', 'true');
    const withheld = withheldFields(outcome.body, shownOnce);
    if (withheld.length > 0) reply.header(SECRET_WITHHELD_HEADER, withheld.join(', '));
  }
  // As bytes: a string answer would be measured (Buffer.byteLength) and then encoded again on its way out, which
  // shows for the large answers of batch endpoints (1,000 claims answer about 400 kB).
  return reply.code(outcome.status).type(outcome.contentType).send(Buffer.from(outcome.body));
}

/**
 * A writing request tried first as one statement outside a transaction (`attempt`, see SingleStatementWork), for use
 * cases that decide on a snapshot and then write everything or nothing with a compare-and-set: it saves the
 * transaction's round trips (BEGIN, locks, COMMIT). When `attempt` answers null it wrote nothing (a concurrent change
 * broke its snapshot, or a case it leaves to the transaction) and the request runs as `transaction` (runMutation).
 * A request with an Idempotency-Key always runs as the transaction: its stored response commits with the change.
 * With `oneConnection`, the attempt's statements (its read and its write) share one checkout of the pool
 * (onOneConnection), released before the transaction, if it must run, takes its own: only for attempts that use no
 * other connection while they run (no read through the platform's database, no job queue).
 */
export async function runOptimisticMutation(
  request: FastifyRequest,
  reply: FastifyReply,
  attempt: (work: SingleStatementWork) => Promise<MutationResult | null>,
  transaction: (uow: UnitOfWork) => Promise<MutationResult>,
  options: { oneConnection?: boolean } = {},
): Promise<FastifyReply> {
  if (firstHeader(request.headers['idempotency-key']) === undefined) {
    const actor = requireActor(request);
    const clock = clockFor(request.server.platform, actor.tenant);
    const start = (db: SingleStatementWork['db']) => {
      const work = singleStatementWork({ db, tenant: actor.tenant, clock, actor: { type: 'credential', id: actor.credentialId }, requestId: request.id });
      return attempt(work).then((result) => ({ result, audited: work.audited }));
    };
    const attempted = await (options.oneConnection ? onOneConnection(request.server.platform.db, start) : start(request.server.platform.db)).catch((error: unknown) => {
      // A deadlock or serialisation victim wrote nothing either: the transaction, with its retries, takes over.
      if (isRetryableConflict(error)) return { result: null, audited: false };
      throw error;
    });
    const { result } = attempted;
    if (result) {
      if (!attempted.audited) throw new Error(`${request.method} ${request.url}: a single-statement use case must write its audit row`);
      return reply.code(result.status).type(result.contentType ?? 'application/json; charset=utf-8').send(JSON.stringify(result.body));
    }
  }
  return runMutation(request, reply, transaction);
}
