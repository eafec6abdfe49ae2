// What a scheduled change does when it takes effect, shared by the timer use case (apply-due-change.ts) and by the
// staff actions that take effect at once when their date is today (revise-cover-terms.ts, transfer-covers.ts).
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { type Condition, neutralCodeOf } from '../domain/codes.js';
import { type CoverVersionRow, findPolicy, insertVersion, lockLiveVersions, updateVersion } from '../store.js';
import { continuation, NO_PENDING_CHANGE, policyIsLive, recordChange, reissue, scheduleNext, todayOf } from './shared.js';

/** Revised terms of cover (DC10): a new version with the new conditions at the same amount, the old one ACLD. */
export async function reviseVersionTerms(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow, conditions: readonly Condition[]): Promise<CoverVersionRow> {
  return reissue(uow, ctx, version, 'ACLD', {
    decisionCode: 'DC10', neutralCode: neutralCodeOf('DC10'), conditions: [...conditions], decisionDate: uow.now, notes: version.notes,
  }, 'cover.terms_revised');
}

export type TransferOutcome = { readonly moved: CoverVersionRow } | { readonly kept: CoverVersionRow; readonly reason: string };

/**
 * A version moves to another policy of its customer: a decision is re-issued there (DC11, same amounts and
 * conditions; the old version TCLD), an open application continues there (the old one TCLA). Decision: when the
 * target policy is no longer live, or already holds a position on the buyer, the cover stays where it is.
 */
export async function transferVersion(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow, toPolicyId: number): Promise<TransferOutcome> {
  const target = await findPolicy(uow.tx, uow.tenant.id, toPolicyId);
  const occupied = await lockLiveVersions(uow.tx, uow.tenant.id, toPolicyId, version.buyerId);
  const reason = !target || !policyIsLive(target, todayOf(uow, ctx)) ? 'the target policy is not live'
    : occupied.length > 0 ? 'the target policy already holds a position on this buyer' : null;
  if (reason !== null) {
    const kept = await scheduleNext(uow, ctx, await updateVersion(uow.tx, version.coverId, { ...NO_PENDING_CHANGE, updatedAt: uow.now }));
    await recordChange(uow, 'cover.changed', 'cover.transfer_failed', kept, { toPolicyId: String(toPolicyId), reason });
    return { kept, reason };
  }
  if (version.coverStatus === 'REFERRED') return { moved: await continueApplication(uow, ctx, version, toPolicyId) };
  return {
    moved: await reissue(uow, ctx, version, 'TCLD', {
      policyId: toPolicyId, ...reissuedDecision(version), decisionDate: uow.now, notes: version.notes,
    }, 'cover.transferred'),
  };
}

/** Decision: a limit is re-issued (DC11); a zero decision moves as the refusal it is (its code kept). */
function reissuedDecision(version: CoverVersionRow) {
  if (version.firstAmount + version.secondAmount === 0) return { decisionCode: version.decisionCode, neutralCode: version.neutralCode };
  return { decisionCode: 'DC11', neutralCode: neutralCodeOf('DC11') };
}

async function continueApplication(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow, toPolicyId: number): Promise<CoverVersionRow> {
  await updateVersion(uow.tx, version.coverId, { ...NO_PENDING_CHANGE, historicCode: 'TCLA', endedAt: uow.now, updatedAt: uow.now, deadlineAt: null });
  const moved = await insertVersion(uow.tx, { ...continuation(version, uow.now), policyId: toPolicyId, referralReason: version.referralReason });
  await recordChange(uow, 'cover.changed', 'cover.transferred', moved, { previousCoverId: version.coverId });
  return scheduleNext(uow, ctx, moved);
}
