// Reads for the staff console's buyer file: a buyer's non-payment cases in the tenant and the recoveries on them.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { nonpaymentCases, nonpaymentRecoveries } from './schema.js';
import type { CaseRow, RecoveryRow } from './store.js';

/** The tenant's cases on a buyer (its public number), newest first. */
export async function casesOnBuyer(executor: Executor, tenantId: string, buyerId: number, limit: number): Promise<CaseRow[]> {
  return executor.select().from(nonpaymentCases)
    .where(and(eq(nonpaymentCases.tenantId, tenantId), eq(nonpaymentCases.buyerId, buyerId)))
    .orderBy(desc(nonpaymentCases.caseNumber)).limit(limit);
}

/** The money recovered on those cases, oldest first. */
export async function recoveriesOnCases(executor: Executor, tenantId: string, caseNumbers: readonly number[]): Promise<RecoveryRow[]> {
  if (caseNumbers.length === 0) return [];
  return executor.select().from(nonpaymentRecoveries)
    .where(and(eq(nonpaymentRecoveries.tenantId, tenantId), inArray(nonpaymentRecoveries.caseNumber, [...caseNumbers])))
    .orderBy(nonpaymentRecoveries.recordedAt);
}
