import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { ItemResult } from '../../../servicing/api.js';
import { pause } from '../../domain/strategy/interpreter.js';
import { isItemResult, liveRun, succeeded } from './item-results.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

export interface PauseJourneyItem {
  ref: string;
  /** Optional end of the pause (collections.md §2); absent: until resume_journeys. */
  until?: Date;
}

/** pause_journeys (#23): PAUSED where it stands; already PAUSED → success (idempotent); a later item of a ref wins. */
export async function pauseJourneys(uow: UnitOfWork, ctx: RunsContext, items: readonly PauseJourneyItem[]): Promise<Record<string, ItemResult>> {
  const workspace = await RunWorkspace.open(uow, ctx, items.map((item) => item.ref));
  const results: Record<string, ItemResult> = {};
  for (const item of lastPerRef(items)) {
    const run = liveRun(workspace, item.ref);
    if (isItemResult(run)) {
      results[item.ref] = run;
      continue;
    }
    if (run.state === 'RUNNING') {
      const paused = pause(run.position, uow.now, item.until ?? null);
      workspace.record(run, { position: paused.position, log: paused.log, actions: [] });
    }
    results[item.ref] = succeeded();
  }
  await workspace.save();
  return results;
}

/** Per ref only its last item counts (spec §1.5: a later item with the same ref overwrites the earlier answer). */
export function lastPerRef<T extends { ref: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.ref, item])).values()];
}
