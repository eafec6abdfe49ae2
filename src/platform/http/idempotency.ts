import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../db/database.js';
import { idempotencyKeys } from '../db/schema.js';
import { sha256Hex } from '../auth/secrets.js';
import { ApiError } from './api-error.js';

/**
 * Stripe's idempotency semantics, checked inside the request's own transaction (as Formance does): the key row
 * is inserted before the work and filled with the response after it, all in one commit. A concurrent request
 * with the same key waits on the row and then replays; a crash rolls the key back with the work, so a retry
 * runs the request afresh. Errors roll back too, so only successful responses are replayed.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
}

export interface IdempotencyClaim {
  tenantId: string;
  scope: string;
  key: string;
  requestHash: string;
  now: Date;
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  return sha256Hex(`${method}\n${url}\n${body === undefined ? '' : JSON.stringify(body)}`);
}

export function validateIdempotencyKey(key: string): string {
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new ApiError('bad_request', `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`, { code: 'invalid_idempotency_key' });
  }
  return key;
}

/** Claims the key for this request, or returns the response to replay. Refuses reuse with another request. */
export async function claimIdempotencyKey(tx: Transaction, claim: IdempotencyClaim): Promise<StoredResponse | undefined> {
  const where = and(
    eq(idempotencyKeys.tenantId, claim.tenantId),
    eq(idempotencyKeys.scope, claim.scope),
    eq(idempotencyKeys.key, claim.key),
  );
  await tx.delete(idempotencyKeys).where(and(where, sql`${idempotencyKeys.expiresAt} <= ${claim.now}`));
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      tenantId: claim.tenantId,
      scope: claim.scope,
      key: claim.key,
      requestHash: claim.requestHash,
      responseStatus: 0,
      responseBody: '',
      responseContentType: '',
      createdAt: claim.now,
      expiresAt: new Date(claim.now.getTime() + IDEMPOTENCY_TTL_MS),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return undefined;
  const [existing] = await tx.select().from(idempotencyKeys).where(where).limit(1);
  if (!existing) throw new ApiError('conflict', 'The Idempotency-Key is being used by a concurrent request; retry', { code: 'idempotency_key_in_use' });
  if (existing.requestHash !== claim.requestHash) {
    throw new ApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
      { code: 'idempotency_key_reused' },
    );
  }
  return { status: existing.responseStatus, body: existing.responseBody, contentType: existing.responseContentType };
}

export async function storeIdempotentResponse(tx: Transaction, claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body, responseContentType: response.contentType })
    .where(and(eq(idempotencyKeys.tenantId, claim.tenantId), eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
}
