import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { ItemResult } from '../../../servicing/api.js';
import { isItemResult, liveRun, succeeded } from './item-results.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

export interface CustomTrigger {
  triggerName: string;
  triggerContext?: Record<string, unknown>;
}

/**
 * execute_custom_triggers (#31): each trigger lands in the run's log and fires the matching `wait.orEvent` or
 * reaction of the run's strategy (with `triggerContext` as `facts.trigger.context` for conditions); an unknown
 * claim is an item failure. A paused run records the trigger without acting on it.
 */
export async function executeCustomTriggers(uow: UnitOfWork, ctx: RunsContext, body: Record<string, CustomTrigger>): Promise<Record<string, ItemResult>> {
  const refs = Object.keys(body);
  const workspace = await RunWorkspace.open(uow, ctx, refs);
  const results: Record<string, ItemResult> = {};
  for (const ref of refs) {
    const trigger = body[ref]!;
    const run = liveRun(workspace, ref);
    if (isItemResult(run)) {
      results[ref] = run;
      continue;
    }
    await workspace.advance(run, { incoming: { kind: 'trigger', name: trigger.triggerName, context: trigger.triggerContext ?? {} } });
    results[ref] = succeeded();
  }
  await workspace.save();
  return results;
}
