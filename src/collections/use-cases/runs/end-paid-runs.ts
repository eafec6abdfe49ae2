import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { factsOf, RunWorkspace, type RunsContext } from './run-workspace.js';

/*
 * A payment servicing announces (`event.claimDebtPayment.processing.v1`) ends the run of a claim it paid in full
 * at once with CLAIM_PAID, instead of at the run's next step; a partial payment leaves the run where it is. At least
 * once: a run already ended is left alone.
 */
export async function endPaidRuns(uow: UnitOfWork, ctx: RunsContext, claimReferences: readonly string[]): Promise<void> {
  const workspace = await RunWorkspace.open(uow, ctx, claimReferences);
  for (const run of workspace.runs.values()) {
    const claim = workspace.claims.get(run.claimReference);
    if (run.state !== 'RUNNING' || !claim || factsOf(claim).outstanding > 0) continue;
    const dueNow = { ...run.position, cursor: { ...run.position.cursor, wakeAt: uow.now.toISOString() } };
    await workspace.advance(run, { position: dueNow });
  }
  await workspace.save();
}
