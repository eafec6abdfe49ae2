import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { startPosition } from '../../domain/strategy/interpreter.js';
import { factsOf, RunWorkspace, type RunsContext } from './run-workspace.js';

/** The servicing event that makes a claim ACTIVE (created, imported, recreated): its id, claim and business time. */
export interface ClaimActivated {
  eventId: number;
  claimReference: string;
  occurredAt: Date;
}

export type StartOutcome = 'started' | 'restarted' | 'already-handled' | 'claim-not-active' | 'no-strategy';

/**
 * A claim became ACTIVE: its run starts at step 1 of the strategy the tenant's rules choose (recreate_claims: a new
 * run number, from step 1 again). Idempotent: the run remembers the event that started it, so a redelivered or
 * older event changes nothing. The first decision is taken at once (the start time is the event's).
 */
export async function startRun(uow: UnitOfWork, ctx: RunsContext, activated: ClaimActivated): Promise<StartOutcome> {
  const workspace = await RunWorkspace.open(uow, ctx, [activated.claimReference]);
  const existing = workspace.runs.get(activated.claimReference);
  if (existing?.startedByEvent != null && existing.startedByEvent >= activated.eventId) return 'already-handled';
  const claim = workspace.claims.get(activated.claimReference);
  if (!claim || claim.status !== 'ACTIVE') return 'claim-not-active';
  const chosen = await ctx.strategies.choose(uow.tx, uow.tenant.id, factsOf(claim));
  if (!chosen) return 'no-strategy';
  const startAt = activated.occurredAt.getTime() <= uow.now.getTime() ? activated.occurredAt : uow.now;
  await workspace.advance({
    claimReference: activated.claimReference, runNo: (existing?.runNo ?? 0) + 1, debtorKey: null, strategyKey: chosen.key,
    strategyVersion: chosen.version, position: startPosition(chosen.document, startAt), state: 'RUNNING', startedByEvent: activated.eventId,
  }, { started: true });
  await workspace.save();
  return existing ? 'restarted' : 'started';
}
