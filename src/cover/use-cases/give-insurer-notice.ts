import type { MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { businessDateAt } from '../../platform/dates.js';
import type { CoverContext } from '../context.js';
import { neutralCodeOf } from '../domain/codes.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, lockVersion, updateVersion } from '../store.js';
import { factsOf, recordChange, scheduleNext } from './shared.js';

const DAY_MS = 86_400_000;

/**
 * The insurer reduces (newAmount > 0) or withdraws (0) a live credit limit with advance notice (DC21): the cover stays
 * valid and shows the pending process until the notice period ends, when the sweep applies it (spec §5.9).
 */
export async function giveInsurerNotice(
  uow: UnitOfWork, ctx: CoverContext, coverId: number, notice: { newAmount: MinorUnits; notes?: string; noticeDays?: number },
): Promise<Result<CoverVersionRow, CoverError>> {
  const version = await lockVersion(uow.tx, uow.tenant.id, coverId);
  if (!version) return err({ code: 'COVER_NOT_FOUND' });
  const position = positionOf(factsOf(version));
  if (!actionAllowed('insurer-notice', position) || version.coverType === 'indication') return err({ code: 'INVALID_STATE', status: position });
  const granted = version.firstAmount + version.secondAmount;
  if (!Number.isSafeInteger(notice.newAmount) || notice.newAmount < 0 || notice.newAmount >= granted) {
    return err({ code: 'INVALID_VALUE', field: 'newAmount', detail: 'newAmount must be at least 0 and below the current decision' });
  }
  const days = notice.noticeDays ?? ctx.noticeDays;
  const effectiveAt = new Date(uow.now.getTime() + days * DAY_MS);
  const updated = await updateVersion(uow.tx, version.coverId, {
    decisionCode: 'DC21', neutralCode: neutralCodeOf('DC21'), pendingProcess: notice.newAmount === 0 ? 'W' : 'F',
    pendingAmount: notice.newAmount, pendingEffectiveDate: businessDateAt(effectiveAt, ctx.timeZone),
    notes: notice.notes ?? version.notes, updatedAt: uow.now,
  });
  const scheduled = await scheduleNext(uow, ctx, updated);
  await recordChange(uow, 'cover.changed', 'cover.insurer_notice', scheduled, { newAmount: notice.newAmount, effectiveDate: updated.pendingEffectiveDate });
  return ok(scheduled);
}
