import { and, eq, like, or, sql } from 'drizzle-orm';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { sourceEventTag } from '../../domain/strategy/interpreter.js';
import { collectionsRunEvents } from '../../schema/runs.js';
import type { RunRow } from './run-store.js';
import { RunWorkspace, type RunsContext } from './run-workspace.js';

/** A debtor commitment that ended broken (`promise.broken`, `instalment_plan.broken`) on these claims. */
export interface BrokenCommitment {
  eventId: number;
  type: string;
  claimReferences: readonly string[];
}

/*
 * collections.md §1/§5: a promise or instalment plan holds the journey's messages; once broken, the journey resumes.
 * Each live run of the claims gets the event (a wait awaiting it ends, a reaction to it fires) and a message held
 * by the commitment is tried at once instead of at its next daily retry. At least once: a run whose log already
 * names the source event is left alone.
 */
export async function resumeOnBrokenCommitment(uow: UnitOfWork, ctx: RunsContext, broken: BrokenCommitment): Promise<void> {
  const workspace = await RunWorkspace.open(uow, ctx, broken.claimReferences);
  for (const run of workspace.runs.values()) {
    if (run.state === 'STOPPED' || run.state === 'ENDED') continue;
    if (await alreadyReceived(uow, run.claimReference, broken.eventId)) continue;
    const position = await heldMessageRetriedNow(workspace, run);
    await workspace.advance(run, { incoming: { kind: 'event', name: broken.type, sourceEventId: broken.eventId }, ...(position ? { position } : {}) });
  }
  await workspace.save();
}

async function alreadyReceived(uow: UnitOfWork, claimReference: string, eventId: number): Promise<boolean> {
  const [row] = await uow.tx.select({ id: collectionsRunEvents.id }).from(collectionsRunEvents).where(and(
    eq(collectionsRunEvents.tenantId, uow.tenant.id), eq(collectionsRunEvents.claimReference, claimReference),
    or(like(collectionsRunEvents.reason, `%${sourceEventTag(eventId)}%`), like(sql`${collectionsRunEvents.entries}::text`, `%${sourceEventTag(eventId)}%`)),
  )).limit(1);
  return row !== undefined;
}

/** A run waiting on a message step (a held message's retry) is due now; any other position is kept as it is. */
async function heldMessageRetriedNow(workspace: RunWorkspace, run: RunRow): Promise<RunRow['position'] | undefined> {
  const { cursor } = run.position;
  if (run.state !== 'RUNNING' || cursor.wakeAt === null || Date.parse(cursor.wakeAt) <= workspace.uow.now.getTime()) return undefined;
  const document = await workspace.document(run.strategyKey, run.strategyVersion);
  const step = document?.steps.find((candidate) => candidate.id === cursor.stepId);
  if (step?.type !== 'message') return undefined;
  return { ...run.position, cursor: { ...cursor, wakeAt: workspace.uow.now.toISOString() } };
}
