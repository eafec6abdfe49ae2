import { compareDates, isBusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import type { PendingProcess } from '../domain/codes.js';
import { actionAllowed, positionOf, POSTPONABLE } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, lockVersion, updateVersion } from '../store.js';
import { factsOf, recordChange, scheduleNext } from './shared.js';

/**
 * Back office: the insurer postpones its reduction or withdrawal notice to a later date (pending process P, "future
 * withdrawal postponed"); the cover stays valid at its amount until then, when the noticed change takes effect.
 */
export async function postponeInsurerNotice(
  uow: UnitOfWork, ctx: CoverContext, coverId: number, input: { effectiveDate: string; notes?: string | undefined },
): Promise<Result<CoverVersionRow, CoverError>> {
  const version = await lockVersion(uow.tx, uow.tenant.id, coverId);
  if (!version) return err({ code: 'COVER_NOT_FOUND' });
  const position = positionOf(factsOf(version));
  if (!actionAllowed('postpone-notice', position) || !POSTPONABLE.includes(version.pendingProcess as PendingProcess)) {
    return err({ code: 'INVALID_STATE', status: version.pendingProcess ? `${position} (${version.pendingProcess})` : position });
  }
  if (!isBusinessDate(input.effectiveDate) || compareDates(input.effectiveDate, version.pendingEffectiveDate ?? input.effectiveDate) <= 0) {
    return err({ code: 'INVALID_VALUE', field: 'effectiveDate', detail: 'effectiveDate must be later than the date the notice takes effect now' });
  }
  const postponed = await scheduleNext(uow, ctx, await updateVersion(uow.tx, version.coverId, {
    pendingProcess: 'P', pendingEffectiveDate: input.effectiveDate, notes: input.notes ?? version.notes, updatedAt: uow.now,
  }));
  await recordChange(uow, 'cover.changed', 'cover.insurer_notice_postponed', postponed, {
    previousEffectiveDate: version.pendingEffectiveDate, effectiveDate: input.effectiveDate,
  });
  return ok(postponed);
}
