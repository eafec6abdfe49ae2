// The claims handler's work queue (issue 14 point 6): the tenant's open cases whose claim waits for a person, oldest
// wait first, each with how long it has waited since its last claim status change and the deadline it waits against.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { CASE_ENTITY, caseIdOf, type ClaimStatus } from '../../domain/codes.js';
import { nonpaymentCases } from '../../schema.js';
import { type CaseRow, caseIdSql } from '../../store.js';

/** Claim statuses a person acts on: documents to chase, liability to assess, an approved indemnity to pay. */
export const WAITING_CLAIM_STATUSES = ['AWAITING_DOCUMENTS', 'IN_ASSESSMENT', 'APPROVED'] as const satisfies readonly ClaimStatus[];

export interface QueuedClaim {
  readonly caseId: string;
  readonly row: CaseRow;
  /** When the claim reached its current status. */
  readonly waitingSince: Date;
  readonly waitedSeconds: number;
  /** The deadline the current status runs against: documents, assessment or indemnity payment. */
  readonly deadline: Date | null;
  /** Seconds left until the deadline (negative once it has passed), null without one. */
  readonly secondsToDeadline: number | null;
}

function deadlineOf(row: CaseRow): Date | null {
  if (row.claimStatus === 'AWAITING_DOCUMENTS') return row.documentsDueAt;
  if (row.claimStatus === 'IN_ASSESSMENT') return row.assessmentDueAt;
  return row.paymentDueAt;
}

/** The queue as of `now` (the tenant clock), at most `limit` claims, longest wait first. */
export async function claimsQueue(executor: Executor, tenantId: string, now: Date, limit: number): Promise<QueuedClaim[]> {
  // When the claim last changed status: its last claim.status_changed event (the case's history). The entity type as a
  // literal, which the events' partial index events_tenant_entity names (migration 0047).
  const lastChange = sql<Date | string | null>`(SELECT max(e.occurred_at) FROM events e WHERE e.tenant_id = ${nonpaymentCases.tenantId}
    AND e.entity_type = ${sql.raw(`'${CASE_ENTITY}'`)} AND e.type = 'claim.status_changed' AND e.entity_id = ${sql.raw(caseIdSql('"nonpayment_cases"."case_number"'))})`;
  const rows = await executor
    .select({ row: nonpaymentCases, since: lastChange })
    .from(nonpaymentCases)
    .where(and(eq(nonpaymentCases.tenantId, tenantId), eq(nonpaymentCases.caseStatus, 'OPEN'), inArray(nonpaymentCases.claimStatus, [...WAITING_CLAIM_STATUSES])))
    .orderBy(asc(sql`coalesce(${lastChange}, ${nonpaymentCases.updatedAt})`), desc(nonpaymentCases.caseNumber))
    .limit(limit);
  return rows.map(({ row, since }) => {
    const waitingSince = since ? new Date(since) : row.updatedAt;
    const deadline = deadlineOf(row);
    return {
      caseId: caseIdOf(row.caseNumber), row, waitingSince,
      waitedSeconds: Math.max(0, Math.floor((now.getTime() - waitingSince.getTime()) / 1000)),
      deadline, secondsToDeadline: deadline === null ? null : Math.floor((deadline.getTime() - now.getTime()) / 1000),
    };
  });
}
