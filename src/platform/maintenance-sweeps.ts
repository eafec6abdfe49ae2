import { inArray, lte, sql } from 'drizzle-orm';
import { executeRaw } from './db/database.js';
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

export interface ExpiredRowsSpec {
  /** The sweep's name, e.g. `console-session-cleanup`. */
  readonly name: string;
  /** The table the rows are deleted from. */
  readonly table: string;
  /** SQL that holds for a row ended before the instant `$1`, e.g. `expires_at < $1`. */
  readonly endedBefore: string;
  /** How long a row is kept after it ended (so a late visitor is still told "expired", not "unknown"). */
  readonly retentionMs: number;
  /** How often a pass looks at all (default hourly): the tables are small, but a look every second is waste. */
  readonly scanEveryMs?: number;
  readonly batchSize?: number;
}

/**
 * A sweep that deletes a table's rows that ended more than `retentionMs` before the system time: sessions, sign-in
 * links and the like, which nothing reads once they are long dead. Rows are claimed FOR UPDATE SKIP LOCKED and
 * deleted in the claiming transaction (by ctid, which a row keeps while it is locked), so racing workers delete
 * disjoint rows, each exactly once. Deadlines written in a sandbox's tenant time are at or after system time, so a
 * sandbox's rows are only ever deleted later, never early. Each worker looks at most every `scanEveryMs`.
 */
export function expiredRowsSweep(spec: ExpiredRowsSpec): Sweep<{ row: string }> {
  const claim = `SELECT ctid::text AS row FROM ${spec.table} WHERE ${spec.endedBefore} LIMIT $2 FOR UPDATE SKIP LOCKED`;
  const scanEveryMs = spec.scanEveryMs ?? 3_600_000;
  let nextScanAt = Number.NEGATIVE_INFINITY;
  return {
    name: spec.name,
    batchSize: spec.batchSize ?? 500,
    async claimDue(tx, now, limit) {
      if (now.getTime() < nextScanAt) return [];
      const rows = await executeRaw(tx, claim, [new Date(now.getTime() - spec.retentionMs).toISOString(), limit]) as { row: string }[];
      if (rows.length < limit) nextScanAt = now.getTime() + scanEveryMs;
      return rows;
    },
    async fire(tx, rows) {
      await executeRaw(tx, `DELETE FROM ${spec.table} WHERE ctid IN (SELECT jsonb_array_elements_text($1::jsonb)::tid)`,
        [JSON.stringify(rows.map((row) => row.row))]);
    },
  };
}
