import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

/**
 * The sweep's work for one tenant: the due runs (already locked by the sweep's FOR UPDATE SKIP LOCKED) decide at
 * the tenant's time and are written back together.
 */
export async function fireDueRuns(uow: UnitOfWork, ctx: RunsContext, claimReferences: readonly string[]): Promise<number> {
  const workspace = await RunWorkspace.open(uow, ctx, claimReferences, { locked: true });
  for (const run of workspace.runs.values()) await workspace.advance(run);
  await workspace.save();
  return workspace.changes.length;
}
