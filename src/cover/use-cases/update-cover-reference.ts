import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, updateVersion } from '../store.js';
import { factsOf, type PositionRef, recordChange, targetPosition } from './shared.js';

/** `PUT /covers` `update-reference`: only the customer's reference changes; no new decision or version. */
export async function updateCoverReference(
  uow: UnitOfWork, ctx: CoverContext, input: PositionRef & { customerRefNumber?: string | undefined },
): Promise<Result<CoverVersionRow, CoverError>> {
  if (input.customerRefNumber === undefined) return err({ code: 'REQUIRED', field: 'customerRefNumber' });
  const found = await targetPosition(uow, ctx, input, false);
  if (!found.ok) return found;
  const { target } = found.value;
  const position = positionOf(factsOf(target));
  if (!actionAllowed('update-reference', position)) return err({ code: 'INVALID_STATE', status: position });
  const updated = await updateVersion(uow.tx, target.coverId, { customerRefNumber: input.customerRefNumber, updatedAt: uow.now });
  await recordChange(uow, 'cover.changed', 'cover.reference_updated', updated, { customerRefNumber: input.customerRefNumber });
  return ok(updated);
}
