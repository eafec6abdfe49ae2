import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { capacityFor, lockExposureWithBuyer, remainingCapacity, type Rating } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { checkEffectFromDate } from '../domain/application.js';
import { type HistoricCode, neutralCodeOf } from '../domain/codes.js';
import { actionAllowed, positionOf, REACTIVATABLE } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, findPolicy, findVersion, insertVersion, lockLiveVersions } from '../store.js';
import { continuation, exposureOf, factsOf, holdGranted, policyIsLive, recordChange, scheduleNext, todayOf } from './shared.js';

/**
 * Back office: the insurer reactivates a decision that was cancelled, withdrawn or expired. The limit is re-issued as
 * a new live version of the position (DC11) at the ended decision's total as one permanent amount, with its
 * conditions, holding the buyer's capacity from now. With a later `effectiveDate` the cover starts then
 * (`effectFromDate`) and shows pending process R ("Pending Reactivation") until that date.
 */
export async function reactivateCover(
  uow: UnitOfWork, ctx: CoverContext, coverId: number, input: { effectiveDate?: string | undefined; notes?: string | undefined },
): Promise<Result<CoverVersionRow, CoverError>> {
  const ended = await findVersion(uow.tx, uow.tenant.id, coverId);
  if (!ended) return err({ code: 'COVER_NOT_FOUND' });
  const position = positionOf(factsOf(ended));
  if (!actionAllowed('reactivate', position) || !REACTIVATABLE.includes(ended.historicCode as HistoricCode)) {
    return err({ code: 'INVALID_STATE', status: ended.historicCode ?? position });
  }
  const today = todayOf(uow, ctx);
  const policy = await findPolicy(uow.tx, uow.tenant.id, ended.policyId);
  if (!policy || !policyIsLive(policy, today)) return err({ code: 'POLICY_NOT_LIVE' });
  const date = checkEffectFromDate(input.effectiveDate, today);
  if (!date.ok) return err({ code: 'INVALID_DATE', field: 'effectiveDate' });
  // The buyer's exposure row first, then the position: the lock order of every cover change.
  const { exposure, buyer } = await lockExposureWithBuyer(uow.tx, ended.bookId, ended.buyerCountry, ended.buyerRegistryId);
  if ((await lockLiveVersions(uow.tx, uow.tenant.id, ended.policyId, ended.buyerId)).length > 0) return err({ code: 'COVER_EXISTS' });
  const granted = ended.firstAmount + ended.secondAmount;
  const held = exposureOf(ended.coverType, granted, ended.currency) ?? 0;
  if (granted === 0) return err({ code: 'INVALID_STATE', status: 'ZERO' });
  if (!buyer || exposure.openClaims > 0 || held > remainingCapacity(capacityFor(buyer.rating as Rating), exposure.exposure)) return err({ code: 'CAPACITY_EXCEEDED' });
  const later = date.value > today;
  const inserted = await insertVersion(uow.tx, {
    ...continuation(ended, uow.now), coverStatus: 'DECISION', decisionCode: 'DC11', neutralCode: neutralCodeOf('DC11'),
    firstAmount: granted, secondAmount: 0, secondExpiryDate: null, decisionDate: uow.now, effectFromDate: date.value,
    notes: input.notes ?? ended.notes, pendingProcess: later ? 'R' : null, pendingEffectiveDate: later ? date.value : null,
  });
  const reactivated = await scheduleNext(uow, ctx, await holdGranted(uow, inserted));
  await recordChange(uow, 'cover.decided', 'cover.reactivated', reactivated, { previousCoverId: ended.coverId, effectiveDate: date.value });
  return ok(reactivated);
}
