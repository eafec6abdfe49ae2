import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { resolveStoppedJourneys, type ClaimResolutionReason, type ItemResult } from '../../../servicing/api.js';
import { stop } from '../../domain/strategy/interpreter.js';
import { lastPerRef } from './pause-journeys.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

export interface StopJourneyItem {
  ref: string;
  reason: ClaimResolutionReason;
  description?: string;
}

/**
 * stop_journeys (#25): the claim is RESOLVED with `reason` by servicing (its rules, events and item failures:
 * unknown or already resolved claim), and its run STOPPED for good with the reason and description, in the same
 * unit of work. A claim without a run (no strategy applied) is still resolved.
 */
export async function stopJourneys(uow: UnitOfWork, ctx: RunsContext, items: readonly StopJourneyItem[]): Promise<Record<string, ItemResult>> {
  const workspace = await RunWorkspace.open(uow, ctx, items.map((item) => item.ref));
  const results = await resolveStoppedJourneys(uow, items.map(({ ref, reason }) => ({ ref, reason })));
  const descriptions = new Map<string, string | null>();
  for (const item of lastPerRef(items)) {
    const run = workspace.runs.get(item.ref);
    if (!results[item.ref]?.success || !run) continue;
    const stopped = stop(run.position, uow.now, item.reason);
    workspace.record(run, { position: stopped.position, log: stopped.log, actions: stopped.actions });
    descriptions.set(item.ref, item.description ?? null);
  }
  await workspace.save({ stopDescriptions: descriptions });
  return results;
}
