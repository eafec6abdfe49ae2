// Seals the audit log into one hash chain per tenant, after the fact, so the write path takes no lock for it.
//
// Order. The chain orders entries by (tx_id, id), where tx_id is the writing transaction's id
// (pg_current_xact_id(), the column default). Row ids alone would not do: a transaction can take id 7, stay open,
// and commit after id 8 is committed and sealed, and id 7 would then have to go *before* a sealed entry.
//
// Horizon. The sealer only takes rows with tx_id < pg_snapshot_xmin(pg_current_snapshot()): every transaction below
// a snapshot's xmin has ended, and every transaction that has not yet written (so has no id yet) will get an id at
// or above it. The set of rows below the horizon is therefore final: no row can ever commit into it later, so
// sealing it in (tx_id, id) order never has to put anything before a sealed entry. A long transaction holds the
// horizon back (sealing lags behind it, nothing is lost); on PostgreSQL transaction ids are cluster-wide, so that
// includes a long transaction in another database of the same server. PGlite has one connection, so there its horizon is simply
// "everything committed". Both engines run PostgreSQL's own functions for this; there is no clock or time lag.
//
// Exactly once. Sealers of several processes take a transaction-level advisory lock: one seals, the others find the
// lock taken and end their pass; the unique (tenant_id, seq) index would refuse a second chain even without it.
// Rows are locked with a plain FOR UPDATE, not SKIP LOCKED: the chain may not skip a row and come back for it.
//
// Every ORDER BY names audit_log's columns in full: the selects render them as text under the same names, and an
// unqualified name would sort by that text ('99' after '100').
import type { Transaction } from '../db/database.js';
import { executeRaw } from '../db/database.js';
import type { Sweep } from '../sweeper/sweeper.js';
import { entryHash, GENESIS_HASH, SEALED_CONTENT_COLUMNS, type SealedContent } from './seal-hash.js';

export const AUDIT_SEAL_LOCK_ID = 7_263_011;

/**
 * The (tx_id, id) of the last row sealed, across tenants. Sealing runs in that order, so a genuine unsealed row is
 * always above it; one below it was written into the sealed history from outside and is left for `audit verify`.
 */
export const SEALED_WATERMARK = `(
  COALESCE((SELECT tx_id FROM audit_log WHERE seq IS NOT NULL ORDER BY tx_id DESC, id DESC LIMIT 1), -1),
  COALESCE((SELECT id FROM audit_log WHERE seq IS NOT NULL ORDER BY tx_id DESC, id DESC LIMIT 1), -1))`;

const UNSEALED_BELOW_HORIZON = `SELECT ${SEALED_CONTENT_COLUMNS} FROM audit_log
  WHERE seq IS NULL AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint AND (tx_id, id) > ${SEALED_WATERMARK}
  ORDER BY audit_log.tx_id, audit_log.id LIMIT $1 FOR UPDATE`;

const CHAIN_HEADS = `SELECT t.tenant_id, h.seq, h.hash
  FROM jsonb_array_elements_text($1::jsonb) AS t(tenant_id)
  LEFT JOIN LATERAL (
    SELECT seq::text AS seq, hash FROM audit_log WHERE tenant_id = t.tenant_id::uuid AND seq IS NOT NULL ORDER BY audit_log.tenant_id DESC, audit_log.seq DESC LIMIT 1
  ) AS h ON true`;

const WRITE_SEALS = `UPDATE audit_log AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
  FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, seq bigint, prev_hash text, hash text)
  WHERE a.id = v.id AND a.seq IS NULL
  RETURNING a.id`;

interface Seal {
  id: string;
  seq: string;
  prev_hash: string;
  hash: string;
}

/** The sweep that seals committed audit rows below the horizon, oldest first, `batchSize` rows per transaction. */
export function auditSealSweep(batchSize = 500): Sweep<SealedContent> {
  return {
    name: 'audit-seal',
    batchSize,
    async claimDue(tx, _now, limit) {
      const [lock] = (await executeRaw(tx, 'SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_SEAL_LOCK_ID])) as { locked: boolean }[];
      if (!lock?.locked) return [];
      return (await executeRaw(tx, UNSEALED_BELOW_HORIZON, [limit])) as SealedContent[];
    },
    async fire(tx, rows) {
      const seals = await chainOnto(tx, rows);
      const written = await executeRaw(tx, WRITE_SEALS, [JSON.stringify(seals)]);
      if (written.length !== seals.length) throw new Error(`audit seal wrote ${written.length} of ${seals.length} seals; the batch is rolled back`);
    },
  };
}

/** Links `rows` (in chain order) onto their tenants' current chain heads. */
async function chainOnto(tx: Transaction, rows: SealedContent[]): Promise<Seal[]> {
  const tenantIds = [...new Set(rows.map((row) => row.tenant_id))];
  const heads = (await executeRaw(tx, CHAIN_HEADS, [JSON.stringify(tenantIds)])) as { tenant_id: string; seq: string | null; hash: string | null }[];
  const tips = new Map(heads.map((head) => [head.tenant_id, { seq: BigInt(head.seq ?? 0), hash: head.hash ?? GENESIS_HASH }]));
  return rows.map((row) => {
    const tip = tips.get(row.tenant_id)!;
    const seq = (tip.seq + 1n).toString();
    const seal = { id: row.id, seq, prev_hash: tip.hash, hash: entryHash(row, seq, tip.hash) };
    tips.set(row.tenant_id, { seq: tip.seq + 1n, hash: seal.hash });
    return seal;
  });
}
