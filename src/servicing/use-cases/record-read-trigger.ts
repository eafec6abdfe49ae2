import type { Executor } from '../../platform/db/database.js';
import { recordTriggerExecutions } from '../store/trigger-executions.js';

/** triggerName on a read (spec §1.3): recorded on every ACTIVE claim of the accounts read; a GET writes nothing else. */
export async function recordReadTrigger(
  db: Executor, tenantId: string, input: { triggerName: string; operation: string; requestId: string; accountReferences: string[]; now: Date },
): Promise<void> {
  await recordTriggerExecutions(db, tenantId, { ...input, claimReferences: [] });
}
