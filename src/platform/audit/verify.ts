import { executeRaw, type Executor } from '../db/database.js';
import { SEALED_WATERMARK } from './seal.js';
import { entryHash, GENESIS_HASH, SEALED_CONTENT_COLUMNS, type SealedContent } from './seal-hash.js';

/**
 * How the chain broke at its first bad entry:
 * - `edited`: the entry's content or seal no longer hashes to its stored hash;
 * - `deleted`: positions are missing between two entries;
 * - `inserted`: an entry the sealer did not put there: a second entry at a taken position, an entry not linked to
 *   its predecessor, or an unsealed row that sorts inside the sealed history (the sealer seals in order, so a
 *   genuine row there would already be sealed).
 */
export type ChainBreakKind = 'edited' | 'deleted' | 'inserted';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The chain position where it breaks. */
  seq: number;
  /** The audit row at fault, or null when it is missing. */
  auditId: number | null;
  message: string;
}

export interface ChainVerification {
  tenantId: string;
  intact: boolean;
  /** Entries that verified, from position 1 up to the break (all of them when intact). */
  verifiedEntries: number;
  /** The last entry that verified: an operator may keep its hash elsewhere to detect a later rewrite. */
  verifiedThrough: { seq: number; auditId: number; hash: string } | null;
  /** Rows written but not sealed yet (the sealer runs every sweep interval). */
  unsealedEntries: number;
  break: ChainBreak | null;
}

interface SealedRow extends SealedContent {
  seq: string;
  prev_hash: string | null;
  hash: string | null;
}

const PAGE_SIZE = 2000;
// Every ORDER BY names audit_log's columns in full: the selects render them as text under the same names.

const SEALED_PAGE = `SELECT ${SEALED_CONTENT_COLUMNS}, seq::text AS seq, prev_hash, hash FROM audit_log
  WHERE tenant_id = $1::uuid AND seq IS NOT NULL AND (seq, id) > ($2::bigint, $3::bigint)
  ORDER BY audit_log.seq, audit_log.id LIMIT $4`;

const FIRST_UNSEALED_INSIDE = `SELECT id::text AS id, tx_id::text AS tx_id FROM audit_log
  WHERE tenant_id = $1::uuid AND seq IS NULL AND (tx_id, id) < ${SEALED_WATERMARK}
  ORDER BY audit_log.tx_id, audit_log.id LIMIT 1`;

const SEALED_AFTER = `SELECT seq::text AS seq FROM audit_log
  WHERE tenant_id = $1::uuid AND seq IS NOT NULL AND (tx_id, id) > ($2::bigint, $3::bigint)
  ORDER BY audit_log.seq LIMIT 1`;

/** A position and hash an earlier verification reported (`verifiedThrough`), kept where the database cannot change it. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/** `SEQ:HASH`, as an operator copies it from `verifiedThrough`. */
export const ANCHOR_PATTERN = /^([1-9]\d{0,15}):([0-9a-f]{64})$/;

export function parseAnchor(text: string): ChainAnchor | undefined {
  const match = ANCHOR_PATTERN.exec(text);
  return match ? { seq: Number(match[1]), hash: match[2]! } : undefined;
}

export interface VerifyOptions {
  /** Also checks that the chain still holds this entry: catches a cut-back tail or a chain recomputed from scratch. */
  anchor?: ChainAnchor;
  pageSize?: number;
}

/** Walks a tenant's chain from its first entry and reports the first break, or that it is intact. */
export async function verifyAuditChain(executor: Executor, tenantId: string, options: VerifyOptions = {}): Promise<ChainVerification> {
  const walked = await walkedVerification(executor, tenantId, options.pageSize ?? PAGE_SIZE);
  return options.anchor ? checkAnchor(executor, walked, options.anchor) : walked;
}

/**
 * A chain that verifies on its own was still rewritten if it no longer reaches the anchor or holds another hash
 * there; everything up to the anchor is then in doubt.
 */
async function checkAnchor(executor: Executor, report: ChainVerification, anchor: ChainAnchor): Promise<ChainVerification> {
  if (report.break && report.break.seq <= anchor.seq) return report;
  const reached = report.break ? report.break.seq - 1 : report.verifiedEntries;
  if (reached < anchor.seq) {
    const message = `the chain ends at position ${reached} but was anchored at position ${anchor.seq}: entries were deleted from its end`;
    return { ...report, intact: false, break: { kind: 'deleted', seq: reached + 1, auditId: null, message } };
  }
  const entry = await entryAt(executor, report.tenantId, anchor.seq);
  if (entry?.hash === anchor.hash) return report;
  const message = `the entry at position ${anchor.seq} has another hash than the anchor: the chain was rewritten at or before it`;
  return { ...report, intact: false, verifiedEntries: 0, verifiedThrough: null, break: { kind: 'edited', seq: anchor.seq, auditId: entry?.auditId ?? null, message } };
}

async function walkedVerification(executor: Executor, tenantId: string, pageSize: number): Promise<ChainVerification> {
  const walk = await walkChain(executor, tenantId, pageSize);
  const inserted = await unsealedInsideHistory(executor, tenantId, walk.lastRead);
  const insertedFirst = inserted !== null && (walk.break === null || inserted.seq < walk.break.seq);
  const found = insertedFirst ? inserted : walk.break;
  const through = insertedFirst ? await entryAt(executor, tenantId, inserted.seq - 1) : walk.lastVerified;
  const [unsealed] = (await executeRaw(executor, 'SELECT count(*)::int AS count FROM audit_log WHERE tenant_id = $1::uuid AND seq IS NULL', [tenantId])) as { count: number }[];
  return {
    tenantId,
    intact: found === null,
    verifiedEntries: through?.seq ?? 0,
    verifiedThrough: through,
    unsealedEntries: Number(unsealed?.count ?? 0),
    break: found,
  };
}

type VerifiedEntry = NonNullable<ChainVerification['verifiedThrough']>;

interface Walk {
  break: ChainBreak | null;
  lastVerified: VerifiedEntry | null;
  lastRead: SealedRow | null;
}

async function walkChain(executor: Executor, tenantId: string, pageSize: number): Promise<Walk> {
  let lastVerified: VerifiedEntry | null = null;
  let lastRead: SealedRow | null = null;
  for await (const [row, next] of withLookahead(sealedRows(executor, tenantId, pageSize))) {
    lastRead = row;
    const found = checkEntry(row, next, BigInt(lastVerified?.seq ?? 0) + 1n, lastVerified?.hash ?? GENESIS_HASH);
    if (found) return { break: found, lastVerified, lastRead };
    lastVerified = { seq: Number(row.seq), auditId: Number(row.id), hash: row.hash! };
  }
  return { break: null, lastVerified, lastRead };
}

async function entryAt(executor: Executor, tenantId: string, seq: number): Promise<VerifiedEntry | null> {
  const [row] = (await executeRaw(executor, 'SELECT id::text AS id, hash FROM audit_log WHERE tenant_id = $1::uuid AND seq = $2::bigint', [tenantId, seq])) as { id: string; hash: string }[];
  return row ? { seq, auditId: Number(row.id), hash: row.hash } : null;
}

/** The first thing wrong with `row` as the entry at position `expected` after `prevHash`, or null. */
function checkEntry(row: SealedRow, next: SealedRow | undefined, expected: bigint, prevHash: string): ChainBreak | null {
  const seq = BigInt(row.seq);
  const at = { seq: Number(expected), auditId: Number(row.id) };
  if (seq < expected) {
    return { kind: 'inserted', ...at, seq: Number(seq), message: `audit entry ${row.id} claims position ${seq}, which an earlier entry holds` };
  }
  if (seq > expected) {
    const missing = seq - 1n === expected ? `position ${expected} is` : `positions ${expected}–${seq - 1n} are`;
    return { kind: 'deleted', ...at, auditId: null, message: `${missing} missing: audit entry ${row.id} at position ${seq} follows position ${expected - 1n}` };
  }
  if (next && next.seq === row.seq) {
    const forged = entryHash(row, row.seq, row.prev_hash ?? '') === row.hash && row.prev_hash === prevHash ? next : row;
    return { kind: 'inserted', ...at, auditId: Number(forged.id), message: `audit entries ${row.id} and ${next.id} both claim position ${seq}; entry ${forged.id} was put there` };
  }
  if (entryHash(row, row.seq, row.prev_hash ?? '') !== row.hash) return mismatchAt(row, next, expected, prevHash);
  if (row.prev_hash !== prevHash) {
    return { kind: 'inserted', ...at, message: `audit entry ${row.id} at position ${seq} was not sealed after position ${expected - 1n}: it was put in the chain from outside` };
  }
  return null;
}

const RENUMBER_SEARCH = 64;

/**
 * An entry that no longer matches its hash was edited, unless the chain was renumbered around it: the next entry
 * seals correctly at this position (so this one was inserted in front of it), or this one seals correctly a few
 * positions further on (so the entries before it were deleted and the rest moved up).
 */
function mismatchAt(row: SealedRow, next: SealedRow | undefined, expected: bigint, prevHash: string): ChainBreak {
  const at = { seq: Number(expected), auditId: Number(row.id) };
  if (next && next.prev_hash === prevHash && entryHash(next, expected.toString(), prevHash) === next.hash) {
    return { kind: 'inserted', ...at, message: `audit entry ${row.id} was put at position ${expected} in front of entry ${next.id}, which was sealed there` };
  }
  const predecessorGone = row.prev_hash !== prevHash;
  for (let gap = 1n; predecessorGone && gap <= RENUMBER_SEARCH; gap += 1n) {
    if (entryHash(row, (expected + gap).toString(), row.prev_hash ?? '') !== row.hash) continue;
    return { kind: 'deleted', ...at, auditId: null, message: `${gap} entr${gap === 1n ? 'y' : 'ies'} before audit entry ${row.id} were deleted and the later positions renumbered; it was sealed at position ${expected + gap}` };
  }
  return { kind: 'edited', ...at, message: `audit entry ${row.id} at position ${expected} no longer matches its hash: its content or seal was changed` };
}

/** An unsealed row ordered before the last sealed one: the sealer never leaves such a row behind. */
async function unsealedInsideHistory(executor: Executor, tenantId: string, lastSealed: SealedRow | null): Promise<ChainBreak | null> {
  const [row] = (await executeRaw(executor, FIRST_UNSEALED_INSIDE, [tenantId])) as { id: string; tx_id: string }[];
  if (!row) return null;
  const [after] = (await executeRaw(executor, SEALED_AFTER, [tenantId, row.tx_id, row.id])) as { seq: string }[];
  const seq = Number(after?.seq ?? BigInt(lastSealed?.seq ?? 0) + 1n);
  return {
    kind: 'inserted',
    seq,
    auditId: Number(row.id),
    message: `audit entry ${row.id} is unsealed but sorts before sealed entries: it was written into the sealed history from outside, at position ${seq}`,
  };
}

async function* sealedRows(executor: Executor, tenantId: string, pageSize: number): AsyncGenerator<SealedRow> {
  let after = { seq: '0', id: '0' };
  for (;;) {
    const page = (await executeRaw(executor, SEALED_PAGE, [tenantId, after.seq, after.id, pageSize])) as SealedRow[];
    yield* page;
    if (page.length < pageSize) return;
    after = { seq: page.at(-1)!.seq, id: page.at(-1)!.id };
  }
}

async function* withLookahead<T>(source: AsyncGenerator<T>): AsyncGenerator<[T, T | undefined]> {
  let current = await source.next();
  while (!current.done) {
    const next = await source.next();
    yield [current.value, next.done ? undefined : next.value];
    current = next;
  }
}

/** Every tenant's chain, oldest tenant first. */
export async function verifyAllAuditChains(executor: Executor): Promise<ChainVerification[]> {
  const tenants = (await executeRaw(executor, 'SELECT id::text AS id FROM tenants ORDER BY tenants.created_at, tenants.id')) as { id: string }[];
  const reports: ChainVerification[] = [];
  for (const tenant of tenants) reports.push(await verifyAuditChain(executor, tenant.id));
  return reports;
}
