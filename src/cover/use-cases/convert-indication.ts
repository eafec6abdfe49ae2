import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { capacityFor, lockExposureWithBuyer, remainingCapacity, type Rating } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, findVersion, insertVersion, lockVersion, updateVersion } from '../store.js';
import { continuation, exposureOf, factsOf, moveExposure, recordChange, scheduleNext, todayOf } from './shared.js';
import { checkEffectFromDate } from '../domain/application.js';

/**
 * `PUT|PATCH /covers/{coverId}/cover-type`: an indication becomes a credit limit at once and from now on counts on the
 * book; the coverId is kept and the indication version is stored as historic (ACLD). Decision: a conversion the
 * buyer's remaining capacity cannot hold is refused, so the book is never overbooked.
 */
export async function convertIndication(uow: UnitOfWork, ctx: CoverContext, coverId: number, effectFromDate?: string): Promise<Result<CoverVersionRow, CoverError>> {
  const probe = await findVersion(uow.tx, uow.tenant.id, coverId);
  if (!probe) return err({ code: 'COVER_NOT_FOUND' });
  // The buyer's exposure row first, then the version: the lock order of every cover change.
  const { exposure, buyer } = await lockExposureWithBuyer(uow.tx, probe.bookId, probe.buyerCountry, probe.buyerRegistryId);
  const version = await lockVersion(uow.tx, uow.tenant.id, coverId);
  if (!version) return err({ code: 'COVER_NOT_FOUND' });
  const position = positionOf(factsOf(version));
  if (version.coverType !== 'indication' || !actionAllowed('convert', position)) return err({ code: 'INVALID_STATE', status: version.historicCode ? 'HISTORIC' : position });
  const today = todayOf(uow, ctx);
  const date = checkEffectFromDate(effectFromDate, today);
  if (!date.ok) return date;
  const held = exposureOf('credit-limit', version.firstAmount + version.secondAmount, version.currency);
  if (held === null || !buyer || exposure.openClaims > 0 || held > remainingCapacity(capacityFor(buyer.rating as Rating), exposure.exposure)) {
    return err({ code: 'CAPACITY_EXCEEDED' });
  }
  await moveExposure(uow, version, held);
  if (date.value > today) return ok(await scheduleConversion(uow, ctx, version, date.value, held));
  await insertVersion(uow.tx, { ...continuation(version, uow.now), historicCode: 'ACLD', endedAt: uow.now, previousCoverId: null });
  const converted = await updateVersion(uow.tx, version.coverId, {
    coverType: 'credit-limit', effectFromDate: today, exposureHeld: held, updatedAt: uow.now,
  });
  await recordChange(uow, 'cover.changed', 'cover.converted', converted);
  return ok(converted);
}

/**
 * Decision: a conversion asked for a later `effectFromDate` ([X]; the seed's conversion is immediate) shows pending
 * process V until that date and takes the buyer's capacity now, so it cannot fail when it takes effect.
 */
async function scheduleConversion(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow, date: string, held: number): Promise<CoverVersionRow> {
  const pending = await scheduleNext(uow, ctx, await updateVersion(uow.tx, version.coverId, {
    pendingProcess: 'V', pendingEffectiveDate: date, exposureHeld: held, updatedAt: uow.now,
  }));
  await recordChange(uow, 'cover.changed', 'cover.conversion_scheduled', pending, { effectiveDate: date });
  return pending;
}
