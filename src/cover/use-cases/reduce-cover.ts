import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { parseApplicationAmount } from '../domain/amounts.js';
import { neutralCodeOf } from '../domain/codes.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, insertVersion } from '../store.js';
import { continuation, endVersion, factsOf, holdGranted, type PositionRef, recordChange, targetPosition } from './shared.js';

export interface ReduceInput extends PositionRef {
  readonly creditLimitAmount?: unknown;
}

/** `PUT /covers` `reduce`: the customer lowers a live credit limit at once: new version DC09, the old one ACLD. */
export async function reduceCover(uow: UnitOfWork, ctx: CoverContext, input: ReduceInput): Promise<Result<CoverVersionRow, CoverError>> {
  const found = await targetPosition(uow, ctx, input, false);
  if (!found.ok) return found;
  const { target } = found.value;
  if (target.coverType === 'credit-check') return err({ code: 'INVALID_VALUE', field: 'coverType', detail: 'A credit-check cannot be reduced' });
  const position = positionOf(factsOf(target));
  if (!actionAllowed('reduce', position) || target.coverType !== 'credit-limit') return err({ code: 'INVALID_STATE', status: position });
  if (input.creditLimitAmount === undefined) return err({ code: 'REQUIRED', field: 'creditLimitAmount' });
  const amount = parseApplicationAmount(input.creditLimitAmount, target.currency);
  if (amount === null) return err({ code: 'INVALID_AMOUNT', field: 'creditLimitAmount' });
  if (amount >= target.firstAmount + target.secondAmount) {
    return err({ code: 'INVALID_VALUE', field: 'creditLimitAmount', detail: 'creditLimitAmount must be lower than the current decision' });
  }
  await endVersion(uow, target, 'ACLD');
  const inserted = await insertVersion(uow.tx, {
    ...continuation(target, uow.now), decisionCode: 'DC09', neutralCode: neutralCodeOf('DC09'), firstAmount: amount, secondAmount: 0,
    secondExpiryDate: null, decisionDate: uow.now,
  });
  const version = await holdGranted(uow, inserted);
  await recordChange(uow, 'cover.changed', 'cover.reduced', version, { previousCoverId: target.coverId });
  return ok(version);
}
