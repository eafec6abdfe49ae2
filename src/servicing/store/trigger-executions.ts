import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { servicingClaims, servicingTriggerExecutions } from '../schema.js';

/** Records a custom trigger on every ACTIVE claim among `claimReferences` or of `accountReferences` (spec A7). */
export async function recordTriggerExecutions(
  db: Executor,
  tenantId: string,
  input: { triggerName: string; operation: string; requestId: string | null; claimReferences: readonly string[]; accountReferences: readonly string[]; now: Date },
): Promise<number> {
  if (input.claimReferences.length === 0 && input.accountReferences.length === 0) return 0;
  const touched = [];
  if (input.claimReferences.length > 0) touched.push(inArray(servicingClaims.claimReference, [...input.claimReferences]));
  if (input.accountReferences.length > 0) touched.push(inArray(servicingClaims.accountReference, [...input.accountReferences]));
  const rows = await db.select({ claimReference: servicingClaims.claimReference }).from(servicingClaims)
    .where(and(eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.status, 'ACTIVE'), sql`(${sql.join(touched, sql` or `)})`));
  if (rows.length === 0) return 0;
  await db.insert(servicingTriggerExecutions).values(rows.map((row) => ({
    tenantId, claimReference: row.claimReference, triggerName: input.triggerName, operation: input.operation, requestId: input.requestId, at: input.now,
  })));
  return rows.length;
}
