import type { MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { capacityFor, lockExposureWithBuyer, remainingCapacity, type Rating } from '../../risk/api.js';
import type { Condition } from '../domain/codes.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import type { Decided } from '../domain/underwriting.js';
import { type CoverVersionRow, findVersion, lockLiveVersions, updateVersion } from '../store.js';
import { supersedeOutcome } from './supersede-cover.js';
import type { CoverContext } from '../context.js';
import { endVersion, exposureOf, factsOf, holdGranted, recordChange, scheduleNext } from './shared.js';

export const UNDERWRITER_DECISIONS = ['DC01', 'DC02', 'DC03', 'DC04', 'DC06', 'DC07'] as const;
export type UnderwriterDecision = (typeof UNDERWRITER_DECISIONS)[number] | 'RCLA';

export interface ReferralDecision {
  readonly decision: UnderwriterDecision;
  readonly firstAmount: MinorUnits;
  readonly secondAmount: MinorUnits;
  readonly secondExpiryDate: string | null;
  readonly conditions: readonly Condition[];
  readonly notes: string | null;
}

/** Back office: an underwriter decides a referred application (or drops it, RCLA); checked against the book's capacity. */
export async function decideReferral(uow: UnitOfWork, ctx: CoverContext, coverId: number, input: ReferralDecision): Promise<Result<CoverVersionRow, CoverError>> {
  const probe = await findVersion(uow.tx, uow.tenant.id, coverId);
  if (!probe) return err({ code: 'COVER_NOT_FOUND' });
  const { exposure, buyer } = await lockExposureWithBuyer(uow.tx, probe.bookId, probe.buyerCountry, probe.buyerRegistryId);
  const live = await lockLiveVersions(uow.tx, uow.tenant.id, probe.policyId, probe.buyerId);
  const application = live.find((version) => version.coverId === coverId);
  if (!application || !actionAllowed('decide', positionOf(factsOf(application)))) return err({ code: 'INVALID_STATE', status: positionOf(factsOf(probe)) });
  if (input.decision === 'RCLA') {
    const dropped = await endVersion(uow, application, 'RCLA', { notes: input.notes });
    await recordChange(uow, 'cover.decided', 'cover.referral_dropped', dropped);
    return ok(dropped);
  }
  const refused = input.decision === 'DC03' || input.decision === 'DC07';
  const granted = refused ? 0 : input.firstAmount + input.secondAmount;
  if (!refused && (granted <= 0 || granted > application.requestedAmount)) {
    return err({ code: 'INVALID_VALUE', field: 'firstAmount', detail: 'The decision must grant more than 0 and at most the amount applied for' });
  }
  const superseded = live.find((version) => version.coverId !== coverId && !version.openSupersede);
  const releasing = superseded?.exposureHeld ?? 0;
  const held = exposureOf(application.coverType, granted, application.currency) ?? 0;
  if (!buyer || held > remainingCapacity(capacityFor(buyer.rating as Rating), Math.max(0, exposure.exposure - releasing))) return err({ code: 'CAPACITY_EXCEEDED' });
  const outcome: Decided = {
    outcome: 'decided', code: input.decision, first: refused ? 0 : input.firstAmount, second: refused ? 0 : input.secondAmount,
    secondExpiryDate: input.secondExpiryDate, conditions: input.conditions,
  };
  const current = superseded ? superseded.firstAmount + superseded.secondAmount : 0;
  if (superseded) await endVersion(uow, superseded, 'SCLD');
  const decided = await updateVersion(uow.tx, coverId, {
    ...supersedeOutcome(outcome, current, uow.now), openSupersede: false, notes: input.notes, updatedAt: uow.now,
  });
  // Timers: the temporary part's expiry, and the end of a preliminary decision (DC06/DC07) when no final one follows.
  const version = await scheduleNext(uow, ctx, await holdGranted(uow, decided));
  await recordChange(uow, 'cover.decided', 'cover.referral_decided', version, { waitedMs: uow.now.getTime() - application.applicationDate.getTime() });
  return ok(version);
}
