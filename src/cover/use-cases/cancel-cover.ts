import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { checkEffectFromDate } from '../domain/application.js';
import { actionAllowed, cancellationCode, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, updateVersion } from '../store.js';
import { endVersion, factsOf, type PositionRef, recordChange, targetPosition, todayOf } from './shared.js';

const DAY_MS = 86_400_000;

export interface CancelInput extends PositionRef {
  readonly effectFromDate?: string | undefined;
}

/**
 * `PUT /covers` `cancel`: an application ends CCLA, a decision CCLD (an indication CIND). With a future date the
 * decision stays valid with pending process C until then (deliveries made before stay insured).
 */
export async function cancelCover(uow: UnitOfWork, ctx: CoverContext, input: CancelInput): Promise<Result<CoverVersionRow, CoverError>> {
  const found = await targetPosition(uow, ctx, input, false);
  if (!found.ok) return found;
  const { target, live } = found.value;
  const position = positionOf(factsOf(target));
  if (!actionAllowed('cancel', position)) return err({ code: 'INVALID_STATE', status: position });
  const today = todayOf(uow, ctx);
  const date = checkEffectFromDate(input.effectFromDate, today);
  if (!date.ok) return date;
  if (date.value > today && target.coverStatus === 'DECISION') {
    const days = Math.round((Date.parse(date.value) - Date.parse(today)) / DAY_MS);
    const pending = await updateVersion(uow.tx, target.coverId, {
      pendingProcess: 'C', pendingEffectiveDate: date.value, pendingAmount: 0, deadlineAt: new Date(uow.now.getTime() + days * DAY_MS), updatedAt: uow.now,
    });
    await recordChange(uow, 'cover.changed', 'cover.cancellation_scheduled', pending, { effectiveDate: date.value });
    return ok(pending);
  }
  // Cancelling the decision also ends an open increase application on the same position.
  for (const other of live) if (other.coverId !== target.coverId && other.openSupersede) await endVersion(uow, other, 'CCLA');
  const ended = await endVersion(uow, target, cancellationCode(factsOf(target)), { effectiveToDate: today, pendingProcess: null });
  await recordChange(uow, 'cover.changed', 'cover.cancelled', ended);
  return ok(ended);
}
