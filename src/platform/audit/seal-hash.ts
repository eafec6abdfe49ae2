import { createHash } from 'node:crypto';

/** The `prev_hash` of a tenant's first sealed entry. */
export const GENESIS_HASH = '0'.repeat(64);

const SEAL_FORMAT = 'tradecredit.audit.v1';

/**
 * An audit row's columns as the database renders them to text, so that sealing and verifying hash exactly what is
 * stored: ids as decimal text, `at` to the microsecond in UTC, `details` in jsonb's own canonical text (keys
 * sorted, spacing fixed by PostgreSQL), never through a JavaScript number or Date that would round it.
 */
export const SEALED_CONTENT_COLUMNS = `id::text AS id, tenant_id::text AS tenant_id, tx_id::text AS tx_id, actor_type, actor_id, action,
  entity_type, entity_id, request_id, details::text AS details,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`;

export interface SealedContent {
  id: string;
  tenant_id: string;
  tx_id: string;
  actor_type: string;
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  request_id: string | null;
  details: string | null;
  at: string;
}

/**
 * sha256 over a JSON array of the format tag, the entry's position, every column and the previous entry's hash:
 * a fixed order of strings and nulls, so the serialization is stable without any key sorting of our own.
 */
export function entryHash(row: SealedContent, seq: string, prevHash: string): string {
  const fields = [
    SEAL_FORMAT, row.tenant_id, seq, row.id, row.tx_id, row.actor_type, row.actor_id, row.action,
    row.entity_type, row.entity_id, row.request_id, row.details, row.at, prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
