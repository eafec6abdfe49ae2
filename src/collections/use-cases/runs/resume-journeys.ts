import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { ItemResult } from '../../../servicing/api.js';
import { resume } from '../../domain/strategy/interpreter.js';
import { isItemResult, liveRun, succeeded } from './item-results.js';
import { lastPerRef } from './pause-journeys.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

/**
 * resume_journeys (#24): RUNNING where it left off, decided at once (a wait that expired during the pause fires
 * now, once); already RUNNING → success; stopped or resolved → item failure.
 */
export async function resumeJourneys(uow: UnitOfWork, ctx: RunsContext, items: readonly { ref: string }[]): Promise<Record<string, ItemResult>> {
  const workspace = await RunWorkspace.open(uow, ctx, items.map((item) => item.ref));
  const results: Record<string, ItemResult> = {};
  for (const item of lastPerRef(items)) {
    const run = liveRun(workspace, item.ref);
    if (isItemResult(run)) {
      results[item.ref] = run;
      continue;
    }
    if (run.state === 'PAUSED') {
      const resumed = resume(run.position, uow.now);
      await workspace.advance(run, { position: resumed.position, log: resumed.log });
    }
    results[item.ref] = succeeded();
  }
  await workspace.save();
  return results;
}
