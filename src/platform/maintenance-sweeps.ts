import { inArray, lte, sql } from 'drizzle-orm';
import { accessTokens, idempotencyKeys } from './db/schema.js';
import type { Sweep } from './sweeper/sweeper.js';
import { auditSealSweep } from './audit/seal.js';

/** Deletes idempotency keys past their 24 h life (they are also ignored on read, so this only reclaims space). */
export const expiredIdempotencyKeysSweep: Sweep<{ tenantId: string; scope: string; key: string }> = {
  name: 'idempotency-key-expiry',
  batchSize: 1000,
  claimDue: (tx, now, limit) =>
    tx
      .select({ tenantId: idempotencyKeys.tenantId, scope: idempotencyKeys.scope, key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(lte(idempotencyKeys.expiresAt, now))
      .limit(limit)
      .for('update', { skipLocked: true }),
  async fire(tx, rows) {
    await tx
      .delete(idempotencyKeys)
      .where(inArray(sql`(${idempotencyKeys.tenantId}, ${idempotencyKeys.scope}, ${idempotencyKeys.key})`, rows.map((row) => sql`(${row.tenantId}::uuid, ${row.scope}, ${row.key})`)));
  },
};

/** Deletes access tokens an hour after they expired (expired ones are refused on read already). */
export const expiredAccessTokensSweep: Sweep<{ tokenHash: string }> = {
  name: 'access-token-expiry',
  batchSize: 1000,
  claimDue: (tx, now, limit) =>
    tx
      .select({ tokenHash: accessTokens.tokenHash })
      .from(accessTokens)
      .where(lte(accessTokens.expiresAt, new Date(now.getTime() - 3600_000)))
      .limit(limit)
      .for('update', { skipLocked: true }),
  async fire(tx, rows) {
    await tx.delete(accessTokens).where(inArray(accessTokens.tokenHash, rows.map((row) => row.tokenHash)));
  },
};

/** Seals committed audit rows into their tenants' hash chains (see audit/seal.ts for the horizon and ordering). */
export const auditSealingSweep = auditSealSweep();
